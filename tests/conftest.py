import pytest

from tests.support.local_api import this_api


@pytest.fixture(scope="session")
def local_api():
    """The local API (scripts/serve) with its embedded store, shared by a test session."""
    server = this_api().wait_ready()
    yield server
    server.stop()
