import pytest
from django.urls import reverse

from stadtgespraeche.knowledge.enums import EditorialState, PracticeStatus
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.network import MembershipFactory
from tests.factories.people import ProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

LIST = "/praxis/"


def test_list_url_is_stable():
    assert reverse("knowledge:practice-list") == LIST


def test_list_shows_published_with_facets_not_drafts(client, city):
    topic = Topic.objects.get(slug="hybride-ratsarbeit")
    PracticeFactory(
        title="Hybride Sitzungen", municipalities=[city], topics=[topic], started_in=2022
    )
    PracticeFactory(title="Geheimer Entwurf", state=EditorialState.DRAFT, municipalities=[city])

    content = client.get(LIST).content.decode()

    assert "Hybride Sitzungen" in content
    assert "Geheimer Entwurf" not in content
    assert "1 Praxisbeispiel" in content or "Ein Praxisbeispiel" in content
    assert topic.title in content
    assert "Rheinland-Pfalz" in content
    assert "2022" in content


def test_list_filters_by_facet_and_ignores_bad_values(client):
    PracticeFactory(title="Pilot A", status=PracticeStatus.PILOT)
    PracticeFactory(title="Betrieb B", status=PracticeStatus.IN_OPERATION)

    content = client.get(LIST, {"status": "pilot", "year": "abc", "band": "x"}).content.decode()

    assert "Pilot A" in content
    assert "Betrieb B" not in content
    assert "Alle Filter zurücksetzen" in content


