"""The two places hostile requests go: the local API over raw HTTP, and the handler as events."""

import http.client
import json
from dataclasses import dataclass

import pytest
from moto import mock_aws
from sam_local_api.testing import LocalApiServer

from tests.over_http.hostile.corpus import ALICE, BOB
from tests.over_http.hostile.sending import REQUEST_CONTEXT
from tests.support.function import create_tables_in_moto, set_environment
from tests.support.hardening import StoreSnapshot
from tests.support.local_api import this_api
from users_api import app

SEEDS = {"alice": ("Alice Liddell", ALICE), "bob": ("Bob Dylan", BOB)}


@dataclass
class HttpTarget:
    server: LocalApiServer
    store: StoreSnapshot
    ids: dict[str, str]
    token: str  # every scope

    @property
    def port(self) -> int:
        return self.server.port


@dataclass
class HandlerTarget:
    store: StoreSnapshot
    ids: dict[str, str]


@pytest.fixture(scope="package")
def hostile_api():
    """A local API of its own, throttling off: the corpus is ~250 requests in a second or two,
    over the usage plan's burst of 200 per key, and a 429 would say nothing about the request."""
    server = this_api("--no-throttle").wait_ready()
    try:
        ids = {}
        token = server.token()
        for seed, (name, email) in SEEDS.items():
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            headers = {
                "x-api-key": server.api_key,
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
            }
            connection.request("POST", "/user/create", json.dumps({"name": name, "email": email}), headers)
            response = connection.getresponse()
            assert response.status == 201, response.read()
            ids[seed] = json.loads(response.read())["user"]["id"]
            connection.close()
        yield HttpTarget(server, StoreSnapshot(server.store_endpoint), ids, token)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def hostile_handler():
    """lambda_handler against moto's in-process DynamoDB, with the same two users."""
    with pytest.MonkeyPatch.context() as patch:
        set_environment(patch)
        with mock_aws():
            client = create_tables_in_moto()
            ids = {}
            for seed, (name, email) in SEEDS.items():
                event = {
                    "httpMethod": "POST",
                    "path": "/user/create",
                    "headers": {"Content-Type": "application/json"},
                    "body": json.dumps({"name": name, "email": email}),
                    "requestContext": REQUEST_CONTEXT,
                }
                answer = app.lambda_handler(event, None)
                assert answer["statusCode"] == 201, answer
                ids[seed] = json.loads(answer["body"])["user"]["id"]
            yield HandlerTarget(StoreSnapshot(client=client), ids)
        app.store.cache_clear()
