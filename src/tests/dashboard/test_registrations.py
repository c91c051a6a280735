"""Organiser pages for registrations: list, filters, balance, add, move, cancel, attendance,
CSV export."""

import pytest
from django.urls import reverse

from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import AffiliationFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import open_event, past_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(name, event, registration=None):
    kwargs = {"pk": event.pk}
    if registration is not None:
        kwargs["registration_pk"] = registration.pk
    return reverse(f"dashboard:{name}", kwargs=kwargs)


def _councillor_of(municipality, party, **kwargs):
    person = UserFactory(**kwargs)
    AffiliationFactory(
        user=person, municipality=municipality, role=AffiliationRole.COUNCILLOR, party=party
    )
    return person


def test_registration_list_shows_people_counts_and_balance(organiser_client):
    event = open_event(capacity_in_person=12)
    kl = MunicipalityFactory(name="Kaiserslautern")
    ba = MunicipalityFactory(name="Bamberg")
    spd = PartyFactory(short_name="SPD")
    greens = PartyFactory(short_name="GRÜNE", name="Grüne")
    for person in [
        _councillor_of(kl, spd, last_name="Alpha"),
        _councillor_of(kl, spd, last_name="Beta"),
        _councillor_of(kl, greens, last_name="Gamma"),
        _councillor_of(ba, greens, last_name="Delta"),
    ]:
        RegistrationFactory(event=event, user=person, mode=AttendanceMode.IN_PERSON)

    response = organiser_client.get(_url("registration-list", event))

    content = response.content.decode()
    assert response.status_code == 200
    assert all(name in content for name in ["Alpha", "Beta", "Gamma", "Delta"])
    assert "Nach Kommune" in content
    assert "Nach Partei" in content
    # Kaiserslautern holds 3 of 4 places (75 % > 40 %); SPD and GRÜNE hold 50 % each.
    assert "Unausgewogen: Kaiserslautern hat 75 % der Plätze." in content
    assert "Unausgewogen: SPD hat 50 % der Plätze." in content
    assert "Unausgewogen: Bamberg" not in content
    # "Abbrechen" means leaving a form; cancelling a registration is "stornieren".
    assert "Anmeldung stornieren<span" in content
    assert ">Abbrechen<span" not in content


def test_balance_limit_comes_from_the_series(organiser_client):
    event = open_event()
    event.series.balance_max_share = 80
    event.series.save()
    municipality = MunicipalityFactory(name="Kaiserslautern")
    for _ in range(3):
        RegistrationFactory(event=event, user=_councillor_of(municipality, None))
    RegistrationFactory(event=event)

    content = organiser_client.get(_url("registration-list", event)).content.decode()

    assert "mehr als 80 %" in content
    assert "Unausgewogen" not in content


def test_registration_list_filters_by_mode_and_status(organiser_client):
    event = open_event()
    RegistrationFactory(event=event, mode="online", user=UserFactory(last_name="Onlinerin"))
    RegistrationFactory(
        event=event,
        mode="in_person",
        status=Status.WAITLISTED,
        user=UserFactory(last_name="Wartend"),
    )

    content = organiser_client.get(
        _url("registration-list", event), {"mode": "in_person", "status": "waitlisted"}
    ).content.decode()

    assert "Wartend" in content
    assert "Onlinerin" not in content


def test_registration_list_denied_to_non_organisers(non_organiser_client):
    event = open_event()
    RegistrationFactory(event=event, user=UserFactory(last_name="Vertraulich"))

    response = non_organiser_client.get(_url("registration-list", event))

    assert response.status_code == 403
    assert "Vertraulich" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_registration_list_query_count(organiser_client, django_assert_num_queries, count):
    event = open_event()
    municipality = MunicipalityFactory()
    for _ in range(count):
        RegistrationFactory(event=event, user=_councillor_of(municipality, PartyFactory()))

    with django_assert_num_queries(9):
        response = organiser_client.get(_url("registration-list", event))

    assert len(response.context["registrations"]) == count


def test_organiser_adds_a_person_by_email(organiser_client):
    event = open_event()
    person = UserFactory(email="rita@example.org")

    response = organiser_client.post(
        _url("registration-add", event), {"email": "RITA@example.org", "mode": "online"}
    )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=person)
    assert registration.mode == "online"


