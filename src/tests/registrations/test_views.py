"""The registration box on the event page (no-JS posts and htmx), coordinators registering
councillors, cancelling and the self-cancellation link."""

import pytest
from django.urls import reverse

from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.people import ProfileFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import coordinator_with_councillor, open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name, event):
    return reverse(f"registrations:{name}", kwargs={"slug": event.slug})


def _post_registration(client, event, **extra):
    data = {"registration-mode": AttendanceMode.IN_PERSON, **extra}
    return client.post(_url("registration-create", event), data)


def test_anonymous_sees_counts_but_no_names_and_no_form(client):
    event = open_event(capacity_in_person=12)
    for _ in range(2):
        RegistrationFactory(
            event=event,
            mode=AttendanceMode.IN_PERSON,
            on_participant_list=True,
            user=UserFactory(last_name="Geheimname"),
        )

    response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert 'data-registered="in_person">2<' in content
    assert "10 von 12" in content
    assert "Zum Anmelden einloggen" in content
    assert "Geheimname" not in content
    assert 'name="registration-mode"' not in content


def test_councillor_sees_the_form_with_the_questions_the_event_asks(client):
    event = open_event(ask_dietary_needs=True, ask_accessibility_needs=False)
    client.force_login(UserFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert 'name="registration-mode"' in content
    assert 'name="registration-dietary_needs"' in content
    assert 'name="registration-accessibility_needs"' not in content
    assert 'name="registration-on_participant_list"' in content


def test_register_without_javascript_redirects_with_a_message(client):
    event = open_event()
    person = UserFactory()
    client.force_login(person)

    response = _post_registration(client, event, **{"registration-on_participant_list": "on"})

    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url() + "#registration-box"
    registration = Registration.objects.get(event=event, user=person)
    assert registration.on_participant_list is True
    page = client.get(response["Location"]).content.decode()
    assert "Sie sind angemeldet (vor Ort)." in page
    assert "Meine Anmeldung stornieren" in page
    # One confirmation box: the message is shown in the registration box, not at the top too.
    assert page.count("Sie sind angemeldet. Wir haben Ihnen eine Bestätigung") == 1
    assert page.count('class="kern-alert kern-alert--') == 1


def test_register_with_htmx_returns_only_the_box(client):
    event = open_event(capacity_in_person=0)
    client.force_login(UserFactory())

    response = client.post(
        _url("registration-create", event), {"registration-mode": "in_person"}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="registration-box"' in content
    assert "Sie stehen auf der Warteliste (vor Ort), Platz 1." in content
    assert content.count('class="kern-alert kern-alert--') == 1
    assert "data-focus-after-swap" in content


def test_register_without_a_mode_shows_a_clear_message(client):
    event = open_event()
    client.force_login(UserFactory())

    response = client.post(_url("registration-create", event), {})

    assert response.status_code == 200
    assert "Bitte wählen Sie, wie Sie teilnehmen." in response.content.decode()
    assert not Registration.objects.exists()


def test_register_with_an_unoffered_mode_shows_a_clear_message(client):
    event = open_event(format="online")
    client.force_login(UserFactory())

    response = _post_registration(client, event)

    assert response.status_code == 200
    assert "Bitte wählen Sie eine der" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_when_closed_shows_the_reason_and_stores_nothing(client):
    event = open_event(status=EventStatus.REGISTRATION_CLOSED)
    client.force_login(UserFactory())

    response = _post_registration(client, event)

    assert "Die Anmeldung zu diesem Stadtgespräch ist nicht geöffnet." in response.content.decode()
    assert not Registration.objects.exists()


def test_register_requires_login(client):
    event = open_event()

    response = _post_registration(client, event)

    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]
    assert not Registration.objects.exists()


def test_register_for_a_draft_is_not_found(client):
    event = open_event(status=EventStatus.DRAFT)
    client.force_login(UserFactory())

    assert _post_registration(client, event).status_code == 404


def test_cancel_own_registration_promotes_the_waitlist(client, django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=1)
    person = UserFactory()
    own = RegistrationFactory(event=event, user=person, mode=AttendanceMode.IN_PERSON)
    waiting = RegistrationFactory(
        event=event, mode=AttendanceMode.IN_PERSON, status=Status.WAITLISTED
    )
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("registration-cancel", event), **HTMX)

    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == Status.CANCELLED
    assert waiting.status == Status.REGISTERED
    assert "Ihre Anmeldung ist storniert." in response.content.decode()


def test_cancel_without_registration_shows_a_message(client):
    event = open_event()
    client.force_login(UserFactory())

    response = client.post(_url("registration-cancel", event), follow=True)

    assert "Sie haben keine Anmeldung zu diesem Stadtgespräch." in response.content.decode()


def test_coordinator_registers_a_councillor_of_their_municipality(client):
    event = open_event()
    coordinator, councillor = coordinator_with_councillor(
        councillor=UserFactory(first_name="Rita", last_name="Rat")
    )
    client.force_login(coordinator)

    page = client.get(event.get_absolute_url()).content.decode()
    response = client.post(
        _url("registration-councillor", event),
        {"councillor-person": councillor.pk, "councillor-mode": "online"},
    )

    assert "Rita Rat" in page
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=councillor)
    assert registration.registered_by == coordinator


