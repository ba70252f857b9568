"""createUser's Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header), through
lambda_handler, against moto's DynamoDB."""

import json
import time

import pytest

from tests.in_process.function.conftest import invoke, load_event
from tools.store import TABLES
from users_api import app

pytestmark = pytest.mark.usefixtures("dynamodb")

KEY = '"8e03978e-40d5-43e8-bc93-6894a57f9324"'
ADA = {"name": "Ada Lovelace", "email": "ada@example.com"}


def create(body=ADA, key=KEY, claims=...):
    return app.lambda_handler(load_event("create-user", body=body, headers={"Idempotency-Key": key}, claims=claims))


def users(dynamodb):
    return dynamodb.scan(TableName=TABLES["UsersTable"])["Items"]


def test_a_retry_with_the_same_key_and_body_gets_the_first_answer_and_creates_nothing(dynamodb):
    first, retry = create(), create()
    assert first["statusCode"] == 201
    assert retry == first
    assert len(users(dynamodb)) == 1


def test_the_same_body_written_differently_is_the_same_request(dynamodb):
    first = create()
    assert create(body='{ "email": "ada@example.com",  "name": "Ada Lovelace" }') == first


def test_the_same_key_with_another_body_is_a_422_and_creates_nothing(dynamodb):
    create()
    answer = invoke(load_event("create-user", body={**ADA, "name": "Ada King"}, headers={"Idempotency-Key": KEY}))
    assert answer.status == 422
    assert answer.fields == {"Idempotency-Key": "was already used with another request body"}
    assert len(users(dynamodb)) == 1


def test_without_a_key_a_second_create_is_a_409(dynamodb):
    create()
    assert invoke(load_event("create-user", body=ADA)).status == 409


def test_keys_are_the_callers_own(dynamodb):
    first = invoke(load_event("create-user", body=ADA, headers={"Idempotency-Key": KEY}))
    other = load_event("create-user", body={**ADA, "email": "other@example.com"}, headers={"Idempotency-Key": KEY})
    other["requestContext"]["authorizer"]["claims"]["sub"] = "someone-else"
    other["requestContext"]["authorizer"]["claims"].pop("client_id", None)
    assert first.status == 201
    assert invoke(other).status == 201
    assert len(users(dynamodb)) == 2


def test_a_create_that_fails_keeps_no_key(dynamodb):
    invoke(load_event("create-user", body=ADA))
    assert create()["statusCode"] == 409
    assert dynamodb.scan(TableName=TABLES["IdempotencyKeysTable"])["Items"] == []


def test_keys_live_a_day_and_expire_with_dynamodb_ttl(dynamodb):
    before = int(time.time())
    create()
    (item,) = dynamodb.scan(TableName=TABLES["IdempotencyKeysTable"])["Items"]
    assert 24 * 3600 <= int(item["expiresAt"]["N"]) - before <= 24 * 3600 + 2
    # TTL deletes expired items within days: until then, an expired key is no key.
    dynamodb.update_item(
        TableName=TABLES["IdempotencyKeysTable"],
        Key={"key": item["key"]},
        UpdateExpression="SET expiresAt = :then",
        ExpressionAttributeValues={":then": {"N": str(before - 1)}},
    )
    answer = invoke(
        load_event("create-user", body={**ADA, "email": "later@example.com"}, headers={"Idempotency-Key": KEY})
    )
    assert answer.status == 201
    assert len(users(dynamodb)) == 2


@pytest.mark.parametrize("key", ["", '""', "has space", "x" * 129, '"unterminated'])
def test_a_malformed_key_is_a_400_naming_it(key):
    answer = invoke(load_event("create-user", body=ADA, headers={"Idempotency-Key": key}))
    assert answer.status == 400
    assert list(answer.fields) == ["Idempotency-Key"]


def test_preflight_allows_the_header():
    answer = app.lambda_handler(load_event("create-user", headers={}) | {"httpMethod": "OPTIONS", "body": None})
    assert "Idempotency-Key" in answer["headers"]["Access-Control-Allow-Headers"]


# Idempotency records keep no personal data past a delete: deleting a user deletes the
# key it was created with, in the same transaction (issue 18, finding 7).


def stored_anywhere(dynamodb, *texts: str) -> list[str]:
    """The items of every table that hold any of `texts`, in any attribute."""
    found = []
    for table in TABLES.values():
        for item in dynamodb.scan(TableName=table)["Items"]:
            if any(text in str(item) for text in texts):
                found.append(f"{table}: {item}")
    return found


def test_deleting_a_user_deletes_its_key_and_a_replay_does_not_answer_with_the_deleted_user(dynamodb):
    deleted = json.loads(create()["body"])["user"]
    assert invoke(load_event("delete-user", query={"id": deleted["id"]})).status == 200
    assert dynamodb.scan(TableName=TABLES["IdempotencyKeysTable"])["Items"] == []
    assert stored_anywhere(dynamodb, deleted["id"], ADA["name"], ADA["email"]) == []

    # The key is forgotten, as after its 24 hours: the replay is a new request, not the deleted user's answer.
    replay = invoke(load_event("create-user", body=ADA, headers={"Idempotency-Key": KEY}))
    assert replay.status == 201
    assert replay.json["user"]["id"] != deleted["id"]
    assert invoke(load_event("get-user", query={"id": deleted["id"]})).status == 404
    assert invoke(load_event("get-user", query={"id": replay.json["user"]["id"]})).json["user"] == replay.json["user"]


def test_after_the_delete_the_key_with_another_body_is_a_new_request_too(dynamodb):
    deleted = json.loads(create()["body"])["user"]
    invoke(load_event("delete-user", query={"id": deleted["id"]}))
    other = {"name": "Grace Hopper", "email": "grace@example.com"}
    answer = invoke(load_event("create-user", body=other, headers={"Idempotency-Key": KEY}))
    assert answer.status == 201
    assert {field: answer.json["user"][field] for field in other} == other


def test_a_user_created_without_a_key_is_deleted_as_before(dynamodb):
    keyed = json.loads(create()["body"])["user"]
    plain = invoke(load_event("create-user", body={"name": "Grace", "email": "grace@example.com"})).json["user"]
    assert invoke(load_event("delete-user", query={"id": plain["id"]})).status == 200
    # Only its own key goes with a user: the other's still answers.
    assert json.loads(create()["body"])["user"] == keyed


def test_a_key_used_again_after_it_expired_is_not_the_deleted_users_to_delete(dynamodb):
    first = json.loads(create()["body"])["user"]
    (item,) = dynamodb.scan(TableName=TABLES["IdempotencyKeysTable"])["Items"]
    dynamodb.update_item(
        TableName=TABLES["IdempotencyKeysTable"],
        Key={"key": item["key"]},
        UpdateExpression="SET expiresAt = :then",
        ExpressionAttributeValues={":then": {"N": str(int(time.time()) - 1)}},
    )
    later = {"name": "Grace Hopper", "email": "grace@example.com"}
    second = create(body=later)
    assert second["statusCode"] == 201
    assert invoke(load_event("delete-user", query={"id": first["id"]})).status == 200
    # The key now answers for the second user, whose create it was: deleting the first leaves it.
    assert create(body=later) == second
    assert invoke(load_event("get-user", query={"id": first["id"]})).status == 404
