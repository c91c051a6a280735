import pytest

from stadtgespraeche.notifications import kinds


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    """Two kinds for the tests: one immediate by default, one in the daily digest."""
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    kinds.register("test.kind", "Testart")
    kinds.register("test.daily", "Tägliche Testart", default="daily")
    return kinds
