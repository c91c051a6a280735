"""Reads after the event: who sees the documentation, participants, attachments, feedback.

Visibility (docs/events.md, "Documentation and feedback"):
- Organisers always see everything, also before publishing.
- Everyone else sees the documentation only once it is published, and only if they may see
  the event: public → everyone; network members only and Chatham House → logged-in
  network members (`queries.is_network_viewer`).
- Chatham House rule: content may be used, speakers are not attributed outside the group of
  participants: speaker names are shown only to organisers and participants (registered or
  attended); others see the presenting municipality or organisation only.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes, StoredPdf
from stadtgespraeche.events import queries
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.enums import RegistrationStatus

# Registrations whose people count as participants (feedback, speaker names, e-mails).
PARTICIPANT_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
# Event statuses after which feedback may be given.
AFTER_EVENT_STATUSES = (EventStatus.HELD, EventStatus.DOCUMENTED)
# Event statuses in which the documentation may be published ("documented" only for events
# set to it without their documentation before it followed from publishing).
PUBLISHABLE_STATUSES = (EventStatus.HELD, EventStatus.DOCUMENTED)


def participants(event: Event) -> QuerySet[User]:
    """Active people registered for or attending `event`."""
    return User.objects.filter(
        is_active=True,
        event_registrations__event=event,
        event_registrations__status__in=PARTICIPANT_STATUSES,
    ).distinct()


def is_participant(user: Any, event: Event) -> bool:
    if not queries.is_network_viewer(user):
        return False
    return event.registrations.filter(user=user, status__in=PARTICIPANT_STATUSES).exists()


def has_ended(event: Event) -> bool:
    return event.status in AFTER_EVENT_STATUSES and event.ends_at <= timezone.now()


def event_visible_to(user: Any, event: Event) -> bool:
    """The same decision as `queries.visible_events`, for one event and without a query."""
    if queries.is_organiser_viewer(user):
        return True
    if event.status in queries.HIDDEN_EVENT_STATUSES:
        return False
    return event.confidentiality == Confidentiality.PUBLIC or queries.is_network_viewer(user)


def minutes_of(event: Event) -> Minutes | None:
    return Minutes.objects.filter(event=event).select_related("published_by").first()


def is_documentation_published(event: Event) -> bool:
    return Minutes.objects.filter(event=event, published_at__isnull=False).exists()


def can_view_documentation(user: Any, event: Event) -> bool:
    if queries.is_organiser_viewer(user):
        return True
    # Publishing moves the event to "documented": other events need no query.
    return (
        event.status == EventStatus.DOCUMENTED
        and event_visible_to(user, event)
        and is_documentation_published(event)
    )


def shows_speakers(user: Any, event: Event) -> bool:
    """Whether `user` may see who spoke (Chatham House rule: participants and organisers)."""
    if event.confidentiality != Confidentiality.CHATHAM_HOUSE:
        return True
    return queries.is_organiser_viewer(user) or is_participant(user, event)


def can_publish(event: Event, minutes: Minutes | None) -> bool:
    """Whether the documentation of `event` may be published now (publish_documentation)."""
    return (
        event.status in PUBLISHABLE_STATUSES
        and event.ends_at <= timezone.now()
        and not (minutes is not None and minutes.is_published)
    )


def attachments_of(event: Event) -> QuerySet[Attachment]:
    """The event's general attachments (not the slides of agenda items)."""
    return Attachment.objects.filter(event=event, agenda_item__isnull=True).order_by(
        "created_at", "id"
    )


def slides_of(event: Event) -> QuerySet[Attachment]:
    """The slides of the event's agenda items, in agenda order."""
    return (
        Attachment.objects.filter(event=event, agenda_item__isnull=False)
        .select_related("agenda_item", "agenda_item__municipality")
        .order_by("agenda_item__starts_at", "agenda_item__id")
    )


def all_files_of(event: Event) -> QuerySet[Attachment]:
    return Attachment.objects.filter(event=event).order_by("created_at", "id")


def feedback_of(user: Any, event: Event) -> Feedback | None:
    if not queries.is_network_viewer(user):
        return None
    return Feedback.objects.filter(event=event, user=user).first()


def can_give_feedback(user: Any, event: Event) -> bool:
    return (
        has_ended(event)
        and is_participant(user, event)
        and not Feedback.objects.filter(event=event, user=user).exists()
    )


@dataclass
class FeedbackSummary:
    count: int = 0
    average: float | None = None
    # (rating, count, percent) for 5 down to 1.
    distribution: list[tuple[int, int, int]] = field(default_factory=list)
    useful: list[str] = field(default_factory=list)
    topic_wishes: list[str] = field(default_factory=list)


def feedback_summary(event: Event) -> FeedbackSummary:
    """The aggregate organisers see (no names): count, average, distribution, texts."""
    feedback = Feedback.objects.filter(event=event)
    totals = feedback.aggregate(count=Count("id"), average=Avg("rating"))
    per_rating = dict(
        feedback.values_list("rating")
        .annotate(total=Count("id"))
        .order_by()
        .values_list("rating", "total")
    )
    count = totals["count"] or 0
    texts = list(feedback.order_by("created_at", "id").values_list("useful", "topic_wishes"))
    return FeedbackSummary(
        count=count,
        average=round(totals["average"], 1) if totals["average"] is not None else None,
        distribution=[
            (
                rating,
                per_rating.get(rating, 0),
                round(100 * per_rating.get(rating, 0) / count) if count else 0,
            )
            for rating in range(5, 0, -1)
        ],
        useful=[useful for useful, _wishes in texts if useful.strip()],
        topic_wishes=[wishes for _useful, wishes in texts if wishes.strip()],
    )


def events_with_feedback() -> QuerySet[Event]:
    """Held and documented events with their feedback count, newest first (dashboard)."""
    return (
        Event.objects.filter(status__in=AFTER_EVENT_STATUSES)
        .select_related("series")
        .annotate(feedback_count=Count("feedback"), feedback_average=Avg("feedback__rating"))
        .order_by("-starts_at")
    )


def stored_pdf(event: Event, *, language: str, speakers_visible: bool) -> StoredPdf | None:
    """The stored PDF of one variant of `event`'s documentation, if the worker rendered it."""
    return StoredPdf.objects.filter(
        event=event, language=language, speakers_visible=speakers_visible
    ).first()
