"""The function checks the claims API Gateway's Cognito authorizer hands it, and fails closed.

Events as API Gateway builds them for an access token (claims as strings, the
scope space-separated); a stage without the authorizer hands over none.
"""

import json

import pytest

from tests.in_process.function.conftest import EVENTS, create, invoke, load_event
from tools.store import TABLES

pytestmark = pytest.mark.usefixtures("dynamodb")

CLAIMS = json.loads((EVENTS / "get-user.json").read_text())["requestContext"]["authorizer"]["claims"]
UNAUTHORIZED = {"Authorization": "must be a valid access token with the scope of the operation"}
READS = ["list-users", "get-user"]
WRITES = ["create-user", "update-user", "delete-user"]


def claims(**changes) -> dict:
    return {name: value for name, value in {**CLAIMS, **changes}.items() if value is not None}


def event_for(name: str, user_id: str, **kwargs) -> dict:
    query = {"id": user_id} if name in ("get-user", "update-user", "delete-user") else None
    return load_event(name, query=query, **kwargs)


def assert_unauthorized(answer):
    assert answer.status == 401
    assert answer.json["message"] == "Unauthorized"
    assert answer.fields == UNAUTHORIZED
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="users-api"'


@pytest.mark.parametrize("name", READS + WRITES)
@pytest.mark.parametrize(
    "authorizer",
    [
        None,  # a stage deployed without the authorizer
        {},
        claims(scope=None),
        claims(scope=""),
        claims(token_use="id"),  # an ID token, even with the scope
        claims(sub=None, client_id=None),
        claims(scope="users/readwrite"),  # a prefix is not the scope
        claims(**{"scope": None, "cognito:groups": "users/read users/write"}),  # the scope under another name
    ],
    ids=["no-authorizer", "no-claims", "no-scope", "empty-scope", "id-token", "no-subject", "other-scope", "renamed"],
)
def test_without_a_fitting_access_token_every_operation_is_a_401(name, authorizer):
    user_id = create()["id"]
    assert_unauthorized(invoke(event_for(name, user_id, claims=authorizer)))
    # Nothing changed for want of a token.
    assert invoke(load_event("get-user", query={"id": user_id})).status == 200


def with_request_context(event: dict, **parts) -> dict:
    """The event with requestContext's parts replaced, whatever their type (None: dropped)."""
    for name, value in parts.items():
        if value is None:
            event["requestContext"].pop(name, None)
        else:
            event["requestContext"][name] = value
    return event


def with_claim(**claim):
    """The event with one claim's value replaced, whatever its type."""
    return lambda e: with_request_context(e, authorizer={"claims": {**CLAIMS, **claim}})


# API Gateway hands the function an object of strings in requestContext.authorizer.claims.
# Anything else is no token the function can trust: a 401, never a 500.
WRONG_TYPES = {
    "claims-a-string": lambda e: with_request_context(e, authorizer={"claims": json.dumps(CLAIMS)}),
    "claims-a-list": lambda e: with_request_context(e, authorizer={"claims": [CLAIMS]}),
    "claims-a-number": lambda e: with_request_context(e, authorizer={"claims": 1}),
    "authorizer-a-string": lambda e: with_request_context(e, authorizer=json.dumps({"claims": CLAIMS})),
    "authorizer-a-list": lambda e: with_request_context(e, authorizer=[{"claims": CLAIMS}]),
    "request-context-a-string": lambda e: e | {"requestContext": json.dumps(e["requestContext"])},
    "request-context-null": lambda e: e | {"requestContext": None},
    "scope-a-list": with_claim(scope=CLAIMS["scope"].split()),
    "scope-a-number": with_claim(scope=7),
    "sub-a-number": with_claim(sub=12345),
    "sub-an-object": with_claim(sub={"id": "x"}),
    "token-use-a-list": with_claim(token_use=["access"]),
    "client-id-null": with_claim(client_id=None),
    "other-claim-a-bool": with_claim(exp=True),
}


@pytest.mark.parametrize("name", READS + WRITES)
@pytest.mark.parametrize("wrong", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_claims_of_the_wrong_type_are_a_401_not_a_500(name, wrong):
    user_id = create()["id"]
    assert_unauthorized(invoke(wrong(event_for(name, user_id))))
    assert invoke(load_event("get-user", query={"id": user_id})).json["user"]["version"] == 1


@pytest.mark.parametrize("name", WRITES)
def test_a_read_only_token_cannot_write(name):
    user_id = create()["id"]
    assert_unauthorized(invoke(event_for(name, user_id, claims=claims(scope="users/read"))))


@pytest.mark.parametrize("name", READS)
def test_a_write_only_token_cannot_read(name):
    user_id = create()["id"]
    assert_unauthorized(invoke(event_for(name, user_id, claims=claims(scope="users/write"))))


@pytest.mark.parametrize(("name", "scope"), [(n, "users/read") for n in READS] + [(n, "users/write") for n in WRITES])
def test_each_scope_alone_opens_its_operations(name, scope):
    user_id = create(email="someone.else@example.com")["id"]
    answer = invoke(event_for(name, user_id, claims=claims(scope=scope)))
    assert answer.status in (200, 201), answer.json


def test_writes_record_who_made_them():
    created = invoke(load_event("create-user", claims=claims(sub="creator-service", client_id="creator-service")))
    user = created.json["user"]
    assert (user["createdBy"], user["updatedBy"]) == ("creator-service", "creator-service")

    for body in ({"name": "Ada King"}, {"email": "ada.king@example.com"}):  # in place, and by transaction
        updated = invoke(
            load_event(
                "update-user",
                query={"id": user["id"]},
                body=body,
                headers={"If-Match": None},
                # Another client's user: only with users/admin (tests/in_process/function/test_ownership.py).
                claims=claims(sub="editor-service", scope="users/write users/admin"),
            )
        )
        assert (updated.json["user"]["createdBy"], updated.json["user"]["updatedBy"]) == (
            "creator-service",
            "editor-service",
        )
    fetched = invoke(load_event("get-user", query={"id": user["id"]}))
    assert (fetched.json["user"]["createdBy"], fetched.json["user"]["updatedBy"]) == (
        "creator-service",
        "editor-service",
    )


def test_a_token_without_sub_is_recorded_by_its_client_id():
    created = invoke(load_event("create-user", claims=claims(sub=None, client_id="client-only")))
    assert created.json["user"]["createdBy"] == "client-only"


def test_users_from_before_the_audit_fields_read_as_unknown(dynamodb):
    user = create()
    dynamodb.update_item(
        TableName=TABLES["UsersTable"], Key={"id": {"S": user["id"]}}, UpdateExpression="REMOVE createdBy, updatedBy"
    )
    fetched = invoke(load_event("get-user", query={"id": user["id"]}))
    assert (fetched.json["user"]["createdBy"], fetched.json["user"]["updatedBy"]) == ("unknown", "unknown")


def test_unknown_paths_and_wrong_methods_need_no_token():
    # The catch-all and the any-method integrations have no authorizer: nothing to read there.
    assert invoke(load_event("unknown-path")).status == 404
    assert invoke(load_event("wrong-method")).status == 405
