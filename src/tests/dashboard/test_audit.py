import pytest
from django.urls import reverse

from stadtgespraeche.core.audit import log_action
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("dashboard:audit-log")


def test_audit_log_lists_entries_newest_first(client):
    organiser = OrganiserFactory()
    log_action("accounts.login.failed", data={"email": "erste@example.org"})
    log_action("directory.person.invited", actor=organiser, obj=organiser)
    client.force_login(organiser)

    response = client.get(URL)

    text = response.text
    assert response.status_code == 200
    assert text.index("directory.person.invited") < text.index("accounts.login.failed")
    assert "erste@example.org" in text
    assert "2 Einträge, neueste zuerst" in text


def test_audit_log_shows_german_sentences_instead_of_codes(client):
    organiser = OrganiserFactory()
    log_action(
        "events.event.status_changed", actor=organiser, data={"from": "held", "to": "documented"}
    )
    log_action("events.registration.moved", data={"from": "online", "to": "in_person"})
    log_action("wishes.round.phase_changed", data={"from": "collect", "to": "vote"})
    log_action("unknown.thing.happened", data={"flag": True})
    client.force_login(organiser)

    text = " ".join(client.get(URL).text.split())

    assert "Status des Stadtgesprächs geändert" in text
    assert "Von: durchgeführt; Nach: dokumentiert" in text
    assert "from: held" not in text
    assert "Von: online; Nach: vor Ort" in text
    assert "Phase der Wunschrunde geändert" in text
    assert "Von: Wünsche sammeln; Nach: Abstimmung" in text
    assert "unknown.thing.happened" in text  # without a name: the code
    assert "Flag: ja" in text


def test_audit_log_filters_by_action_prefix_and_actor(client):
    organiser = OrganiserFactory(first_name="Olga", last_name="Orga")
    other = UserFactory(first_name="Rita", last_name="Rat")
    log_action("accounts.login.succeeded", actor=organiser)
    log_action("accounts.login.succeeded", actor=other)
    log_action("directory.person.invited", actor=organiser)
    client.force_login(organiser)

    response = client.get(URL, {"action": "accounts.login", "actor": "olga"})

    entries = list(response.context["page_obj"])
    assert [(e.action, e.actor_repr) for e in entries] == [
        ("accounts.login.succeeded", "Olga Orga")
    ]
    assert "action=accounts.login" in response.context["query_string"]


def test_audit_log_paginates_by_25(client):
    for number in range(30):
        log_action("core.test", data={"n": number})
    client.force_login(OrganiserFactory())

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 5


def test_audit_log_empty_filter_result_shows_empty_state(client):
    client.force_login(OrganiserFactory())

    response = client.get(URL, {"action": "nothing.here"})

    assert "Keine Einträge passen zum Filter." in response.text


@pytest.mark.parametrize("factory", [CoordinatorFactory, UserFactory])
def test_audit_log_is_forbidden_for_non_organisers(client, factory):
    log_action("accounts.login.failed", data={"email": "geheim@example.org"})
    client.force_login(factory())

    response = client.get(URL)

    assert response.status_code == 403
    assert "geheim@example.org" not in response.text


def test_audit_log_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [1, 3])
def test_audit_log_query_count(client, django_assert_num_queries, count):
    organiser = OrganiserFactory()
    for _ in range(count):
        log_action("accounts.login.succeeded", actor=organiser, obj=organiser)
    client.force_login(organiser)

    with django_assert_num_queries(5):
        response = client.get(URL)

    assert response.text.count("accounts.login.succeeded") == count
