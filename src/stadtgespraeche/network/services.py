"""Writes of the events app: membership of municipalities in a series and applications."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stadtgespraeche.accounts.exceptions import AlreadyActive
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.throttling import Throttle
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network import queries
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.exceptions import (
    ApplicationAlreadyDecided,
    DecisionMessageMissing,
    DuplicateApplication,
    DuplicateMembership,
    TooManyApplications,
)
from stadtgespraeche.network.models import (
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.services import add_affiliation, invite_person

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
                "series": series.dative,
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
                "series": series.dative,
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
        % {"municipality": municipality, "series": series.dative}
    )


def _send_application_received(application: MembershipApplication) -> None:
    context = {"application": application}
    send_templated_mail(
        to=[application.contact_email],
        template="network/emails/application_received",
        context=context,
        language=application.language,
        reply_to=[settings.ORGANISER_EMAIL],
    )
    send_templated_mail(
        to=[settings.ORGANISER_EMAIL],
        template="network/emails/application_notification",
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
            template="network/emails/application_accepted",
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
            template="network/emails/application_declined",
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


@transaction.atomic
def set_series_name_forms(series: Series, *, genitive: str, dative: str, by: User) -> Series:
    """Set the German case forms of the series name (with article; empty: the name itself),
    used wherever a sentence declines it ("Mitglied der …", "bei den …")."""
    series.name_genitive = " ".join(genitive.split())
    series.name_dative = " ".join(dative.split())
    series.save(update_fields=["name_genitive", "name_dative", "updated_at"])
    log_action(
        "network.series.name_forms_changed",
        actor=by,
        obj=series,
        data={"genitive": series.name_genitive, "dative": series.name_dative},
    )
    return series
