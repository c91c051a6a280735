import os
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.enums import ConsentPurpose
from stadtgespraeche.accounts.exceptions import (
    AccountPendingDeletion,
    DeletionAlreadyRequested,
    DeletionInvalid,
    LoginFailed,
)
from stadtgespraeche.accounts.models import ConsentRecord, DeletionRequest, RecoveryCode, User
from stadtgespraeche.core import periodic, personal_data
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.network.models import MembershipApplication
from stadtgespraeche.people.models import Affiliation, Mandate, Profile
from tests.factories.accounts import DEFAULT_PASSWORD, TwoFactorUserFactory, UserFactory
from tests.factories.network import MembershipApplicationFactory
from tests.factories.people import AffiliationFactory, MandateFactory, ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- Consent records -------------------------------------------------------------------------


def test_record_consent_for_a_person_stores_version_and_hash_not_address():
    person = UserFactory()

    record = services.record_consent(
        user=person, purpose=ConsentPurpose.PRIVACY_NOTICE, text_version="v1", text="Text  A"
    )

    assert (record.user, record.email, record.text_version) == (person, "", "v1")
    assert record.text_hash == services.data_rights.text_hash("Text A")
    assert AuditLog.objects.filter(action="accounts.consent.given").count() == 1


def test_record_consent_without_account_keeps_the_address():
    record = services.record_consent(
        email="Kontakt@Stadt.example.org", purpose="privacy_notice", text_version="v1", text="T"
    )

    assert (record.user, record.email) == (None, "kontakt@stadt.example.org")


def test_record_consent_without_person_or_address_is_refused():
    with pytest.raises(ValueError, match="needs a person"):
        services.record_consent(purpose="privacy_notice", text_version="v1", text="T")


def test_withdraw_consent_sets_the_time_once():
    record = services.record_consent(
        user=UserFactory(), purpose="privacy_notice", text_version="v1", text="T"
    )

    services.withdraw_consent(record, by=record.user)
    first = record.withdrawn_at
    services.withdraw_consent(record, by=record.user)

    assert first is not None
    assert record.withdrawn_at == first
    assert AuditLog.objects.filter(action="accounts.consent.withdrawn").count() == 1


def test_accept_invitation_records_the_privacy_notice():
    _, invitation = services.invite_user(
        email="neu@example.org", role="councillor", invited_by=None, send_email=False
    )

    user = services.accept_invitation(
        invitation.token,
        password="ein-gutes-passwort-42",
        privacy_notice_version="2026-11-v1",
        privacy_notice_text="Ich habe gelesen.",
    )

    record = ConsentRecord.objects.get(user=user)
    assert (record.purpose, record.text_version) == ("privacy_notice", "2026-11-v1")


def test_accept_invitation_without_version_records_no_consent():
    _, invitation = services.invite_user(
        email="neu@example.org", role="councillor", invited_by=None, send_email=False
    )

    services.accept_invitation(invitation.token, password="ein-gutes-passwort-42")

    assert not ConsentRecord.objects.exists()


# --- Export ----------------------------------------------------------------------------------


def test_export_contains_every_section_with_the_persons_data():
    person = UserFactory(email="rita@example.org")
    MandateFactory(profile=ProfileFactory(user=person, phone="0631 123"), committees="Bau")
    MembershipApplicationFactory(contact_email="rita@example.org", message="Bitte aufnehmen")
    MembershipApplicationFactory(contact_email="andere@example.org", message="Fremd")

    sections = {s["key"]: s["data"] for s in services.export_personal_data(person)}

    assert sections["account"]["email"] == "rita@example.org"
    assert sections["directory"]["profile"]["phone"] == "0631 123"
    assert sections["directory"]["mandates"][0]["committees"] == "Bau"
    assert [a["message"] for a in sections["events"]["applications"]] == ["Bitte aufnehmen"]


def test_record_data_export_is_audited():
    person = UserFactory()

    services.record_data_export(person, export_format="json", ip_address="127.0.0.1")

    entry = AuditLog.objects.get(action="accounts.data.exported")
    assert (entry.actor, entry.data) == (person, {"format": "json"})


# --- Deletion: request and cancel -------------------------------------------------------------


