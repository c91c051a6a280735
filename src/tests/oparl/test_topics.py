"""Topic keyword lists assign council papers to topics; the topic, good-practice and
municipality pages show the councils' decisions and papers."""

import datetime as dt

import pytest
from django.urls import reverse

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.oparl import queries
from stadtgespraeche.oparl.models import TopicKeywords
from stadtgespraeche.oparl.services.topics import assign_topics, set_keywords, topics_of
from tests.factories import oparl as council_data
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broadband():
    topic = TopicFactory(title="Glasfaser und Breitband", slug="glasfaser")
    TopicKeywords.objects.create(topic=topic, keywords="Glasfaser\nBreitband\nWLAN")
    return topic


def test_keywords_match_case_insensitively_and_inside_compounds(broadband):
    other = TopicFactory()
    keywords = {broadband.pk: ["glasfaser", "wlan"], other.pk: ["open data"]}
    assert topics_of("Glasfaserausbau im Gewerbegebiet", keywords) == {broadband.pk}
    assert topics_of("WiFi4EU – wlan-Ausbau", keywords) == {broadband.pk}
    assert topics_of("Open-Data-Strategie", keywords) == set()
    assert topics_of("Strategie für Open Data", keywords) == {other.pk}


def test_assign_topics_writes_only_differences(broadband):
    endpoint = council_data.council()
    fibre = council_data.paper(endpoint, "Glasfaserausbau in Ortsteilen")
    kind = council_data.paper(endpoint, "Standorte", paper_type="Breitband-Vorlage")
    road = council_data.paper(endpoint, "Sanierung der Hauptstraße")
    gone = council_data.paper(endpoint, "WLAN im Rathaus", deleted=True)

    assert assign_topics() == {fibre.pk, kind.pk}
    assert list(broadband.council_papers.order_by("pk")) == [fibre, kind]
    assert assign_topics() == set()  # nothing changed: nothing written

    TopicKeywords.objects.filter(topic=broadband).update(keywords="Hauptstraße")
    assert assign_topics(endpoint=endpoint) == {fibre.pk, kind.pk, road.pk}
    assert list(broadband.council_papers.all()) == [road]
    assert assign_topics(paper_ids=[gone.pk]) == set()


def test_inactive_topics_and_empty_lists_assign_nothing(broadband):
    endpoint = council_data.council()
    council_data.paper(endpoint, "Glasfaser")
    broadband.is_active = False
    broadband.save()
    assign_topics()
    assert not broadband.council_papers.exists()


def test_set_keywords_saves_logs_and_reassigns_in_a_task(broadband):
    endpoint = council_data.council()
    paper = council_data.paper(endpoint, "Digitalisierungsstrategie der Verwaltung")
    organiser = OrganiserFactory()

    entry = set_keywords(
        topic=broadband, keywords="  Digitalisierung \n\nDigitalisierung\n", actor=organiser
    )

    entry.refresh_from_db()
    assert entry.keywords == "Digitalisierung"
    # The test settings run tasks at once: the re-assignment is done.
    assert list(broadband.council_papers.all()) == [paper]
    assert entry.assignment_state == "done"
    assert entry.assignment_changed == 1
    log = AuditLog.objects.get(action="oparl.topic_keywords.changed")
    assert log.data == {"keywords": ["Digitalisierung"]}
    set_keywords(topic=broadband, keywords="Digitalisierung")
    entry.refresh_from_db()
    assert (entry.assignment_state, entry.assignment_changed) == ("done", 0)


