import pytest
from django.core import mail
from django.utils import translation

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.network import services as network_services
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.exceptions import (
    ApplicationAlreadyDecided,
    DecisionMessageMissing,
    DuplicateApplication,
    DuplicateMembership,
    TooManyApplications,
)
from stadtgespraeche.network.models import Membership, MembershipApplication, MembershipChange
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.models import Affiliation
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipApplicationFactory, MembershipFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _submit(series, municipality, **overrides):
    options = {
        "series": series,
        "municipality": municipality,
        "contact_name": "Erika Mustermann",
        "contact_email": "Erika@Stadt.example.org",
        "contact_role": "Digitalisierung",
        "message": "Wir möchten mitmachen.",
        "consent_text_version": "v1",
        "ip_address": "203.0.113.7",
    }
    options.update(overrides)
    return network_services.submit_application(**options)


# --- set_membership_status / change_membership_status ----------------------------------


def test_set_membership_status_creates_membership_with_history(series):
    municipality = MunicipalityFactory()

    membership = network_services.set_membership_status(
        series=series, municipality=municipality, status="interested", by=None, note="Anfrage"
    )

    assert membership.status == MembershipStatus.INTERESTED
    change = MembershipChange.objects.get()
    assert (change.from_status, change.to_status, change.note) == ("", "interested", "Anfrage")
    assert AuditLog.objects.get().action == "events.membership.status_changed"


def test_set_membership_status_moves_existing_membership(series):
    membership = MembershipFactory(series=series, status=MembershipStatus.APPLIED)
    organiser = OrganiserFactory()

    network_services.set_membership_status(
        series=series, municipality=membership.municipality, status="member", by=organiser
    )

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER
    change = MembershipChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "applied",
        "member",
        organiser,
    )


def test_set_membership_status_same_status_records_nothing(series):
    membership = MembershipFactory(series=series, status=MembershipStatus.MEMBER)

    network_services.set_membership_status(
        series=series, municipality=membership.municipality, status="member", by=None
    )

    assert MembershipChange.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_change_membership_status_changes_and_reports_it(series):
    membership = MembershipFactory(series=series, status=MembershipStatus.MEMBER)
    organiser = OrganiserFactory()

    changed = network_services.change_membership_status(
        membership, status="paused", by=organiser, note="Haushaltssperre"
    )

    assert changed is True
    assert membership.status == MembershipStatus.PAUSED
    assert Membership.objects.get().status == MembershipStatus.PAUSED
    assert MembershipChange.objects.get().note == "Haushaltssperre"


def test_change_membership_status_unchanged_returns_false(series):
    membership = MembershipFactory(series=series, status=MembershipStatus.MEMBER)

    changed = network_services.change_membership_status(
        membership, status="member", by=OrganiserFactory()
    )

    assert changed is False
    assert MembershipChange.objects.count() == 0


def test_add_membership_creates_with_history(series):
    organiser = OrganiserFactory()
    municipality = MunicipalityFactory()

    membership = network_services.add_membership(
        series=series, municipality=municipality, status="interested", by=organiser, note="Messe"
    )

    assert membership.status == MembershipStatus.INTERESTED
    assert membership.changes.get().changed_by == organiser


def test_add_membership_refuses_existing(series):
    membership = MembershipFactory(series=series)

    with pytest.raises(DuplicateMembership, match="bereits eine Mitgliedschaft"):
        network_services.add_membership(
            series=series,
            municipality=membership.municipality,
            status="interested",
            by=OrganiserFactory(),
        )

    assert MembershipChange.objects.count() == 0


# --- submit_application ----------------------------------------------------------------


def test_submit_application_stores_marks_applied_and_mails(
    series, settings, django_capture_on_commit_callbacks
):
    settings.ORGANISER_EMAIL = "orga@example.org"
    municipality = MunicipalityFactory(name="Kaiserslautern")

    with django_capture_on_commit_callbacks(execute=True):
        application = _submit(series, municipality, language="de")

    assert application.status == ApplicationStatus.PENDING
    assert application.contact_email == "erika@stadt.example.org"
    assert application.consent_text_version == "v1"
    assert application.consent_given_at is not None
    membership = Membership.objects.get(series=series, municipality=municipality)
    assert membership.status == MembershipStatus.APPLIED
    assert "Erika Mustermann" in membership.changes.get().note
    assert set(AuditLog.objects.values_list("action", flat=True)) == {
        "events.application.submitted",
        "events.membership.status_changed",
    }
    confirmation, notification = mail.outbox
    assert confirmation.to == ["erika@stadt.example.org"]
    assert "Kaiserslautern" in confirmation.body
    assert "Sehr geehrte" in confirmation.body or "Guten Tag" in confirmation.body
    assert confirmation.alternatives == []  # plain text only
    assert notification.to == ["orga@example.org"]
    assert f"/organisation/antraege/{application.pk}/" in notification.body


