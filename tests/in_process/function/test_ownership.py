"""Who may touch which user (openapi.yaml): two clients of the pool, as API Gateway's
Cognito authorizer hands their claims to lambda_handler, against moto.

A users/write token updates and deletes only the users its own client created
(`createdBy`); users/admin, with users/write, lets a client write any user; users
written before 2.0.0 (no `createdBy`) are written by users/admin only. Reads are
open to every users/read token. The store enforces it with DynamoDB conditions.
"""

import json

import pytest

from tests.in_process.function.conftest import EVENTS, invoke, load_event
from tools.store import TABLES

pytestmark = pytest.mark.usefixtures("dynamodb")

CLAIMS = json.loads((EVENTS / "get-user.json").read_text())["requestContext"]["authorizer"]["claims"]
NOT_OWNER = {"id": "is a user another client created"}


def client(name: str, scope: str = "users/read users/write") -> dict:
    """A service client's access-token claims: for the client-credentials grant, sub is the client id."""
    return {**CLAIMS, "sub": name, "client_id": name, "scope": scope}


OWNER, OTHER = client("owner-service"), client("other-service")
ADMIN = client("admin-service", "users/write users/admin")


def create(claims=OWNER, email="ada@example.com") -> dict:
    answer = invoke(load_event("create-user", body={"name": "Ada Lovelace", "email": email}, claims=claims))
    assert answer.status == 201, answer.json
    return answer.json["user"]


def update(user_id: str, body: dict, claims, if_match=None):
    return invoke(
        load_event("update-user", query={"id": user_id}, body=body, headers={"If-Match": if_match}, claims=claims)
    )


def delete(user_id: str, claims):
    return invoke(load_event("delete-user", query={"id": user_id}, claims=claims))


def stored(dynamodb) -> tuple[list, list]:
    return (
        sorted(map(str, dynamodb.scan(TableName=TABLES["UsersTable"])["Items"])),
        sorted(map(str, dynamodb.scan(TableName=TABLES["UserEmailsTable"])["Items"])),
    )


@pytest.mark.parametrize(
    "write",
    [
        lambda user_id: update(user_id, {"name": "Mallory"}, OTHER),
        lambda user_id: update(user_id, {"email": "mallory@example.com"}, OTHER),
        lambda user_id: update(user_id, {"email": "ADA@example.com"}, OTHER),  # same email item
        lambda user_id: update(user_id, {"name": "Mallory"}, OTHER, if_match='"1"'),
        lambda user_id: update(user_id, {"email": "mallory@example.com"}, OTHER, if_match='"1"'),
        lambda user_id: delete(user_id, OTHER),
    ],
    ids=["name", "email", "email-case", "name-if-match", "email-if-match", "delete"],
)
def test_a_client_cannot_write_a_user_another_client_created(dynamodb, write):
    user = create()
    before = stored(dynamodb)
    answer = write(user["id"])
    assert (answer.status, answer.json["message"], answer.fields) == (403, "Forbidden", NOT_OWNER)
    assert stored(dynamodb) == before


@pytest.mark.parametrize("if_match", ['"7"', '"7", "8"', 'W/"1"'], ids=["stale", "stale-list", "weak"])
@pytest.mark.parametrize("body", [{"name": "Mallory"}, {"email": "mallory@example.com"}], ids=["name", "email"])
def test_another_clients_user_is_a_403_before_its_etag_is_compared(if_match, body):
    # A 412 would tell the other client that its ETag is stale: it learns nothing of the user.
    user = create()
    assert update(user["id"], body, OTHER, if_match=if_match).status == 403
    assert update(user["id"], body, OWNER, if_match=if_match).status == 412


def test_another_clients_user_is_a_403_before_its_email_is_compared():
    # A 409 would tell the other client whose email is taken: it learns nothing of it.
    create(email="grace@example.com")
    user = create()
    assert update(user["id"], {"email": "grace@example.com"}, OTHER).status == 403
    assert update(user["id"], {"email": "grace@example.com"}, OWNER).status == 409


def test_the_creating_client_writes_its_own_users():
    user = create()
    renamed = update(user["id"], {"name": "Ada King"}, OWNER)
    assert (renamed.status, renamed.json["user"]["name"], renamed.json["user"]["updatedBy"]) == (
        200,
        "Ada King",
        "owner-service",
    )
    assert update(user["id"], {"email": "ada.king@example.com"}, OWNER, if_match='"2"').status == 200
    assert delete(user["id"], OWNER).status == 200


def test_users_admin_with_users_write_writes_any_users_and_stays_their_owners():
    user = create()
    answer = update(user["id"], {"email": "ada.king@example.com"}, ADMIN)
    assert answer.status == 200
    assert (answer.json["user"]["createdBy"], answer.json["user"]["updatedBy"]) == ("owner-service", "admin-service")
    # The owner keeps its user; the other client still may not write it.
    assert update(user["id"], {"name": "Ada King"}, OWNER).status == 200
    assert update(user["id"], {"name": "Mallory"}, OTHER).status == 403
    assert delete(user["id"], ADMIN).status == 200


@pytest.mark.parametrize("name", ["update-user", "delete-user"])
def test_users_admin_alone_opens_no_operation(name):
    # API Gateway's authorizer asks for users/write on writes; the function too.
    user = create()
    answer = invoke(load_event(name, query={"id": user["id"]}, claims=client("admin-only", "users/admin")))
    assert answer.status == 401


def test_every_reader_reads_every_user():
    user = create()
    reader = client("reader-service", "users/read")
    assert invoke(load_event("get-user", query={"id": user["id"]}, claims=reader)).json["user"] == user
    assert invoke(load_event("list-users", claims=reader)).json["users"] == [user]


@pytest.mark.parametrize(
    "write",
    [
        lambda user_id: update(user_id, {"name": "Mallory"}, OTHER),
        lambda user_id: update(user_id, {"email": "mallory@example.com"}, OTHER),
        lambda user_id: update(user_id, {"name": "Mallory"}, OTHER, if_match='"1"'),
        lambda user_id: delete(user_id, OTHER),
    ],
    ids=["name", "email", "name-if-match", "delete"],
)
def test_users_from_before_2_0_0_have_no_owner_and_only_users_admin_writes_them(dynamodb, write):
    # Issue 27: they stayed writable by every writer, forever.
    user = create()
    dynamodb.update_item(
        TableName=TABLES["UsersTable"], Key={"id": {"S": user["id"]}}, UpdateExpression="REMOVE createdBy, updatedBy"
    )
    before = stored(dynamodb)
    answer = write(user["id"])
    assert (answer.status, answer.fields) == (403, NOT_OWNER)
    assert stored(dynamodb) == before
    assert update(user["id"], {"name": "Ada King"}, OWNER).status == 403  # its creator is not known either
    written = update(user["id"], {"email": "ada.king@example.com"}, ADMIN)
    assert written.status == 200
    assert (written.json["user"]["createdBy"], written.json["user"]["updatedBy"]) == ("unknown", "admin-service")
    assert delete(user["id"], ADMIN).status == 200


def test_a_missing_user_is_a_404_for_every_client():
    assert update("A" * 22, {"name": "Nobody"}, OTHER).status == 404
    assert delete("A" * 22, OTHER).status == 404
