import pytest

from tests.factories.events import SeriesFactory


@pytest.fixture
def series():
    return SeriesFactory()
