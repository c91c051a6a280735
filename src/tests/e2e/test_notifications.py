"""Notifications in the browser: a notification arrives in the centre (badge in the header),
is marked read; settings are saved; the one-click unsubscribe page from the e-mail works
without login; axe on the centre (empty and with items), settings (also with errors),
unsubscribe (confirmation, done, invalid link) and "Gefolgt"."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.notifications import kinds, queries, services
from stadtgespraeche.notifications.enums import Cadence
from tests.e2e.axe import axe_check
from tests.factories.accounts import UserFactory
from tests.factories.topics import TopicFactory

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def e2e_kinds(monkeypatch):
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    kinds.register("e2e.planned", "Ein unterstützter Themenwunsch wurde eingeplant")
    kinds.register("e2e.reply", "Antworten in Diskussionen", default="daily")


def test_notification_appears_in_the_centre_and_is_marked_read(page: Page, log_in):
    person = UserFactory(first_name="Rita")
    topic = TopicFactory(title="E2E Datenethik")
    services.notify(
        [person],
        kind="e2e.planned",
        title="Ihr Wunsch „Datenethik“ wurde eingeplant",
        url=topic.get_absolute_url(),
    )
    log_in(page, person)

    page.goto("/")
    my_area = page.locator("header summary", has_text="Mein Bereich")
    assert "1" in my_area.inner_text()
    my_area.click()
    badge = page.locator("header").get_by_role("link", name=re.compile("Benachrichtigungen"))
    assert "1" in badge.inner_text()
    badge.click()
    page.wait_for_load_state()

    main = page.locator("main")
    assert "Sie haben 1 ungelesene Benachrichtigung." in main.inner_text()
    main.get_by_role("button", name=re.compile("Als gelesen markieren")).click()
    page.wait_for_load_state()

    assert "Sie haben keine ungelesenen Benachrichtigungen." in main.inner_text()
    assert queries.unread_count(person) == 0
    main.get_by_role("link", name=re.compile("Datenethik")).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == topic.get_absolute_url()


def test_unsubscribe_link_from_the_email_works_without_login(page: Page, mailoutbox_clear):
    person = UserFactory()
    services.notify([person], kind="e2e.planned", title="Eingeplant")  # sent after commit
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")

    page.goto(urlsplit(link).path)
    assert "Ein unterstützter Themenwunsch wurde eingeplant" in page.locator("main").inner_text()
    page.get_by_role("button", name="Abbestellen").click()
    page.wait_for_load_state()

    assert "Abbestellt" in page.locator("h1").inner_text()
    assert queries.cadence_for(person, "e2e.planned") == Cadence.OFF


def test_notification_pages_pass_axe(axe_page: Page, log_in):
    person = UserFactory()
    log_in(axe_page, person)

    axe_page.goto(reverse("notifications:centre"))
    axe_check(axe_page, name="/benachrichtigungen/ (empty)")

    for number in range(3):
        services.notify(
            [person], kind="e2e.planned", title=f"Neuigkeit {number}", body="Mehr", url="/"
        )
    [first] = services.notify([person], kind="e2e.reply", title="Gelesene Neuigkeit")
    services.mark_read(person, first.pk)
    axe_page.goto(reverse("notifications:centre"))
    axe_check(axe_page, name="/benachrichtigungen/ (items)")

    axe_page.goto(reverse("notifications:settings"))
    axe_check(axe_page, name="/benachrichtigungen/einstellungen/")
    axe_page.get_by_label("in der wöchentlichen Zusammenfassung").first.check()
    axe_page.get_by_role("button", name="Einstellungen speichern").click()
    axe_page.wait_for_load_state()
    assert "gespeichert" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/benachrichtigungen/einstellungen/ (saved)")

    services.follow(person, TopicFactory(title="E2E Hybride Ratsarbeit"))
    axe_page.goto(reverse("notifications:following"))
    assert "E2E Hybride Ratsarbeit" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/benachrichtigungen/gefolgt/")


def test_unsubscribe_pages_pass_axe(axe_page: Page):
    from stadtgespraeche.notifications import tokens

    person = UserFactory()
    url = reverse("notifications:unsubscribe", args=[tokens.make_token(person.pk)])

    axe_page.goto(url)
    axe_check(axe_page, name="/benachrichtigungen/abmelden/ (confirm)")
    axe_page.get_by_role("button", name="Abbestellen").click()
    axe_page.wait_for_load_state()
    assert "keine Benachrichtigungs-E-Mails mehr" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="/benachrichtigungen/abmelden/ (done)")

    axe_page.goto(reverse("notifications:unsubscribe", args=["kaputt"]))
    assert "Link nicht gültig" in axe_page.locator("h1").inner_text()
    axe_check(axe_page, name="/benachrichtigungen/abmelden/ (invalid)")
