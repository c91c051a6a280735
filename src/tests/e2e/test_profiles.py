"""Browser tests for profiles: a councillor narrows the visibility of a field group and
another member no longer sees it; axe on the profile pages and the preview states."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.people.enums import Visibility
from tests.e2e.axe import axe_check
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import (
    AffiliationFactory,
    FactionFactory,
    MandateFactory,
    ProfileFactory,
)
from tests.factories.topics import TopicFactory

pytestmark = pytest.mark.e2e

BIO = "Ich mag offene Daten und kurze Wege."


def _councillor(**profile_fields):
    municipality = MunicipalityFactory(name="Profilstadt", slug="profilstadt")
    user = UserFactory(first_name="Ada", last_name="Beispielhaft")
    AffiliationFactory(user=user, municipality=municipality)
    profile = ProfileFactory(user=user, municipality=municipality, bio=BIO, **profile_fields)
    profile.interests.add(TopicFactory(title="Offene Daten"))
    MandateFactory(
        profile=profile, faction=FactionFactory(municipality=municipality, name="Fraktion Klar")
    )
    return profile


def test_narrowing_visibility_hides_the_group_from_another_member(new_page, log_in):
    profile = _councillor()
    other = UserFactory(first_name="Bert", last_name="Nachbar")
    owner_page: Page = new_page()
    other_page: Page = new_page()
    log_in(owner_page, profile.user)
    log_in(other_page, other)

    other_page.goto(profile.get_absolute_url())
    expect(other_page.locator("main")).to_contain_text(BIO)

    owner_page.goto(reverse("people:profile-edit"))
    owner_page.get_by_role(
        "group", name="Wer darf Ihre Kurzvorstellung und Ihre Sprachen sehen?"
    ).get_by_label("Nur Organisationsteam").check()
    owner_page.get_by_role("button", name="Profil speichern").click()
    expect(owner_page.locator("main")).to_contain_text("Ihr Profil wurde gespeichert.")

    owner_page.goto(profile.get_absolute_url() + "?vorschau=network")
    expect(owner_page.locator("main")).not_to_contain_text(BIO)
    owner_page.goto(profile.get_absolute_url() + "?vorschau=organisers")
    expect(owner_page.locator("main")).to_contain_text(BIO)

    other_page.reload()
    expect(other_page.locator("main")).to_contain_text("Ada Beispielhaft")
    expect(other_page.locator("main")).not_to_contain_text(BIO)


def test_profile_pages_have_no_blocking_axe_violations(axe_page: Page, log_in):
    profile = _councillor(identity_visibility=Visibility.PUBLIC)
    log_in(axe_page, profile.user)
    pages = {
        "profile edit": reverse("people:profile-edit"),
        "profile page (own)": profile.get_absolute_url(),
        "profile preview public": profile.get_absolute_url() + "?vorschau=public",
        "profile preview network": profile.get_absolute_url() + "?vorschau=network",
        "profile preview organisers": profile.get_absolute_url() + "?vorschau=organisers",
        "mandate add": reverse("people:mandate-add"),
        "photo": reverse("people:profile-photo-edit"),
        "municipality with people": profile.municipality.get_absolute_url(),
    }
    for name, path in pages.items():
        axe_page.goto(path)
        axe_check(axe_page, name=name)


def test_profile_edit_with_errors_and_hidden_preview_have_no_blocking_axe_violations(
    axe_page: Page, log_in
):
    profile = _councillor()
    log_in(axe_page, profile.user)

    axe_page.goto(profile.get_absolute_url() + "?vorschau=public")
    expect(axe_page.locator("main")).to_contain_text("existiert Ihre Profilseite")
    axe_check(axe_page, name="profile preview public (name hidden)")

    axe_page.goto(reverse("people:profile-edit"))
    axe_page.get_by_label("Vorname").fill("")
    axe_page.get_by_role("button", name="Profil speichern").click()
    expect(axe_page.locator("main")).to_contain_text("Dieses Feld ist zwingend erforderlich.")
    axe_check(axe_page, name="profile edit with errors")

    axe_page.goto(reverse("people:mandate-add"))
    axe_page.get_by_label("Beginn der Wahlperiode").fill("2024-07-01")
    axe_page.get_by_label("Ende der Wahlperiode").fill("2020-01-01")
    axe_page.get_by_role("button", name="Mandat speichern").click()
    expect(axe_page.locator("main")).to_contain_text("nicht vor ihrem Beginn enden")
    axe_check(axe_page, name="mandate add with errors")
