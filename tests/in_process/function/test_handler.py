"""lambda_handler driven by API Gateway events, against moto's DynamoDB.

Every answer is checked against openapi.yaml by `invoke`.
"""

import json

import pytest
from botocore.stub import Stubber

from tests.in_process.function.conftest import create, invoke, load_event
from tools.store import TABLES
from users_api import app
from users_api.proxy import MAX_BODY_BYTES

pytestmark = pytest.mark.usefixtures("dynamodb")


def user_items(dynamodb):
    return dynamodb.scan(TableName=TABLES["UsersTable"])["Items"]


def email_items(dynamodb):
    return sorted(item["email"]["S"] for item in dynamodb.scan(TableName=TABLES["UserEmailsTable"])["Items"])


# createUser: 201 400 409 413 415 503


def test_create_returns_the_user_with_etag_and_location(dynamodb):
    answer = invoke(load_event("create-user"))
    assert answer.status == 201
    user = answer.json["user"]
    assert answer.json["message"] == "Create user"
    assert (user["name"], user["email"], user["version"]) == ("Ada Lovelace", "ada@example.com", 1)
    assert user["createdAt"] == user["updatedAt"]
    assert answer.headers["ETag"] == '"1"'
    assert answer.headers["Location"] == f"/user/get-user?id={user['id']}"
    assert [item["id"]["S"] for item in user_items(dynamodb)] == [user["id"]]
    assert email_items(dynamodb) == ["ada@example.com"]


def test_created_ids_are_unique_and_opaque():
    ids = {create(email=f"u{i}@example.com")["id"] for i in range(20)}
    assert len(ids) == 20
    assert all(len(i) == 22 for i in ids)


@pytest.mark.parametrize("taken", ["ADA@example.com", "ada@EXAMPLE.COM", "Ada@Example.Com"])
def test_email_is_unique_case_insensitively(dynamodb, taken):
    create(email="ada@example.com")
    answer = invoke(load_event("create-user", body={"name": "Other", "email": taken}))
    assert answer.status == 409
    assert answer.fields == {"email": "is already in use"}
    assert len(user_items(dynamodb)) == 1


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({"name": "Ada"}, "email", "is required"),
        ({"email": "ada@example.com"}, "name", "is required"),
        ({"name": "Ada", "email": "not-an-email"}, "email", "must be an email address"),
        ({"name": "Ada", "email": "\uff41da@example.com"}, "email", "must be an email address"),
        ({"name": "Ada", "email": "ada@example.com*"}, "email", "must be an email address"),
        ({"name": "Ada", "email": "a\u0000da@example.com"}, "email", "must be an email address"),
        ({"name": "Ada", "email": "a@"}, "email", "must be at least 3 characters"),
        ({"name": "", "email": "ada@example.com"}, "name", "must not be empty"),
        ({"name": "A" * 101, "email": "ada@example.com"}, "name", "must be at most 100 characters"),
        ({"name": 42, "email": "ada@example.com"}, "name", "must be a string"),
        ({"name": None, "email": "ada@example.com"}, "name", "must be a string"),
        ({"name": "Ada\u0000", "email": "ada@example.com"}, "name", "must not contain control characters"),
        ({"name": "Ada", "email": "ada@example.com", "admin": True}, "admin", "is not allowed"),
        (["Ada", "ada@example.com"], "body", "must be a JSON object"),
    ],
)
def test_create_rejects_invalid_bodies_naming_the_field(dynamodb, body, field, problem):
    answer = invoke(load_event("create-user", body=body))
    assert answer.status == 400
    assert answer.json == {"message": "Invalid request", "errors": [{"field": field, "problem": problem}]}
    assert user_items(dynamodb) == []


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": "", "email": "bad"}, {"name": "must not be empty", "email": "must be an email address"}),
        ({}, {"name": "is required", "email": "is required"}),
        (
            {"name": 7, "email": "ada@example.com", "id": "x", "version": 2},
            {"name": "must be a string", "id": "is not allowed", "version": "is not allowed"},
        ),
    ],
)
def test_create_names_every_field_at_fault_once(body, errors):
    answer = invoke(load_event("create-user", body=body))
    assert answer.status == 400
    assert answer.fields == errors
    assert len(answer.json["errors"]) == len(errors)


def test_create_with_more_faults_than_an_error_holds_names_the_first_twenty():
    body = {"name": "Ada", "email": "ada@example.com"} | {f"extra{i:02}": i for i in range(30)}
    answer = invoke(load_event("create-user", body=body))
    assert answer.status == 400
    assert list(answer.fields) == [f"extra{i:02}" for i in range(20)]


