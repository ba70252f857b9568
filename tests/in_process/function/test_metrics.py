"""The function counts writes, contention and outages as Embedded Metric Format lines."""

import json

import pytest

from tests.in_process.function.conftest import create, invoke, load_event
from tools.store import TABLES
from users_api import metrics

pytestmark = pytest.mark.usefixtures("dynamodb")


def emitted(capsys) -> list[dict]:
    """The EMF documents printed since the last call, checked against the format's rules."""
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    for document in documents:
        (directive,) = document["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == metrics.NAMESPACE
        assert isinstance(document["_aws"]["Timestamp"], int)
        for dimension_set in directive["Dimensions"]:
            assert all(isinstance(document[name], str) for name in dimension_set)
        for metric in directive["Metrics"]:
            assert document[metric["Name"]] == 1
    return documents


def counted(capsys) -> list[str]:
    return [metric["Name"] for d in emitted(capsys) for metric in d["_aws"]["CloudWatchMetrics"][0]["Metrics"]]


def test_each_write_counts_once_under_the_function_name(capsys, monkeypatch):
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "users-api-prod-UsersFunction-abc")
    user = create()
    (document,) = emitted(capsys)
    assert document["FunctionName"] == "users-api-prod-UsersFunction-abc"
    assert document["UsersCreated"] == 1

    invoke(load_event("update-user", query={"id": user["id"]}, body={"name": "Ada"}, headers={"If-Match": None}))
    invoke(load_event("delete-user", query={"id": user["id"]}))
    assert counted(capsys) == ["UsersUpdated", "UsersDeleted"]


def test_reads_and_bad_input_count_nothing(capsys):
    user = create()
    capsys.readouterr()
    invoke(load_event("get-user", query={"id": user["id"]}))
    invoke(load_event("list-users"))
    invoke(load_event("create-user", body={"name": "Ada"}))
    assert counted(capsys) == []


def test_contention_is_counted(capsys):
    user = create()
    capsys.readouterr()
    invoke(load_event("create-user", body={"name": "Other", "email": user["email"].upper()}))
    invoke(load_event("update-user", query={"id": user["id"]}, body={"name": "Ada"}, headers={"If-Match": '"7"'}))
    assert counted(capsys) == ["EmailConflicts", "StaleWrites"]


def test_store_outage_is_counted(capsys, dynamodb):
    dynamodb.delete_table(TableName=TABLES["UsersTable"])
    answer = invoke(load_event("get-user"))
    assert answer.status == 503
    assert counted(capsys) == ["StoreUnavailable"]
