"""axe-core over every page of the foundation (issue 2) with real content: the public site,
the account pages of each role and the organiser dashboard, in German and in English.

Each case builds the data it needs and returns (path, who is logged in).
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.services import invite_user
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.people.enums import AffiliationRole
from tests.e2e.axe import axe_check
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    CoordinatorFactory,
    OrganiserFactory,
    UserFactory,
)
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import (
    DefaultSeriesFactory,
    MembershipApplicationFactory,
    MembershipChangeFactory,
    MembershipFactory,
)
from tests.factories.people import AffiliationFactory
from tests.factories.topics import TopicFactory

pytestmark = pytest.mark.e2e

Case = Callable[[], tuple[str, Any]]


def _network() -> dict[str, Any]:
    series = DefaultSeriesFactory()
    member = MunicipalityFactory(name="Kaiserslautern-Test", slug="kl-test")
    membership = MembershipFactory(series=series, municipality=member)
    MembershipChangeFactory(membership=membership)
    MembershipFactory(
        series=series,
        municipality=MunicipalityFactory(name="Bewerberstadt"),
        status=MembershipStatus.APPLIED,
    )
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator, municipality=member, role=AffiliationRole.COORDINATOR, show_publicly=True
    )
    return {
        "series": series,
        "member": member,
        "membership": membership,
        "coordinator": coordinator,
    }


def _public(name: str, **kwargs: Any) -> Case:
    def case() -> tuple[str, Any]:
        _network()
        return reverse(name, kwargs=kwargs), None

    return case


def _as(name: str, user_factory: Callable[[], Any], **kwargs: Any) -> Case:
    def case() -> tuple[str, Any]:
        _network()
        return reverse(name, kwargs=kwargs), user_factory()

    return case


def _municipality_detail() -> tuple[str, Any]:
    network = _network()
    return network["member"].get_absolute_url(), None


def _topic_detail() -> tuple[str, Any]:
    topic = TopicFactory(title="Kommunale Datenräume", slug="kommunale-datenraeume")
    return topic.get_absolute_url(), None


def _invitation_accept() -> tuple[str, Any]:
    _user, invitation = invite_user(
        email="neu@example.org", role=Role.COUNCILLOR, invited_by=None, send_email=False
    )
    return reverse("accounts:invitation-accept", kwargs={"token": invitation.token}), None


def _invitation_invalid() -> tuple[str, Any]:
    return reverse("accounts:invitation-accept", kwargs={"token": "abgelaufen"}), None


def _invite_for_municipality() -> tuple[str, Any]:
    network = _network()
    return (
        reverse("people:invite", kwargs={"slug": network["member"].slug}),
        network["coordinator"],
    )


def _my_affiliations() -> tuple[str, Any]:
    network = _network()
    return reverse("people:my-affiliations"), network["coordinator"]


def _application_detail() -> tuple[str, Any]:
    network = _network()
    application = MembershipApplicationFactory(series=network["series"])
    return reverse("dashboard:application-detail", kwargs={"pk": application.pk}), (
        OrganiserFactory()
    )


def _membership_detail() -> tuple[str, Any]:
    network = _network()
    return reverse("dashboard:membership-detail", kwargs={"pk": network["membership"].pk}), (
        OrganiserFactory()
    )


def _topic_update() -> tuple[str, Any]:
    topic = TopicFactory()
    return reverse("dashboard:topic-update", kwargs={"pk": topic.pk}), OrganiserFactory()


def _sitetext_update() -> tuple[str, Any]:
    return reverse("dashboard:sitetext-update", kwargs={"key": "legal_notice"}), (
        OrganiserFactory()
    )


CASES = [
    pytest.param(_public("pages:home"), id="home"),
    pytest.param(_public("pages:about"), id="about"),
    pytest.param(_public("pages:legal-notice"), id="legal-notice"),
    pytest.param(_public("pages:privacy"), id="privacy"),
    pytest.param(_public("pages:accessibility"), id="accessibility"),
    pytest.param(_public("pages:easy-language"), id="easy-language"),
    pytest.param(_public("pages:data-sources"), id="data-sources"),
    pytest.param(_public("pages:municipality-list"), id="municipality-list"),
    pytest.param(_municipality_detail, id="municipality-detail"),
    pytest.param(_public("topics:topic-list"), id="topic-list"),
    pytest.param(_topic_detail, id="topic-detail"),
    pytest.param(_public("network:apply"), id="apply"),
    pytest.param(_public("network:apply-done"), id="apply-done"),
    pytest.param(_public("accounts:password-reset"), id="password-reset"),
    pytest.param(_public("accounts:password-reset-done"), id="password-reset-done"),
    pytest.param(_invitation_accept, id="invitation-accept"),
    pytest.param(_invitation_invalid, id="invitation-invalid"),
    pytest.param(_as("accounts:home", UserFactory), id="account-councillor"),
    pytest.param(
        _as("accounts:home", lambda: UserFactory(role=Role.SPEAKER)), id="account-speaker"
    ),
    pytest.param(_as("accounts:password-change", UserFactory), id="password-change"),
    pytest.param(_as("accounts:email-change", UserFactory), id="email-change"),
    pytest.param(_as("accounts:two-factor", UserFactory), id="two-factor"),
    pytest.param(_as("accounts:two-factor-setup", UserFactory), id="two-factor-setup"),
    pytest.param(_as("accounts:two-factor", OrganiserFactory), id="two-factor-organiser"),
    pytest.param(_as("people:invite-start", OrganiserFactory), id="invite-start-organiser"),
    pytest.param(_invite_for_municipality, id="invite-coordinator"),
    pytest.param(_my_affiliations, id="my-affiliations"),
    pytest.param(_as("dashboard:home", OrganiserFactory), id="dashboard-home"),
    pytest.param(_as("dashboard:application-list", OrganiserFactory), id="applications"),
    pytest.param(_application_detail, id="application-detail"),
    pytest.param(_as("dashboard:membership-list", OrganiserFactory), id="memberships"),
    pytest.param(_membership_detail, id="membership-detail"),
    pytest.param(_as("dashboard:membership-add", OrganiserFactory), id="membership-add"),
    pytest.param(_as("dashboard:topic-list", OrganiserFactory), id="dashboard-topics"),
    pytest.param(_as("dashboard:topic-create", OrganiserFactory), id="topic-create"),
    pytest.param(_topic_update, id="topic-update"),
    pytest.param(_as("dashboard:sitetext-list", OrganiserFactory), id="sitetexts"),
    pytest.param(_sitetext_update, id="sitetext-update"),
    pytest.param(_as("dashboard:audit-log", OrganiserFactory), id="audit-log"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("case", CASES)
def test_page_with_content_has_no_serious_axe_violations(
    axe_page: Page, log_in, live_server, case: Case, language: str
):
    path, user = case()
    if user is not None:
        log_in(axe_page, user)
    axe_page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )

    response = axe_page.goto(path)

    assert response is not None
    assert response.status in (200, 410)  # 410: the expired/unknown invitation page
    assert urlsplit(axe_page.url).path == path  # not redirected to login or 2FA setup
    assert axe_page.locator("html").get_attribute("lang") == language
    axe_check(axe_page, name=f"{path} [{language}]" + (f" ({user.role})" if user else ""))


def test_second_factor_step_of_login_has_no_serious_axe_violations(axe_page: Page):
    organiser = OrganiserFactory(email="orga@example.org")
    axe_page.goto(reverse("accounts:login"))
    axe_page.locator("input[name=email]").fill(organiser.email)
    axe_page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    axe_page.locator("main form button[type=submit]").click()

    axe_page.wait_for_url(f"**{reverse('accounts:login-two-factor')}")

    assert axe_page.locator("input[name=code]").count() == 1
    axe_check(axe_page, name=reverse("accounts:login-two-factor"))


def test_demo_banner_sits_in_a_landmark_and_passes_axe(axe_page: Page, settings):
    settings.DEMO = True

    axe_page.goto(reverse("pages:home"))

    assert axe_page.locator("header .demo-banner").count() == 1
    axe_check(axe_page, name="/ (demo installation)")
