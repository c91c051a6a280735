"""Discussions of a Stadtgespräch: the owner link (`EventThread`) and the access policy.

`discussions` knows nothing of events (DESIGN.md section 3): this module holds the link from
an event to its threads and registers, at start-up (`EventsConfig.ready`), who may see and
post in them. Visibility follows the event (`queries.visible_events`): public events have
public threads, network and Chatham House events are for logged-in network members. Under
the Chatham House rule only participants (a place-holding registration) and organisers see
names and may post; everyone who may see the event may post in its other threads.
"""

from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.discussions import access
from stadtgespraeche.discussions import queries as discussion_queries
from stadtgespraeche.discussions import services as discussion_services
from stadtgespraeche.discussions.exceptions import NotAllowed
from stadtgespraeche.discussions.models import Thread
from stadtgespraeche.events import participation, queries
from stadtgespraeche.events.enums import Confidentiality
from stadtgespraeche.events.models import Event

KIND = "event"


class EventThread(models.Model):
    """Links a thread to the Stadtgespräch it belongs to (one event, many threads)."""

    event = models.ForeignKey(
        Event, verbose_name=_("Stadtgespräch"), on_delete=models.CASCADE, related_name="threads"
    )
    thread = models.OneToOneField(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion of a Stadtgespräch")
        verbose_name_plural = _("discussions of Stadtgespräche")

    def __str__(self) -> str:
        return f"{self.event} – {self.thread}"


def event_of(thread: Thread) -> Event | None:
    """The event of `thread` (cached on the thread instance: one query per page)."""
    if not hasattr(thread, "_owner_event"):
        link = EventThread.objects.select_related("event").filter(thread=thread).first()
        thread._owner_event = link.event if link else None  # type: ignore[attr-defined]
    return thread._owner_event  # type: ignore[attr-defined]


def is_participant(event: Event, user: Any) -> bool:
    return access.is_active_person(user) and participation.is_participant(event, user)


def _is_visible(event: Event | None, user: Any) -> bool:
    return event is not None and queries.is_visible_to(event, user)


def _may_post(event: Event | None, user: Any) -> bool:
    if event is None or not _is_visible(event, user):
        return False
    if event.confidentiality == Confidentiality.CHATHAM_HOUSE:
        return is_participant(event, user)
    return access.is_active_person(user)


def _visible_cached(thread: Thread, user: Any) -> bool:
    """Whether `user` sees the thread's event, asked once per thread instance and person."""
    cache: dict[Any, bool] = thread.__dict__.setdefault("_event_visible", {})
    key = user.pk if access.is_active_person(user) else None
    if key not in cache:
        cache[key] = _is_visible(event_of(thread), user)
    return cache[key]


def can_view(thread: Thread, user: Any) -> bool:
    return _visible_cached(thread, user)


def can_post(thread: Thread, user: Any) -> bool:
    event = event_of(thread)
    if event is None or not _visible_cached(thread, user):
        return False
    if event.confidentiality == Confidentiality.CHATHAM_HOUSE:
        return is_participant(event, user)
    return access.is_active_person(user)


def show_names(thread: Thread, user: Any) -> bool:
    event = event_of(thread)
    if event is None:
        return False
    if event.confidentiality == Confidentiality.CHATHAM_HOUSE:
        return is_participant(event, user)
    return True


def owner(thread: Thread) -> access.Owner | None:
    event = event_of(thread)
    return access.Owner(label=event.title, url=event.get_absolute_url()) if event else None


def owner_by_id(event_id: int) -> access.Owner | None:
    event = Event.objects.filter(pk=event_id).first()
    return access.Owner(label=event.title, url=event.get_absolute_url()) if event else None


def can_start(event_id: int, user: Any) -> bool:
    return _may_post(Event.objects.filter(pk=event_id).first(), user)


def can_start_on(event: Event, user: Any) -> bool:
    """`can_start` for an event already loaded (the detail page): no second read of it."""
    return access.is_active_person(user) and _may_post(event, user)


@transaction.atomic
def start_event_thread(event_id: int, *, title: str, body: str, by: User) -> Thread:
    """Start a thread on an event with its first post (all or nothing)."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not (_may_post(event, by) or access.is_moderator(by)):
        raise NotAllowed
    thread = discussion_services.start_thread(owner_kind=KIND, title=title, by=by)
    EventThread.objects.create(event=event, thread=thread)
    discussion_services.add_post(thread, body=body, by=by)
    return thread


def threads_of(event: Event) -> QuerySet[Thread]:
    """The threads of `event` with their post counts, most recently active first."""
    return discussion_queries.with_post_counts(
        Thread.objects.filter(
            owner_kind=KIND, pk__in=EventThread.objects.filter(event=event).values("thread_id")
        )
    ).order_by(models.F("last_posted_at").desc(nulls_last=True), "-pk")


def register() -> None:
    access.register(
        KIND,
        label=_("Stadtgespräch"),
        can_view=can_view,
        can_post=can_post,
        show_names=show_names,
        owner=owner,
        owner_by_id=owner_by_id,
        can_start=can_start,
        start=start_event_thread,
    )
