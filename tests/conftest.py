import pytest

from local_api.process import LocalApiProcess


@pytest.fixture(scope="session")
def local_api():
    """The local API (scripts/serve) with its embedded store, shared by a test session."""
    server = LocalApiProcess().wait_ready()
    yield server
    server.stop()
