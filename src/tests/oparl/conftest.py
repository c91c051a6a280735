import pytest

from stadtgespraeche.oparl.client import Fetcher
from stadtgespraeche.oparl.fake_server import FakeOparlServer


@pytest.fixture(scope="session")
def oparl_server(shared_data_dir):
    """The recorded crawls served on 127.0.0.1 (one server for the session)."""
    with FakeOparlServer(shared_data_dir) as server:
        yield server


@pytest.fixture
def fake_oparl(oparl_server):
    """The session's server with fresh quirks and request log for one test."""
    oparl_server.quirks.__init__()
    oparl_server.requests.clear()
    yield oparl_server
    oparl_server.quirks.__init__()


@pytest.fixture
def fetcher():
    with Fetcher(timeout=10, retries=2, backoff=0.0) as client:
        yield client
