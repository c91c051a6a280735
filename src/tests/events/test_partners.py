"""Partner municipalities suggested when planning a Stadtgespräch (issue 4, section 3)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from stadtgespraeche.events import services
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.partners import partner_suggestions
from stadtgespraeche.municipalities.models import SmartCityProject
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.people.enums import Visibility
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory, SeriesFactory
from tests.factories.people import ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db]


def _project(mpsc_id, year, *members):
    project = SmartCityProject.objects.create(
        mpsc_id=mpsc_id,
        name=mpsc_id,
        cohort_year=year,
        cohort=f"Staffel {year - 2018}",
        category="Großstadt",
        project_type="city",
    )
    project.members.set(members)
    return project


def _member(series, **fields):
    municipality = MunicipalityFactory(**fields)
    MembershipFactory(series=series, municipality=municipality)
    return municipality


def _interested(municipality, *topics, visibility=Visibility.NETWORK):
    profile = ProfileFactory(municipality=municipality, interests_visibility=visibility)
    profile.interests.set(topics)
    return profile


@pytest.fixture
def setting():
    series = SeriesFactory()
    host = _member(series, name="Kaiserslautern", population=100_000)
    event = EventFactory(series=series)
    event.hosts.set([host])
    return series, host, event


@pytest.mark.unit
def test_reason_names_size_cohort_and_shared_topics(setting):
    series, host, event = setting
    topics = [
        TopicFactory(title=t) for t in ("Offene Daten X", "Datenethik X", "KI X", "Sonstiges X")
    ]
    event.topics.set(topics[:2])
    _project("MPSC-2020-01", 2020, host)
    partner = _member(series, name="Bamberg", population=150_000)
    _project("MPSC-2020-02", 2020, partner)
    _interested(host, topics[2])
    _interested(partner, *topics[:3])

    (suggestion,) = partner_suggestions(event, viewer=OrganiserFactory())

    assert suggestion.municipality == partner
    assert suggestion.reason == (
        "ähnliche Größe: 100–200 Tsd. Einwohner · Staffel 2020 · 3 gemeinsame Themen"
    )
    assert suggestion.shared_topics == ("Datenethik X", "KI X", "Offene Daten X")


@pytest.mark.unit
def test_better_matches_come_first_and_unrelated_members_are_left_out(setting):
    series, host, event = setting
    _project("MPSC-2019-01", 2019, host)
    near = _member(series, name="Nah", population=60_000)
    _project("MPSC-2020-01", 2020, near)
    same = _member(series, name="Gleich", population=120_000)
    _member(series, name="Fern", population=5_000)

    suggestions = partner_suggestions(event, viewer=OrganiserFactory())

    assert [s.municipality for s in suggestions] == [same, near]
    assert suggestions[1].reason == (
        "benachbarte Größe: 50–100 Tsd. Einwohner · benachbarte Staffel 2020"
    )


@pytest.mark.unit
def test_hosts_co_hosts_and_non_members_are_not_suggested(setting):
    series, _host, event = setting
    co_host = _member(series, population=100_000)
    event.co_hosts.set([co_host])
    MembershipFactory(
        series=series,
        municipality=MunicipalityFactory(population=100_000),
        status=MembershipStatus.INTERESTED,
    )

    assert partner_suggestions(event, viewer=OrganiserFactory()) == []


@pytest.mark.unit
def test_interests_the_viewer_may_not_see_are_not_counted(setting):
    series, _host, event = setting
    topic = TopicFactory()
    event.topics.set([topic])
    partner = _member(series, population=5_000)
    _interested(partner, topic, visibility=Visibility.ORGANISERS)

    assert partner_suggestions(event, viewer=UserFactory()) == []
    (suggestion,) = partner_suggestions(event, viewer=OrganiserFactory())
    assert suggestion.reason == "1 gemeinsames Thema"


@pytest.mark.unit
def test_without_host_the_series_organiser_is_the_anchor():
    series = SeriesFactory()
    organiser_city = _member(series, population=300_000)
    series.organiser_municipality = organiser_city
    series.save()
    partner = _member(series, name="Mannheim", population=310_000)
    event = EventFactory(series=series)

    (suggestion,) = partner_suggestions(event, viewer=AnonymousUser())

    assert suggestion.municipality == partner


@pytest.mark.unit
def test_add_co_host_adds_a_member(setting):
    series, _host, event = setting
    partner = _member(series)

    services.add_co_host(event, partner, by=OrganiserFactory())

    assert list(event.co_hosts.all()) == [partner]


@pytest.mark.unit
def test_add_co_host_refuses_non_members_and_hosts(setting):
    _series, host, event = setting
    with pytest.raises(EventError, match=r"ist nicht Mitglied bei Reihe \d+\."):
        services.add_co_host(event, MunicipalityFactory(), by=None)
    with pytest.raises(EventError, match="bereits Gastgeberin"):
        services.add_co_host(event, host, by=None)
    assert not event.co_hosts.exists()


@pytest.mark.integration
def test_dashboard_event_page_lists_partners_and_adds_a_co_host(client, setting):
    series, _host, event = setting
    partner = _member(series, name="Bamberg", population=110_000)
    client.force_login(OrganiserFactory())
    url = reverse("dashboard:event-detail", kwargs={"pk": event.pk})

    content = client.get(url).content.decode()

    assert "Vorgeschlagene Partnerkommunen" in content
    assert "Bamberg" in content
    assert "ähnliche Größe: 100–200 Tsd. Einwohner" in content

    add = reverse(
        "dashboard:event-add-co-host", kwargs={"pk": event.pk, "municipality_pk": partner.pk}
    )
    response = client.post(add, follow=True)

    assert "Bamberg ist jetzt Mitgastgeberin" in response.content.decode()
    assert list(event.co_hosts.all()) == [partner]


@pytest.mark.integration
def test_adding_a_co_host_is_forbidden_for_councillors(client, setting):
    series, _host, event = setting
    partner = _member(series)
    client.force_login(UserFactory())
    add = reverse(
        "dashboard:event-add-co-host", kwargs={"pk": event.pk, "municipality_pk": partner.pk}
    )

    assert client.post(add).status_code == 403
    assert not event.co_hosts.exists()


@pytest.mark.integration
@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_event_page_query_count_with_partners(
    client, setting, django_assert_num_queries, count
):
    series, _host, event = setting
    topic = TopicFactory()
    event.topics.set([topic])
    for number in range(count):
        partner = _member(series, population=100_000 + number)
        _project(f"MPSC-X-{number}", 2021, partner)
        _interested(partner, topic)
    client.force_login(OrganiserFactory())
    url = reverse("dashboard:event-detail", kwargs={"pk": event.pk})

    with django_assert_num_queries(14):
        response = client.get(url)

    assert response.content.decode().count("als Mitgastgeberin hinzufügen") == count
