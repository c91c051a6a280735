"""Roles × confidentiality × documented: who sees the documentation and speaker names."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import FeedbackFactory, MinutesFactory, held_event
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["anonymous", "councillor", "participant", "organiser"]
PUBLIC, NETWORK, CHATHAM = (
    Confidentiality.PUBLIC,
    Confidentiality.NETWORK,
    Confidentiality.CHATHAM_HOUSE,
)


def _event(confidentiality: str, *, documented: bool):
    event = held_event(confidentiality=confidentiality)
    if documented:
        event.status = EventStatus.DOCUMENTED
        event.save()
        MinutesFactory(event=event, published_at=event.ends_at)
    else:
        MinutesFactory(event=event)
    return event


def _user(role: str, event):
    if role == "anonymous":
        return AnonymousUser()
    if role == "organiser":
        return OrganiserFactory()
    user = UserFactory()
    if role == "participant":
        RegistrationFactory(event=event, user=user, status=RegistrationStatus.ATTENDED)
    return user


# (role, confidentiality, documented) → may see minutes, results, files, recording, PDF.
VIEW_DOCUMENTATION = {
    ("anonymous", PUBLIC, True): True,
    ("anonymous", NETWORK, True): False,
    ("anonymous", CHATHAM, True): False,
    ("councillor", PUBLIC, True): True,
    ("councillor", NETWORK, True): True,
    ("councillor", CHATHAM, True): True,
    ("participant", PUBLIC, True): True,
    ("participant", NETWORK, True): True,
    ("participant", CHATHAM, True): True,
    ("organiser", PUBLIC, True): True,
    ("organiser", NETWORK, True): True,
    ("organiser", CHATHAM, True): True,
    # Not yet published: organisers only.
    **{(role, conf, False): role == "organiser" for role in ROLES for conf in Confidentiality},
}


@pytest.mark.parametrize(("role", "confidentiality", "documented"), list(VIEW_DOCUMENTATION))
def test_view_documentation_matrix(role, confidentiality, documented):
    event = _event(confidentiality, documented=documented)
    user = _user(role, event)
    expected = VIEW_DOCUMENTATION[(role, confidentiality, documented)]
    assert user.has_perm("documentation.view_documentation", event) is expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("confidentiality", list(Confidentiality))
def test_view_speakers_matrix(role, confidentiality):
    event = _event(confidentiality, documented=True)
    user = _user(role, event)
    expected = confidentiality != CHATHAM or role in ("participant", "organiser")
    assert user.has_perm("documentation.view_speakers", event) is expected


def test_documentation_of_draft_event_hidden_from_everyone_but_organisers():
    event = EventFactory(status=EventStatus.DRAFT)
    MinutesFactory(event=event, published_at=event.ends_at)
    assert not UserFactory().has_perm("documentation.view_documentation", event)
    assert OrganiserFactory().has_perm("documentation.view_documentation", event)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", False), ("councillor", False), ("participant", False), ("organiser", True)],
)
def test_manage_documentation_and_view_feedback_only_organisers(role, expected):
    event = held_event()
    user = _user(role, event)
    assert user.has_perm("documentation.manage_documentation") is expected
    assert user.has_perm("documentation.view_feedback") is expected


@pytest.mark.parametrize(
    ("status", "registration", "expected"),
    [
        (EventStatus.HELD, RegistrationStatus.REGISTERED, True),
        (EventStatus.HELD, RegistrationStatus.ATTENDED, True),
        (EventStatus.DOCUMENTED, RegistrationStatus.ATTENDED, True),
        (EventStatus.HELD, RegistrationStatus.WAITLISTED, False),
        (EventStatus.HELD, RegistrationStatus.NO_SHOW, False),
        (EventStatus.HELD, RegistrationStatus.CANCELLED, False),
        (EventStatus.REGISTRATION_CLOSED, RegistrationStatus.REGISTERED, False),
        (EventStatus.CANCELLED, RegistrationStatus.REGISTERED, False),
    ],
)
def test_give_feedback_matrix(status, registration, expected):
    event = held_event(status=status)
    user = RegistrationFactory(event=event, status=registration).user
    assert user.has_perm("documentation.give_feedback", event) is expected


def test_give_feedback_not_twice_and_not_anonymous():
    event = held_event()
    user = RegistrationFactory(event=event).user
    FeedbackFactory(event=event, user=user)
    assert not user.has_perm("documentation.give_feedback", event)
    assert not AnonymousUser().has_perm("documentation.give_feedback", event)


# Who prepares an impulse on the speaker page: its speakers only (active accounts).
PREPARE_IMPULSE = {
    "anonymous": False,
    "councillor": False,
    "organiser": False,
    "speaker": True,
    "inactive speaker": False,
}


@pytest.mark.parametrize("role", PREPARE_IMPULSE)
def test_prepare_impulse_matrix(role):
    from tests.factories.events import AgendaItemFactory

    item = AgendaItemFactory()
    if role == "anonymous":
        user = AnonymousUser()
    elif role == "organiser":
        user = OrganiserFactory()
    else:
        user = UserFactory(is_active=role != "inactive speaker")
        if "speaker" in role:
            item.speakers.add(user)

    assert user.has_perm("documentation.prepare_impulse", item) is PREPARE_IMPULSE[role]
