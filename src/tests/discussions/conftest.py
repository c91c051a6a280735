import pytest

from stadtgespraeche.events.enums import Confidentiality
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import AcceptanceFactory, EventThreadFactory, PostFactory
from tests.factories.registrations import RegistrationFactory


@pytest.fixture
def councillor(db):
    person = UserFactory(first_name="Clara", last_name="Rätin")
    AcceptanceFactory(user=person)
    return person


@pytest.fixture
def other(db):
    person = UserFactory(first_name="Otto", last_name="Anders")
    AcceptanceFactory(user=person)
    return person


@pytest.fixture
def organiser(db):
    return OrganiserFactory(first_name="Olga", last_name="Organisiert")


@pytest.fixture
def public_thread(db):
    return EventThreadFactory(event__confidentiality=Confidentiality.PUBLIC).thread


@pytest.fixture
def network_thread(db):
    return EventThreadFactory(event__confidentiality=Confidentiality.NETWORK).thread


@pytest.fixture
def chatham_link(db):
    return EventThreadFactory(event__confidentiality=Confidentiality.CHATHAM_HOUSE)


@pytest.fixture
def participant(db, chatham_link):
    person = UserFactory(first_name="Paula", last_name="Teilnehmerin")
    AcceptanceFactory(user=person)
    RegistrationFactory(event=chatham_link.event, user=person, status=RegistrationStatus.REGISTERED)
    return person


@pytest.fixture
def post(public_thread, councillor):
    return PostFactory(thread=public_thread, author=councillor, body="Mein **erster** Beitrag")