def test_organiser_add_with_an_unknown_email_shows_a_message(organiser_client):
    event = open_event()

    response = organiser_client.post(
        _url("registration-add", event), {"email": "niemand@example.org", "mode": "online"}
    )

    assert "Es gibt kein aktives Konto mit dieser E-Mail-Adresse." in response.content.decode()
    assert not Registration.objects.exists()


def test_organiser_add_twice_shows_already_registered(organiser_client):
    event = open_event()
    registration = RegistrationFactory(event=event)

    response = organiser_client.post(
        _url("registration-add", event), {"email": registration.user.email, "mode": "online"}
    )

    assert "ist bereits zu diesem Stadtgespräch angemeldet" in response.content.decode()


def test_organiser_moves_a_registration(organiser_client):
    event = open_event()
    registration = RegistrationFactory(event=event, mode="online")

    response = organiser_client.post(
        _url("registration-move", event, registration), {"mode": "in_person"}, follow=True
    )

    registration.refresh_from_db()
    assert registration.mode == "in_person"
    assert "nimmt jetzt so teil" in response.content.decode()


def test_organiser_move_with_a_bad_mode_shows_a_message(organiser_client):
    event = open_event()
    registration = RegistrationFactory(event=event, mode="online")

    response = organiser_client.post(
        _url("registration-move", event, registration), {"mode": "moon"}, follow=True
    )

    registration.refresh_from_db()
    assert registration.mode == "online"
    assert "Bitte wählen Sie eine gültige Teilnahmeform." in response.content.decode()


def test_organiser_cancels_with_a_message(organiser_client, django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=1)
    registration = RegistrationFactory(event=event, mode="in_person")
    waiting = RegistrationFactory(event=event, mode="in_person", status=Status.WAITLISTED)
    url = _url("registration-cancel", event, registration)

    page = organiser_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(url, {"message": "Leider doppelt."}, follow=True)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert str(registration.user) in page
    assert registration.status == Status.CANCELLED
    assert waiting.status == Status.REGISTERED
    assert "Von der Warteliste nachgerückt" in response.content.decode()


def test_organiser_cancel_of_a_cancelled_registration_shows_a_message(organiser_client):
    event = open_event()
    registration = RegistrationFactory(event=event, status=Status.CANCELLED)

    response = organiser_client.post(
        _url("registration-cancel", event, registration), {"message": ""}, follow=True
    )

    assert "Diese Anmeldung ist nicht mehr aktiv." in response.content.decode()


@pytest.mark.parametrize(
    ("choice", "expected"), [("attended", Status.ATTENDED), ("no_show", Status.NO_SHOW)]
)
def test_organiser_marks_attendance_after_the_event(organiser_client, choice, expected):
    event = past_event()
    registration = RegistrationFactory(event=event)

    organiser_client.post(
        _url("registration-attendance", event, registration), {"attendance": choice}
    )

    registration.refresh_from_db()
    assert registration.status == expected


