"""The generated client (clients/python/) against local APIs: the suite uses only
the client's own API, as a client developer would, with access tokens from the
local user pool's token endpoint."""

import json
import shutil
import socket
import sys
from pathlib import Path

import pytest
from joserfc.jwk import RSAKey
from samcli.yamlhelper import yaml_dump, yaml_parse

from tests.support.local_api import this_api
from tools.sdk import CLIENT_DIR
from tools.spec import TEMPLATE_PATH, included_openapi, resources

# Importable as a client developer's project would have it installed.
sys.path.insert(0, str(CLIENT_DIR))

from users_api_client import AuthenticatedClient


def token_client(base_url: str, token: str, api_key: str | None = None, **kwargs) -> AuthenticatedClient:
    """The access token as a bearer token (the client's default), and the API key, which
    the writes need, in the header the spec's ApiKey scheme names."""
    headers = {"x-api-key": api_key} if api_key is not None else {}
    # Raising on any status the spec does not document for the operation.
    return AuthenticatedClient(
        base_url=base_url, token=token, headers=headers, raise_on_unexpected_status=True, **kwargs
    )


@pytest.fixture(scope="session")
def pool_key(tmp_path_factory) -> tuple[RSAKey, Path]:
    """A key for the local user pool to sign with, held by the tests too, to make an expired token."""
    key = RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"}, auto_kid=True)
    path = tmp_path_factory.mktemp("pool") / "pool-key.json"
    path.write_text(json.dumps(key.as_dict(private=True)))
    return key, path


@pytest.fixture(scope="session")
def local_api(pool_key):
    server = this_api("--signing-key", str(pool_key[1])).wait_ready()
    yield server
    server.stop()


@pytest.fixture
def client(local_api) -> AuthenticatedClient:
    """A reader: a token with users/read, no API key."""
    with token_client(local_api.url, local_api.token("users/read")) as reader:
        yield reader


@pytest.fixture
def authed(local_api) -> AuthenticatedClient:
    """A writer of everything: a token with both scopes, and the API key."""
    with token_client(local_api.url, local_api.token(), local_api.api_key) as writer:
        yield writer


@pytest.fixture(scope="module")
def storeless_api():
    """A local API whose DynamoDB endpoint has nothing listening: every operation is a 503."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nothing_listens = f"http://127.0.0.1:{closed.getsockname()[1]}"
    server = this_api("--no-throttle", "--dynamodb-endpoint", nothing_listens).wait_ready()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def throttled_api(tmp_path_factory):
    """A local API from a copy of template.yaml whose stage allows no request at all: every one is a 429."""
    folder = tmp_path_factory.mktemp("throttled")
    template = yaml_parse(TEMPLATE_PATH.read_text())
    api = next(iter(resources(template, "AWS::Serverless::Api").values()))["Properties"]
    api["MethodSettings"] = [
        {"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 0, "ThrottlingBurstLimit": 0}
    ]
    (folder / "template.yaml").write_text(yaml_dump(template))
    shutil.copy(included_openapi(TEMPLATE_PATH), folder / included_openapi(TEMPLATE_PATH).name)
    (folder / "src").symlink_to(Path(TEMPLATE_PATH.parent / "src").resolve())
    server = this_api("--template", str(folder / "template.yaml")).wait_ready()
    yield server
    server.stop()
