"""Browser journey after a Stadtgespräch (issue 4 §7): the organiser writes the minutes,
uploads an attachment (a disguised file is refused), publishes; the public page shows the
documentation; a participant gives feedback; the organiser reads the aggregate. Axe runs
on every new page and state."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from stadtgespraeche.documentation.models import Attachment, Feedback
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory
from tests.factories.documentation import pdf_bytes, png_bytes
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.e2e


def _held_event():
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        title="E2E Auftakt",
        status=EventStatus.HELD,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    AgendaItemFactory(event=event, title="Impuls Bamberg")
    return event


def test_organiser_documents_and_public_sees_it(page: Page, axe_page: Page, log_in, new_page):
    event = _held_event()
    participant = RegistrationFactory(event=event, status=RegistrationStatus.ATTENDED).user
    organiser = OrganiserFactory()
    manage_url = reverse("documentation:documentation-manage", args=[event.slug])

    log_in(axe_page, organiser)
    axe_page.goto(manage_url)
    axe_check(axe_page, name="documentation edit page (empty)")

    log_in(page, organiser)
    page.goto(manage_url)
    page.get_by_label("Protokoll").fill(
        "## Austausch\n\nDie Runde sprach über **hybride Ratsarbeit**."
    )
    page.get_by_label("Ergebnisse").fill("- Nächstes Thema: Datenethik")
    page.get_by_role("button", name="Protokoll speichern").click()
    assert "Das Protokoll wurde gespeichert." in page.locator("main").inner_text()

    # A PNG named .pdf is refused with a clear message.
    attachment_form = page.locator("form[action$='/dokumentation/anhaenge/']")
    attachment_form.get_by_label("Titel").fill("Verkleidet")
    attachment_form.get_by_label("Datei").set_input_files(
        {"name": "bericht.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    attachment_form.get_by_role("button", name="Anhang hochladen").click()
    assert "nicht, was ihr Name angibt" in page.locator("main").inner_text()
    assert not Attachment.objects.exists()
    axe_page.goto(manage_url)  # the error state is a re-rendered form: check the page again
    axe_check(axe_page, name="documentation edit page (filled)")

    attachment_form = page.locator("form[action$='/dokumentation/anhaenge/']")
    attachment_form.get_by_label("Titel").fill("Präsentation")
    attachment_form.get_by_label("Datei").set_input_files(
        {"name": "praesentation.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    attachment_form.get_by_role("button", name="Anhang hochladen").click()
    assert "Der Anhang wurde hochgeladen." in page.locator("main").inner_text()

    page.get_by_role("button", name="Dokumentation veröffentlichen").click()
    assert "Die Dokumentation ist veröffentlicht" in page.locator("main").inner_text()

    visitor = new_page()
    visitor.goto(event.get_absolute_url())
    main = visitor.locator("main").inner_text()
    assert "hybride Ratsarbeit" in main
    assert "Nächstes Thema: Datenethik" in main
    assert "Präsentation" in main
    axe_page.context.clear_cookies()
    axe_page.goto(event.get_absolute_url())
    axe_check(axe_page, name="event detail with documentation")

    log_in(axe_page, participant)
    axe_page.goto(reverse("documentation:feedback", args=[event.slug]))
    axe_check(axe_page, name="feedback form")
    axe_page.get_by_label("4 – gut").check()
    axe_page.get_by_label("Was war für Sie nützlich?").fill("Die Impulse")
    axe_page.get_by_role("button", name="Rückmeldung senden").click()
    assert "Vielen Dank für Ihre Rückmeldung." in axe_page.locator("main").inner_text()
    assert Feedback.objects.get(event=event).rating == 4

    log_in(axe_page, organiser)
    axe_page.goto(reverse("dashboard:feedback-list"))
    axe_check(axe_page, name="dashboard feedback list")
    axe_page.goto(reverse("dashboard:feedback-detail", args=[event.pk]))
    assert "Die Impulse" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="dashboard feedback detail")
