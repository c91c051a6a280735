"""axe-core over every page: no violation of impact serious or critical (WCAG 2.1 A/AA).

Extend PAGES with each new page: (id, URL name, URL kwargs, who is logged in).
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.e2e.axe import axe_check
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = pytest.mark.e2e

VISITORS: dict[str, Callable[[], Any] | None] = {
    "anonymous": None,
    "councillor": UserFactory,
    "coordinator": CoordinatorFactory,
    "organiser": OrganiserFactory,
}

PAGES = [
    pytest.param("accounts:login", {}, "anonymous", id="login"),
    pytest.param("accounts:home", {}, "councillor", id="account-home-councillor"),
    pytest.param("accounts:home", {}, "coordinator", id="account-home-coordinator"),
    pytest.param("accounts:home", {}, "organiser", id="account-home-organiser"),
    pytest.param("pages:overview", {}, "councillor", id="overview-councillor"),
    pytest.param("pages:overview", {}, "coordinator", id="overview-coordinator"),
    pytest.param("pages:overview", {}, "organiser", id="overview-organiser"),
    pytest.param("oparl:coverage", {}, "anonymous", id="council-data-coverage"),
    pytest.param("oparl:endpoint-add", {}, "organiser", id="council-data-endpoint-add"),
    pytest.param("oparl:topic-keywords", {}, "organiser", id="council-data-topic-keywords"),
]


@pytest.mark.parametrize(("url_name", "kwargs", "visitor"), PAGES)
def test_page_has_no_serious_axe_violations(
    axe_page: Page, log_in, url_name: str, kwargs: dict[str, Any], visitor: str
):
    factory = VISITORS[visitor]
    if factory is not None:
        log_in(axe_page, factory())
    path = reverse(url_name, kwargs=kwargs)

    response = axe_page.goto(path)

    assert response is not None
    assert response.status == 200
    assert urlsplit(axe_page.url).path == path  # not redirected, e.g. to the login page
    axe_check(axe_page, name=f"{path} ({visitor})")


def test_axe_check_with_serious_violation_fails_with_readable_message(axe_page: Page):
    axe_page.set_content(
        '<!DOCTYPE html><html lang="de"><head><title>Probe</title></head><body><main>'
        '<h1>Probe</h1><form><input type="text" name="q"></form></main></body></html>'
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(axe_page, name="self-test", record=False)

    assert "[critical] label" in str(failure.value)
    assert 'name="q"' in str(failure.value)


def test_council_data_run_and_people_pages_have_no_serious_axe_violations(axe_page: Page, log_in):
    """The import progress page (while it polls) and the council members page."""
    from django.utils import timezone

    from stadtgespraeche.oparl.models import (
        OparlMembership,
        OparlOrganization,
        OparlPerson,
        SyncRun,
    )
    from tests.factories import oparl as council_data
    from tests.factories.municipalities import MunicipalityFactory

    town = MunicipalityFactory(slug="axe-stadt")
    endpoint = council_data.council(town)
    run = SyncRun.objects.create(
        endpoint=endpoint,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        progress={
            "phase": "lists",
            "list_name": "paper",
            "page": 3,
            "total_pages": 9,
            "lists_done": 1,
            "lists_total": 4,
            "objects_seen": 120,
            "written": 120,
        },
    )
    faction = OparlOrganization.objects.create(
        endpoint=endpoint,
        oparl_id="https://axe.example/org/1",
        name="Fraktion A",
        organization_type="Fraktion",
    )
    person = OparlPerson.objects.create(
        endpoint=endpoint,
        oparl_id="https://axe.example/person/1",
        name="Frau Eva Muster",
        given_name="Eva",
        family_name="Muster",
    )
    OparlMembership.objects.create(
        endpoint=endpoint, oparl_id="https://axe.example/m/1", person=person, organization=faction
    )
    log_in(axe_page, OrganiserFactory())
    for path in (
        run.get_absolute_url(),
        reverse("oparl:people", kwargs={"slug": town.slug}),
        reverse("oparl:person-invite", kwargs={"pk": person.pk}),
    ):
        response = axe_page.goto(path)
        assert response is not None
        assert response.status == 200
        axe_check(axe_page, name=f"{path} (organiser)")


def test_axe_check_fails_on_sideways_scrolling_at_320_px(axe_page: Page):
    axe_page.set_viewport_size({"width": 1280, "height": 800})
    axe_page.set_content(
        '<!DOCTYPE html><html lang="de"><head><title>Probe</title></head><body><main>'
        '<h1>Probe</h1><p class="wide">Eine sehr breite Zeile</p></main></body></html>'
    )
    axe_page.add_style_tag(content=".wide { width: 600px; }")

    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(axe_page, name="narrow-self-test", record=False)

    assert "scrolls sideways at 320 px" in str(failure.value)
    assert '<p class="wide">' in str(failure.value)
    assert axe_page.viewport_size == {"width": 1280, "height": 800}
