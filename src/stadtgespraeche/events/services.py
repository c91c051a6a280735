"""Writes of the events app: membership of municipalities in a series and applications."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events import changes, queries
from stadtgespraeche.events import speakers as speaker_notices
from stadtgespraeche.events.enums import (
    DOCUMENTATION_TRANSITION,
    EVENT_TRANSITIONS,
    PROPOSAL_EVENT_STATUSES,
    AgendaItemKind,
    EventStatus,
)
from stadtgespraeche.events.exceptions import (
    AgendaTimeError,
    EventError,
    InvalidTransition,
    ProposalAlreadyDecided,
    ProposalNotAllowed,
)
from stadtgespraeche.events.models import AgendaItem, Event, ImpulseProposal
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network.enums import ApplicationStatus
from stadtgespraeche.network.models import Series

# How far after its model a duplicated event is placed; the organiser adjusts the dates.
DUPLICATE_OFFSET = timedelta(weeks=4)


def _unique_event_slug(title: str, number: int, *, exclude: int | None = None) -> str:
    base = slugify(f"{number}-{title}")[:200] or f"stadtgespraech-{number}"
    slug, counter = base, 2
    others = Event.objects.exclude(pk=exclude) if exclude is not None else Event.objects.all()
    while others.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise EventError(_("The end must be after the start."))


def check_agenda_item_time(event: Event, *, starts_at: datetime, duration: int) -> None:
    """Refuse an agenda item without duration or outside the time of `event`."""
    if duration < 1:
        raise AgendaTimeError(
            _("An agenda item needs a duration of at least 1 minute."), field="duration"
        )
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    times = {
        "start": formats.date_format(start, "SHORT_DATETIME_FORMAT"),
        "end": formats.time_format(end, "TIME_FORMAT"),
    }
    # Forms give times to the minute: an event starting at 18:00:30 has an item at 18:00.
    earliest = event.starts_at.replace(second=0, microsecond=0)
    if starts_at < earliest or starts_at >= event.ends_at:
        raise AgendaTimeError(
            _("The agenda item must start within the Stadtgespräch (%(start)s to %(end)s).")
            % times,
            field="starts_at",
        )
    if starts_at + timedelta(minutes=duration) > event.ends_at:
        raise AgendaTimeError(
            _("The agenda item must end by the end of the Stadtgespräch (%(end)s).") % times,
            field="duration",
        )


@transaction.atomic
def create_event(
    *,
    series: Series,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    by: User | None,
    **fields: Any,
) -> Event:
    """Create a draft event with the next number of its series."""
    _check_times(starts_at, ends_at)
    m2m = {name: fields.pop(name) for name in ("hosts", "co_hosts", "topics") if name in fields}
    # Lock the series so that two events created at once do not get the same number.
    Series.objects.select_for_update().filter(pk=series.pk).first()
    number = queries.next_event_number(series)
    event = Event.objects.create(
        series=series,
        number=number,
        title=title,
        slug=_unique_event_slug(title, number),
        starts_at=starts_at,
        ends_at=ends_at,
        status=EventStatus.DRAFT,
        **fields,
    )
    for name, values in m2m.items():
        getattr(event, name).set(values)
    log_action("events.event.created", actor=by, obj=event, data={"title": title})
    indexing.changed(event)
    return event


@transaction.atomic
def update_event(event: Event, *, by: User | None, **fields: Any) -> Event:
    """Change an event's details (not its status: see transition_event)."""
    m2m = {name: fields.pop(name) for name in ("hosts", "co_hosts", "topics") if name in fields}
    fields.pop("status", None)
    before = changes.snapshot(event)
    previous_start, previous_title = event.starts_at, event.title
    for name, value in fields.items():
        setattr(event, name, value)
    _check_times(event.starts_at, event.ends_at)
    if event.title != previous_title and event.status == EventStatus.DRAFT:
        # A draft has never been public under its address: it follows its (new) title.
        event.slug = _unique_event_slug(event.title, event.number, exclude=event.pk)
    event.save()
    shift = event.starts_at - previous_start
    if shift:
        # The agenda moves with the event (e.g. a duplicated event put on its real date).
        for item in AgendaItem.objects.filter(event=event):
            item.starts_at += shift
            item.save(update_fields=["starts_at", "updated_at"])
    for name, values in m2m.items():
        getattr(event, name).set(values)
    log_action("events.event.updated", actor=by, obj=event, data={"fields": sorted(fields)})
    changes.record_event_change(event, before, by=by)
    indexing.changed(event)
    return event


