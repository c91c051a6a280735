"""Data rights in the browser: the export and deletion pages pass axe; a person requests
deletion, cannot log in, cancels with the link from the e-mail and can log in again."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.accounts.services import request_account_deletion
from tests.e2e.axe import axe_check
from tests.factories.accounts import DEFAULT_PASSWORD, OrganiserFactory, UserFactory
from tests.factories.people import MandateFactory, ProfileFactory

pytestmark = pytest.mark.e2e


def _fill_login(page: Page, email: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()


def test_export_pages_pass_axe(axe_page: Page, log_in):
    person = UserFactory(first_name="Rita", last_name="Ratsfrau")
    MandateFactory(profile=ProfileFactory(user=person, bio="Meine Biografie"))
    log_in(axe_page, person)

    axe_page.goto(reverse("accounts:data-export"))
    axe_check(axe_page, name="/konto/daten/ (password)")
    axe_page.get_by_label("Ihr aktuelles Passwort").fill(DEFAULT_PASSWORD)
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()

    assert "Meine Biografie" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/konto/daten/ (export)")


def test_deletion_pages_pass_axe(axe_page: Page, log_in):
    log_in(axe_page, UserFactory())

    axe_page.goto(reverse("accounts:deletion-request"))
    axe_check(axe_page, name="/konto/loeschen/")
    axe_page.locator("main form button[type=submit]").click()  # empty: error state
    axe_page.wait_for_load_state()

    assert "Bitte bestätigen Sie" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/konto/loeschen/ (errors)")


def test_person_deletes_account_cancels_with_the_link_and_logs_in_again(
    page: Page, log_in, mailoutbox_clear
):
    person = UserFactory(email="rita@example.org")
    log_in(page, person)

    page.goto(reverse("accounts:deletion-request"))
    page.get_by_label("Ich möchte, dass mein Konto").check()
    page.get_by_label("Ihr aktuelles Passwort").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Ihr Konto wird gelöscht" in page.locator("h1").inner_text()

    _fill_login(page, "rita@example.org")
    assert urlsplit(page.url).path == reverse("accounts:login")
    assert "weil Sie seine Löschung beantragt haben" in page.locator("main").inner_text()

    cancel_path = urlsplit(re.search(r"https?://\S+", mail.outbox[-1].body).group(0)).path
    page.goto(cancel_path)
    page.get_by_role("button", name="Konto behalten").click()
    page.wait_for_load_state()
    assert "Ihr Konto ist wieder aktiv" in page.locator("h1").inner_text()

    _fill_login(page, "rita@example.org")
    assert urlsplit(page.url).path == reverse("pages:overview")


def test_deletion_link_pages_pass_axe(axe_page: Page):
    request = request_account_deletion(UserFactory(), send_email=False)

    axe_page.goto(reverse("accounts:deletion-cancel", args=[request.token]))
    axe_check(axe_page, name="/konto/loeschen/abbrechen/ (open)")
    axe_page.get_by_role("button", name="Konto behalten").click()
    axe_page.wait_for_load_state()
    axe_check(axe_page, name="/konto/loeschen/abbrechen/ (done)")
    axe_page.goto(reverse("accounts:deletion-cancel", args=[request.token]))
    assert "Dieser Link funktioniert nicht mehr" in axe_page.locator("h1").inner_text()
    axe_check(axe_page, name="/konto/loeschen/abbrechen/ (used)")


def test_pending_deletions_page_passes_axe(axe_page: Page, log_in):
    request_account_deletion(UserFactory(), send_email=False)
    log_in(axe_page, OrganiserFactory())

    axe_page.goto(reverse("dashboard:deletion-list"))

    assert urlsplit(axe_page.url).path == reverse("dashboard:deletion-list")
    assert "Ratsmitglied" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/dashboard/loeschungen/")
