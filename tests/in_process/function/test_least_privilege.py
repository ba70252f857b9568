"""The function's role allows exactly the DynamoDB actions src/users_api/store.py calls,
table by table: one statement per table in template.yaml, compared with every call the
store makes while lambda_handler runs each operation and each of its failures, against moto.

IAM knows no TransactWriteItems: each action of a transaction needs the permission of its
own operation on its own table (Put: PutItem, Update: UpdateItem, Delete: DeleteItem,
ConditionCheck: ConditionCheckItem):
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.in_process.function.conftest import create, invoke, load_event
from tools.spec import resources, template
from tools.store import TABLES
from users_api import app

STORE_SOURCE = Path(__file__).resolve().parents[3] / "src" / "users_api" / "store.py"
# A transaction's action -> the IAM action that allows it.
TRANSACT_ACTIONS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}
KEY = '"8e03978e-40d5-43e8-bc93-6894a57f9324"'


def granted() -> dict[str, set[str]]:
    """Table logical id -> the actions the function's role allows on it, one statement each."""
    (function,) = resources(template(), "AWS::Serverless::Function").values()
    statements = [s for policy in function["Properties"]["Policies"] for s in policy["Statement"]]
    allowed: dict[str, set[str]] = {}
    for statement in statements:
        assert statement["Effect"] == "Allow", statement
        resource = statement["Resource"]
        assert isinstance(resource, dict) and list(resource) == ["Fn::GetAtt"], f"one table per statement: {statement}"
        table, attribute = resource["Fn::GetAtt"]
        assert attribute == "Arn", statement
        assert table not in allowed, f"{table} has more than one statement"
        actions = statement["Action"]
        assert all(re.fullmatch(r"dynamodb:[A-Za-z]+", action) for action in actions), f"no wildcards: {actions}"
        assert len(set(actions)) == len(actions), actions
        allowed[table] = set(actions)
    return allowed


class Recorder:
    """Every DynamoDB action the store's client sends, as (IAM action, table name)."""

    def __init__(self):
        self.calls: dict[str, set[str]] = defaultdict(set)
        self.operations: set[str] = set()

    def __call__(self, params, model, **_):
        self.operations.add(model.name)
        if model.name == "TransactWriteItems":
            for item in params["TransactItems"]:
                ((kind, action),) = item.items()
                self.operations.add(kind)
                self.calls[action["TableName"]].add(f"dynamodb:{TRANSACT_ACTIONS[kind]}")
        else:
            self.calls[params["TableName"]].add(f"dynamodb:{model.name}")


def called_in_source() -> tuple[set[str], set[str]]:
    """(DynamoDB operations store.py calls through _call, the transaction actions it builds), read from its AST."""
    tree = ast.parse(STORE_SOURCE.read_text())
    operations, actions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "_call" and node.args:
            name = node.args[0]
            assert isinstance(name, ast.Constant), f"store.py line {node.lineno}: call DynamoDB by a literal name"
            operations.add("".join(part.title() for part in name.value.split("_")))
        if isinstance(node, ast.Dict):
            actions |= {
                key.value for key in node.keys if isinstance(key, ast.Constant) and key.value in TRANSACT_ACTIONS
            }
    return operations, actions


@pytest.fixture
def recorder(dynamodb):
    recording = Recorder()
    app.store()._db.meta.events.register("before-parameter-build.dynamodb", recording)
    return recording


def every_operation_and_its_failures() -> None:
    """Each operation of openapi.yaml through lambda_handler, with the store's paths it can take."""
    ada = create("Ada Lovelace", "ada@example.com")
    create("Grace Hopper", "grace@example.com")
    keyed = load_event(
        "create-user", body={"name": "Kay", "email": "kay@example.com"}, headers={"Idempotency-Key": KEY}
    )
    kay = invoke(keyed).json["user"]
    assert invoke(keyed).json["user"] == kay  # the key's answer, again
    assert invoke(load_event("create-user", body={"name": "Other", "email": "ADA@example.com"})).status == 409
    assert invoke(load_event("list-users", query={"limit": "1"})).status == 200
    page = invoke(load_event("list-users", query={"limit": "1"})).json["nextToken"]
    assert invoke(load_event("list-users", query={"limit": "1", "nextToken": page})).status == 200
    assert invoke(load_event("get-user", query={"id": ada["id"]})).status == 200
    assert invoke(load_event("get-user", query={"id": "A" * 22})).status == 404

    def update(body, if_match=None, user_id=ada["id"]):
        return invoke(load_event("update-user", query={"id": user_id}, body=body, headers={"If-Match": if_match}))

    assert update({"name": "Ada King"}).status == 200  # in place
    assert update({"name": "Ada"}, if_match='"1"').status == 412  # in place, stale
    assert update({"email": "ada.king@example.com"}).status == 200  # swaps email items
    assert update({"email": "ADA.KING@example.com"}).status == 200  # same email item, another case
    assert update({"email": "grace@example.com"}).status == 409
    assert update({"email": "ada@example.com"}, if_match='"1"').status == 412
    assert update({"name": "Nobody"}, user_id="A" * 22).status == 404
    assert invoke(load_event("delete-user", query={"id": ada["id"]})).status == 200
    assert invoke(load_event("delete-user", query={"id": ada["id"]})).status == 404
    assert invoke(load_event("delete-user", query={"id": kay["id"]})).status == 200  # and its key


def test_the_role_allows_exactly_what_the_store_calls_table_by_table(recorder):
    every_operation_and_its_failures()
    # Every DynamoDB call in store.py's source was made here: the scenario misses no path.
    operations, actions = called_in_source()
    assert operations | actions <= recorder.operations, f"not exercised: {(operations | actions) - recorder.operations}"
    names = {name: logical_id for logical_id, name in TABLES.items()}
    called = {names[table]: actions for table, actions in recorder.calls.items()}
    assert called == granted()


def test_every_table_has_its_statement_and_no_other_resource_is_reachable():
    assert granted().keys() == resources(template(), "AWS::DynamoDB::Table").keys()
