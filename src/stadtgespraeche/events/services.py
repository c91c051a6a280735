"""Writes of the events app: membership of municipalities in a series and applications."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stadtgespraeche.accounts.exceptions import AlreadyActive
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.throttling import Throttle
from stadtgespraeche.directory.enums import AffiliationRole
from stadtgespraeche.directory.models import Municipality
from stadtgespraeche.directory.services import add_affiliation, invite_person

from . import queries, services_changes
from .enums import (
    EVENT_TRANSITIONS,
    PROPOSAL_EVENT_STATUSES,
    AgendaItemKind,
    ApplicationStatus,
    EventStatus,
    MembershipStatus,
)
from .exceptions import (
    ApplicationAlreadyDecided,
    DecisionMessageMissing,
    DuplicateApplication,
    DuplicateMembership,
    EventError,
    InvalidTransition,
    ProposalAlreadyDecided,
    ProposalNotAllowed,
    TooManyApplications,
)
from .models import (
    AgendaItem,
    Event,
    ImpulseProposal,
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)

# At most this many applications per IP address within the window (seconds).
APPLICATION_RATE_LIMIT = 5
APPLICATION_RATE_WINDOW = 60 * 60


@transaction.atomic
def set_membership_status(
    *,
    series: Series,
    municipality: Municipality,
    status: MembershipStatus | str,
    by: User | None,
    note: str = "",
) -> Membership:
    """Create or move a membership to `status`, recording the step in its history.

    Setting the status it already has changes nothing and records nothing.
    """
    status = MembershipStatus(status)
    today = timezone.localdate()
    membership = (
        Membership.objects.select_for_update()
        .filter(series=series, municipality=municipality)
        .first()
    )
    if membership is None:
        membership = Membership.objects.create(
            series=series, municipality=municipality, status=status, since=today
        )
        previous = ""
    elif membership.status == status:
        return membership
    else:
        previous = membership.status
        membership.status = status
        membership.since = today
        membership.save(update_fields=["status", "since", "updated_at"])
    MembershipChange.objects.create(
        membership=membership, from_status=previous, to_status=status, changed_by=by, note=note
    )
    log_action(
        "events.membership.status_changed",
        actor=by,
        obj=membership,
        data={"from": previous, "to": str(status)},
    )
    return membership


@transaction.atomic
def add_membership(
    *,
    series: Series,
    municipality: Municipality,
    status: MembershipStatus | str,
    by: User,
    note: str = "",
) -> Membership:
    """An organiser adds a municipality to `series`. Raises DuplicateMembership."""
    existing = queries.membership_of(series=series, municipality=municipality)
    if existing is not None:
        raise DuplicateMembership(
            _(
                "%(municipality)s already has a membership in %(series)s (status: %(status)s); "
                "please change its status there."
            )
            % {
                "municipality": municipality,
                "series": series,
                "status": existing.get_status_display(),
            }
        )
    return set_membership_status(
        series=series, municipality=municipality, status=status, by=by, note=note
    )


def change_membership_status(
    membership: Membership, *, status: MembershipStatus | str, by: User, note: str = ""
) -> bool:
    """An organiser moves `membership` to `status`; False when it already had that status."""
    if membership.status == MembershipStatus(status):
        return False
    updated = set_membership_status(
        series=membership.series,
        municipality=membership.municipality,
        status=status,
        by=by,
        note=note,
    )
    membership.status, membership.since = updated.status, updated.since
    return True


# --- Applications ("Mitglied werden") -----------------------------------------------------


def _history_note(message: str, **values: object) -> str:
    """A note written by the system into a membership history, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message) % values


APPLICATIONS_PER_IP = Throttle(
    "apply-ip", limit=APPLICATION_RATE_LIMIT, window=APPLICATION_RATE_WINDOW
)


def application_rate_exceeded(ip_address: str | None) -> bool:
    """Whether `ip_address` has used up its applications for the current window."""
    return bool(ip_address) and APPLICATIONS_PER_IP.is_blocked(ip_address or "")


def record_application_attempt(ip_address: str | None) -> None:
    """Count one application (or spam attempt) against `ip_address`."""
    if ip_address:
        APPLICATIONS_PER_IP.hit(ip_address)


