import pytest

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.network import DefaultSeriesFactory


@pytest.fixture
def series(db):
    return DefaultSeriesFactory()


@pytest.fixture
def organiser(db):
    return OrganiserFactory(first_name="Olga", last_name="Organisiert")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(params=["councillor", "coordinator", "speaker"])
def non_organiser_client(request, client, db):
    role = request.param
    user = CoordinatorFactory() if role == "coordinator" else UserFactory(role=role)
    client.force_login(user)
    return client
