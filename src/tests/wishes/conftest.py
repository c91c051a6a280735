import pytest

from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.wishes.enums import Phase
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory
from tests.factories.wishes import WishRoundFactory


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Kaiserslautern")


@pytest.fixture
def councillor(municipality):
    person = UserFactory(first_name="Rita", last_name="Rat")
    AffiliationFactory(user=person, municipality=municipality, role=AffiliationRole.COUNCILLOR)
    return person


@pytest.fixture
def other_councillor():
    person = UserFactory(first_name="Otto", last_name="Ort")
    AffiliationFactory(user=person, role=AffiliationRole.COUNCILLOR)
    return person


@pytest.fixture
def coordinator(municipality):
    person = CoordinatorFactory(first_name="Kora", last_name="Koordination")
    AffiliationFactory(user=person, municipality=municipality, role=AffiliationRole.COORDINATOR)
    return person


@pytest.fixture
def organiser():
    return OrganiserFactory()


@pytest.fixture
def collecting_round():
    return WishRoundFactory(phase=Phase.COLLECT)


@pytest.fixture
def voting_round():
    return WishRoundFactory(phase=Phase.VOTE)
