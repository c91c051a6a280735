import pytest


@pytest.fixture(autouse=True)
def _people_index(up_to_date_people_index):
    """Free-text searches of the directory read an up-to-date search index (tests/conftest)."""
