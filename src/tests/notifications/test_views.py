"""Notification centre, mark read, settings, one-click unsubscribe, follow and "Gefolgt"."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from stadtgespraeche.notifications import queries, services, tokens
from stadtgespraeche.notifications.enums import ALL_KINDS, Cadence
from stadtgespraeche.notifications.models import Follow, Notification, Preference
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

CENTRE = reverse("notifications:centre")
SETTINGS = reverse("notifications:settings")
FOLLOW = reverse("notifications:follow")
FOLLOWING = reverse("notifications:following")


@pytest.fixture
def alice():
    return UserFactory(first_name="Alice")


def _notify(person, title, **options):
    return services.notify([person], kind="test.kind", title=title, **options)[0]


# --- Centre ------------------------------------------------------------------------------


def test_centre_lists_my_notifications_newest_first_with_unread_marked(client, alice):
    old = _notify(alice, "Ältere Nachricht", url="/themen/alt/")
    _notify(alice, "Neueste Nachricht", body="Mit Text")
    services.mark_read(alice, old.pk)
    client.force_login(alice)

    response = client.get(CENTRE)

    text = response.text
    assert response.status_code == 200
    assert text.index("Neueste Nachricht") < text.index("Ältere Nachricht")
    assert 'href="/themen/alt/"' in text
    assert "Sie haben 1 ungelesene Benachrichtigung." in text
    assert text.count("Als gelesen markieren") == 1
    assert "Testart" in text


def test_centre_shows_no_notifications_of_other_people(client, alice):
    _notify(UserFactory(), "Geheim für Bob")
    client.force_login(alice)

    text = client.get(CENTRE).text

    assert "Geheim für Bob" not in text
    assert "Sie haben noch keine Benachrichtigungen." in text


def test_centre_requires_login(client):
    response = client.get(CENTRE)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_centre_is_paged(client, alice):
    for number in range(25):
        _notify(alice, f"Nachricht Nummer {number:02d}")
    client.force_login(alice)

    first = client.get(CENTRE).text
    second = client.get(CENTRE, {"page": 2}).text

    assert "Nachricht Nummer 24" in first
    assert "Nachricht Nummer 04" not in first
    assert "Nachricht Nummer 04" in second
    assert "Seite 2 von 2" in second


@pytest.mark.parametrize("count", [1, 3])
def test_centre_query_count(client, django_assert_num_queries, alice, count):
    for number in range(count):
        _notify(alice, f"Nachricht {number}")
    client.force_login(alice)

    # session, user, page count, page rows, unread count (header badge and intro)
    with django_assert_num_queries(5):
        response = client.get(CENTRE)
    assert response.text.count("Als gelesen markieren") == count


def test_header_badge_shows_unread_count_on_other_pages(client, alice):
    _notify(alice, "Eins")
    _notify(alice, "Zwei")
    client.force_login(alice)

    text = client.get(reverse("accounts:home")).text

    assert f'href="{CENTRE}"' in text
    assert re.search(r'<span class="kern-label">2\s*<span class="sr-only">ungelesen</span>', text)


def test_header_badge_absent_for_visitors(client):
    assert f'href="{CENTRE}"' not in client.get("/").text


# --- Mark read ---------------------------------------------------------------------------


def test_mark_read_marks_my_notification(client, alice):
    notification = _notify(alice, "Eins")
    client.force_login(alice)

    response = client.post(reverse("notifications:mark-read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == CENTRE
    assert Notification.objects.get(pk=notification.pk).is_read


def test_mark_read_returns_to_a_safe_next_page_only(client, alice):
    first, second = _notify(alice, "Eins"), _notify(alice, "Zwei")
    client.force_login(alice)
    url = reverse("notifications:mark-read", args=[first.pk])

    assert client.post(url, {"next": f"{CENTRE}?page=2"})["Location"] == f"{CENTRE}?page=2"
    url = reverse("notifications:mark-read", args=[second.pk])
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == CENTRE


def test_mark_read_of_another_persons_notification_is_404(client, alice):
    foreign = _notify(UserFactory(), "Fremd")
    client.force_login(alice)

    response = client.post(reverse("notifications:mark-read", args=[foreign.pk]))

    assert response.status_code == 404
    assert not Notification.objects.get(pk=foreign.pk).is_read


def test_mark_read_needs_post(client, alice):
    notification = _notify(alice, "Eins")
    client.force_login(alice)

    assert client.get(reverse("notifications:mark-read", args=[notification.pk])).status_code == 405


def test_mark_all_read(client, alice):
    _notify(alice, "Eins")
    _notify(alice, "Zwei")
    other = _notify(UserFactory(), "Fremd")
    client.force_login(alice)

    response = client.post(reverse("notifications:mark-all-read"), follow=True)

    assert "Alle Benachrichtigungen sind als gelesen markiert." in response.text
    assert queries.unread_count(alice) == 0
    assert not Notification.objects.get(pk=other.pk).is_read


# --- Settings ----------------------------------------------------------------------------


def test_settings_page_shows_each_kind_with_four_options(client, alice):
    client.force_login(alice)

    text = client.get(SETTINGS).text

    assert "Testart" in text
    assert "Tägliche Testart" in text
    for label in ("sofort per E-Mail", "in der täglichen Zusammenfassung", "keine E-Mail"):
        assert label in text
    assert 'id="id_kind__test__daily_1" required checked' in text
    assert 'id="id_kind__test__kind_0" required checked' in text


def test_settings_saves_choices(client, alice):
    client.force_login(alice)

    from stadtgespraeche.notifications import kinds

    data = {"kind__" + kind.key.replace(".", "__"): kind.default for kind in kinds.all_kinds()}
    data.update({"kind__test__kind": "weekly", "kind__test__daily": "off"})
    response = client.post(SETTINGS, data, follow=True)

    assert "Ihre Benachrichtigungseinstellungen wurden gespeichert." in response.text
    assert queries.cadence_for(alice, "test.kind") == Cadence.WEEKLY
    assert queries.cadence_for(alice, "test.daily") == Cadence.OFF


def test_settings_with_bad_input_shows_message(client, alice):
    client.force_login(alice)

    response = client.post(SETTINGS, {"kind__test__kind": "hourly"})

    assert response.status_code == 200
    assert "Bitte wählen Sie eine der angebotenen Möglichkeiten." in response.text
    assert "Bitte wählen Sie, wie Sie informiert werden möchten." in response.text
    assert not Preference.objects.exists()


def test_settings_notes_unsubscribe_from_all(client, alice):
    services.unsubscribe(alice, ALL_KINDS)
    client.force_login(alice)

    assert "Sie haben alle E-Mails abbestellt." in client.get(SETTINGS).text


def test_settings_require_login(client):
    assert client.get(SETTINGS).status_code == 302


# --- Unsubscribe -------------------------------------------------------------------------


def _unsubscribe_url(user, kind=ALL_KINDS):
    return reverse("notifications:unsubscribe", args=[tokens.make_token(user.pk, kind)])


def test_unsubscribe_get_shows_confirmation_and_changes_nothing(client, alice):
    response = client.get(_unsubscribe_url(alice, "test.kind"))

    assert response.status_code == 200
    assert "Sie erhalten keine E-Mails mehr für „Testart“." in response.text
    assert 'type="submit"' in response.text
    assert SETTINGS in response.text
    assert not Preference.objects.exists()


def test_one_click_post_unsubscribes_without_login_or_csrf(alice):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        _unsubscribe_url(alice, "test.kind"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "Abbestellt" in response.text
    assert queries.cadence_for(alice, "test.kind") == Cadence.OFF
    assert queries.cadence_for(alice, "test.daily") == Cadence.DAILY


def test_unsubscribe_all_by_link(client, alice):
    response = client.post(_unsubscribe_url(alice))

    assert "Sie erhalten keine Benachrichtigungs-E-Mails mehr." in response.text
    assert queries.has_unsubscribed_all(alice)


def test_unsubscribe_with_tampered_token_is_rejected(client, alice):
    url = _unsubscribe_url(alice)[:-3] + "xx/"

    response = client.post(url)

    assert response.status_code == 400
    assert "Link nicht gültig" in response.text
    assert not Preference.objects.exists()


def test_unsubscribe_for_deleted_or_inactive_person_is_rejected(client, alice):
    url = _unsubscribe_url(alice)
    alice.is_active = False
    alice.save()

    assert client.post(url).status_code == 400
    assert not Preference.objects.exists()


def test_csrf_still_protects_other_notification_forms(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.post(SETTINGS, {"kind__test__kind": "off"}).status_code == 403


# --- Follow ------------------------------------------------------------------------------


def _follow_data(obj, action="follow", next_url=""):
    return {
        "content_type": ContentType.objects.get_for_model(obj).pk,
        "object_id": obj.pk,
        "action": action,
        "next": next_url,
    }


def test_follow_and_unfollow_a_topic(client, alice):
    topic = TopicFactory(title="Datenethik im Rat")
    client.force_login(alice)

    response = client.post(FOLLOW, _follow_data(topic, next_url=topic.get_absolute_url()))

    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert queries.is_following(alice, topic)

    response = client.post(FOLLOW, _follow_data(topic, action="unfollow"), follow=True)

    assert "Sie folgen „Datenethik im Rat“ nicht mehr." in response.text
    assert not queries.is_following(alice, topic)


def test_follow_a_municipality_and_an_event(client, alice):
    municipality = MunicipalityFactory()
    event = EventFactory()
    client.force_login(alice)

    client.post(FOLLOW, _follow_data(municipality))
    client.post(FOLLOW, _follow_data(event))

    assert queries.is_following(alice, municipality)
    assert queries.is_following(alice, event)


def test_follow_an_unregistered_model_is_404(client, alice):
    client.force_login(alice)

    response = client.post(FOLLOW, _follow_data(UserFactory()))

    assert response.status_code == 404
    assert not Follow.objects.exists()


def test_follow_with_bad_input_is_404(client, alice):
    client.force_login(alice)

    assert client.post(FOLLOW, {"content_type": "x", "object_id": "1"}).status_code == 404
    topic_type = ContentType.objects.get_for_model(Topic).pk
    missing = {"content_type": topic_type, "object_id": 999999, "action": "follow"}
    assert client.post(FOLLOW, missing).status_code == 404


def test_follow_a_draft_event_is_denied_to_members(client, alice):
    draft = EventFactory(status="draft")
    client.force_login(alice)

    response = client.post(FOLLOW, _follow_data(draft))

    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_follow_requires_login(client):
    response = client.post(FOLLOW, _follow_data(TopicFactory()))

    assert response.status_code == 302
    assert not Follow.objects.exists()


def test_following_lists_what_i_follow(client, alice):
    topic = TopicFactory(title="Hybride Ratsarbeit Test")
    services.follow(alice, topic)
    services.follow(UserFactory(), TopicFactory(title="Fremdes Thema"))
    client.force_login(alice)

    text = client.get(FOLLOWING).text

    assert "Hybride Ratsarbeit Test" in text
    assert f'href="{topic.get_absolute_url()}"' in text
    assert "Nicht mehr folgen" in text
    assert "Fremdes Thema" not in text


def test_following_empty(client, alice):
    client.force_login(alice)

    assert "Sie folgen noch nichts." in client.get(FOLLOWING).text


@pytest.mark.parametrize("count", [1, 3])
def test_following_query_count(client, django_assert_num_queries, alice, count):
    for number in range(count):
        services.follow(alice, TopicFactory(title=f"Thema {number}"))
    client.force_login(alice)
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_model(Topic)

    # session, user, follows with types, topics, unread badge
    with django_assert_num_queries(5):
        response = client.get(FOLLOWING)
    assert response.text.count("Nicht mehr folgen") == count


# --- Follow buttons on the pages of followable objects -------------------------------------


def test_municipality_page_has_a_follow_button_for_members_only(client, alice):
    municipality = MunicipalityFactory(name="Folgestadt")
    url = reverse("pages:municipality-detail", args=[municipality.slug])

    assert 'name="action" value="follow"' not in client.get(url).text
    client.force_login(alice)
    client.post(FOLLOW, _follow_data(municipality, next_url=url))

    text = client.get(url).text
    assert 'name="action" value="unfollow"' in text
    assert "Nicht mehr folgen" in text


def test_event_page_has_a_follow_button(client, alice):
    event = EventFactory(title="Stadtgespräch Folgen")
    client.force_login(alice)

    text = client.get(event.get_absolute_url()).text

    assert 'name="action" value="follow"' in text
    assert f'name="object_id" value="{event.pk}"' in text