@pytest.mark.parametrize("name", ["a\u0000b", "x" * 300])
def test_an_unknown_field_whose_name_an_error_cannot_hold_is_the_bodys_fault(name):
    answer = invoke(load_event("create-user", body={"name": "Ada", "email": "ada@example.com", name: 1}))
    assert answer.status == 400
    assert answer.fields == {"body": "has a field name that is not allowed"}


@pytest.mark.parametrize(
    "raw",
    [
        '{"name": "Ada", "email": ',
        "",
        "   ",
        '{"name": "A", "name": "B", "email": "a@b.io"}',
        '{"name": NaN}',
        "[" * 5000,
    ],
)
def test_malformed_json_is_a_400(dynamodb, raw):
    answer = invoke(load_event("create-user", body=raw))
    assert answer.status == 400
    assert list(answer.fields) == ["body"]
    assert answer.fields["body"] in ("must be valid JSON", "is required", "must not repeat a field name")
    assert "Traceback" not in json.dumps(answer.json)


def test_unpaired_surrogate_escape_is_a_400(dynamodb):
    answer = invoke(load_event("create-user", body='{"name": "Ada \\ud800", "email": "ada@example.com"}'))
    assert answer.status == 400
    assert answer.fields == {"body": "must not contain unpaired surrogate escapes"}
    assert user_items(dynamodb) == []


def test_paired_surrogate_escapes_are_one_character():
    answer = invoke(load_event("create-user", body='{"name": "Ada \\ud83d\\ude00", "email": "ada@example.com"}'))
    assert answer.status == 201
    assert answer.json["user"]["name"] == "Ada \U0001f600"


def test_body_that_is_not_utf8_is_a_400():
    answer = invoke(load_event("create-user", base64_body=b'{"name": "\xff", "email": "a@b.io"}'))
    assert answer.status == 400
    assert answer.fields == {"body": "must be UTF-8"}


def test_base64_encoded_json_body_is_accepted():
    answer = invoke(load_event("create-user", base64_body=b'{"name": "Ada", "email": "ada@example.com"}'))
    assert answer.status == 201


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", None, "application/json; charset=latin-1"]
)
def test_body_that_is_not_json_is_a_415(dynamodb, content_type):
    answer = invoke(load_event("create-user", headers={"Content-Type": content_type}))
    assert answer.status == 415
    assert answer.fields == {"Content-Type": "must be application/json"}
    assert user_items(dynamodb) == []


@pytest.mark.parametrize("content_type", ["application/json", "Application/JSON; charset=UTF-8"])
def test_json_content_types_are_accepted(content_type):
    assert invoke(load_event("create-user", headers={"Content-Type": content_type})).status == 201


def test_body_over_the_documented_size_is_a_413(dynamodb):
    answer = invoke(load_event("create-user-too-large"))
    assert answer.status == 413
    assert answer.fields == {"body": f"must be at most {MAX_BODY_BYTES} bytes"}
    assert user_items(dynamodb) == []


# getUser: 200 400 404 503


def test_get_returns_the_user_with_its_etag():
    user = create()
    answer = invoke(load_event("get-user", query={"id": user["id"]}))
    assert answer.status == 200
    assert answer.json == {"message": "Single User Details", "user": user}
    assert answer.headers["ETag"] == '"1"'


def test_get_unknown_user_is_a_404():
    answer = invoke(load_event("get-user"))
    assert (answer.status, answer.json) == (404, {"message": "User not found"})


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        (None, "is required"),
        ({"id": ""}, "must be at least 22 characters"),
        ({"id": "../../etc/passwd..x..x.."}, "must be at most 22 characters"),
        ({"id": "A" * 21 + "!"}, "must be an id this API issued"),
        ({"id": ["A" * 22, "B" * 22]}, "must be given once"),
    ],
)
def test_get_with_a_bad_id_is_a_400(query, problem):
    event = load_event("get-user-missing-id") if query is None else load_event("get-user", query=query)
    answer = invoke(event)
    assert answer.status == 400
    assert answer.fields == {"id": problem}


# listUsers: 200 400 503


def test_list_pages_through_every_user_exactly_once():
    created = {create(email=f"user{i}@example.com")["id"] for i in range(7)}
    seen, token, pages = [], None, 0
    while True:
        query = {"limit": "3"} | ({"nextToken": token} if token else {})
        answer = invoke(load_event("list-users", query=query))
        assert answer.status == 200
        assert answer.json["message"] == "user details"
        assert len(answer.json["users"]) <= 3
        seen += [user["id"] for user in answer.json["users"]]
        pages += 1
        token = answer.json.get("nextToken")
        if token is None:
            break
    assert sorted(seen) == sorted(created)
    assert pages >= 3


