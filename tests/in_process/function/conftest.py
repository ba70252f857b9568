import base64
import functools
import json
from pathlib import Path

import botocore.loaders
import botocore.session
import pytest
from moto import mock_aws

from tests.support.contract import check
from tests.support.function import create_tables_in_moto, set_environment
from users_api import app

EVENTS = Path(__file__).resolve().parents[3] / "events"


@pytest.fixture(scope="session", autouse=True)
def botocore_models_read_once():
    """Each test is a new container, whose function builds its DynamoDB client in a new
    botocore session, and every session reads and parses botocore's JSON models anew:
    0.15 s a test here. One loader for every session reads them once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(botocore.session, "create_loader", functools.cache(botocore.loaders.create_loader))
        yield


@pytest.fixture(autouse=True)
def aws_env(monkeypatch):
    set_environment(monkeypatch)
    yield
    app.store.cache_clear()


@pytest.fixture
def dynamodb(aws_env):
    """moto's DynamoDB, with the tables template.yaml defines. boto3's default session
    is kept from test to test (moto makes a new one each time by default): it reads
    nothing from the environment that the tests change."""
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        yield create_tables_in_moto()


def load_event(name: str, *, query=None, body=None, headers=None, base64_body=None, claims=...) -> dict:
    """A sample event from events/, with the given parts replaced (claims=None: no authorizer at all)."""
    event = json.loads((EVENTS / f"{name}.json").read_text())
    if claims is None:
        event["requestContext"].pop("authorizer", None)
    elif claims is not ...:
        event["requestContext"]["authorizer"] = {"claims": claims}
    if query is not None:
        event["queryStringParameters"] = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
        event["multiValueQueryStringParameters"] = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    if base64_body is not None:
        event["body"] = base64.b64encode(base64_body).decode()
        event["isBase64Encoded"] = True
    for name_, value in (headers or {}).items():
        if value is None:
            event["headers"].pop(name_, None)
            event["multiValueHeaders"].pop(name_, None)
        else:
            event["headers"][name_] = value
            event["multiValueHeaders"][name_] = [value]
    return event


class Answer:
    def __init__(self, response: dict):
        self.status = response["statusCode"]
        self.headers = response["headers"]
        self.json = json.loads(response["body"])

    @property
    def fields(self) -> dict:
        return {error["field"]: error["problem"] for error in self.json.get("errors", [])}


def invoke(event: dict) -> Answer:
    """Run the handler and check its answer against openapi.yaml."""
    answer = Answer(app.lambda_handler(event, None))
    check(event["path"], event["httpMethod"], answer.status, answer.headers, answer.json)
    return answer


def create(name="Ada Lovelace", email="ada@example.com") -> dict:
    answer = invoke(load_event("create-user", body={"name": name, "email": email}))
    assert answer.status == 201, answer.json
    return answer.json["user"]