@transaction.atomic
def submit_application(
    *,
    series: Series,
    municipality: Municipality,
    contact_name: str,
    contact_email: str,
    consent_text_version: str,
    contact_role: str = "",
    message: str = "",
    language: str | None = None,
    ip_address: str | None = None,
) -> MembershipApplication:
    """Store an application, mark the membership as applied and e-mail applicant and organisers.

    Raises TooManyApplications (rate limit per IP address) and DuplicateApplication (an open
    application exists, or the municipality is already a member or paused member).
    """
    if application_rate_exceeded(ip_address):
        raise TooManyApplications(
            _(
                "You have sent several applications in a short time. Please try again in an "
                "hour or write to us by e-mail."
            )
        )
    if queries.has_pending_application(series=series, municipality=municipality):
        raise _duplicate_pending(series, municipality)
    membership = queries.membership_of(series=series, municipality=municipality)
    if membership is not None and membership.status in queries.IN_SERIES_STATUSES:
        raise DuplicateApplication(
            _("%(municipality)s is already in %(series)s (status: %(status)s).")
            % {
                "municipality": municipality,
                "series": series,
                "status": membership.get_status_display(),
            }
        )
    try:
        with transaction.atomic():  # a concurrent twin hits the one-pending constraint
            application = MembershipApplication.objects.create(
                series=series,
                municipality=municipality,
                contact_name=contact_name.strip(),
                contact_email=contact_email.strip().lower(),
                contact_role=contact_role.strip(),
                message=message.strip(),
                consent_given_at=timezone.now(),
                consent_text_version=consent_text_version,
                language=language or settings.LANGUAGE_CODE,
            )
    except IntegrityError as error:
        raise _duplicate_pending(series, municipality) from error
    set_membership_status(
        series=series,
        municipality=municipality,
        status=MembershipStatus.APPLIED,
        by=None,
        note=_history_note(
            gettext_noop("Application received from %(name)s."), name=application.contact_name
        ),
    )
    log_action(
        "events.application.submitted",
        obj=application,
        data={"series": series.slug, "municipality": municipality.key},
    )
    record_application_attempt(ip_address)
    transaction.on_commit(lambda: _send_application_received(application))
    return application


def _duplicate_pending(series: Series, municipality: Municipality) -> DuplicateApplication:
    return DuplicateApplication(
        _(
            "There is already an open application of %(municipality)s for %(series)s. "
            "The organisers will get in touch with you."
        )
        % {"municipality": municipality, "series": series}
    )


def _send_application_received(application: MembershipApplication) -> None:
    context = {"application": application}
    send_templated_mail(
        to=[application.contact_email],
        template="events/emails/application_received",
        context=context,
        language=application.language,
        reply_to=[settings.ORGANISER_EMAIL],
    )
    send_templated_mail(
        to=[settings.ORGANISER_EMAIL],
        template="events/emails/application_notification",
        context=context,
        reply_to=[application.contact_email],
    )


def _lock_pending(application: MembershipApplication) -> MembershipApplication:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ApplicationAlreadyDecided(
            _("This application was already %(status)s and cannot be decided again.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


@dataclass(frozen=True)
class AcceptOutcome:
    application: MembershipApplication
    coordinator: User
    invited: bool  # False: the address had an account, which was linked instead


@transaction.atomic
def accept_application(
    application: MembershipApplication, *, by: User, note: str = ""
) -> AcceptOutcome:
    """Make the municipality a member and its contact a coordinator; e-mail the contact.

    The contact is invited (a link to set a password); if the address already has an active
    account, that account is linked to the municipality as coordinator instead.
    Raises ApplicationAlreadyDecided.
    """
    locked = _lock_pending(application)
    municipality, series = locked.municipality, locked.series
    set_membership_status(
        series=series,
        municipality=municipality,
        status=MembershipStatus.MEMBER,
        by=by,
        note=note or _history_note(gettext_noop("Application accepted.")),
    )
    first_name, last_name = _split_name(locked.contact_name)
    try:
        coordinator, _invitation = invite_person(
            municipality=municipality,
            email=locked.contact_email,
            role=AffiliationRole.COORDINATOR,
            invited_by=by,
            first_name=first_name,
            last_name=last_name,
        )
        invited = True
    except AlreadyActive:
        coordinator = User.objects.get(email__iexact=locked.contact_email)
        add_affiliation(
            user=coordinator, municipality=municipality, role=AffiliationRole.COORDINATOR, by=by
        )
        invited = False
    locked.status = ApplicationStatus.ACCEPTED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_message = note.strip()
    locked.save(
        update_fields=["status", "decided_at", "decided_by", "decision_message", "updated_at"]
    )
    log_action(
        "events.application.accepted",
        actor=by,
        obj=locked,
        data={
            "series": series.slug,
            "municipality": municipality.key,
            "coordinator_invited": invited,
        },
    )
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[locked.contact_email],
            template="events/emails/application_accepted",
            context={"application": locked, "invited": invited},
            language=locked.language,
            reply_to=[settings.ORGANISER_EMAIL],
        )
    )
    _refresh(application, locked)
    return AcceptOutcome(application=application, coordinator=coordinator, invited=invited)