def test_request_deletion_deactivates_and_mails_a_cancel_link(django_capture_on_commit_callbacks):
    person = UserFactory(email="rita@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_account_deletion(person)

    person.refresh_from_db()
    assert person.is_active is False
    assert request.due_at.date() == (timezone.now() + timedelta(days=14)).date()
    assert mail.outbox[0].to == ["rita@example.org"]
    assert f"/konto/loeschen/abbrechen/{request.token}/" in mail.outbox[0].body
    assert AuditLog.objects.filter(action="accounts.deletion.requested", actor=person).exists()


def test_request_deletion_uses_the_configured_grace_period(settings):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 3

    request = services.request_account_deletion(UserFactory(), send_email=False)

    assert request.due_at.date() == (timezone.now() + timedelta(days=3)).date()


def test_request_deletion_twice_is_refused():
    person = UserFactory()
    services.request_account_deletion(person, send_email=False)

    with pytest.raises(DeletionAlreadyRequested):
        services.request_account_deletion(person, send_email=False)


def test_cancel_deletion_reactivates_and_uses_up_the_link():
    person = UserFactory()
    request = services.request_account_deletion(person, send_email=False)

    user = services.cancel_account_deletion(request.token)

    request.refresh_from_db()
    assert user.is_active is True
    assert request.cancelled_at is not None
    with pytest.raises(DeletionInvalid):
        services.cancel_account_deletion(request.token)


def test_cancel_deletion_with_unknown_link_is_refused():
    with pytest.raises(DeletionInvalid):
        services.cancel_account_deletion("nonsense")


def test_cancel_deletion_after_the_grace_period_is_refused():
    person = UserFactory()
    request = services.request_account_deletion(person, send_email=False)

    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(DeletionInvalid),
    ):
        services.cancel_account_deletion(request.token)

    person.refresh_from_db()
    assert person.is_active is False


def test_cancel_deletion_after_completion_is_refused():
    request = services.request_account_deletion(UserFactory(), send_email=False)
    DeletionRequest.objects.filter(pk=request.pk).update(completed_at=timezone.now())

    with pytest.raises(DeletionInvalid):
        services.deletion_request_for_token(request.token)


def test_a_new_request_is_possible_after_cancelling():
    person = UserFactory()
    first = services.request_account_deletion(person, send_email=False)
    services.cancel_account_deletion(first.token)

    second = services.request_account_deletion(person, send_email=False)

    assert services.open_deletion_request(person) == second


# --- Deletion: carrying it out ----------------------------------------------------------------


def _person_with_everything() -> User:
    person = TwoFactorUserFactory(email="rita@example.org", first_name="Rita", last_name="Ratsfrau")
    RecoveryCode.objects.create(user=person, code_hash="x" * 64)
    profile = ProfileFactory(user=person, bio="Meine Biografie", phone="0631 123")
    profile.photo.save("photo.jpg", ContentFile(b"jpeg"), save=True)
    MandateFactory(profile=profile)
    AffiliationFactory(user=person)
    MembershipApplicationFactory(contact_email="rita@example.org", contact_name="Rita Ratsfrau")
    services.record_consent(user=person, purpose="privacy_notice", text_version="v1", text="T")
    log_action("accounts.login.succeeded", actor=person)
    return person


def test_process_due_deletion_erases_personal_data_and_keeps_contributions():
    person = _person_with_everything()
    photo_path = person.profile.photo.path
    request = services.request_account_deletion(person, send_email=False)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        count = services.process_due_deletions()

    person.refresh_from_db()
    request.refresh_from_db()
    assert count == 1
    assert request.completed_at is not None
    assert (person.email, person.first_name, person.last_name) == (
        f"deleted-{person.pk}@invalid",
        "",
        "",
    )
    assert not person.has_usable_password()
    assert (person.is_active, person.two_factor_enabled, person.last_login) == (False, False, None)
    assert not Profile.objects.filter(user=person).exists()
    assert not Mandate.objects.exists()
    assert not Affiliation.objects.filter(user=person).exists()
    assert not RecoveryCode.objects.filter(user=person).exists()
    assert not os.path.exists(photo_path)
    application = MembershipApplication.objects.get()
    assert (application.contact_name, application.contact_email) == (
        "gelöschte Person",
        f"deleted-{person.pk}@invalid",
    )
    consent = ConsentRecord.objects.get()
    assert (consent.user, consent.text_version) == (person, "v1")
    login = AuditLog.objects.get(action="accounts.login.succeeded")
    assert (login.actor, login.actor_repr) == (None, "gelöschte Person")
    for entry in AuditLog.objects.all():
        text = f"{entry.actor_repr} {entry.object_repr} {entry.data}"
        assert "Ratsfrau" not in text
        assert "rita@example.org" not in text


def test_process_due_deletions_skips_requests_not_yet_due():
    person = UserFactory()
    request = services.request_account_deletion(person, send_email=False)

    count = services.process_due_deletions()

    person.refresh_from_db()
    request.refresh_from_db()
    assert count == 0
    assert request.completed_at is None
    assert person.email.endswith("@example.org")


