"""The generated client (clients/python/) against local APIs: the suite uses only
the client's own API, as a client developer would."""

import shutil
import sys
from pathlib import Path

import pytest
from samcli.yamlhelper import yaml_dump, yaml_parse

from local_api.process import LocalApiProcess, free_port
from tools.sdk import CLIENT_DIR
from tools.spec import TEMPLATE_PATH, included_openapi, resources

# Importable as a client developer's project would have it installed.
sys.path.insert(0, str(CLIENT_DIR))

from users_api_client import AuthenticatedClient, Client


def key_client(base_url: str, api_key: str, **kwargs) -> AuthenticatedClient:
    """The spec's ApiKey scheme: the key goes bare in the `x-api-key` header."""
    return AuthenticatedClient(base_url=base_url, token=api_key, prefix="", auth_header_name="x-api-key", **kwargs)


@pytest.fixture
def client(local_api) -> Client:
    # Raising on any status the spec does not document for the operation.
    with Client(base_url=local_api.url, raise_on_unexpected_status=True) as anonymous:
        yield anonymous


@pytest.fixture
def authed(local_api) -> AuthenticatedClient:
    with key_client(local_api.url, local_api.api_key, raise_on_unexpected_status=True) as keyed:
        yield keyed


@pytest.fixture(scope="module")
def storeless_api():
    """A local API whose DynamoDB endpoint has nothing listening: every operation is a 503."""
    server = LocalApiProcess("--no-throttle", "--dynamodb-endpoint", f"http://127.0.0.1:{free_port()}").wait_ready()
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
    server = LocalApiProcess("--template", str(folder / "template.yaml")).wait_ready()
    yield server
    server.stop()
