import pytest

from tests.support.local_api import this_api
from tools.spec import waf_rates_lifted


@pytest.fixture(scope="session")
def local_api():
    """The local API (scripts/serve) with its embedded store, shared by a test session;
    WAF's rate limits lifted (tests/in_process/gateway/test_gateway_answers.py tests them)."""
    server = this_api(*waf_rates_lifted()).wait_ready()
    yield server
    server.stop()