def test_set_keywords_only_queues_the_reassignment(broadband, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    council_data.paper(council_data.council(), "Glasfaserausbau Nord")

    entry = set_keywords(topic=broadband, keywords="Glasfaser")

    assert not broadband.council_papers.exists()  # not inside the request
    assert entry.assignment_state == "running"
    assert [r.task.name for r in default_task_backend.results] == ["reassign_topics"]


def test_reassign_all_records_a_failure_and_a_later_success_clears_it(broadband, monkeypatch):
    from stadtgespraeche.oparl.services import topics as topic_services

    entry = TopicKeywords.objects.get(topic=broadband)
    entry.assignment_requested_at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    entry.save()

    def broken():
        raise RuntimeError("database gone")

    monkeypatch.setattr(topic_services, "assign_topics", broken)
    with pytest.raises(RuntimeError):
        topic_services.reassign_all()
    entry.refresh_from_db()
    assert entry.assignment_state == "failed"
    assert entry.assignment_error == "RuntimeError: database gone"

    monkeypatch.undo()
    assert topic_services.reassign_all() == "0 papers changed topics"
    entry.refresh_from_db()
    assert (entry.assignment_state, entry.assignment_error) == ("done", "")


def test_keyword_list_says_running_then_done(client, broadband):
    client.force_login(OrganiserFactory())
    entry = TopicKeywords.objects.get(topic=broadband)
    entry.assignment_requested_at = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    entry.save()
    url = reverse("oparl:topic-keywords")

    running = client.get(url).content.decode()
    assert "läuft" in running
    assert 'hx-trigger="every 2s"' in running

    entry.assignment_finished_at = dt.datetime(2025, 1, 1, 12, 1, tzinfo=dt.UTC)
    entry.assignment_changed = 3
    entry.save()
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "3 Vorlagen geändert" in done
    assert "hx-trigger" not in done
    assert "<h1" not in done  # the fragment only


def test_latest_decisions_newest_first_with_result_only(broadband, django_assert_num_queries):
    town = MunicipalityFactory(name="Musterstadt")
    endpoint = council_data.council(town, name="Rat der Stadt Musterstadt")
    old = council_data.paper(endpoint, "Glasfaser: Markterkundung")
    new = council_data.paper(endpoint, "Glasfaser: Förderantrag")
    council_data.decision(old, start=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    council_data.decision(
        new, start=dt.datetime(2025, 6, 1, tzinfo=dt.UTC), result="mehrheitlich beschlossen"
    )
    council_data.decision(new, result="", start=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    assign_topics()

    with django_assert_num_queries(1):
        rows = queries.latest_decisions([broadband.pk])

    assert [(r.title, r.result) for r in rows] == [
        ("Glasfaser: Förderantrag", "mehrheitlich beschlossen"),
        ("Glasfaser: Markterkundung", "einstimmig beschlossen"),
    ]
    assert rows[0].url == new.web
    assert rows[0].municipality_name == "Musterstadt"
    assert rows[0].council == "Rat der Stadt Musterstadt"
    assert queries.latest_decisions([]) == []


def test_topic_page_shows_how_other_councils_decided(client, broadband):
    endpoint = council_data.council(MunicipalityFactory(name="Nordstadt"))
    paper = council_data.paper(endpoint, "WLAN-Hotspots im Gemeindegebiet")
    council_data.decision(paper, result="einstimmig, 0 Enthaltungen")
    assign_topics()

    content = client.get(broadband.get_absolute_url()).content.decode()

    assert "So haben andere Räte entschieden" in content
    assert "WLAN-Hotspots im Gemeindegebiet" in content
    assert paper.web in content
    assert "einstimmig, 0 Enthaltungen" in content
    assert "Nordstadt" in content


def test_topic_page_without_decisions_has_no_section(client, broadband):
    content = client.get(broadband.get_absolute_url()).content.decode()
    assert "So haben andere Räte entschieden" not in content


def test_practice_page_shows_decisions_on_its_topics(client, broadband):
    paper = council_data.paper(council_data.council(), "Glasfaser für Schulen")
    council_data.decision(paper)
    assign_topics()
    practice = PracticeFactory(topics=[broadband])
    unrelated = PracticeFactory(topics=[TopicFactory()])

    content = client.get(practice.get_absolute_url()).content.decode()
    assert "So haben andere Räte entschieden" in content
    assert "Glasfaser für Schulen" in content
    other = client.get(unrelated.get_absolute_url()).content.decode()
    assert "Glasfaser für Schulen" not in other


def test_municipality_page_lists_recent_digital_papers(client, broadband):
    town = MunicipalityFactory(name="Musterstadt", slug="musterstadt")
    endpoint = council_data.council(town)
    council_data.paper(endpoint, "Breitbandausbau Ost", date=dt.date(2025, 1, 5))
    council_data.paper(endpoint, "Glasfaser West", date=dt.date(2025, 2, 5))
    council_data.paper(endpoint, "Kindergartenbeiträge", date=dt.date(2025, 3, 5))
    assign_topics()

    content = client.get(town.get_absolute_url()).content.decode()

    assert "Digitalpolitische Drucksachen des Rats" in content
    assert content.index("Glasfaser West") < content.index("Breitbandausbau Ost")
    assert "Kindergartenbeiträge" not in content
    assert [p.title for p in queries.recent_papers(town.pk)] == [
        "Glasfaser West",
        "Breitbandausbau Ost",
    ]


def test_organiser_edits_topic_keywords(client, broadband):
    paper = council_data.paper(council_data.council(), "Open-Data-Portal")
    client.force_login(OrganiserFactory())

    listing = client.get(reverse("oparl:topic-keywords")).content.decode()
    assert "Glasfaser, Breitband, WLAN" in listing
    url = reverse("oparl:topic-keywords-edit", kwargs={"slug": broadband.slug})
    assert url in listing

    response = client.post(url, {"keywords": "Open-Data\nGlasfaser"})

    assert response.status_code == 302
    assert list(broadband.council_papers.all()) == [paper]
    response = client.post(url, {"keywords": "ab"})
    assert response.status_code == 200
    assert response.context["form"].errors["keywords"]
    assert TopicKeywords.objects.get(topic=broadband).keywords == "Open-Data\nGlasfaser"


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.COORDINATOR])
def test_others_may_not_edit_topic_keywords(client, role, broadband):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("oparl:topic-keywords")).status_code == 403
    url = reverse("oparl:topic-keywords-edit", kwargs={"slug": broadband.slug})
    assert client.post(url, {"keywords": "Parken"}).status_code == 403
    assert TopicKeywords.objects.get(topic=broadband).keywords == "Glasfaser\nBreitband\nWLAN"
