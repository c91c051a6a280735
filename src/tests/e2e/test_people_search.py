"""The people directory in the browser: axe on the empty, filled and filtered page; the
filter form works without JavaScript and, with htmx, swaps only the results."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.people.enums import Visibility
from tests.e2e.axe import axe_check
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import FactionFactory, MandateFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("up_to_date_people_index")]

URL = reverse("people:people")


def _people():
    topic = TopicFactory(title="Offene Daten", slug="offene-daten")
    town = MunicipalityFactory(name="Kaiserslautern", slug="kaiserslautern")
    for first, last, visibility in [
        ("Anna", "Albers", Visibility.PUBLIC),
        ("Bernd", "Berger", Visibility.PUBLIC),
        ("Nina", "Netz", Visibility.NETWORK),
    ]:
        mandate = MandateFactory(
            profile__user__first_name=first,
            profile__user__last_name=last,
            profile__municipality=town,
            profile__identity_visibility=visibility,
            profile__mandates_visibility=visibility,
            profile__interests_visibility=visibility,
            faction=FactionFactory(municipality=town, name=f"Fraktion {last}"),
        )
        if first != "Bernd":
            mandate.profile.interests.add(topic)


def test_people_directory_empty_has_no_axe_violations(axe_page: Page):
    axe_page.goto(URL)

    expect(axe_page.locator("h1")).to_have_text("Personenverzeichnis")
    expect(axe_page.locator(".empty-state")).to_be_visible()
    axe_check(axe_page, name="people directory (empty, anonymous)")


def test_people_directory_with_results_has_no_axe_violations(axe_page: Page, log_in):
    _people()
    log_in(axe_page, UserFactory())

    axe_page.goto(URL)

    expect(axe_page.locator("#people-results .kern-card")).to_have_count(3)
    expect(axe_page.locator("#people-map svg")).to_be_visible()
    axe_check(axe_page, name="people directory (results, member)")


def test_people_directory_filtered_has_no_axe_violations(axe_page: Page):
    _people()

    axe_page.goto(f"{URL}?topic=offene-daten&municipality=nirgendwo")

    expect(axe_page.locator("#people-results .kern-card")).to_have_count(1)
    expect(axe_page.get_by_text("Anna Albers")).to_be_visible()
    expect(axe_page.get_by_text("Nina Netz")).to_have_count(0)
    axe_check(axe_page, name="people directory (filtered, error message, anonymous)")


def test_people_directory_search_form_filters_results(page: Page, log_in):
    _people()
    log_in(page, UserFactory())
    page.goto(URL)
    expect(page.locator("#people-results .kern-card")).to_have_count(3)

    page.locator("#id_topic").select_option(label="Offene Daten")
    page.locator("#id_q").fill("netz")
    page.locator("main form[role=search] button[type=submit]").click()

    expect(page.locator("#people-results .kern-card")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Nina Netz")
    expect(page.locator("#people-results")).to_contain_text("Fraktion Netz")
    query = parse_qs(urlsplit(page.url).query)
    assert query["topic"] == ["offene-daten"]
    assert query["q"] == ["netz"]


def test_people_directory_works_without_javascript(new_context):
    _people()
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(URL)

    page.locator("#id_q").fill("Berger")
    page.locator("main form[role=search] button[type=submit]").click()

    expect(page.locator("#people-results .kern-card")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Bernd Berger")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Berger"]