def allowed_transitions(event: Event) -> list[EventStatus]:
    return [EventStatus(status) for status in EVENT_TRANSITIONS[event.status]]


@transaction.atomic
def transition_event(event: Event, *, to: EventStatus | str, by: User | None) -> Event:
    """Move `event` to status `to` if the transition table allows it; audited.

    "Documented" is refused here: it follows only from publishing the documentation
    (mark_documented).
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    target = EventStatus(to)
    current = EventStatus(locked.status)
    if target not in EVENT_TRANSITIONS[current]:
        if target == EventStatus.DOCUMENTED:
            raise InvalidTransition(
                _(
                    "A Stadtgespräch cannot be set to “documented”: it is documented by "
                    "publishing its documentation."
                )
            )
        raise InvalidTransition(
            _("A Stadtgespräch cannot move from “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    return _set_status(event, locked, current=current, target=target, by=by)


@transaction.atomic
def mark_documented(event: Event, *, by: User | None) -> Event:
    """Set a held event to "documented"; only for publishing the documentation."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    current = EventStatus(locked.status)
    source, target = DOCUMENTATION_TRANSITION
    if current != source:
        raise InvalidTransition(
            _("A Stadtgespräch cannot move from “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    return _set_status(event, locked, current=current, target=target, by=by)


def _set_status(
    event: Event, locked: Event, *, current: EventStatus, target: EventStatus, by: User | None
) -> Event:
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    log_action(
        "events.event.status_changed",
        actor=by,
        obj=locked,
        data={"from": current.value, "to": target.value},
    )
    changes.record_event_status_change(locked, previous=current, by=by)
    indexing.changed(locked)
    event.status = target
    event.sequence = locked.sequence
    return locked


def _shifted(moment: datetime | None, offset: timedelta) -> datetime | None:
    return None if moment is None else moment + offset


@transaction.atomic
def duplicate_event(event: Event, *, by: User | None) -> Event:
    """A draft copy of `event` as the next of its series, DUPLICATE_OFFSET later, with agenda."""
    offset = DUPLICATE_OFFSET
    copy = create_event(
        series=event.series,
        title=event.title,
        starts_at=event.starts_at + offset,
        ends_at=event.ends_at + offset,
        by=by,
        description=event.description,
        format=event.format,
        venue_address=event.venue_address,
        venue_municipality=event.venue_municipality,
        online_info=event.online_info,
        room_link=event.room_link,
        confidentiality=event.confidentiality,
        recording_policy=event.recording_policy,
        capacity_in_person=event.capacity_in_person,
        capacity_online=event.capacity_online,
        registration_opens_at=_shifted(event.registration_opens_at, offset),
        registration_closes_at=_shifted(event.registration_closes_at, offset),
        ask_accessibility_needs=event.ask_accessibility_needs,
        ask_dietary_needs=event.ask_dietary_needs,
        hosts=list(event.hosts.all()),
        co_hosts=list(event.co_hosts.all()),
        topics=list(event.topics.all()),
    )
    for item in queries.agenda_of(event):
        speakers = list(item.speakers.all())
        new_item = AgendaItem.objects.create(
            event=copy,
            starts_at=item.starts_at + offset,
            duration=item.duration,
            kind=item.kind,
            title=item.title,
            abstract=item.abstract,
            external_speaker=item.external_speaker,
            external_organisation=item.external_organisation,
            municipality=item.municipality,
        )
        new_item.speakers.set(speakers)
    log_action("events.event.duplicated", actor=by, obj=copy, data={"source": event.pk})
    indexing.changed(copy)
    return copy


@transaction.atomic
def save_agenda_item(
    event: Event, *, item: AgendaItem | None = None, by: User | None, **fields: Any
) -> AgendaItem:
    """Create (item None) or change an agenda item of `event`; audited."""
    speakers = fields.pop("speakers", None)
    if item is None:
        item = AgendaItem(event=event)
    for name, value in fields.items():
        setattr(item, name, value)
    check_agenda_item_time(event, starts_at=item.starts_at, duration=item.duration)
    created = item.pk is None
    item.save()
    if speakers is not None:
        before = set() if created else set(item.speakers.values_list("pk", flat=True))
        item.speakers.set(speakers)
        speaker_notices.notify_assigned(item, [p for p in speakers if p.pk not in before])
    action = "events.agenda_item.created" if created else "events.agenda_item.updated"
    log_action(action, actor=by, obj=item, data={"event": event.pk})
    indexing.changed(event)
    return item


@transaction.atomic
def delete_agenda_item(item: AgendaItem, *, by: User | None) -> None:
    """Remove an agenda item; higher apps remove what hangs on it (its slides)."""
    changes.agenda_item_removing(item)
    log_action("events.agenda_item.deleted", actor=by, obj=item.event, data={"title": item.title})
    indexing.changed(item.event)
    item.delete()


def _proposal_mail(proposal: ImpulseProposal, template: str) -> None:
    recipient = proposal.proposed_by
    if recipient is None or not recipient.email:
        return
    send_templated_mail(
        to=[recipient.email],
        template=f"events/emails/{template}",
        context={"proposal": proposal, "event": proposal.event},
    )


@transaction.atomic
def propose_impulse(
    event: Event,
    *,
    municipality: Municipality,
    title: str,
    abstract: str,
    speaker_name: str,
    by: User,
) -> ImpulseProposal:
    """A coordinator proposes an impulse of their (member) municipality for `event`."""
    allowed = network_queries.coordinated_member_municipalities(by, event.series)
    if (
        event.status not in PROPOSAL_EVENT_STATUSES
        or not allowed.filter(pk=municipality.pk).exists()
    ):
        raise ProposalNotAllowed(
            _("You cannot propose an impulse for this municipality and Stadtgespräch.")
        )
    proposal = ImpulseProposal.objects.create(
        event=event,
        municipality=municipality,
        proposed_by=by,
        title=title,
        abstract=abstract,
        speaker_name=speaker_name,
    )
    log_action("events.impulse.proposed", actor=by, obj=proposal, data={"event": event.pk})
    return proposal


def _lock_pending_proposal(proposal: ImpulseProposal) -> ImpulseProposal:
    locked = ImpulseProposal.objects.select_for_update().select_related("event").get(pk=proposal.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ProposalAlreadyDecided(_("This proposal has already been decided."))
    return locked


@transaction.atomic
def accept_proposal(
    proposal: ImpulseProposal, *, starts_at: datetime, duration: int, by: User | None
) -> AgendaItem:
    """Take the proposal into the agenda as an impulse and tell the coordinator."""
    locked = _lock_pending_proposal(proposal)
    check_agenda_item_time(locked.event, starts_at=starts_at, duration=duration)
    item = AgendaItem.objects.create(
        event=locked.event,
        starts_at=starts_at,
        duration=duration,
        kind=AgendaItemKind.IMPULSE,
        title=locked.title,
        abstract=locked.abstract,
        external_speaker=locked.speaker_name,
        municipality=locked.municipality,
    )
    locked.status = ApplicationStatus.ACCEPTED
    locked.agenda_item = item
    locked.save(update_fields=["status", "agenda_item", "updated_at"])
    log_action("events.impulse.accepted", actor=by, obj=locked, data={"agenda_item": item.pk})
    _proposal_mail(locked, "impulse_accepted")
    return item


@transaction.atomic
def decline_proposal(proposal: ImpulseProposal, *, message: str, by: User | None) -> None:
    """Decline the proposal with a message to the coordinator."""
    if not message.strip():
        raise EventError(_("Please write a message to the coordinator."))
    locked = _lock_pending_proposal(proposal)
    locked.status = ApplicationStatus.DECLINED
    locked.decision_message = message.strip()
    locked.save(update_fields=["status", "decision_message", "updated_at"])
    log_action("events.impulse.declined", actor=by, obj=locked)
    _proposal_mail(locked, "impulse_declined")


@transaction.atomic
def add_co_host(event: Event, municipality: Municipality, *, by: User | None) -> Event:
    """Invite a member municipality of the series to co-host (e.g. a suggested partner)."""
    if not network_queries.member_municipalities(event.series).filter(pk=municipality.pk).exists():
        raise EventError(
            _("%(municipality)s is not a member of %(series)s.")
            % {"municipality": municipality.name, "series": event.series.dative}
        )
    if event.hosts.filter(pk=municipality.pk).exists():
        raise EventError(
            _("%(municipality)s already hosts this Stadtgespräch.")
            % {"municipality": municipality.name}
        )
    co_hosts = [*event.co_hosts.all(), municipality]
    return update_event(event, by=by, co_hosts=co_hosts)
