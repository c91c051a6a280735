import pytest
from django.urls import reverse

from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import MembershipChange
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipChangeFactory, MembershipFactory, SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/organisation/mitgliedschaften/"


def _detail(membership):
    return reverse("dashboard:membership-detail", kwargs={"pk": membership.pk})


@pytest.fixture
def membership(series):
    membership = MembershipFactory(series=series, municipality=MunicipalityFactory(name="Bamberg"))
    MembershipChangeFactory(membership=membership, note="Aufgenommen nach Gespräch")
    return membership


def test_list_shows_memberships_with_status_and_since(organiser_client, membership):
    response = organiser_client.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Mitgliedschaften in den Smarten Stadtgesprächen" in content
    assert "Bamberg" in content
    assert "Mitglied" in content
    assert "15.01.2024" in content
    assert "Aufgenommen nach Gespräch" in content
    assert _detail(membership) in content


def test_list_of_other_series(organiser_client, membership):
    other = SeriesFactory(name="Digitale Kreistage", slug="digitale-kreistage")
    MembershipFactory(series=other, municipality=MunicipalityFactory(name="Landkreis Hof"))

    response = organiser_client.get(LIST_URL, {"series": "digitale-kreistage"})

    content = response.content.decode()
    assert "Landkreis Hof" in content
    assert "Bamberg" not in content


def test_list_without_series_shows_empty_state(organiser_client):
    response = organiser_client.get(LIST_URL)

    assert "Es gibt noch keine Reihe." in response.content.decode()


def test_list_without_memberships_shows_empty_state(organiser_client, series):
    response = organiser_client.get(LIST_URL)

    assert "Noch keine Kommune gehört zu dieser Reihe." in response.content.decode()


@pytest.mark.parametrize("items", [1, 3])
def test_list_query_count(organiser_client, series, django_assert_num_queries, items):
    for membership in MembershipFactory.create_batch(items, series=series):
        MembershipChangeFactory.create_batch(2, membership=membership)

    with django_assert_num_queries(7):
        organiser_client.get(LIST_URL)


def test_detail_shows_form_and_history(organiser_client, membership):
    response = organiser_client.get(_detail(membership))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Mitgliedschaft von Bamberg" in content
    assert "Aufgenommen nach Gespräch" in content
    assert 'name="status"' in content


@pytest.mark.parametrize("items", [1, 3])
def test_detail_query_count(organiser_client, series, django_assert_num_queries, items):
    membership = MembershipFactory(series=series)
    MembershipChangeFactory.create_batch(items, membership=membership)

    with django_assert_num_queries(5):
        organiser_client.get(_detail(membership))


def test_change_status_records_history(organiser_client, organiser, membership):
    response = organiser_client.post(
        _detail(membership), {"status": "paused", "note": "Haushaltssperre"}, follow=True
    )

    content = response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PAUSED
    change = MembershipChange.objects.filter(membership=membership).first()
    assert (change.from_status, change.to_status, change.note, change.changed_by) == (
        "member",
        "paused",
        "Haushaltssperre",
        organiser,
    )
    assert "Der Status von Bamberg ist jetzt „pausiert“." in content
    assert "Haushaltssperre" in content


def test_change_to_same_status_says_nothing_changed(organiser_client, membership):
    response = organiser_client.post(_detail(membership), {"status": "member"}, follow=True)

    assert "nichts geändert" in response.content.decode()
    assert MembershipChange.objects.filter(membership=membership).count() == 1


def test_change_to_unknown_status_shows_error(organiser_client, membership):
    response = organiser_client.post(_detail(membership), {"status": "emperor", "note": "x"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie einen der aufgeführten Status." in content
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER


def test_detail_unknown_is_404(organiser_client, db):
    assert organiser_client.get("/organisation/mitgliedschaften/999999/").status_code == 404


@pytest.mark.parametrize("url", ["list", "detail"])
def test_non_organisers_cannot_see_memberships(non_organiser_client, membership, url):
    response = non_organiser_client.get(LIST_URL if url == "list" else _detail(membership))

    content = response.content.decode()
    assert response.status_code == 403
    assert "Bamberg" not in content
    assert "Aufgenommen nach Gespräch" not in content


def test_non_organisers_cannot_change_status(non_organiser_client, membership):
    response = non_organiser_client.post(_detail(membership), {"status": "left"})

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER


def test_anonymous_is_sent_to_login(client, membership):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


ADD_URL = "/organisation/mitgliedschaften/hinzufuegen/"


def test_add_form_shows_search(organiser_client, series):
    response = organiser_client.get(ADD_URL, {"series": series.slug})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Kommune hinzufügen" in content
    assert 'hx-get="/netzwerk/mitglied-werden/kommunen/"' in content
    assert f'<option value="{series.pk}" selected>' in content


def test_add_municipality_as_interested(organiser_client, organiser, series):
    hof = MunicipalityFactory(name="Hof")

    response = organiser_client.post(
        ADD_URL,
        {"series": series.pk, "municipality_query": "Hof", "status": "interested", "note": "Messe"},
        follow=True,
    )

    membership = hof.memberships.get(series=series)
    assert membership.status == MembershipStatus.INTERESTED
    assert membership.changes.get().changed_by == organiser
    assert "Hof wurde zu den Smarten Stadtgesprächen hinzugefügt." in response.content.decode()


def test_add_ambiguous_municipality_offers_choice(organiser_client, series):
    first = MunicipalityFactory(name="Neustadt", key="07316000")
    second = MunicipalityFactory(name="Neustadt", key="09374000")

    response = organiser_client.post(
        ADD_URL, {"series": series.pk, "municipality_query": "Neustadt", "status": "interested"}
    )

    content = response.content.decode()
    assert "Zu „Neustadt“ passen mehrere Kommunen." in content
    assert f'value="{first.pk}"' in content
    assert f'value="{second.pk}"' in content

    organiser_client.post(
        ADD_URL,
        {
            "series": series.pk,
            "municipality_query": "Neustadt",
            "municipality": str(second.pk),
            "status": "member",
        },
    )

    assert second.memberships.get().status == MembershipStatus.MEMBER
    assert first.memberships.count() == 0


def test_add_existing_membership_shows_message(organiser_client, membership):
    response = organiser_client.post(
        ADD_URL,
        {"series": membership.series.pk, "municipality_query": "Bamberg", "status": "left"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bamberg hat bereits eine Mitgliedschaft" in content
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER


def test_add_with_bad_input_shows_errors(organiser_client, series):
    response = organiser_client.post(
        ADD_URL, {"series": "999", "municipality_query": "", "status": "emperor"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie eine der aufgeführten Reihen." in content
    assert "Bitte geben Sie den Namen der Kommune ein." in content
    assert "Bitte wählen Sie einen der aufgeführten Status." in content


def test_non_organisers_cannot_add(non_organiser_client, series):
    hof = MunicipalityFactory(name="Hof")

    response = non_organiser_client.post(
        ADD_URL, {"series": series.pk, "municipality_query": "Hof", "status": "member"}
    )

    assert response.status_code == 403
    assert hof.memberships.count() == 0
