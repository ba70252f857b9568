import base64
import json
from pathlib import Path

import pytest
from moto import mock_aws

from tests.support.contract import check
from tests.support.function import create_tables_in_moto, set_environment
from users_api import app

EVENTS = Path(__file__).resolve().parents[2] / "events"


@pytest.fixture(autouse=True)
def aws_env(monkeypatch):
    set_environment(monkeypatch)
    yield
    app.store.cache_clear()


@pytest.fixture
def dynamodb(aws_env):
    """moto's DynamoDB, with the tables template.yaml defines."""
    with mock_aws():
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