def test_coordinator_cannot_register_someone_elses_councillor(client):
    event = open_event()
    coordinator, _own = coordinator_with_councillor()
    _other, stranger = coordinator_with_councillor()
    client.force_login(coordinator)

    response = client.post(
        _url("registration-councillor", event),
        {"councillor-person": stranger.pk, "councillor-mode": "online"},
    )

    assert "Bitte wählen Sie eines der aufgeführten Ratsmitglieder." in response.content.decode()
    assert not Registration.objects.exists()


def test_councillor_may_not_use_the_coordinator_form(client):
    event = open_event()
    _coordinator, councillor = coordinator_with_councillor()
    client.force_login(UserFactory())

    response = client.post(
        _url("registration-councillor", event),
        {"councillor-person": councillor.pk, "councillor-mode": "online"},
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_coordinator_without_councillors_sees_no_coordinator_form(client):
    event = open_event()
    client.force_login(CoordinatorFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert 'name="councillor-person"' not in content


# --- Self-cancellation link -----------------------------------------------------------------


def test_self_cancel_link_asks_then_cancels(client):
    event = open_event()
    person = UserFactory()
    result = services.register(event, person=person, by=person, mode="in_person")
    url = reverse("registrations:registration-self-cancel", kwargs={"token": result.cancel_token})

    page = client.get(url).content.decode()
    response = client.post(url)

    assert event.title in page
    assert "Meine Anmeldung stornieren" in page
    assert response.status_code == 200
    assert "ist storniert" in response.content.decode()
    assert Registration.objects.get(pk=result.registration.pk).status == Status.CANCELLED


def test_self_cancel_with_an_unknown_token_is_not_found(client):
    url = reverse("registrations:registration-self-cancel", kwargs={"token": "unknown"})

    response = client.get(url)

    assert response.status_code == 404
    assert "Link nicht gültig" in response.content.decode()


# --- Participant list -----------------------------------------------------------------------


def test_registered_participant_sees_only_consenting_names(client):
    event = open_event()
    viewer = RegistrationFactory(event=event).user
    shown = RegistrationFactory(
        event=event, on_participant_list=True, user=UserFactory(last_name="Zustimmer")
    )
    ProfileFactory(user=shown.user, identity_visibility=Visibility.NETWORK)
    RegistrationFactory(event=event, user=UserFactory(last_name="Verborgen"))
    client.force_login(viewer)

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Teilnehmendenliste" in content
    assert "Zustimmer" in content
    assert shown.user.profile.get_absolute_url() in content
    assert "Verborgen" not in content


def test_participant_list_hides_profile_data_the_viewer_may_not_see(client):
    event = open_event()
    viewer = RegistrationFactory(event=event).user
    shown = RegistrationFactory(
        event=event, on_participant_list=True, user=UserFactory(last_name="Zustimmer")
    )
    profile = ProfileFactory(user=shown.user, identity_visibility=Visibility.ORGANISERS)
    client.force_login(viewer)

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Zustimmer" in content
    assert profile.get_absolute_url() not in content
    assert profile.municipality.name not in content


def test_waitlisted_person_does_not_see_the_participant_list(client):
    event = open_event()
    viewer = RegistrationFactory(event=event, status=Status.WAITLISTED).user
    RegistrationFactory(event=event, on_participant_list=True, user=UserFactory(last_name="Zeta"))
    client.force_login(viewer)

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Teilnehmendenliste" not in content
    assert "Zeta" not in content


def test_organiser_sees_the_link_to_manage_registrations(client):
    event = open_event()
    client.force_login(OrganiserFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert reverse("dashboard:registration-list", kwargs={"pk": event.pk}) in content


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_box_query_count(client, django_assert_num_queries, count):
    event = open_event()
    viewer = RegistrationFactory(event=event).user
    participants = [
        RegistrationFactory(event=event, on_participant_list=True) for _ in range(count)
    ]
    for registration in participants:
        ProfileFactory(user=registration.user)
    client.force_login(viewer)

    # The own registration is read once for the whole page (room box, this box, participant
    # list, discussions) and the participants come with their profiles in one query.
    with django_assert_num_queries(13):
        response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert all(str(registration.user) in content for registration in participants)


@pytest.mark.django_db(transaction=True)
def test_register_with_mail_server_down_is_saved_and_answered(client, settings):
    """Issue 13: the confirmation mail used to be sent after the commit inside the request,
    so an unreachable mail server turned a saved registration into a 500."""
    settings.MAILERS = {"default": {"BACKEND": "tests.mailers.UnreachableBackend"}}
    event = open_event()
    person = UserFactory()
    client.force_login(person)

    response = _post_registration(client, event)

    assert response.status_code == 302
    assert Registration.objects.filter(event=event, user=person).exists()
