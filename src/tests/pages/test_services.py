import pytest
from django.core import mail

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.pages import services
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText
from tests.factories.accounts import OrganiserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_update_site_text_saves_editor_and_audits():
    organiser = OrganiserFactory()

    text = services.update_site_text(
        SiteTextKey.PRIVACY, title="Datenschutz", body="Neu", by=organiser
    )

    assert (text.title, text.body, text.updated_by) == ("Datenschutz", "Neu", organiser)
    entry = AuditLog.objects.get()
    assert (entry.action, entry.data) == ("pages.sitetext.updated", {"key": "privacy"})


def test_update_site_text_creates_missing_row():
    SiteText.objects.all().delete()

    services.update_site_text("legal_notice", title="Impressum", body="B", by=OrganiserFactory())

    assert SiteText.objects.get().key == "legal_notice"


def test_update_site_text_without_change_records_nothing():
    current = SiteText.objects.get(key=SiteTextKey.PRIVACY)

    services.update_site_text(
        SiteTextKey.PRIVACY, title=current.title, body=current.body, by=OrganiserFactory()
    )

    assert not AuditLog.objects.exists()


def test_update_site_text_rejects_unknown_key():
    with pytest.raises(ValueError, match="imprint"):
        services.update_site_text("imprint", title="x", body="y", by=OrganiserFactory())


def test_send_accessibility_feedback_without_sender_has_no_reply_to(settings):
    settings.ORGANISER_EMAIL = "team@example.org"

    services.send_accessibility_feedback(message="Fehlende Alternativtexte")

    assert mail.outbox[0].reply_to == []
    assert mail.outbox[0].subject == "Rückmeldung zur Barrierefreiheit"
    assert AuditLog.objects.get().action == "pages.accessibility_feedback.sent"
