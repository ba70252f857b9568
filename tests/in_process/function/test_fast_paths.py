"""The handler's fast paths answer exactly as the general ones they stand in front of (issue 20):
ASCII bodies read without a round trip through bytes, JSON read without JSONDecoder.decode's
regular expressions, users written out as JSON and the Idempotency-Key's fingerprint made
without the JSON encoder (user_model.user_json and fingerprint_json, generated from
openapi.yaml: tests/in_process/spec/test_user_model.py tries them on the spec's values)."""

import hashlib
import json
import time

import pytest

from tests.in_process.function.conftest import invoke, load_event
from tests.support.function import TABLES
from users_api import app, user_model
from users_api.proxy import MAX_BODY_BYTES

SUB = "4m1q6k0v9hq1t2pvtc7b1n3eo5"  # the sample events' caller


pytestmark = pytest.mark.usefixtures("dynamodb")


@pytest.mark.parametrize("raw", ["", " ", " \t\r\n\x0b\x0c "])
def test_a_body_of_ascii_whitespace_is_missing(raw):
    answer = invoke(load_event("create-user", body=raw))
    assert (answer.status, answer.fields) == (400, {"body": "is required"})


@pytest.mark.parametrize("raw", ["\x1c", " \x1f ", "\u00a0", "\u2003"])
def test_a_body_of_other_spaces_is_there_but_no_json(raw):
    # bytes.strip() takes ASCII whitespace only: these were never "missing", and are not now.
    answer = invoke(load_event("create-user", body=raw))
    assert (answer.status, answer.fields) == (400, {"body": "must be valid JSON"})


def test_json_whitespace_around_the_body_is_read_past():
    body = ' \r\n\t{"name": "Ada", "email": "ada@example.com"}\t\r\n '
    answer = invoke(load_event("create-user", body=body))
    assert answer.status == 201


@pytest.mark.parametrize(
    "raw",
    [
        '{"name": "Ada", "email": "ada@example.com"} x',
        '{"name": "Ada", "email": "ada@example.com"}{}',
        '{"name": "Ada", "email": "ada@example.com"}\x0c',  # form feed: no JSON whitespace
        '\x0c{"name": "Ada", "email": "ada@example.com"}',
    ],
)
def test_anything_else_around_the_body_is_no_json(raw):
    answer = invoke(load_event("create-user", body=raw))
    assert (answer.status, answer.fields) == (400, {"body": "must be valid JSON"})


def test_the_size_limit_counts_bytes_not_characters():
    name = "é" * (MAX_BODY_BYTES // 2)  # fewer characters than the limit, more bytes
    body = json.dumps({"name": name, "email": "ada@example.com"}, ensure_ascii=False)
    assert len(body) <= MAX_BODY_BYTES < len(body.encode())
    answer = invoke(load_event("create-user", body=body))
    assert (answer.status, answer.fields) == (413, {"body": f"must be at most {MAX_BODY_BYTES} bytes"})


def test_an_unpaired_surrogate_in_the_text_itself_is_not_utf8():
    answer = invoke(load_event("create-user", body='{"name": "Ada \ud800", "email": "ada@example.com"}'))
    assert (answer.status, answer.fields) == (400, {"body": "must be UTF-8"})


def test_a_non_ascii_body_is_read_as_utf8():
    answer = invoke(load_event("create-user", body='{"name": "Zoë Ω 🙂", "email": "zoe@example.com"}'))
    assert answer.status == 201
    assert answer.json["user"]["name"] == "Zoë Ω 🙂"


# U+200D (the zero-width joiner of emoji sequences): names refuse U+2028 now (issue 27).
@pytest.mark.parametrize("name", ['Ada "the Countess" Lovelace', "back\\slash", "Zoë Ω 👩\u200d💻", "/ < > &"])
def test_answers_with_a_user_are_the_encoders_json_field_for_field(name):
    created = app.lambda_handler(load_event("create-user", body={"name": name, "email": "ada@example.com"}))
    user_id = json.loads(created["body"])["user"]["id"]
    got = app.lambda_handler(load_event("get-user", query={"id": user_id}))
    updated = app.lambda_handler(
        load_event("update-user", query={"id": user_id}, body={"name": name + "!"}, headers={"If-Match": None})
    )
    for response in (created, got, updated):
        payload = json.loads(response["body"])
        # Byte for byte what json.dumps writes (compact, not ASCII-escaped), fields in the spec's order.
        assert response["body"] == json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        assert list(payload) == ["message", "user"]
        assert list(payload["user"]) == [name for name in user_model.PROPERTIES if name in payload["user"]]


def test_keys_stored_by_earlier_releases_still_match(dynamodb):
    """A key's fingerprint is sha256 of json.dumps(body, sort_keys=True), as 2.x stored it: a retry
    after an upgrade still gets its first answer, not a 422."""
    body = {"name": 'Zoë "Ada" Lovelace', "email": "ada@example.com"}
    first = {"statusCode": 201, "headers": {"Content-Type": "application/json"}, "body": '{"message":"Create user"}'}
    dynamodb.put_item(
        TableName=TABLES["IdempotencyKeysTable"],
        Item={
            "key": {"S": f"{SUB} stored-before"},
            "fingerprint": {"S": hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()},
            "answer": {"S": json.dumps(first)},
            "userId": {"S": "AAAAAAAAAAAAAAAAAAAAAA"},
            "expiresAt": {"N": str(int(time.time()) + 3600)},
        },
    )
    retried = load_event(
        "create-user", body=json.dumps(body, ensure_ascii=False), headers={"Idempotency-Key": "stored-before"}
    )
    assert app.lambda_handler(retried) == first
    other = load_event("create-user", body={**body, "name": "Ada"}, headers={"Idempotency-Key": "stored-before"})
    assert invoke(other).status == 422


def test_metrics_name_the_function_as_lambdas_context_does(capsys, monkeypatch):
    """In Lambda the context names the function (as AWS_LAMBDA_FUNCTION_NAME does): read from it."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "from-the-environment")

    class Context:
        function_name = "users-api-prod-UsersFunction-abc"

    capsys.readouterr()
    app.lambda_handler(load_event("create-user", body={"name": "Ada", "email": "ada@example.com"}), Context())
    app.lambda_handler(load_event("create-user", body={"name": "Ada", "email": "ada@example.com"}))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    assert [line["FunctionName"] for line in lines] == ["users-api-prod-UsersFunction-abc", "from-the-environment"]
    assert [name for line in lines for name in line if name not in ("_aws", "FunctionName")] == [
        "UsersCreated",
        "EmailConflicts",
    ]