def test_list_defaults_to_the_spec_default_limit():
    for i in range(25):
        create(email=f"user{i}@example.com")
    answer = invoke(load_event("list-users", query={}))
    assert len(answer.json["users"]) == 20
    assert "nextToken" in answer.json


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "1e3"}, "limit"),
        ({"limit": "99999999999999999999"}, "limit"),
        ({"limit": ["1", "2"]}, "limit"),
        ({"nextToken": "not base64!"}, "nextToken"),
    ],
)
def test_list_with_bad_parameters_is_a_400(query, field):
    answer = invoke(load_event("list-users", query=query))
    assert answer.status == 400
    assert list(answer.fields) == [field]


def test_list_names_every_bad_parameter():
    answer = invoke(load_event("list-users", query={"limit": "0", "nextToken": "bogus"}))
    assert answer.status == 400
    assert answer.json == {
        "message": "Invalid request",
        "errors": [
            {"field": "limit", "problem": "must be at least 1"},
            {"field": "nextToken", "problem": "must be at least 22 characters"},
        ],
    }


@pytest.mark.parametrize(
    "token", ["eyJhZnRlciI6Ii4uLy4uIn0", "e30", "", "A" * 21 + "=", "../" * 8, "A" * 21 + "\u0000", "A" * 2000]
)
def test_tampered_or_foreign_next_token_is_a_400(token):
    answer = invoke(load_event("list-users", query={"nextToken": token}))
    assert answer.status == 400
    assert list(answer.fields) == ["nextToken"]


def test_a_well_formed_token_of_no_user_is_a_place_to_start():
    create()
    answer = invoke(load_event("list-users", query={"nextToken": "z" * 22}))
    assert answer.status == 200


def test_tampered_token_event_is_a_400():
    assert invoke(load_event("list-users-tampered-token")).status == 400


# updateUser: 200 400 404 409 412 413 415 503


def test_update_changes_the_fields_and_increments_the_version(dynamodb):
    user = create()
    answer = invoke(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": None}))
    assert answer.status == 200
    assert answer.json["message"] == "Update user details"
    updated = answer.json["user"]
    assert (updated["name"], updated["email"], updated["version"]) == ("Ada King", user["email"], 2)
    assert updated["createdAt"] == user["createdAt"]
    assert updated["updatedAt"] >= user["updatedAt"]
    assert answer.headers["ETag"] == '"2"'
    assert invoke(load_event("get-user", query={"id": user["id"]})).json["user"] == updated


@pytest.mark.parametrize("if_match", ['"1"', '"7", "1"', "*", ' "1" '])
def test_update_with_a_matching_if_match_succeeds(if_match):
    user = create()
    answer = invoke(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": if_match}))
    assert answer.status == 200
    assert answer.json["user"]["version"] == 2


@pytest.mark.parametrize("body", [{"name": "Ada King"}, {"email": "king@example.com"}])
@pytest.mark.parametrize("if_match", ['"2"', 'W/"1"', '"v1"', '"7", "8"', "1", "garbage", '"1', "W/1", "\u00e9"])
def test_update_with_a_stale_if_match_is_a_412_and_changes_nothing(dynamodb, body, if_match):
    user = create()
    event = load_event("update-user", query={"id": user["id"]}, body=body, headers={"If-Match": if_match})
    answer = invoke(event)
    assert answer.status == 412
    assert answer.fields == {"If-Match": "does not match the current ETag"}
    assert invoke(load_event("get-user", query={"id": user["id"]})).json["user"] == user
    assert email_items(dynamodb) == ["ada@example.com"]


def test_update_with_an_overlong_if_match_is_a_400():
    user = create()
    answer = invoke(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": '"1"' + " " * 300}))
    assert answer.status == 400
    assert list(answer.fields) == ["If-Match"]


def test_update_email_moves_the_uniqueness_claim(dynamodb):
    user = create(email="ada@example.com")
    event = load_event("update-user", query={"id": user["id"]}, body={"email": "king@example.com"})
    answer = invoke(event)
    assert answer.status == 200
    assert answer.json["user"]["email"] == "king@example.com"
    assert email_items(dynamodb) == ["king@example.com"]
    assert create(name="Someone", email="ada@example.com")["email"] == "ada@example.com"


def test_update_email_to_its_own_in_another_case_keeps_one_claim(dynamodb):
    user = create(email="ada@example.com")
    answer = invoke(load_event("update-user", query={"id": user["id"]}, body={"email": "Ada@Example.com"}))
    assert answer.status == 200
    assert answer.json["user"]["email"] == "Ada@Example.com"
    assert email_items(dynamodb) == ["ada@example.com"]


def test_update_email_to_a_taken_one_is_a_409_and_changes_nothing(dynamodb):
    ada = create(email="ada@example.com")
    create(name="Grace", email="grace@example.com")
    answer = invoke(
        load_event("update-user", query={"id": ada["id"]}, body={"name": "X", "email": "GRACE@example.com"})
    )
    assert answer.status == 409
    assert invoke(load_event("get-user", query={"id": ada["id"]})).json["user"] == ada
    assert email_items(dynamodb) == ["ada@example.com", "grace@example.com"]


@pytest.mark.parametrize("body", [{"name": "X"}, {"email": "x@example.com"}])
def test_update_unknown_user_is_a_404(dynamodb, body):
    answer = invoke(load_event("update-user", body=body, headers={"If-Match": None}))
    assert answer.status == 404
    assert user_items(dynamodb) == []
    assert email_items(dynamodb) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "body"), ({"id": "x"}, "id"), ({"version": 9}, "version"), ({"email": "nope"}, "email")],
)
def test_update_with_an_invalid_body_is_a_400(body, field):
    user = create()
    answer = invoke(load_event("update-user", query={"id": user["id"]}, body=body))
    assert answer.status == 400
    assert list(answer.fields) == [field]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("", "is required"),
        ("null", "must be a JSON object"),
        ("[]", "must be a JSON object"),
        ('"x"', "must be a JSON object"),
    ],
)
def test_update_without_a_json_object_names_the_body(body, problem):
    user = create()
    event = load_event("update-user", query={"id": user["id"]})
    event["body"] = body or None
    answer = invoke(event)
    assert (answer.status, answer.json) == (
        400,
        {"message": "Invalid request", "errors": [{"field": "body", "problem": problem}]},
    )


