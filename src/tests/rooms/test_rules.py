"""Rules matrix of the online room and the live Q&A: role × registration status × time."""

import datetime

import pytest
import time_machine

from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.network.enums import RoomKind
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.network import SeriesFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)
TIMES = {
    "day_before": START - datetime.timedelta(days=1),
    "31_min_before": START - datetime.timedelta(minutes=31),
    "29_min_before": START - datetime.timedelta(minutes=29),
    "running": START + datetime.timedelta(minutes=30),
    "just_after_end": END + datetime.timedelta(minutes=1),
    "2h_after_end": END + datetime.timedelta(hours=2, minutes=1),
}
IN_ROOM_WINDOW = {"29_min_before", "running"}
IN_QUESTION_WINDOW = {"29_min_before", "running", "just_after_end"}

# Who is asking, as set up by _person().
PEOPLE = [
    "anonymous",
    "councillor",
    "coordinator",
    "registered",
    "attended",
    "waitlisted",
    "cancelled",
    "no_show",
    "speaker",
    "organiser",
    "inactive_registered",
]
JOINING = {"registered", "attended", "speaker", "organiser"}
MODERATORS = {"speaker", "organiser"}


@pytest.fixture
def event():
    return EventFactory(
        starts_at=START, ends_at=END, format=EventFormat.HYBRID, status=EventStatus.HELD
    )


def _person(kind, event):
    from django.contrib.auth.models import AnonymousUser

    if kind == "anonymous":
        return AnonymousUser()
    if kind == "organiser":
        return OrganiserFactory()
    if kind == "coordinator":
        return CoordinatorFactory()
    user = UserFactory()
    if kind == "speaker":
        AgendaItemFactory(event=event).speakers.add(user)
    elif kind == "inactive_registered":
        RegistrationFactory(event=event, user=user)
        user.is_active = False
        user.save()
    elif kind != "councillor":
        RegistrationFactory(event=event, user=user, status=RegistrationStatus(kind))
    return user


@pytest.mark.parametrize("when", list(TIMES))
@pytest.mark.parametrize("kind", PEOPLE)
def test_join_room_matrix(event, kind, when):
    person = _person(kind, event)
    with time_machine.travel(TIMES[when], tick=False):
        allowed = person.has_perm("rooms.join_room", event)
    assert allowed == (kind in JOINING and when in IN_ROOM_WINDOW)


@pytest.mark.parametrize("when", list(TIMES))
@pytest.mark.parametrize("kind", PEOPLE)
def test_ask_question_matrix(event, kind, when):
    person = _person(kind, event)
    with time_machine.travel(TIMES[when], tick=False):
        allowed = person.has_perm("questions.ask_question", event)
        view = person.has_perm("questions.view_questions", event)
    assert view == (kind in JOINING)
    assert allowed == (kind in JOINING and when in IN_QUESTION_WINDOW)


@pytest.mark.parametrize("kind", PEOPLE)
def test_moderation_and_export_matrix(event, kind):
    person = _person(kind, event)
    assert person.has_perm("questions.moderate_questions", event) == (kind in MODERATORS)
    assert person.has_perm("questions.export_questions", event) == (kind == "organiser")
    assert person.has_perm("rooms.end_room", event) == (kind == "organiser")


@pytest.mark.parametrize(
    ("setup", "has_room", "can_end"),
    [
        ({"format": EventFormat.IN_PERSON}, False, False),
        ({"status": EventStatus.CANCELLED}, False, False),
        ({"status": EventStatus.DRAFT}, False, False),
        ({"format": EventFormat.ONLINE}, True, True),
        ({"series_room": RoomKind.NONE}, False, False),
        ({"series_room": RoomKind.LINK}, True, False),
    ],
)
def test_join_room_depends_on_event_room(setup, has_room, can_end):
    series_room = setup.pop("series_room", None)
    kwargs = {"starts_at": START, "ends_at": END, **setup}
    if series_room is not None:
        kwargs["series"] = SeriesFactory(slug=f"reihe-{series_room}", name=f"Reihe {series_room}")
        kwargs["series"].room_provider = series_room
        kwargs["series"].save()
    event = EventFactory(**kwargs)
    organiser = OrganiserFactory()
    with time_machine.travel(TIMES["running"], tick=False):
        assert organiser.has_perm("rooms.join_room", event) == has_room
    assert organiser.has_perm("rooms.end_room", event) == can_end


def test_questions_closed_for_cancelled_event():
    event = EventFactory(starts_at=START, ends_at=END, status=EventStatus.CANCELLED)
    with time_machine.travel(TIMES["running"], tick=False):
        assert not OrganiserFactory().has_perm("questions.ask_question", event)