def test_submit_application_refuses_second_pending_application(series):
    application = MembershipApplicationFactory(series=series)

    with pytest.raises(DuplicateApplication, match="bereits"):
        _submit(series, application.municipality)

    assert MembershipApplication.objects.count() == 1


def test_submit_application_concurrent_twin_hits_constraint(series, monkeypatch):
    application = MembershipApplicationFactory(series=series)
    # Simulate a second request that checked before the first one was stored.
    monkeypatch.setattr(network_services.queries, "has_pending_application", lambda **_kw: False)

    with pytest.raises(DuplicateApplication):
        _submit(series, application.municipality)

    assert MembershipApplication.objects.count() == 1
    assert Membership.objects.count() == 0


@pytest.mark.parametrize("status", [MembershipStatus.MEMBER, MembershipStatus.PAUSED])
def test_submit_application_refuses_municipality_already_in_series(series, status):
    membership = MembershipFactory(series=series, status=status)

    with pytest.raises(DuplicateApplication):
        _submit(series, membership.municipality)

    assert MembershipApplication.objects.count() == 0


@pytest.mark.parametrize("status", [MembershipStatus.INTERESTED, MembershipStatus.LEFT])
def test_submit_application_allowed_for_interested_or_former_member(series, status):
    membership = MembershipFactory(series=series, status=status)

    _submit(series, membership.municipality)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED


def test_submit_application_allowed_after_declined_application(series):
    declined = MembershipApplicationFactory(series=series, status=ApplicationStatus.DECLINED)

    application = _submit(series, declined.municipality)

    assert application.status == ApplicationStatus.PENDING


def test_submit_application_rate_limited_per_ip(series):
    for _ in range(network_services.APPLICATION_RATE_LIMIT):
        _submit(series, MunicipalityFactory())

    with pytest.raises(TooManyApplications):
        _submit(series, MunicipalityFactory())
    _submit(series, MunicipalityFactory(), ip_address="198.51.100.1")  # another address

    assert MembershipApplication.objects.count() == network_services.APPLICATION_RATE_LIMIT + 1


def test_submit_application_without_ip_is_not_rate_limited(series):
    for _ in range(network_services.APPLICATION_RATE_LIMIT + 1):
        _submit(series, MunicipalityFactory(), ip_address=None)

    assert MembershipApplication.objects.count() == network_services.APPLICATION_RATE_LIMIT + 1


def test_record_application_attempt_counts_towards_limit():
    for _ in range(network_services.APPLICATION_RATE_LIMIT):
        network_services.record_application_attempt("203.0.113.9")

    assert network_services.application_rate_exceeded("203.0.113.9") is True
    assert network_services.application_rate_exceeded("203.0.113.10") is False


# --- accept_application ----------------------------------------------------------------


def test_accept_application_makes_member_and_invites_coordinator(
    series, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        series=series, contact_name="Erika Mustermann", contact_email="erika@stadt.example.org"
    )
    organiser = OrganiserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = network_services.accept_application(application, by=organiser, note="Willkommen!")

    assert outcome.invited is True
    assert application.status == ApplicationStatus.ACCEPTED
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_by == organiser
    assert application.decision_message == "Willkommen!"
    membership = Membership.objects.get(series=series, municipality=application.municipality)
    assert membership.status == MembershipStatus.MEMBER
    assert membership.changes.first().note == "Willkommen!"
    coordinator = User.objects.get(email="erika@stadt.example.org")
    assert (coordinator.first_name, coordinator.last_name) == ("Erika", "Mustermann")
    assert coordinator.role == Role.COORDINATOR
    assert coordinator.is_active is False
    assert Affiliation.objects.filter(
        user=coordinator, municipality=application.municipality, role=AffiliationRole.COORDINATOR
    ).exists()
    assert AuditLog.objects.filter(action="events.application.accepted").count() == 1
    recipients = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert [to for to, _ in recipients] == ["erika@stadt.example.org"] * 2
    acceptance = next(m for m in mail.outbox if "Passwort" in m.body and "Mitglied" in m.body)
    assert "Willkommen!" in acceptance.body


