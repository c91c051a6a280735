import pytest
from django.core import mail
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache_and_language():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mailoutbox_clear():
    mail.outbox.clear()
    return mail.outbox