def test_process_due_deletions_skips_cancelled_requests():
    person = UserFactory()
    request = services.request_account_deletion(person, send_email=False)
    services.cancel_account_deletion(request.token)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        count = services.process_due_deletions()

    person.refresh_from_db()
    assert count == 0
    assert person.is_active is True


def test_process_due_deletions_is_idempotent():
    person = UserFactory()
    services.request_account_deletion(person, send_email=False)
    later = timezone.now() + timedelta(days=15)

    first = services.process_due_deletions(now=later)
    second = services.process_due_deletions(now=later)

    assert (first, second) == (1, 0)
    assert AuditLog.objects.filter(action="accounts.deletion.completed").count() == 1


def test_process_account_deletions_command_reports_the_count(capsys):
    services.request_account_deletion(UserFactory(), send_email=False)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        call_command("process_account_deletions")
        call_command("process_account_deletions")

    assert capsys.readouterr().out.splitlines() == [
        "1 account deletion(s) carried out.",
        "0 account deletion(s) carried out.",
    ]


def test_erase_account_of_a_person_without_any_data_works():
    person = UserFactory()

    erased = services.erase_account(person)

    assert {"account", "directory", "events", "audit"} <= set(erased)
    assert person.email == f"deleted-{person.pk}@invalid"


def test_password_login_during_the_grace_period_says_why():
    person = UserFactory(email="rita@example.org")
    services.request_account_deletion(person, send_email=False)

    with pytest.raises(AccountPendingDeletion):
        services.check_password_login(
            email="rita@example.org", password=DEFAULT_PASSWORD, ip_address="127.0.0.1"
        )


def test_wrong_password_during_the_grace_period_is_a_plain_failure():
    person = UserFactory(email="rita@example.org")
    services.request_account_deletion(person, send_email=False)

    with pytest.raises(LoginFailed):
        services.check_password_login(
            email="rita@example.org", password="falsch", ip_address="127.0.0.1"
        )


def test_right_password_of_an_inactive_account_without_request_is_a_plain_failure():
    UserFactory(email="rita@example.org", is_active=False)

    with pytest.raises(LoginFailed):
        services.check_password_login(
            email="rita@example.org", password=DEFAULT_PASSWORD, ip_address="127.0.0.1"
        )


def test_a_failing_eraser_holds_up_only_its_own_deletion(caplog):
    failing, fine = UserFactory(email="fail@example.org"), UserFactory(email="fine@example.org")
    services.request_account_deletion(failing, send_email=False)
    services.request_account_deletion(fine, send_email=False)

    def eraser(user):
        if user.email == "fail@example.org":
            raise RuntimeError("storage down")

    personal_data.register("zz-failing", title="T", exporter=lambda user: {}, eraser=eraser)
    try:
        count = services.process_due_deletions(now=timezone.now() + timedelta(days=15))
    finally:
        personal_data.unregister("zz-failing")

    failing.refresh_from_db()
    fine.refresh_from_db()
    assert count == 1
    assert failing.email == "fail@example.org"
    assert fine.email == f"deleted-{fine.pk}@invalid"
    assert services.open_deletion_request(failing) is not None
    assert "retried on the next run" in caplog.text


def test_export_and_erasure_include_consents_given_without_an_account():
    person = UserFactory(email="rita@example.org")
    services.record_consent(
        email="Rita@example.org", purpose="privacy_notice", text_version="v0", text="T"
    )
    services.record_consent(
        email="otto@example.org", purpose="privacy_notice", text_version="v9", text="T"
    )

    sections = {s["key"]: s["data"] for s in services.export_personal_data(person)}
    services.erase_account(person)

    assert [c["text_version"] for c in sections["consents"]["consents"]] == ["v0"]
    assert sorted(ConsentRecord.objects.values_list("email", flat=True)) == [
        "",
        "otto@example.org",
    ]


def test_deletions_run_as_a_periodic_job():
    person = UserFactory()
    services.request_account_deletion(person, send_email=False)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        results = periodic.run_due(only="accounts.process_account_deletions")

    person.refresh_from_db()
    assert results == {"accounts.process_account_deletions": "ok"}
    assert person.email == f"deleted-{person.pk}@invalid"


def test_an_erased_account_reads_as_deleted_person_where_contributions_show_it():
    person = UserFactory(first_name="Rita", last_name="Ratsfrau")

    services.erase_account(person)

    assert person.is_erased
    assert str(person) == "gelöschte Person"
    assert not UserFactory().is_erased
