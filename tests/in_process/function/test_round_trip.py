"""What a client writes comes back (issue 26), for whatever properties openapi.yaml gives a user.

Built from the spec's schemas, not from a list of fields: for every property UserCreate and
UserUpdate let a client write, with values drawn from its schema, create's answer, get, the
list and update's answer all give back what create and update accepted, equal, and an update
of one property leaves every other as it was. A null where UserUpdate allows one removes the
property. Run twice: on the function as openapi.yaml makes it, and (test_every_kind) on the
function scripts/generate makes of a copy of openapi.yaml holding a property of every kind a
spec may use (tests/support/schema_values.py), in a process of its own.
"""

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from sam_local_api.problems import problem
from sam_local_api.responses import ResponseChecker

from tests.in_process.function.conftest import load_event
from tests.support.function import create_tables_in_moto, set_environment
from tests.support.schema_values import strings, values, with_properties
from tools import codegen, user_model
from tools.spec import OPENAPI_PATH, ROOT, openapi, resolve
from tools.store import TABLES
from users_api import app, spec_validators
from users_api import user_model as model

# The spec the function under test was made from: openapi.yaml, or the copy test_every_kind made.
SPEC = openapi(Path(os.environ.get("ROUND_TRIP_SPEC", OPENAPI_PATH)))
CREATE, UPDATE = (resolve(SPEC["components"]["schemas"][name], SPEC) for name in ("UserCreate", "UserUpdate"))
CHECKER = ResponseChecker(SPEC)
EXAMPLES = settings(
    max_examples=int(os.environ.get("ROUND_TRIP_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module", autouse=True)
def dynamodb():
    """moto's DynamoDB for the whole module: every example deletes the user it made."""
    with pytest.MonkeyPatch.context() as patch, mock_aws(config={"core": {"reset_boto3_session": False}}):
        set_environment(patch)
        yield create_tables_in_moto()
        app.store.cache_clear()


def call(name: str, **parts) -> tuple[int, dict]:
    """Send a sample event with `parts` replaced, check the answer against SPEC, and give its status and body."""
    event = load_event(name, **parts)
    answer = app.lambda_handler(event, None)
    body = json.loads(answer["body"])
    problems = CHECKER.violations(
        event["path"], event["httpMethod"], answer["statusCode"], answer["headers"], answer["body"]
    )
    assert not problems, f"{event['httpMethod']} {event['path']} {answer['statusCode']} breaks the spec: {problems}"
    return answer["statusCode"], body


def valid(section: str, value: dict) -> bool:
    """What the function's validator says of a body (the email's format is narrower than its
    pattern: a value the pattern draws may still be refused)."""
    try:
        spec_validators.validate({section: copy.deepcopy(value)})
    except spec_validators.JsonSchemaValuesException:
        return False
    return True


def listed() -> list[dict]:
    status, body = call("list-users", query={"limit": "100"})
    assert status == 200
    return body["users"]


def written(user: dict) -> dict:
    """The properties a client writes, as the user holds them."""
    return {name: user[name] for name in (*model.CREATE, *model.UPDATE) if name in user}


@EXAMPLES
@given(created=values(CREATE), data=st.data())
def test_what_a_client_writes_comes_back(created, data):
    assume(valid("createUser:body", created))
    status, body = call("create-user", body=created)
    assert status == 201, body
    user = body["user"]
    try:
        # A null on create is the property left out.
        assert written(user) == {name: value for name, value in created.items() if value is not None}
        assert call("get-user", query={"id": user["id"]}) == (200, {"message": "Single User Details", "user": user})
        assert listed() == [user]

        name = data.draw(st.sampled_from(sorted(UPDATE["properties"])), label="updated")
        change = {name: data.draw(values(UPDATE["properties"][name]), label="to")}
        assume(valid("updateUser:body", change))
        status, body = call("update-user", query={"id": user["id"]}, body=change, headers={"If-Match": None})
        assert status == 200, body
        updated = body["user"]
        expected = {**written(user), **change}
        if change[name] is None:  # null removes the property
            del expected[name]
        assert written(updated) == expected
        # What no client writes: as it was, but for what every update changes.
        server_set = {key: value for key, value in user.items() if key not in expected and key != name}
        assert {key: updated[key] for key in server_set if key in updated} | {
            "version": user["version"],
            "updatedAt": user["updatedAt"],
        } == server_set
        assert updated["version"] == user["version"] + 1
        assert call("get-user", query={"id": user["id"]}) == (200, {"message": "Single User Details", "user": updated})
        assert listed() == [updated]
    finally:
        assert call("delete-user", query={"id": user["id"]})[0] == 200


def test_the_store_sets_what_the_spec_says_the_server_sets():
    """user_model.SERVER_SET is User's properties that no client writes: the store makes each."""
    status, body = call("create-user")
    assert status == 201
    user = body["user"]
    try:
        assert set(user) - set(written(user)) == set(model.SERVER_SET)
    finally:
        call("delete-user", query={"id": user["id"]})


ADMIN = {
    **load_event("update-user")["requestContext"]["authorizer"]["claims"],
    "scope": "users/read users/write users/admin",
}


def test_a_user_stored_before_a_property_existed_reads_updates_and_lists(dynamodb):
    """An item with only what User requires (and neither createdBy nor updatedBy, as before
    2.0.0): read, listed and updated with every optional property absent, not null."""
    now = "2026-01-01T00:00:00.000Z"
    old = {"id": "AAAAAAAAAAAAAAAAAAAAAA", "createdAt": now, "updatedAt": now, "version": 1}
    old |= {"name": "Ada Lovelace", "email": "old-user@example.com"}
    item = model.item({**old, **model.DEFAULTS})
    for name in model.DEFAULTS:
        del item[name]
    dynamodb.put_item(TableName=TABLES["UsersTable"], Item=item)
    dynamodb.put_item(
        TableName=TABLES["UserEmailsTable"], Item={"email": {"S": old["email"]}, "userId": {"S": old["id"]}}
    )
    try:
        status, body = call("get-user", query={"id": old["id"]})
        assert (status, body["user"]) == (200, {**old, **model.DEFAULTS})
        assert listed() == [body["user"]]
        # Nobody's user since 2.0.0 (no createdBy): users/admin's to write.
        status, body = call(
            "update-user", query={"id": old["id"]}, body={"name": "Ada King"}, headers={"If-Match": None}, claims=ADMIN
        )
        assert status == 200
        assert set(body["user"]) == set(old) | set(model.DEFAULTS)
        assert call("get-user", query={"id": old["id"]})[1]["user"] == body["user"]
    finally:
        call("delete-user", query={"id": old["id"]}, claims=ADMIN)


def patterned(schema: dict, path: tuple = ()):
    """(path, schema) of every string with a pattern in a body's schema: properties by name, a
    list's items by the position 0."""
    if schema.get("type") == "string" and "pattern" in schema:
        yield path, schema
    for name, child in schema.get("properties", {}).items():
        yield from patterned(child, (*path, name))
    if isinstance(schema.get("items"), dict):
        yield from patterned(schema["items"], (*path, 0))


def placed(body: dict, path: tuple, value) -> dict:
    """`body` with `value` at `path`, made of the smallest valid values on the way."""
    body = copy.deepcopy(body)
    node, schema = body, CREATE
    for step in path[:-1]:
        schema = schema["items"] if isinstance(step, int) else schema["properties"][step]
        empty = [] if schema["type"] == "array" else {}
        if isinstance(node, list):
            node.append(empty)
        else:
            node[step] = node.get(step, empty)
        node = node[step]
        if isinstance(node, dict):  # its required properties, each its simplest value
            for required in schema.get("required", []):
                node.setdefault(required, _simplest(schema["properties"][required]))
    if isinstance(node, list):
        node.append(value)
    else:
        node[path[-1]] = value
    return body


def _simplest(schema: dict):
    return "a" * max(schema.get("minLength", 1), 1) if schema["type"] == "string" else 0


@pytest.mark.parametrize(
    ("path", "schema"), list(patterned(CREATE)), ids=[".".join(map(str, path)) for path, _ in patterned(CREATE)]
)
@EXAMPLES
@given(data=st.data())
def test_a_value_off_its_pattern_is_named_with_its_problem_words(path, schema, data):
    low, high = schema.get("minLength", 0), schema.get("maxLength", 50)
    bad = data.draw(
        strings({"minLength": low, "maxLength": high}).filter(lambda text: not re.search(schema["pattern"], text))
    )
    base = {"name": "Ada Lovelace", "email": "pattern-test@example.com"}
    status, body = call("create-user", body=placed(base, path, bad))
    field = ".".join(str(step) for step in path)
    words = schema.get("x-problem", "does not have the expected form")
    assert (status, {error["field"]: error["problem"] for error in body["errors"]}.get(field)) == (400, words), body


@pytest.mark.parametrize("name", sorted(CREATE["properties"]))
def test_a_value_of_another_type_is_named_with_its_type_words(name):
    schema = CREATE["properties"][name]
    body = {"name": "Ada Lovelace", "email": "kind-test@example.com", name: 5 if schema["type"] == "string" else "x"}
    status, answer = call("create-user", body=body)
    words = problem("type", codegen.json_schema(schema))
    assert (status, {error["field"]: error["problem"] for error in answer["errors"]}) == (400, {name: words})


def test_every_kind(tmp_path):
    """The tests above, on the function made from a copy of openapi.yaml that holds a property of
    every kind (string with a pattern, nullable; boolean; enum; integer; number; list; object):
    the generated modules of that copy beside the function's own code, in a process of its own."""
    build = tmp_path / "build"
    shutil.copytree(ROOT / "src" / "users_api", build / "users_api", ignore=shutil.ignore_patterns("__pycache__"))
    spec = with_properties(openapi())
    (build / "users_api" / "spec_validators.py").write_text(codegen.render(spec))
    (build / "users_api" / "user_model.py").write_text(user_model.render(spec))
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            f"pythonpath={build}",
            "-p",
            "no:schemathesis",
            "-p",
            "no:hypothesispytest",
            "-k",
            "not every_kind",
            __file__,
        ],
        cwd=ROOT,
        env={**os.environ, "ROUND_TRIP_SPEC": str(tmp_path / "openapi.yaml")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\b[0-9]+ passed\b", result.stdout), result.stdout[-2000:]