def test_accept_application_links_existing_account_instead_of_inviting(
    series, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="erika@stadt.example.org", role=Role.COORDINATOR)
    application = MembershipApplicationFactory(series=series, contact_email=existing.email)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = network_services.accept_application(application, by=OrganiserFactory())

    assert outcome.invited is False
    assert outcome.coordinator == existing
    assert Affiliation.objects.filter(
        user=existing, municipality=application.municipality, role=AffiliationRole.COORDINATOR
    ).exists()
    assert len(mail.outbox) == 1  # only the acceptance, no invitation
    assert "bestehendes Konto" in mail.outbox[0].body
    assert (
        AuditLog.objects.get(action="events.application.accepted").data["coordinator_invited"]
        is False
    )


def test_accept_application_already_decided_raises(series):
    application = MembershipApplicationFactory(series=series, status=ApplicationStatus.DECLINED)

    with pytest.raises(ApplicationAlreadyDecided):
        network_services.accept_application(application, by=OrganiserFactory())

    assert Membership.objects.count() == 0
    assert User.objects.filter(email=application.contact_email).exists() is False


def test_accept_application_twice_raises_for_stale_instance(series):
    application = MembershipApplicationFactory(series=series)
    stale = MembershipApplication.objects.get(pk=application.pk)
    network_services.accept_application(application, by=OrganiserFactory())

    with pytest.raises(ApplicationAlreadyDecided):
        network_services.accept_application(stale, by=OrganiserFactory())


def test_split_name_handles_single_word():
    assert network_services._split_name("Mustermann") == ("Mustermann", "")
    assert network_services._split_name(" Anna Maria Beispiel ") == ("Anna Maria", "Beispiel")


# --- decline_application ---------------------------------------------------------------


def test_decline_application_mails_message_and_resets_membership(
    series, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(series=series)
    network_services.set_membership_status(
        series=series, municipality=application.municipality, status="applied", by=None
    )
    organiser = OrganiserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        network_services.decline_application(
            application, by=organiser, message="Derzeit nur Modellprojekte."
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decision_message == "Derzeit nur Modellprojekte."
    assert application.decided_by == organiser
    membership = Membership.objects.get()
    assert membership.status == MembershipStatus.INTERESTED
    assert AuditLog.objects.filter(action="events.application.declined").count() == 1
    (message,) = mail.outbox
    assert message.to == [application.contact_email]
    assert "Derzeit nur Modellprojekte." in message.body


def test_decline_application_leaves_other_membership_status(series):
    application = MembershipApplicationFactory(series=series)
    MembershipFactory(
        series=series, municipality=application.municipality, status=MembershipStatus.MEMBER
    )

    network_services.decline_application(
        application, by=OrganiserFactory(), message="Bereits Mitglied."
    )

    assert Membership.objects.get().status == MembershipStatus.MEMBER
    assert MembershipChange.objects.count() == 0


def test_decline_application_without_membership(series):
    application = MembershipApplicationFactory(series=series)

    network_services.decline_application(
        application, by=OrganiserFactory(), message="Leider nicht."
    )

    assert Membership.objects.count() == 0


def test_decline_application_requires_message(series):
    application = MembershipApplicationFactory(series=series)

    with pytest.raises(DecisionMessageMissing):
        network_services.decline_application(application, by=OrganiserFactory(), message="   ")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_decline_application_already_decided_raises(series):
    application = MembershipApplicationFactory(series=series, status=ApplicationStatus.ACCEPTED)

    with pytest.raises(ApplicationAlreadyDecided):
        network_services.decline_application(application, by=OrganiserFactory(), message="Nein.")

    assert AuditLog.objects.count() == 0


def test_history_notes_are_written_in_the_site_language(series):
    municipality = MunicipalityFactory()

    with translation.override("en"):
        _submit(series, municipality, language="en")

    assert Membership.objects.get().changes.get().note == "Antrag von Erika Mustermann eingegangen."
    assert MembershipApplication.objects.get().language == "en"
