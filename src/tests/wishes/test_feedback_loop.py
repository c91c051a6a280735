"""The follow-up loop: topic wishes from the feedback on a Stadtgespräch become wishes of a
collecting round (wishes/services/feedback.py, dashboard feedback page)."""

import pytest

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.exceptions import NotAllowed, WishError, WrongPhase
from stadtgespraeche.wishes.models import TopicWish, WishSupport
from stadtgespraeche.wishes.services import feedback
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.documentation import FeedbackFactory, held_event
from tests.factories.network import SeriesFactory
from tests.factories.wishes import WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    event = held_event(title="Stadtgespräch Wärme")
    FeedbackFactory(event=event, topic_wishes="- Kommunale Wärmeplanung\n* Open Data\n\n")
    FeedbackFactory(event=event, topic_wishes="open data")  # a duplicate, other case
    FeedbackFactory(event=event, topic_wishes="")
    return event


@pytest.fixture
def wish_round(event):
    return WishRoundFactory(series=event.series, phase=Phase.COLLECT, title="Herbst")


def test_feedback_wish_texts_split_lines_and_drop_markers_and_duplicates(event):
    assert feedback.feedback_wish_texts(event) == ["Kommunale Wärmeplanung", "Open Data"]


def test_wishes_from_feedback_creates_anonymous_wishes(event, wish_round, organiser):
    wishes = feedback.wishes_from_feedback(event, into=wish_round, by=organiser)

    assert [wish.title for wish in wishes] == ["Kommunale Wärmeplanung", "Open Data"]
    for wish in wishes:
        assert wish.author is None
        assert wish.from_feedback_on == event
        assert wish.reason == "Aus den Rückmeldungen zu „Stadtgespräch Wärme“."
    assert not WishSupport.objects.exists()
    entry = AuditLog.objects.get(action="wishes.feedback.taken_over")
    assert entry.data == {"event": event.pk, "wishes": 2}


def test_wishes_from_feedback_keeps_a_long_text_in_the_reason(organiser):
    event = held_event()
    long_text = "Digitale Bürgerbeteiligung " * 10
    FeedbackFactory(event=event, topic_wishes=long_text)
    wish_round = WishRoundFactory(series=event.series)

    (wish,) = feedback.wishes_from_feedback(event, into=wish_round, by=organiser)

    assert len(wish.title) == 200
    assert wish.reason.startswith(long_text.strip())


def test_wishes_from_feedback_twice_is_refused(event, wish_round, organiser):
    feedback.wishes_from_feedback(event, into=wish_round, by=organiser)

    with pytest.raises(WishError, match="bereits"):
        feedback.wishes_from_feedback(event, into=wish_round, by=organiser)

    assert TopicWish.objects.count() == 2


def test_wishes_from_feedback_without_wishes_is_refused(wish_round, organiser):
    empty = held_event(series=wish_round.series)
    FeedbackFactory(event=empty, topic_wishes="  \n")

    with pytest.raises(WishError):
        feedback.wishes_from_feedback(empty, into=wish_round, by=organiser)


def test_wishes_from_feedback_into_a_voting_round_is_refused(event, organiser):
    voting = WishRoundFactory(series=event.series, phase=Phase.VOTE)

    with pytest.raises(WrongPhase):
        feedback.wishes_from_feedback(event, into=voting, by=organiser)

    assert not TopicWish.objects.exists()


def test_wishes_from_feedback_into_another_series_is_refused(event, organiser):
    other = WishRoundFactory(series=SeriesFactory(slug="andere", name="Andere"))

    with pytest.raises(WishError):
        feedback.wishes_from_feedback(event, into=other, by=organiser)


@pytest.mark.parametrize("factory", [UserFactory, CoordinatorFactory])
def test_wishes_from_feedback_by_non_organisers_is_refused(event, wish_round, factory):
    with pytest.raises(NotAllowed):
        feedback.wishes_from_feedback(event, into=wish_round, by=factory())

    assert not TopicWish.objects.exists()


# --- The dashboard -----------------------------------------------------------------------


def test_feedback_page_offers_the_take_over(client, event, wish_round):
    client.force_login(OrganiserFactory())

    content = client.get(f"/organisation/rueckmeldungen/{event.pk}/").content.decode()

    assert "2 Themenwünsche als Wünsche in eine Runde übernehmen" in content
    assert f'<option value="{wish_round.pk}">' in content
    assert "Herbst" in content


def test_feedback_page_without_collecting_round_points_to_opening_one(client, event):
    client.force_login(OrganiserFactory())

    content = client.get(f"/organisation/rueckmeldungen/{event.pk}/").content.decode()

    assert "eröffnen Sie zuerst eine Wunschrunde" in content
    assert "/themenwuensche/neu/" in content


def test_take_over_with_one_click(client, event, wish_round):
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/organisation/rueckmeldungen/{event.pk}/themenwuensche/",
        {"round": wish_round.pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/themenwuensche/runde/{wish_round.pk}/"
    content = response.content.decode()
    assert "2 Themenwünsche wurden der Runde „Herbst“ hinzugefügt." in content
    assert "Kommunale Wärmeplanung" in content


@pytest.mark.parametrize("value", ["", "abc", "999999", "1" * 30])
def test_take_over_with_an_unknown_round_explains(client, event, wish_round, value):
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/organisation/rueckmeldungen/{event.pk}/themenwuensche/", {"round": value}, follow=True
    )

    assert "Bitte wählen Sie eine Runde, die Wünsche sammelt." in response.content.decode()
    assert not TopicWish.objects.exists()


def test_take_over_twice_shows_the_reason(client, event, wish_round):
    client.force_login(OrganiserFactory())
    url = f"/organisation/rueckmeldungen/{event.pk}/themenwuensche/"
    client.post(url, {"round": wish_round.pk})

    response = client.post(url, {"round": wish_round.pk}, follow=True)

    assert "bereits in der Runde „Herbst“" in response.content.decode()
    assert TopicWish.objects.count() == 2


@pytest.mark.parametrize("factory", [UserFactory, CoordinatorFactory])
def test_take_over_is_denied_to_non_organisers(client, event, wish_round, factory):
    client.force_login(factory())

    response = client.post(
        f"/organisation/rueckmeldungen/{event.pk}/themenwuensche/", {"round": wish_round.pk}
    )

    assert response.status_code == 403
    assert not TopicWish.objects.exists()
