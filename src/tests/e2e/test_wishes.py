"""Browser journey of issue 5 §1 and axe on every wishes page.

Journey: a councillor submits a topic wish → the organiser opens the voting → another
councillor votes (htmx) → the organiser plans the wish into a Stadtgespräch → the
supporter is notified: once by e-mail (locmem outbox; the live server runs in this process)
and in the notification centre, whose entry links to the Stadtgespräch.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.wishes.enums import Phase, WishStatus
from stadtgespraeche.wishes.models import TopicWish, Vote
from tests.e2e.axe import axe_check
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import DefaultSeriesFactory
from tests.factories.people import AffiliationFactory, ProfileFactory
from tests.factories.topics import TopicFactory
from tests.factories.wishes import TopicWishFactory, VoteFactory, WishRoundFactory

pytestmark = pytest.mark.e2e


def _councillor(city: str, first_name: str):
    person = UserFactory(first_name=first_name, last_name="Rat")
    municipality = MunicipalityFactory(name=city)
    AffiliationFactory(user=person, municipality=municipality, role=AffiliationRole.COUNCILLOR)
    ProfileFactory(user=person, municipality=municipality)
    return person


def test_wish_vote_plan_and_supporter_is_notified(new_page, log_in, mailoutbox_clear):
    series = DefaultSeriesFactory()
    event = EventFactory(series=series, title="E2E Stadtgespräch")
    wish_round = WishRoundFactory(series=series, title="E2E Runde", phase=Phase.COLLECT)
    author = _councillor("Kaiserslautern", "Anna")
    voter = _councillor("Bamberg", "Bernd")
    organiser = OrganiserFactory()

    # A councillor submits a wish.
    author_page = new_page()
    log_in(author_page, author)
    author_page.goto(wish_round.get_absolute_url())
    author_page.get_by_role("link", name="Themenwunsch einreichen").click()
    author_page.get_by_label("Thema", exact=True).fill("Hybride Sitzungen erproben")
    author_page.get_by_label("Warum das Thema vor Ort wichtig ist").fill("Der Rat entscheidet.")
    author_page.get_by_role("button", name="Wunsch einreichen").click()
    expect(author_page.locator("h1")).to_have_text("Hybride Sitzungen erproben")
    wish = TopicWish.objects.get(title="Hybride Sitzungen erproben")

    # The organiser opens the voting.
    organiser_page = new_page()
    log_in(organiser_page, organiser)
    organiser_page.goto(wish_round.get_absolute_url())
    organiser_page.get_by_label("Runde wechseln in").select_option("vote")
    organiser_page.get_by_role("button", name="Phase wechseln").click()
    expect(organiser_page.locator("main")).to_contain_text("Die Phase der Runde wurde geändert.")

    # Another councillor votes twice (htmx swaps the vote box and the counter).
    voter_page = new_page()
    log_in(voter_page, voter)
    voter_page.goto(wish_round.get_absolute_url())
    expect(voter_page.locator("#votes-left")).to_contain_text("noch 3 von 3")
    voter_page.get_by_role("button", name="Stimme geben").click()
    expect(voter_page.locator(f"#vote-box-{wish.pk}")).to_contain_text("1 Stimme gegeben")
    expect(voter_page.locator("#votes-left")).to_contain_text("noch 2 von 3")
    voter_page.get_by_role("button", name="Stimme geben").click()
    expect(voter_page.locator("#votes-left")).to_contain_text("noch 1 von 3")
    assert Vote.objects.filter(voter=voter, wish=wish).count() == 2

    # The organiser plans the wish into the Stadtgespräch.
    organiser_page.goto(wish.get_absolute_url())
    organiser_page.get_by_label("Stadtgespräch").select_option(str(event.pk))
    organiser_page.get_by_role(
        "button", name="Einplanen und Unterstützende benachrichtigen"
    ).click()
    expect(organiser_page.locator("main")).to_contain_text("E2E Stadtgespräch")
    wish.refresh_from_db()
    assert wish.status == WishStatus.PLANNED
    assert wish.topic in event.topics.all()

    # The supporter (author) and the voter are notified once, in the app and by e-mail.
    for person in (author, voter):
        notification = Notification.objects.get(recipient=person, kind="wishes.planned")
        assert "E2E Stadtgespräch" in notification.title
        assert notification.url == event.get_absolute_url()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([author.email, voter.email])
    author_page.goto(wish.get_absolute_url())
    expect(author_page.locator("main")).to_contain_text("Dieser Wunsch ist ein Thema von")
    # … and finds it in the notification centre, linking to the Stadtgespräch.
    author_page.goto(reverse("notifications:centre"))
    expect(author_page.locator("main")).to_contain_text("E2E Stadtgespräch")
    author_page.get_by_role("link", name=re.compile("E2E Stadtgespräch")).first.click()
    expect(author_page.get_by_role("heading", level=1)).to_have_text(event.title)


def _visit(page: Page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, name
    axe_check(page, name=name)


def test_wishes_pages_pass_axe(axe_page: Page, log_in):
    series = DefaultSeriesFactory()
    EventFactory(series=series, title="E2E Termin")
    collecting = WishRoundFactory(series=series, title="E2E Sammeln", phase=Phase.COLLECT)
    voting = WishRoundFactory(series=series, title="E2E Abstimmen", phase=Phase.VOTE)
    councillor = _councillor("Kaiserslautern", "Clara")
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator,
        municipality=councillor.profile.municipality,
        role=AffiliationRole.COORDINATOR,
    )
    wish = TopicWishFactory(
        round=voting, author=councillor, title="E2E Wunsch", topic=TopicFactory()
    )
    TopicWishFactory(round=voting, title="E2E Zweiter Wunsch")
    VoteFactory(wish=wish, voter=councillor)
    TopicWishFactory(round=collecting, author=councillor, title="E2E Gesammelt")

    log_in(axe_page, councillor)
    _visit(axe_page, reverse("wishes:round-list"), "wish rounds")
    _visit(axe_page, voting.get_absolute_url(), "wish round (voting)")
    _visit(axe_page, collecting.get_absolute_url(), "wish round (collecting)")
    _visit(axe_page, wish.get_absolute_url(), "wish detail (councillor)")
    _visit(axe_page, reverse("wishes:wish-create", args=[collecting.pk]), "wish form")
    axe_page.get_by_role("button", name="Wunsch einreichen").click()
    expect(axe_page.locator("main")).to_contain_text("Bitte geben Sie ein Thema ein.")
    axe_check(axe_page, name="wish form (errors)")
    wish.topic.events.add(EventFactory(series=series, title="E2E Themengespräch"))
    _visit(axe_page, wish.topic.get_absolute_url(), "topic page with events and wishes")
    axe_page.get_by_role("button", name="Diesem Thema folgen").click()
    expect(axe_page.locator("main")).to_contain_text("Sie folgen diesem Thema.")
    axe_check(axe_page, name="topic page (following)")

    log_in(axe_page, coordinator)
    _visit(axe_page, reverse("wishes:wish-collect", args=[collecting.pk]), "coordinator collection")

    log_in(axe_page, OrganiserFactory())
    _visit(axe_page, wish.get_absolute_url(), "wish detail (organiser actions)")
    _visit(axe_page, reverse("wishes:round-results", args=[voting.pk]), "wish round results")
    _visit(axe_page, voting.get_absolute_url(), "wish round (organiser)")
    _visit(axe_page, reverse("wishes:round-create"), "new wish round form")
    axe_page.get_by_role("button", name="Runde anlegen").click()
    expect(axe_page.locator("main")).to_contain_text("Bitte geben Sie einen Titel ein.")
    axe_check(axe_page, name="new wish round form (errors)")