def test_attendance_before_the_event_shows_a_message(organiser_client):
    event = open_event()
    registration = RegistrationFactory(event=event)

    response = organiser_client.post(
        _url("registration-attendance", event, registration),
        {"attendance": "attended"},
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED
    assert "erst nach Beginn" in response.content.decode()


def test_attendance_with_a_bad_choice_shows_a_message(organiser_client):
    event = past_event()
    registration = RegistrationFactory(event=event)

    response = organiser_client.post(
        _url("registration-attendance", event, registration), {"attendance": "x"}, follow=True
    )

    assert "Bitte wählen Sie" in response.content.decode()


def test_csv_export_lists_active_registrations(organiser_client):
    event = open_event(ask_dietary_needs=True)
    RegistrationFactory(
        event=event, user=UserFactory(last_name="Export"), dietary_needs="=cmd|' /C calc'!A0"
    )
    RegistrationFactory(
        event=event, user=UserFactory(last_name="Storniert"), status=Status.CANCELLED
    )

    response = organiser_client.get(_url("registration-export", event))

    content = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Export" in content
    assert "Storniert" not in content
    assert "'=cmd" in content


def test_csv_export_denied_to_non_organisers(non_organiser_client):
    event = open_event()
    RegistrationFactory(event=event, user=UserFactory(last_name="Vertraulich"))

    response = non_organiser_client.get(_url("registration-export", event))

    assert response.status_code == 403
    assert "Vertraulich" not in response.content.decode()


def test_dashboard_event_page_links_the_registrations(organiser_client):
    event = open_event()

    content = organiser_client.get(reverse("dashboard:event-detail", kwargs={"pk": event.pk}))

    assert _url("registration-list", event) in content.content.decode()


def test_organiser_changes_the_balance_threshold(organiser_client):
    event = open_event()

    response = organiser_client.post(
        _url("registration-balance-share", event), {"balance_max_share": "55"}, follow=True
    )

    event.series.refresh_from_db()
    assert event.series.balance_max_share == 55
    assert "mehr als 55 %" in response.content.decode()


@pytest.mark.parametrize("value", ["0", "101", "viel", ""])
def test_balance_threshold_bad_input_shows_a_message(organiser_client, value):
    event = open_event()

    response = organiser_client.post(
        _url("registration-balance-share", event), {"balance_max_share": value}
    )

    event.series.refresh_from_db()
    assert response.status_code == 200
    assert "Bitte geben Sie einen Anteil zwischen 1 und 100 Prozent ein." in response.text
    assert event.series.balance_max_share == 40


def test_balance_threshold_denied_to_non_organisers(non_organiser_client):
    event = open_event()

    response = non_organiser_client.post(
        _url("registration-balance-share", event), {"balance_max_share": "90"}
    )

    event.series.refresh_from_db()
    assert response.status_code == 403
    assert event.series.balance_max_share == 40


# --- the counts agree with the table ------------------------------------------------------------


def _mixed_registrations(event):
    statuses = [
        ("in_person", Status.REGISTERED),
        ("in_person", Status.REGISTERED),
        ("in_person", Status.WAITLISTED),
        ("in_person", Status.CANCELLED),
        ("online", Status.REGISTERED),
        ("online", Status.ATTENDED),
        ("online", Status.NO_SHOW),
        ("online", Status.WAITLISTED),
        ("online", Status.CANCELLED),
    ]
    for mode, status in statuses:
        RegistrationFactory(event=event, mode=mode, status=status)


def _rows(response, mode, statuses):
    return [
        r
        for r in response.context["registrations"]
        if r.mode == mode and r.status in {str(s) for s in statuses}
    ]


PLACES = (Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW)


def test_place_counts_equal_the_rows_of_the_table(organiser_client):
    event = open_event(capacity_in_person=2, capacity_online=None)
    _mixed_registrations(event)

    response = organiser_client.get(_url("registration-list", event))

    counts = {count.mode: count for count in response.context["counts"]}
    assert set(counts) == {"in_person", "online"}
    for mode, count in counts.items():
        assert count.registered == len(_rows(response, mode, PLACES))
        assert count.waitlisted == len(_rows(response, mode, [Status.WAITLISTED]))
    assert (counts["in_person"].registered, counts["online"].registered) == (2, 3)
    assert (counts["in_person"].waitlisted, counts["online"].waitlisted) == (1, 1)
    assert counts["in_person"].places_left == 0
    # Cancelled registrations are listed but hold no place and wait for none.
    assert len(response.context["registrations"]) == 9
    assert response.context["balance"].total == sum(c.registered for c in counts.values())
    assert "Personen mit Platz: 5." in response.content.decode()


@pytest.mark.parametrize(
    ("mode", "status", "field"),
    [
        ("in_person", "waitlisted", "waitlisted"),
        ("online", "waitlisted", "waitlisted"),
        ("in_person", "registered", "registered"),
    ],
)
def test_filtered_table_shows_as_many_rows_as_its_count(organiser_client, mode, status, field):
    event = open_event(capacity_in_person=2, capacity_online=None)
    _mixed_registrations(event)

    response = organiser_client.get(
        _url("registration-list", event), {"mode": mode, "status": status}
    )

    count = next(c for c in response.context["counts"] if c.mode == mode)
    assert len(response.context["registrations"]) == getattr(count, field)


def test_counts_keep_a_mode_the_format_no_longer_offers_while_people_hold_it(organiser_client):
    event = open_event(format="hybrid")
    RegistrationFactory(event=event, mode="in_person", status=Status.REGISTERED)
    RegistrationFactory(event=event, mode="online", status=Status.REGISTERED)
    event.format = "online"
    event.save(update_fields=["format"])

    response = organiser_client.get(_url("registration-list", event))

    counts = {count.mode: count.registered for count in response.context["counts"]}
    assert counts == {"online": 1, "in_person": 1}
    assert len(response.context["registrations"]) == sum(counts.values())
    assert '<th scope="row" class="kern-table__header">vor Ort</th>' in response.content.decode()
