"""Browser tests of contacts and peer suggestions (issue 3, sections 3 and 4): a contact
request is accepted → the contact details appear for both; axe on the suggestions page, on
"Meine Kontakte" in each state, on the request, block and report forms and on the organisers'
group suggestions and reports queue."""

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.contacts.models import AbuseReport, Block, ContactRequest, HiddenSuggestion
from stadtgespraeche.topics.models import Topic
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = pytest.mark.e2e


def _councillor(first_name: str, *, party: str, topics: list[Topic], phone: str = "") -> Any:
    user = UserFactory(
        first_name=first_name, last_name="Rat", email=f"{first_name.lower()}@example.org"
    )
    profile = ProfileFactory(
        user=user, municipality=MunicipalityFactory(name=f"Stadt {first_name}"), phone=phone
    )
    profile.interests.set(topics)
    MandateFactory(profile=profile, faction__party=PartyFactory(short_name=party))
    return user


@pytest.fixture
def topics() -> list[Topic]:
    return [TopicFactory(title="E2E Datenethik"), TopicFactory(title="E2E Open Data")]


def test_accepted_contact_request_shows_contact_details_to_both(
    new_page: Callable[[], Page], log_in, topics
):
    alice = _councillor("Alice", party="SPD", topics=topics, phone="0631 123456")
    bob = _councillor("Bob", party="GRÜNE", topics=topics, phone="0951 654321")

    # Alice finds Bob among her suggestions and asks for contact.
    alice_page = new_page()
    log_in(alice_page, alice)
    alice_page.goto(reverse("contacts:suggestions"))
    assert "andere Partei (GRÜNE)" in alice_page.locator("main").inner_text()
    alice_page.locator("main").get_by_role(
        "link", name=re.compile(r"Kontakt anfragen\W+Bob Rat")
    ).click()
    alice_page.locator("textarea[name=message]").fill("Wollen wir uns zu Open Data austauschen?")
    alice_page.locator("main form button[type=submit]").click()
    alice_page.wait_for_url(f"**{reverse('contacts:contacts')}")
    assert "bob@example.org" not in alice_page.content()

    # Bob sees the request without Alice's details, accepts, then sees them.
    bob_page = new_page()
    log_in(bob_page, bob)
    bob_page.goto(reverse("contacts:contacts"))
    main = bob_page.locator("main")
    assert "Wollen wir uns zu Open Data austauschen?" in main.inner_text()
    assert "alice@example.org" not in bob_page.content()
    main.get_by_role("button", name=re.compile(r"Annehmen\W+Alice Rat")).click()
    bob_page.wait_for_load_state()
    assert "alice@example.org" in bob_page.locator("main").inner_text()
    assert "0631 123456" in bob_page.locator("main").inner_text()

    # Alice now sees Bob's details too.
    alice_page.goto(reverse("contacts:contacts"))
    text = alice_page.locator("main").inner_text()
    assert "bob@example.org" in text
    assert "0951 654321" in text


def _visit(page: Page, path: str, name: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200
    assert urlsplit(page.url).path == path
    axe_check(page, name=name)


def test_contacts_pages_have_no_serious_axe_violations(axe_page: Page, log_in, topics):
    me = _councillor("Ich", party="SPD", topics=topics, phone="0631 1")
    _councillor("Greta", party="GRÜNE", topics=topics)
    hidden = _councillor("Hanna", party="FDP", topics=topics)
    HiddenSuggestion.objects.create(user=me, hidden=hidden)
    log_in(axe_page, me)
    contacts = reverse("contacts:contacts")

    _visit(axe_page, reverse("contacts:suggestions"), "suggestions (councillor)")
    _visit(axe_page, contacts, "contacts (empty)")

    incoming = _councillor("Ina", party="CDU", topics=topics)
    outgoing = _councillor("Otto", party="CDU", topics=topics)
    accepted = _councillor("Anton", party="CDU", topics=topics, phone="0711 2")
    blocked = _councillor("Bernd", party="CDU", topics=topics)
    ContactRequest.objects.create(sender=incoming, recipient=me, message="Hallo!")
    ContactRequest.objects.create(sender=me, recipient=outgoing, message="Hallo?")
    ContactRequest.objects.create(
        sender=accepted, recipient=me, message="Hallo.", status="accepted"
    )
    Block.objects.create(blocker=me, blocked=blocked)
    _visit(axe_page, contacts, "contacts (incoming, outgoing, accepted, blocked)")

    request_form = reverse("contacts:contact-request-create", kwargs={"user_pk": outgoing.pk})
    _visit(axe_page, request_form, "contact request form")
    axe_page.locator("main form button[type=submit]").click()  # empty: error state
    axe_page.wait_for_load_state()
    axe_check(axe_page, name="contact request form (error)")
    _visit(
        axe_page,
        reverse("contacts:contact-block", kwargs={"user_pk": incoming.pk}),
        "block confirmation",
    )
    _visit(
        axe_page,
        reverse("contacts:contact-report", kwargs={"user_pk": incoming.pk}),
        "report form",
    )


def test_organiser_pages_have_no_serious_axe_violations(axe_page: Page, log_in, topics):
    for name, party in [("Anna", "SPD"), ("Ben", "CDU"), ("Cem", "GRÜNE"), ("Dora", "FDP")]:
        _councillor(name, party=party, topics=topics)
    AbuseReport.objects.create(
        reporter=UserFactory(), reported=UserFactory(), reason="Unerwünschte Werbung"
    )
    log_in(axe_page, OrganiserFactory())

    groups = reverse("dashboard:groups")
    _visit(axe_page, groups, "group suggestions (form)")
    axe_page.goto(f"{groups}?topic={topics[0].pk}&size=3")
    assert "Gruppe 1" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="group suggestions (result)")
    _visit(axe_page, reverse("dashboard:reports"), "reports queue")