def test_list_htmx_returns_the_results_partial(client):
    PracticeFactory(title="Teilbar")
    response = client.get(LIST, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="practice-results"' in content
    assert "<html" not in content


def test_list_empty_state(client):
    assert "Es ist noch kein Praxisbeispiel veröffentlicht." in client.get(LIST).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    topic = Topic.objects.get(slug="hybride-ratsarbeit")
    for _ in range(count):
        PracticeFactory(topics=[topic], started_in=2021)
    with django_assert_num_queries(12):
        client.get(LIST)


def test_detail_shows_content_events_and_visible_contact(client, city):
    contact = UserFactory(first_name="Carla", last_name="Kontakt")
    ProfileFactory(user=contact, municipality=city, identity_visibility=Visibility.PUBLIC)
    event = EventFactory(title="Auftakt")
    practice = PracticeFactory(
        title="Bürgerbeteiligung digital",
        municipalities=[city],
        contact=contact,
        outcome="Mehr **Beteiligung**",
        links="https://example.org/portal",
    )
    practice.related_events.set([event])

    content = client.get(practice.get_absolute_url()).content.decode()

    assert "Bürgerbeteiligung digital" in content
    assert "<strong>Beteiligung</strong>" in content
    assert "Carla Kontakt" in content
    assert "Auftakt" in content
    assert "https://example.org/portal" in content
    assert "Bearbeiten" not in content


def test_detail_hides_contact_name_when_profile_is_network_only(client, city):
    contact = UserFactory(first_name="Nora", last_name="Netzwerk")
    ProfileFactory(user=contact, municipality=city, identity_visibility=Visibility.NETWORK)
    practice = PracticeFactory(municipalities=[city], contact=contact)

    content = client.get(practice.get_absolute_url()).content.decode()

    assert "Nora" not in content
    assert "nicht öffentlich genannt" in content


def test_detail_of_draft_is_404_for_anonymous_and_others(client, city):
    practice = PracticeFactory(title="Vertraulicher Entwurf", state=EditorialState.DRAFT)
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 404
    assert "Vertraulicher Entwurf" not in response.content.decode()

    client.force_login(UserFactory())
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_detail_hides_network_only_event_from_anonymous(client):
    from stadtgespraeche.events.enums import Confidentiality

    practice = PracticeFactory()
    practice.related_events.set(
        [EventFactory(title="Internes Treffen", confidentiality=Confidentiality.NETWORK)]
    )

    assert "Internes Treffen" not in client.get(practice.get_absolute_url()).content.decode()


def _form_data(city, **overrides):
    data = {
        "title": "Offene Ratsdaten",
        "summary": "Ratsinformationen als offene Daten.",
        "municipalities": [city.pk],
        "status": PracticeStatus.PILOT,
        "problem": "Ratsdaten waren schwer zu finden.",
        "approach": "OParl-Schnittstelle veröffentlicht.",
        "started_in": "2022",
        "links": "https://example.org/oparl",
    }
    return {**data, **overrides}


def test_create_practice_as_coordinator(client, coordinator, city):
    MembershipFactory(municipality=city)
    client.force_login(coordinator)

    response = client.post(reverse("knowledge:practice-create"), _form_data(city))

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response.url == practice.get_absolute_url()
    assert practice.author == coordinator
    assert practice.state == EditorialState.DRAFT
    assert practice.started_in == 2022


def test_create_with_bad_input_shows_german_messages_and_keeps_input(client, coordinator, city):
    MembershipFactory(municipality=city)
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:practice-create"),
        _form_data(city, links="kein link", started_in="1800", title="Mein Titel"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "ist keine Webadresse" in content
    assert "zwischen 1990" in content
    assert "Mein Titel" in content
    assert not Practice.objects.exists()


def test_create_is_denied_for_speakers_and_anonymous(client):
    response = client.get(reverse("knowledge:practice-create"))
    assert response.status_code == 302
    client.force_login(UserFactory(role="speaker"))
    assert client.get(reverse("knowledge:practice-create")).status_code == 403


def test_edit_by_author_creates_a_version(client, councillor, city):
    MembershipFactory(municipality=city)
    practice = PracticeFactory(state=EditorialState.DRAFT, author=councillor, municipalities=[city])
    client.force_login(councillor)

    response = client.post(
        reverse("knowledge:practice-edit", args=[practice.slug]),
        _form_data(city, title="Neuer Titel"),
    )

    practice.refresh_from_db()
    assert response.status_code == 302
    assert practice.title == "Neuer Titel"
    assert practice.versions.count() == 1


def test_edit_of_foreign_draft_is_404(client, city):
    practice = PracticeFactory(state=EditorialState.DRAFT, municipalities=[city])
    client.force_login(UserFactory())
    assert client.get(reverse("knowledge:practice-edit", args=[practice.slug])).status_code == 404


def test_workflow_submit_then_publish(client, councillor, coordinator, city):
    practice = PracticeFactory(state=EditorialState.DRAFT, author=councillor, municipalities=[city])
    client.force_login(councillor)
    client.post(reverse("knowledge:practice-submit", args=[practice.slug]))
    practice.refresh_from_db()
    assert practice.state == EditorialState.IN_REVIEW

    client.force_login(coordinator)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Entscheidung senden" in page
    client.post(reverse("knowledge:practice-review", args=[practice.slug]), {"decision": "publish"})

    practice.refresh_from_db()
    assert practice.state == EditorialState.PUBLISHED


def test_review_return_without_note_is_refused_with_message(client, coordinator, city):
    practice = PracticeFactory(state=EditorialState.IN_REVIEW, municipalities=[city])
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:practice-review", args=[practice.slug]), {"decision": "return"}
    )

    practice.refresh_from_db()
    assert response.status_code == 400
    assert "Bitte schreiben Sie, was geändert werden soll." in response.content.decode()
    assert practice.state == EditorialState.IN_REVIEW


def test_review_by_councillor_is_forbidden(client, councillor, city):
    practice = PracticeFactory(state=EditorialState.PUBLISHED, municipalities=[city])
    client.force_login(councillor)
    response = client.post(
        reverse("knowledge:practice-review", args=[practice.slug]), {"decision": "publish"}
    )
    assert response.status_code == 403


def test_unpublish_and_delete(client, organiser, city):
    practice = PracticeFactory(municipalities=[city])
    client.force_login(organiser)

    client.post(reverse("knowledge:practice-unpublish", args=[practice.slug]), {"note": "alt"})
    practice.refresh_from_db()
    assert practice.state == EditorialState.DRAFT

    client.post(reverse("knowledge:practice-delete", args=[practice.slug]))
    assert not Practice.objects.filter(pk=practice.pk).exists()


def test_versions_page_shows_diff(client, coordinator, city):
    from stadtgespraeche.knowledge import services

    practice = services.create_practice(
        author=coordinator,
        title="Alter Titel",
        municipalities=[city],
        summary="s",
        problem="p",
        approach="a",
    )
    services.update_practice(practice, by=coordinator, title="Neuer Titel")
    client.force_login(coordinator)

    content = client.get(
        reverse("knowledge:practice-versions", args=[practice.slug])
    ).content.decode()

    assert "Änderungen von Version 1 zu Version 2" in content
    assert '<del class="diff-delete"><span class="sr-only">entfernt: </span>Alter</del>' in content
    assert (
        '<ins class="diff-insert"><span class="sr-only">hinzugefügt: </span>Neuer</ins>' in content
    )


def test_versions_page_is_denied_to_other_councillors(client, city):
    practice = PracticeFactory(municipalities=[city])
    client.force_login(UserFactory())
    response = client.get(reverse("knowledge:practice-versions", args=[practice.slug]))
    assert response.status_code == 403


def test_versions_unknown_number_is_404_and_bad_number_falls_back(client, coordinator, city):
    from stadtgespraeche.knowledge import services

    practice = services.create_practice(
        author=coordinator, title="T", municipalities=[city], summary="s", problem="p", approach="a"
    )
    client.force_login(coordinator)
    url = reverse("knowledge:practice-versions", args=[practice.slug])
    assert client.get(url, {"version": "7"}).status_code == 404
    assert client.get(url, {"version": "x"}).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_mine_query_count(client, coordinator, city, django_assert_num_queries, count):
    for _ in range(count):
        PracticeFactory(author=coordinator, municipalities=[city], state=EditorialState.DRAFT)
        PracticeFactory(municipalities=[city], state=EditorialState.IN_REVIEW)
    client.force_login(coordinator)
    with django_assert_num_queries(8):
        response = client.get(reverse("knowledge:mine"))
    assert "Wartet auf Ihre Prüfung" in response.content.decode()


def test_mine_shows_only_own_entries(client, councillor, city):
    PracticeFactory(title="Meins", author=councillor, state=EditorialState.DRAFT)
    PracticeFactory(title="Fremd", state=EditorialState.DRAFT)
    client.force_login(councillor)

    content = client.get(reverse("knowledge:mine")).content.decode()

    assert "Meins" in content
    assert "Fremd" not in content
    assert "Wartet auf Ihre Prüfung" not in content


def test_topic_page_lists_published_practices_on_the_topic(client):
    topic = Topic.objects.get(slug="hybride-ratsarbeit")
    PracticeFactory(title="Hybride Sitzungen erprobt", topics=[topic])
    PracticeFactory(title="Noch ein Entwurf", topics=[topic], state=EditorialState.DRAFT)
    PracticeFactory(title="Anderes Thema")

    content = client.get(topic.get_absolute_url()).content.decode()

    assert "Hybride Sitzungen erprobt" in content
    assert "Noch ein Entwurf" not in content
    assert "Anderes Thema" not in content
    assert f"/praxis/?topic={topic.slug}" in content
