import pytest

from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory


@pytest.fixture
def city():
    return MunicipalityFactory(name="Kaiserslautern", population=100_000)


@pytest.fixture
def coordinator(city):
    person = CoordinatorFactory(first_name="Kora", last_name="Koordinatorin")
    AffiliationFactory(user=person, municipality=city, role=AffiliationRole.COORDINATOR)
    return person


@pytest.fixture
def other_coordinator():
    person = CoordinatorFactory()
    AffiliationFactory(user=person, role=AffiliationRole.COORDINATOR)
    return person


@pytest.fixture
def councillor(city):
    person = UserFactory(first_name="Rita", last_name="Rätin")
    AffiliationFactory(user=person, municipality=city, role=AffiliationRole.COUNCILLOR)
    return person


@pytest.fixture
def organiser():
    return OrganiserFactory()
