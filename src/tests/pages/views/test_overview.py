"""The home after login ("Übersicht"): per role, only the person's own data, bounded queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.contacts.models import ContactRequest
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import ImpulseProposal
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.wishes.enums import Phase
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipApplicationFactory
from tests.factories.people import AffiliationFactory, MandateFactory, ProfileFactory
from tests.factories.registrations import RegistrationFactory
from tests.factories.topics import TopicFactory
from tests.factories.wishes import TopicWishFactory, VoteFactory, WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/uebersicht/"


@pytest.fixture
def councillor(client):
    person = UserFactory(first_name="Rita", last_name="Rat")
    client.force_login(person)
    return person


def _get(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_overview_url_is_stable():
    assert reverse("pages:overview") == URL


def test_overview_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_lands_on_the_overview(client):
    UserFactory(email="rita@example.org")

    response = client.post(
        reverse("accounts:login"),
        {"email": "rita@example.org", "password": "correct-horse-battery-staple"},
    )

    assert response.status_code == 302
    assert response["Location"] == URL


def test_overview_shows_my_registrations_and_not_those_of_others(client, councillor):
    mine = EventFactory(title="Hybride Ratsarbeit")
    RegistrationFactory(event=mine, user=councillor)
    waiting = EventFactory(title="Datenethik")
    RegistrationFactory(event=waiting, user=councillor, status=RegistrationStatus.WAITLISTED)
    theirs = EventFactory(title="Fremde Veranstaltung")
    RegistrationFactory(event=theirs)
    cancelled = EventFactory(title="Abgesagte Anmeldung")
    RegistrationFactory(event=cancelled, user=councillor, status=RegistrationStatus.CANCELLED)

    content = _get(client)

    assert "Willkommen, Rita" in content
    assert "Hybride Ratsarbeit" in content
    assert "Angemeldet (online)" in content
    assert "Datenethik" in content
    assert "Auf der Warteliste" in content
    assert "Fremde Veranstaltung" not in content
    assert "Abgesagte Anmeldung" not in content


def test_overview_join_button_only_while_the_room_is_open(client, councillor):
    now = timezone.now()
    open_now = EventFactory(
        title="Läuft gleich", starts_at=now + datetime.timedelta(minutes=10), format="online"
    )
    RegistrationFactory(event=open_now, user=councillor)
    later = EventFactory(title="Später", format="online")
    RegistrationFactory(event=later, user=councillor)

    content = _get(client)

    assert reverse("rooms:room-join", kwargs={"slug": open_now.slug}) in content
    assert reverse("rooms:room-join", kwargs={"slug": later.slug}) not in content
    assert "Der Online-Raum öffnet" in content


def test_overview_waitlisted_person_gets_no_join_button(client, councillor):
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(minutes=10))
    RegistrationFactory(event=event, user=councillor, status=RegistrationStatus.WAITLISTED)

    content = _get(client)

    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in content


def test_overview_speaker_sees_their_talk_and_can_join(client):
    speaker = UserFactory(role="speaker")
    event = EventFactory(
        title="Impulsabend", starts_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    AgendaItemFactory(event=event).speakers.add(speaker)
    client.force_login(speaker)

    content = _get(client)

    assert "Impulsabend" in content
    assert "Sie geben einen Impuls" in content
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) in content


def test_overview_lists_events_open_for_registration_not_yet_registered(client, councillor):
    EventFactory(title="Offene Anmeldung", status=EventStatus.REGISTRATION_OPEN)
    registered = EventFactory(title="Schon dabei", status=EventStatus.REGISTRATION_OPEN)
    RegistrationFactory(event=registered, user=councillor)
    EventFactory(title="Entwurf", status=EventStatus.DRAFT)

    content = _get(client)

    assert "Die Anmeldung ist geöffnet" in content
    assert "Offene Anmeldung" in content
    assert content.count("Schon dabei") == 1
    assert "Entwurf" not in content


def test_overview_shows_open_rounds_with_my_votes(client, councillor):
    voting = WishRoundFactory(title="Runde Herbst", phase=Phase.VOTE, votes_per_member=3)
    wish = TopicWishFactory(round=voting)
    VoteFactory(wish=wish, voter=councillor, slot=1)
    VoteFactory(wish=wish, slot=1)
    WishRoundFactory(title="Runde Frühling", phase=Phase.COLLECT)
    WishRoundFactory(title="Alte Runde", phase=Phase.CLOSED)

    content = _get(client)

    assert "Runde Herbst" in content
    assert "1 von 3 Stimmen vergeben" in content
    assert "Runde Frühling" in content
    assert "Alte Runde" not in content


def test_overview_shows_only_my_unread_notifications(client, councillor):
    Notification.objects.create(
        recipient=councillor, kind="discussions.reply", title="Neue Antwort von Ben", url="/x/"
    )
    Notification.objects.create(
        recipient=councillor, kind="k", title="Schon gelesen", read_at=timezone.now()
    )
    Notification.objects.create(recipient=UserFactory(), kind="k", title="Fremde Nachricht")

    content = _get(client)

    assert "Neue Antwort von Ben" in content
    assert "1 ungelesene Benachrichtigung" in content
    assert "Schon gelesen" not in content
    assert "Fremde Nachricht" not in content


def test_overview_shows_contact_requests_addressed_to_me(client, councillor):
    sender = UserFactory(first_name="Sina", last_name="Sender")
    ProfileFactory(user=sender, identity_visibility="network")
    ContactRequest.objects.create(sender=sender, recipient=councillor, message="Hallo")
    other = UserFactory(first_name="Otto", last_name="Anderswo")
    ContactRequest.objects.create(sender=other, recipient=UserFactory(), message="Nicht für Sie")

    content = _get(client)

    assert "Sina Sender" in content
    assert "Otto Anderswo" not in content
    assert reverse("contacts:contacts") in content


def test_overview_nudges_to_complete_the_profile(client):
    person = UserFactory(first_name="", last_name="")
    client.force_login(person)

    content = _get(client)

    assert "Vervollständigen Sie Ihr Profil" in content
    assert "0 von 6 Schritten erledigt" in content
    assert "Nächster Schritt: Vor- und Nachnamen eintragen" in content
    assert reverse("people:profile-edit") in content


def test_overview_next_step_follows_what_is_missing(client, councillor):
    profile = ProfileFactory(user=councillor)
    profile.interests.add(TopicFactory())

    content = _get(client)

    assert "3 von 6 Schritten erledigt" in content
    assert "Nächster Schritt: Mandat eintragen (Rat, Fraktion, Partei)" in content
    assert reverse("people:mandate-add") in content


def test_overview_complete_profile_hides_the_nudge(client, councillor):
    profile = ProfileFactory(user=councillor, expertise="Open Data", photo="profiles/1/photo.jpg")
    profile.interests.add(TopicFactory())
    MandateFactory(profile=profile)

    content = _get(client)

    assert "Vervollständigen Sie Ihr Profil" not in content


def test_overview_councillor_sees_no_organiser_or_coordinator_tasks(client, councillor):
    MembershipApplicationFactory(municipality=MunicipalityFactory(name="Bewerbstadt"))

    content = _get(client)

    assert "Bewerbstadt" not in content
    assert "Was die Organisation als Nächstes entscheidet" not in content
    assert "Für Ihre Kommune" not in content


def test_overview_organiser_sees_applications_impulses_and_undocumented_events(client):
    organiser = OrganiserFactory()
    client.force_login(organiser)
    MembershipApplicationFactory(municipality=MunicipalityFactory(name="Bewerbstadt"))
    event = EventFactory(title="Kommendes Gespräch")
    ImpulseProposal.objects.create(
        event=event, municipality=MunicipalityFactory(), title="Offene Daten", speaker_name="E."
    )
    start = timezone.now() - datetime.timedelta(days=2)
    ended = EventFactory(
        title="Vorbei ohne Protokoll",
        status=EventStatus.HELD,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    EventFactory(
        title="Vorbei und dokumentiert",
        status=EventStatus.DOCUMENTED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )

    content = _get(client)

    assert "1 Mitgliedsantrag" in content
    assert "Bewerbstadt" in content
    assert "1 unbestätigter Impuls" in content
    assert "Offene Daten" in content
    assert "1 Stadtgespräch ohne Dokumentation" in content
    assert reverse("documentation:documentation-manage", kwargs={"slug": ended.slug}) in content
    assert "Vorbei und dokumentiert" not in content


def test_overview_coordinator_sees_own_municipality_tasks_only(client):
    coordinator = CoordinatorFactory()
    home = MunicipalityFactory(name="Heimstadt")
    AffiliationFactory(user=coordinator, municipality=home, role=AffiliationRole.COORDINATOR)
    event = EventFactory()
    ImpulseProposal.objects.create(
        event=event, municipality=home, title="Unser Impuls", speaker_name="K."
    )
    ImpulseProposal.objects.create(
        event=event, municipality=MunicipalityFactory(), title="Fremder Impuls", speaker_name="F."
    )
    client.force_login(coordinator)

    content = _get(client)

    assert "Für Ihre Kommune" in content
    assert reverse("people:invite", kwargs={"slug": home.slug}) in content
    assert "Unser Impuls" in content
    assert "Fremder Impuls" not in content
    assert "Was die Organisation als Nächstes entscheidet" not in content


def _fill(person, items):
    for index in range(items):
        event = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=index + 1))
        RegistrationFactory(event=event, user=person)
        AgendaItemFactory(event=event).speakers.add(person)
        EventFactory(status=EventStatus.REGISTRATION_OPEN)
        wish_round = WishRoundFactory(phase=Phase.VOTE)
        VoteFactory(wish=TopicWishFactory(round=wish_round), voter=person, slot=1)
        Notification.objects.create(recipient=person, kind="k", title=f"Nachricht {index}")
        ContactRequest.objects.create(sender=UserFactory(), recipient=person, message="Hallo")
        MembershipApplicationFactory()
        ImpulseProposal.objects.create(
            event=event, municipality=MunicipalityFactory(), title="I", speaker_name="S"
        )
        start = timezone.now() - datetime.timedelta(days=index + 2)
        EventFactory(
            status=EventStatus.HELD, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )


@pytest.mark.parametrize("items", [1, 3])
def test_overview_query_count_councillor(client, django_assert_num_queries, items):
    person = UserFactory()
    _fill(person, items)
    client.force_login(person)

    # session, user, registrations, talks, notifications, unread count, open registrations,
    # rounds, votes, contact requests, blocks, profile, the header's unread badge
    with django_assert_num_queries(13):
        _get(client)


@pytest.mark.parametrize("items", [1, 3])
def test_overview_query_count_coordinator(client, django_assert_num_queries, items):
    person = CoordinatorFactory()
    municipality = MunicipalityFactory()
    AffiliationFactory(user=person, municipality=municipality, role=AffiliationRole.COORDINATOR)
    _fill(person, items)
    client.force_login(person)

    # the councillor's 13 + municipalities, proposals, open invitations
    with django_assert_num_queries(17):
        _get(client)


@pytest.mark.parametrize("items", [1, 3])
def test_overview_query_count_organiser(client, django_assert_num_queries, items):
    person = OrganiserFactory()
    _fill(person, items)
    client.force_login(person)

    # the councillor's 13 + applications (2), proposals (2), undocumented events (2),
    # upcoming events to write to
    with django_assert_num_queries(20):
        _get(client)


# --- links to the person's work pages ---------------------------------------------------------


def _link_ids(content):
    return {
        key for key in ("impulses", "councillors", "reports") if f"overview-link-{key}" in content
    }


def test_overview_speaker_gets_a_link_to_their_impulses_and_nothing_else(client):
    speaker = UserFactory(role="speaker")
    client.force_login(speaker)

    content = _get(client)

    assert _link_ids(content) == {"impulses"}
    assert reverse("documentation:speaker-items") in content
    assert "Meine Impulse" in content


def test_overview_councillor_speaking_at_an_event_gets_the_impulses_link(client, councillor):
    AgendaItemFactory(event=EventFactory()).speakers.add(councillor)

    assert _link_ids(_get(client)) == {"impulses"}


def test_overview_plain_councillor_gets_no_work_page_links(client, councillor):
    collecting = WishRoundFactory(phase=Phase.COLLECT)

    content = _get(client)

    assert _link_ids(content) == set()
    assert "Meine Arbeitsbereiche" not in content
    assert reverse("wishes:wish-collect", kwargs={"pk": collecting.pk}) not in content
    assert reverse("reports:season-index") not in content


def test_overview_coordinator_gets_councillors_profile_and_wish_call_links(client):
    coordinator = CoordinatorFactory()
    home = MunicipalityFactory(name="Heimstadt")
    AffiliationFactory(user=coordinator, municipality=home, role=AffiliationRole.COORDINATOR)
    other = MunicipalityFactory(name="Fremdstadt")
    collecting = WishRoundFactory(phase=Phase.COLLECT, title="Frühjahr")
    voting = WishRoundFactory(phase=Phase.VOTE, title="Abstimmung")
    client.force_login(coordinator)

    content = _get(client)

    assert _link_ids(content) == {"councillors"}
    assert "Meine Ratsmitglieder" in content
    assert reverse("people:municipality-profile-edit", kwargs={"slug": home.slug}) in content
    assert "Öffentliches Profil von Heimstadt" in content
    assert reverse("people:municipality-profile-edit", kwargs={"slug": other.slug}) not in content
    assert reverse("wishes:wish-collect", kwargs={"pk": collecting.pk}) in content
    assert "Aufruf zu Themenwünschen: Frühjahr" in content
    assert reverse("wishes:wish-collect", kwargs={"pk": voting.pk}) not in content
    # Each link opens for the coordinator.
    assert client.get(reverse("registrations:coordinator-councillors")).status_code == 200
    profile_url = reverse("people:municipality-profile-edit", kwargs={"slug": home.slug})
    assert client.get(profile_url).status_code == 200
    call_url = reverse("wishes:wish-collect", kwargs={"pk": collecting.pk})
    assert client.get(call_url).status_code == 200


def test_overview_coordinator_without_municipality_gets_no_coordination_links(client):
    client.force_login(CoordinatorFactory())
    collecting = WishRoundFactory(phase=Phase.COLLECT)

    content = _get(client)

    assert _link_ids(content) == set()
    assert reverse("wishes:wish-collect", kwargs={"pk": collecting.pk}) not in content


def test_overview_organiser_gets_season_reports_and_message_links(client):
    organiser = OrganiserFactory()
    upcoming = EventFactory(title="Kommendes Gespräch", status=EventStatus.REGISTRATION_OPEN)
    draft = EventFactory(title="Entwurf", status=EventStatus.DRAFT)
    client.force_login(organiser)

    content = _get(client)

    assert _link_ids(content) == {"reports"}
    assert "Saisonberichte" in content
    assert reverse("dashboard:event-messages", kwargs={"pk": upcoming.pk}) in content
    assert "Nachricht an die Angemeldeten: Kommendes Gespräch" in content
    assert reverse("dashboard:event-messages", kwargs={"pk": draft.pk}) not in content
    assert client.get(reverse("reports:season-index")).status_code == 200
    messages_url = reverse("dashboard:event-messages", kwargs={"pk": upcoming.pk})
    assert client.get(messages_url).status_code == 200


@pytest.mark.parametrize("role", ["councillor", "coordinator", "speaker"])
def test_overview_shows_organiser_links_to_nobody_else(client, role):
    event = EventFactory(status=EventStatus.REGISTRATION_OPEN)
    person = CoordinatorFactory() if role == "coordinator" else UserFactory(role=role)
    client.force_login(person)

    content = _get(client)

    assert "reports" not in _link_ids(content)
    assert reverse("dashboard:event-messages", kwargs={"pk": event.pk}) not in content
