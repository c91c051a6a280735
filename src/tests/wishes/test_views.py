import pytest
from django.urls import reverse
from django.utils import translation

from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.wishes.enums import Phase, WishStatus
from stadtgespraeche.wishes.models import TopicWish, Vote, WishSupport
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.people import ProfileFactory
from tests.factories.wishes import TopicWishFactory, VoteFactory, WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _post(client, name, pk, data=None, **extra):
    return client.post(reverse(name, kwargs={"pk": pk}), data or {}, **extra)


# --- Round list and detail ----------------------------------------------------------------


def test_round_list_shows_rounds_to_members(client, councillor, collecting_round):
    client.force_login(councillor)

    response = client.get(reverse("wishes:round-list"))

    assert collecting_round.title in response.content.decode()


def test_round_pages_require_login(client, collecting_round):
    TopicWishFactory(round=collecting_round, title="Geheimer Wunsch")

    for url in [reverse("wishes:round-list"), collecting_round.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302
        assert "Geheimer Wunsch" not in response.content.decode()


def test_round_detail_shows_wishes_and_remaining_votes(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round, title="Hybride Ratsarbeit konkret")
    VoteFactory(wish=wish, voter=councillor, slot=1)
    client.force_login(councillor)

    content = client.get(voting_round.get_absolute_url()).content.decode()

    assert "Hybride Ratsarbeit konkret" in content
    assert "Sie haben noch 2 von 3 Stimmen." in content
    assert "Sie haben diesem Wunsch 1 Stimme gegeben." in content


def test_round_detail_hides_author_name_unless_profile_allows(client, councillor, voting_round):
    hidden = UserFactory(first_name="Verena", last_name="Verborgen")
    ProfileFactory(user=hidden, identity_visibility=Visibility.ORGANISERS)
    shown = UserFactory(first_name="Paula", last_name="Public")
    ProfileFactory(user=shown, identity_visibility=Visibility.NETWORK)
    TopicWishFactory(round=voting_round, author=hidden)
    TopicWishFactory(round=voting_round, author=shown)
    client.force_login(councillor)

    content = client.get(voting_round.get_absolute_url()).content.decode()

    assert "Paula Public" in content
    assert "Verborgen" not in content


@pytest.mark.parametrize("item_count", [1, 3])
def test_round_detail_query_count(client, django_assert_num_queries, councillor, item_count):
    wish_round = WishRoundFactory(phase=Phase.VOTE)
    for wish in TopicWishFactory.create_batch(item_count, round=wish_round):
        ProfileFactory(user=wish.author)
    client.force_login(councillor)

    with django_assert_num_queries(8):
        response = client.get(wish_round.get_absolute_url())

    assert len(response.context["open_wishes"]) == item_count


# --- Submitting ---------------------------------------------------------------------------


def test_submit_wish_happy_path(client, councillor, collecting_round):
    client.force_login(councillor)

    response = _post(
        client,
        "wishes:wish-create",
        collecting_round.pk,
        {"title": "Open Source im Rathaus", "reason": "Wir stellen um."},
    )

    wish = TopicWish.objects.get()
    assert response.status_code == 302
    assert response.url == wish.get_absolute_url()
    assert wish.author == councillor


def test_submit_wish_bad_input_shows_messages(client, councillor, collecting_round):
    client.force_login(councillor)

    response = _post(client, "wishes:wish-create", collecting_round.pk, {"title": ""})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie ein Thema ein." in content
    assert not TopicWish.objects.exists()


def test_submit_wish_denied_for_speaker_and_in_vote_phase(client, councillor, voting_round):
    from stadtgespraeche.accounts.enums import Role

    client.force_login(UserFactory(role=Role.SPEAKER))
    assert client.get(reverse("wishes:wish-create", args=[voting_round.pk])).status_code == 403
    client.force_login(councillor)
    response = _post(client, "wishes:wish-create", voting_round.pk, {"title": "X", "reason": "Y"})
    assert response.status_code == 403
    assert not TopicWish.objects.exists()


# --- Collecting (coordinator) -------------------------------------------------------------


def test_coordinator_collection_lists_own_councillors_and_adds_wish(
    client, coordinator, councillor, other_councillor, collecting_round
):
    TopicWishFactory(round=collecting_round, author=councillor, title="Wunsch aus KL")
    TopicWishFactory(round=collecting_round, author=other_councillor, title="Fremder Wunsch")
    client.force_login(coordinator)

    content = client.get(reverse("wishes:wish-collect", args=[collecting_round.pk])).content
    response = _post(
        client,
        "wishes:wish-collect",
        collecting_round.pk,
        {"author": councillor.pk, "title": "Telefonisch gesammelt", "reason": "Aus der Fraktion"},
    )

    assert "Wunsch aus KL" in content.decode()
    assert "Fremder Wunsch" not in content.decode()
    assert response.status_code == 302
    collected = TopicWish.objects.get(title="Telefonisch gesammelt")
    assert (collected.author, collected.submitted_by) == (councillor, coordinator)


def test_coordinator_cannot_pick_foreign_councillor(
    client, coordinator, other_councillor, collecting_round
):
    client.force_login(coordinator)

    response = _post(
        client,
        "wishes:wish-collect",
        collecting_round.pk,
        {"author": other_councillor.pk, "title": "X", "reason": "Y"},
    )

    assert response.status_code == 200
    assert not TopicWish.objects.exists()


def test_collection_denied_to_councillor(client, councillor, collecting_round):
    TopicWishFactory(round=collecting_round, title="Sammlung")
    client.force_login(councillor)

    response = client.get(reverse("wishes:wish-collect", args=[collecting_round.pk]))

    assert response.status_code == 403
    assert "Sammlung" not in response.content.decode()


# --- Wish detail, support -----------------------------------------------------------------


def test_wish_detail_shows_visible_supporters_and_counts_hidden(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    visible = UserFactory(first_name="Sichtbar", last_name="Person")
    ProfileFactory(user=visible)
    hidden = UserFactory(first_name="Unsichtbar", last_name="Person")
    ProfileFactory(user=hidden, identity_visibility=Visibility.ORGANISERS)
    for person in (visible, hidden):
        WishSupport.objects.create(wish=wish, user=person)
    client.force_login(councillor)

    content = client.get(wish.get_absolute_url()).content.decode()

    assert "Sichtbar Person" in content
    assert "Unsichtbar" not in content
    assert "und 1 Person, die ihren Namen nicht zeigt" in content
    assert "Diesen Wunsch unterstützen" in content
    assert "Zusammenführen" not in content  # organiser actions absent


def test_wish_detail_denied_to_anonymous(client, voting_round):
    wish = TopicWishFactory(round=voting_round, title="Interner Wunsch")

    response = client.get(wish.get_absolute_url())

    assert response.status_code == 302
    assert "Interner Wunsch" not in response.content.decode()


def test_support_and_unsupport_views(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(councillor)

    _post(client, "wishes:wish-support", wish.pk, {"action": "support"})
    assert WishSupport.objects.filter(wish=wish, user=councillor).exists()
    _post(client, "wishes:wish-support", wish.pk, {"action": "unsupport"})
    assert not WishSupport.objects.filter(wish=wish, user=councillor).exists()


def test_support_denied_to_organiser(client, organiser, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(organiser)

    assert _post(client, "wishes:wish-support", wish.pk).status_code == 403
    assert not WishSupport.objects.filter(user=organiser).exists()


# --- Voting -------------------------------------------------------------------------------


def test_vote_without_javascript_redirects_back(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(councillor)

    response = _post(client, "wishes:wish-vote", wish.pk, {"action": "vote"})

    assert response.status_code == 302
    assert response.url == voting_round.get_absolute_url()
    assert Vote.objects.filter(voter=councillor).count() == 1


def test_vote_with_htmx_returns_box_and_counter(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(councillor)

    response = _post(
        client, "wishes:wish-vote", wish.pk, {"action": "vote"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()

    assert f'id="vote-box-{wish.pk}"' in content
    assert "Sie haben diesem Wunsch 1 Stimme gegeben." in content
    assert 'hx-swap-oob="true"' in content
    assert "noch 2 von 3 Stimmen" in content
    assert "<html" not in content


def test_vote_beyond_budget_shows_message(client, councillor):
    wish_round = WishRoundFactory(phase=Phase.VOTE, votes_per_member=1)
    wish = TopicWishFactory(round=wish_round)
    client.force_login(councillor)

    _post(client, "wishes:wish-vote", wish.pk, {"action": "vote"})
    response = _post(
        client, "wishes:wish-vote", wish.pk, {"action": "vote"}, HTTP_HX_REQUEST="true"
    )

    assert "Sie haben alle 1 Ihrer Stimmen vergeben." in response.content.decode()
    assert Vote.objects.count() == 1


def test_unvote_view(client, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    VoteFactory(wish=wish, voter=councillor)
    client.force_login(councillor)

    _post(client, "wishes:wish-vote", wish.pk, {"action": "unvote", "next": "wish"})

    assert not Vote.objects.exists()


def test_vote_denied_in_collect_phase(client, councillor, collecting_round):
    wish = TopicWishFactory(round=collecting_round)
    client.force_login(councillor)

    assert _post(client, "wishes:wish-vote", wish.pk, {"action": "vote"}).status_code == 403
    assert not Vote.objects.exists()


# --- Results ------------------------------------------------------------------------------


@pytest.mark.parametrize("item_count", [1, 3])
def test_results_query_count(client, django_assert_num_queries, organiser, item_count):
    wish_round = WishRoundFactory(phase=Phase.VOTE)
    for wish in TopicWishFactory.create_batch(item_count, round=wish_round):
        VoteFactory(wish=wish)
        WishSupport.objects.create(wish=wish, user=wish.author)
    client.force_login(organiser)

    with django_assert_num_queries(9):
        response = client.get(reverse("wishes:round-results", args=[wish_round.pk]))

    assert len(response.context["rows"]) == item_count


def test_results_show_votes_and_breadth_to_members_after_voting(client, councillor):
    wish_round = WishRoundFactory(phase=Phase.PLANNED)
    wish = TopicWishFactory(round=wish_round, title="Sieger")
    VoteFactory(wish=wish)
    client.force_login(councillor)

    content = client.get(reverse("wishes:round-results", args=[wish_round.pk])).content.decode()

    assert "Sieger" in content
    assert "<caption" in content


def test_results_denied_to_members_during_voting(client, councillor, voting_round):
    TopicWishFactory(round=voting_round, title="Zwischenstand")
    client.force_login(councillor)

    response = client.get(reverse("wishes:round-results", args=[voting_round.pk]))

    assert response.status_code == 403
    assert "Zwischenstand" not in response.content.decode()


# --- Organiser actions --------------------------------------------------------------------


def test_phase_change_view(client, organiser, collecting_round):
    client.force_login(organiser)

    _post(client, "wishes:round-phase", collecting_round.pk, {"phase": "vote"})

    collecting_round.refresh_from_db()
    assert collecting_round.phase == Phase.VOTE


def test_phase_change_bad_choice_is_a_message(client, organiser, collecting_round):
    client.force_login(organiser)

    response = _post(client, "wishes:round-phase", collecting_round.pk, {"phase": "planned"})

    collecting_round.refresh_from_db()
    assert collecting_round.phase == Phase.COLLECT
    assert response.status_code == 302


def test_phase_change_denied_to_councillor(client, councillor, collecting_round):
    client.force_login(councillor)

    assert (
        _post(client, "wishes:round-phase", collecting_round.pk, {"phase": "vote"}).status_code
        == 403
    )
    collecting_round.refresh_from_db()
    assert collecting_round.phase == Phase.COLLECT


def test_organiser_sees_actions_and_merges(client, organiser, voting_round):
    keep = TopicWishFactory(round=voting_round, title="Behalten")
    duplicate = TopicWishFactory(round=voting_round, title="Doppelt")
    EventFactory(series=voting_round.series, title="Nächstes Stadtgespräch")
    client.force_login(organiser)

    content = client.get(duplicate.get_absolute_url()).content.decode()
    response = _post(client, "wishes:wish-merge", duplicate.pk, {"into": keep.pk})

    assert "Zusammenführen" in content
    assert "Nächstes Stadtgespräch" in content
    assert response.url == keep.get_absolute_url()
    duplicate.refresh_from_db()
    assert duplicate.status == WishStatus.MERGED


def test_merge_without_choice_is_a_message(client, organiser, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(organiser)

    response = _post(client, "wishes:wish-merge", wish.pk, {"into": "x"})

    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.status == WishStatus.OPEN


def test_plan_view_plans_and_denies_councillor(client, organiser, councillor, voting_round):
    wish = TopicWishFactory(round=voting_round)
    event = EventFactory(series=voting_round.series)
    client.force_login(councillor)
    assert _post(client, "wishes:wish-plan", wish.pk, {"event": event.pk}).status_code == 403
    assert _post(client, "wishes:wish-merge", wish.pk, {"into": wish.pk}).status_code == 403

    client.force_login(organiser)
    _post(client, "wishes:wish-plan", wish.pk, {"event": event.pk})

    wish.refresh_from_db()
    assert wish.status == WishStatus.PLANNED
    assert wish.topic in event.topics.all()


def test_plan_view_bad_event_is_a_message(client, organiser, voting_round):
    wish = TopicWishFactory(round=voting_round)
    client.force_login(organiser)

    response = _post(client, "wishes:wish-plan", wish.pk, {"event": "999999"})

    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.status == WishStatus.OPEN


def test_english_round_page(client, councillor, voting_round):
    client.force_login(councillor)
    client.cookies["django_language"] = "en"

    with translation.override("de"):  # LocaleMiddleware would leave English active
        content = client.get(voting_round.get_absolute_url()).content.decode()

    assert "You have 3 of 3 votes left." in content


# --- Creating a round ---------------------------------------------------------------------


def test_organiser_creates_round(client, organiser):
    from tests.factories.network import SeriesFactory

    series = SeriesFactory()
    client.force_login(organiser)

    listing = client.get(reverse("wishes:round-list")).content.decode()
    response = client.post(
        reverse("wishes:round-create"),
        {"series": series.pk, "title": "Herbstrunde", "votes_per_member": 4},
    )

    from stadtgespraeche.wishes.models import WishRound

    wish_round = WishRound.objects.get()
    assert "Neue Runde" in listing
    assert response.url == wish_round.get_absolute_url()
    assert (wish_round.title, wish_round.votes_per_member, wish_round.phase) == (
        "Herbstrunde",
        4,
        Phase.COLLECT,
    )


def test_round_form_bad_input_shows_messages(client, organiser):
    client.force_login(organiser)

    response = client.post(reverse("wishes:round-create"), {"votes_per_member": 50})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie einen Titel ein." in content
    assert "Bitte wählen Sie eine Reihe." in content


def test_round_form_window_error_is_a_form_error(client, organiser):
    from tests.factories.network import SeriesFactory

    client.force_login(organiser)

    response = client.post(
        reverse("wishes:round-create"),
        {
            "series": SeriesFactory().pk,
            "title": "X",
            "votes_per_member": 3,
            "vote_starts_at": "2027-01-10T10:00",
            "vote_ends_at": "2027-01-09T10:00",
        },
    )

    assert "Die Abstimmung muss nach ihrem Beginn enden." in response.content.decode()


def test_round_form_preselects_the_default_series(client, organiser):
    """Issue 12 journey: the organiser's new round failed with "Bitte wählen Sie eine Reihe."
    although the network has one series; the form now preselects it (as the event form)."""
    from tests.factories.network import SeriesFactory

    series = SeriesFactory(slug="smarte-stadtgespraeche", name="Smarte Stadtgespräche")
    client.force_login(organiser)

    content = client.get(reverse("wishes:round-create")).content.decode()

    assert f'<option value="{series.pk}" selected>' in content


def test_round_form_uses_the_common_empty_choice_label(client, organiser):
    client.force_login(organiser)

    content = client.get(reverse("wishes:round-create")).content.decode()

    assert ">Bitte auswählen</option>" in content
    assert "bitte wählen" not in content


def test_round_create_denied_to_councillor(client, councillor):
    client.force_login(councillor)

    listing = client.get(reverse("wishes:round-list")).content.decode()
    response = client.get(reverse("wishes:round-create"))

    assert response.status_code == 403
    assert "Neue Runde" not in listing


@pytest.mark.parametrize("item_count", [1, 3])
def test_round_list_query_count(client, django_assert_num_queries, councillor, item_count):
    WishRoundFactory.create_batch(item_count, target_event=EventFactory())
    client.force_login(councillor)

    with django_assert_num_queries(4):
        response = client.get(reverse("wishes:round-list"))

    assert len(response.context["rounds"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_collection_query_count(
    client, django_assert_num_queries, coordinator, councillor, collecting_round, item_count
):
    TopicWishFactory.create_batch(item_count, round=collecting_round, author=councillor)
    client.force_login(coordinator)

    with django_assert_num_queries(9):
        response = client.get(reverse("wishes:wish-collect", args=[collecting_round.pk]))

    assert len(response.context["wishes"]) == item_count


def test_round_detail_order_does_not_reveal_votes_while_voting(client, councillor, voting_round):
    leading = TopicWishFactory(round=voting_round, title="Zebrastreifen digital")
    TopicWishFactory(round=voting_round, title="Apfelbaum-Kataster")
    for slot in (1, 2, 3):
        VoteFactory(wish=leading, slot=slot)
    client.force_login(councillor)

    content = client.get(voting_round.get_absolute_url()).content.decode()

    assert content.index("Apfelbaum-Kataster") < content.index("Zebrastreifen digital")