def test_update_names_the_query_header_and_body_faults_together():
    event = load_event("update-user", query={}, headers={"If-Match": ""}, body={"name": "", "role": "admin"})
    answer = invoke(event)
    assert answer.status == 400
    assert answer.fields == {
        "id": "is required",
        "If-Match": "must not be empty",
        "name": "must not be empty",
        "role": "is not allowed",
    }


def test_update_with_non_json_is_a_415_and_too_large_a_413():
    user = create()
    query = {"id": user["id"]}
    assert invoke(load_event("update-user", query=query, headers={"Content-Type": "text/plain"})).status == 415
    big = {"name": "x" * (MAX_BODY_BYTES + 1)}
    assert invoke(load_event("update-user", query=query, body=big)).status == 413


# deleteUser: 200 400 404 503


def test_delete_removes_the_user_and_frees_the_email(dynamodb):
    user = create()
    answer = invoke(load_event("delete-user", query={"id": user["id"]}))
    assert (answer.status, answer.json) == (200, {"message": "User Delete"})
    assert invoke(load_event("get-user", query={"id": user["id"]})).status == 404
    assert user_items(dynamodb) == []
    assert email_items(dynamodb) == []
    create()


def test_delete_unknown_user_is_a_404():
    assert invoke(load_event("delete-user")).status == 404


def test_delete_with_a_bad_id_is_a_400():
    assert invoke(load_event("delete-user", query={"id": "short"})).fields == {"id": "must be at least 22 characters"}


# Routing: 404 and 405


@pytest.mark.parametrize("path", ["/user/unknown", "/", "/user/get-user/", "/USER/CREATE", "/user/%2e%2e/create"])
def test_unknown_path_is_a_404_service_not_found(path):
    event = load_event("unknown-path")
    event["path"] = path
    answer = invoke(event)
    assert (answer.status, answer.json) == (404, {"message": "Service not found"})


@pytest.mark.parametrize(
    ("event_name", "method", "allow"),
    [("wrong-method", "GET", "POST"), ("get-user", "POST", "GET"), ("delete-user", "PATCH", "DELETE")],
)
def test_known_path_with_another_method_is_a_405_with_allow(event_name, method, allow):
    event = load_event(event_name)
    event["httpMethod"] = method
    answer = invoke(event)
    assert answer.status == 405
    assert answer.headers["Allow"] == allow


# The store failing: 503 with Retry-After, never a stack trace


def test_unreachable_store_is_a_503_with_retry_after(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    app.store.cache_clear()
    for event in [load_event("get-user"), load_event("create-user"), load_event("list-users")]:
        answer = invoke(event)
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "1"
        assert answer.json == {"message": "Service unavailable"}


def test_missing_table_is_a_503(dynamodb):
    dynamodb.delete_table(TableName=TABLES["UsersTable"])
    answer = invoke(load_event("get-user"))
    assert answer.status == 503
    assert TABLES["UsersTable"] not in json.dumps(answer.json)


@pytest.mark.parametrize("code", ["ProvisionedThroughputExceededException", "ThrottlingException"])
def test_throttled_store_is_a_503(code):
    client = app.store()._db
    with Stubber(client) as stub:
        for _ in range(client.meta.config.retries["total_max_attempts"]):
            stub.add_client_error("get_item", service_error_code=code, http_status_code=400)
        answer = invoke(load_event("get-user"))
    assert answer.status == 503
    assert answer.headers["Retry-After"] == "1"
