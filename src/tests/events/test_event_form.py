"""The organiser's event form: capacities per attendance mode and the registration deadline."""

import datetime

import pytest

from stadtgespraeche.events.forms import EventForm

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _form(series, **overrides):
    data = {
        "series": series.pk,
        "title": "Hybride Ratsarbeit",
        "starts_at": "2026-12-03T18:00",
        "ends_at": "2026-12-03T20:00",
        "format": "hybrid",
        "venue_address": "Rathaus",
        "confidentiality": "public",
        "recording_policy": "none",
        **overrides,
    }
    return EventForm(data)


def test_event_form_accepts_capacities_and_deadline(series):
    form = _form(
        series,
        capacity_in_person="20",
        capacity_online="80",
        registration_closes_at="2026-12-01T12:00",
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["capacity_in_person"] == 20
    assert form.cleaned_data["capacity_online"] == 80
    deadline = form.cleaned_data["registration_closes_at"]
    assert deadline.astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 1, 11, 0, tzinfo=datetime.UTC
    )


def test_event_form_empty_capacities_mean_no_limit(series):
    form = _form(series)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["capacity_in_person"] is None
    assert form.cleaned_data["capacity_online"] is None
    assert form.cleaned_data["registration_closes_at"] is None


@pytest.mark.parametrize("value", ["0", "-3"])
def test_event_form_refuses_capacity_below_one(series, value):
    form = _form(series, capacity_online=value)
    assert not form.is_valid()
    assert form.errors["capacity_online"] == [
        "Bitte geben Sie mindestens 1 Platz an oder lassen Sie das Feld für unbegrenzt leer."
    ]


def test_event_form_refuses_capacity_of_a_mode_the_format_lacks(series):
    form = _form(series, format="online", venue_address="", capacity_in_person="20")
    assert not form.is_valid()
    assert "hat keine Plätze dieser Art" in form.errors["capacity_in_person"][0]
    assert "online" in form.errors["capacity_in_person"][0]


def test_event_form_refuses_deadline_after_the_start(series):
    form = _form(series, registration_closes_at="2026-12-03T19:00")
    assert not form.is_valid()
    assert form.errors["registration_closes_at"] == [
        "Die Anmeldefrist darf spätestens zum Beginn enden."
    ]


def test_event_form_refuses_unreadable_capacity(series):
    form = _form(series, capacity_in_person="viele")
    assert not form.is_valid()
    assert form.errors["capacity_in_person"] == [
        "Bitte geben Sie die Zahl der Plätze als ganze Zahl an, z. B. 30."
    ]