@transaction.atomic
def decline_application(
    application: MembershipApplication, *, by: User, message: str
) -> MembershipApplication:
    """Decline with a message that is e-mailed to the contact.

    The membership goes back from "applied" to "interested". Raises DecisionMessageMissing
    and ApplicationAlreadyDecided.
    """
    message = message.strip()
    if not message:
        raise DecisionMessageMissing(
            _("Please write a message to the applicant explaining the decision.")
        )
    locked = _lock_pending(application)
    membership = queries.membership_of(series=locked.series, municipality=locked.municipality)
    if membership is not None and membership.status == MembershipStatus.APPLIED:
        set_membership_status(
            series=locked.series,
            municipality=locked.municipality,
            status=MembershipStatus.INTERESTED,
            by=by,
            note=_history_note(gettext_noop("Application declined.")),
        )
    locked.status = ApplicationStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_message = message
    locked.save(
        update_fields=["status", "decided_at", "decided_by", "decision_message", "updated_at"]
    )
    log_action(
        "events.application.declined",
        actor=by,
        obj=locked,
        data={"series": locked.series.slug, "municipality": locked.municipality.key},
    )
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[locked.contact_email],
            template="events/emails/application_declined",
            context={"application": locked},
            language=locked.language,
            reply_to=[settings.ORGANISER_EMAIL],
        )
    )
    _refresh(application, locked)
    return application


def _refresh(application: MembershipApplication, locked: MembershipApplication) -> None:
    """Copy the decision onto the caller's instance, so it does not show stale data."""
    for field in ("status", "decided_at", "decided_by", "decision_message", "updated_at"):
        setattr(application, field, getattr(locked, field))


# --- Stadtgespräche (events) and their agenda -------------------------------------------

# How far after its model a duplicated event is placed; the organiser adjusts the dates.
DUPLICATE_OFFSET = timedelta(weeks=4)


def _unique_event_slug(title: str, number: int) -> str:
    base = slugify(f"{number}-{title}")[:200] or f"stadtgespraech-{number}"
    slug, counter = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise EventError(_("The end must be after the start."))


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
    before = services_changes.snapshot(event)
    for name, value in fields.items():
        setattr(event, name, value)
    _check_times(event.starts_at, event.ends_at)
    event.save()
    for name, values in m2m.items():
        getattr(event, name).set(values)
    log_action("events.event.updated", actor=by, obj=event, data={"fields": sorted(fields)})
    services_changes.record_event_change(event, before, by=by)
    indexing.changed(event)
    return event


def allowed_transitions(event: Event) -> list[EventStatus]:
    return [EventStatus(status) for status in EVENT_TRANSITIONS[event.status]]


@transaction.atomic
def transition_event(event: Event, *, to: EventStatus | str, by: User | None) -> Event:
    """Move `event` to status `to` if the transition table allows it; audited."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    target = EventStatus(to)
    current = EventStatus(locked.status)
    if target not in EVENT_TRANSITIONS[current]:
        raise InvalidTransition(
            _("A Stadtgespräch cannot move from “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    log_action(
        "events.event.status_changed",
        actor=by,
        obj=locked,
        data={"from": current.value, "to": target.value},
    )
    services_changes.record_event_status_change(locked, previous=current, by=by)
    indexing.changed(locked)
    event.status = target
    event.sequence = locked.sequence
    return locked


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
    created = item.pk is None
    item.save()
    if speakers is not None:
        item.speakers.set(speakers)
    action = "events.agenda_item.created" if created else "events.agenda_item.updated"
    log_action(action, actor=by, obj=item, data={"event": event.pk})
    indexing.changed(event)
    return item


@transaction.atomic
def delete_agenda_item(item: AgendaItem, *, by: User | None) -> None:
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
    allowed = queries.coordinated_member_municipalities(by, event.series)
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
    if not queries.member_municipalities(event.series).filter(pk=municipality.pk).exists():
        raise EventError(
            _("%(municipality)s is not a member of %(series)s.")
            % {"municipality": municipality.name, "series": event.series.name}
        )
    if event.hosts.filter(pk=municipality.pk).exists():
        raise EventError(
            _("%(municipality)s already hosts this Stadtgespräch.")
            % {"municipality": municipality.name}
        )
    co_hosts = [*event.co_hosts.all(), municipality]
    return update_event(event, by=by, co_hosts=co_hosts)
