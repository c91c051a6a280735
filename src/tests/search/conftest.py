import pytest

from stadtgespraeche.search import services


@pytest.fixture
def index():
    """Index objects now (the content services' on-commit hook does not run in tests)."""

    def _index(*objects):
        for obj in objects:
            services.index_object(obj._meta.label_lower, obj.pk)

    return _index
