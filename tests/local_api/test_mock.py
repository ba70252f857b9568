"""`scripts/serve --mock`: answers from the OpenAPI document alone, the gateway still in front."""

import subprocess
import sys

import pytest
import requests

from local_api.process import LocalApiProcess
from tests.support.contract import check
from tests.support.templates import PETS
from tools.spec import ROOT


@pytest.fixture(scope="module")
def mock():
    server = LocalApiProcess("--mock", "--template", str(PETS)).wait_ready()
    yield server
    assert server.stop() == 0


def get(server, path: str, **headers) -> requests.Response:
    return requests.get(f"{server.url}{path}", headers=headers, timeout=10)


def test_the_first_example_of_the_lowest_success(mock):
    answer = get(mock, "/pets/anything")
    assert (answer.status_code, answer.json()) == (200, {"id": "rex", "name": "Rex", "kind": "dog"})
    assert "Mock mode" in mock.stdout
    assert "DynamoDB" not in mock.stdout


def test_prefer_chooses_the_example_and_the_status(mock):
    assert get(mock, "/pets/x", Prefer="example=tom").json() == {"id": "tom", "name": "Tom", "kind": "cat"}
    missing = get(mock, "/pets/x", Prefer="code=404")
    assert (missing.status_code, missing.json()) == (404, {"message": "No such pet"})


def test_an_undocumented_status_is_refused_naming_prefer(mock):
    answer = get(mock, "/pets/x", Prefer="code=418")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "Prefer"


def test_without_an_example_the_answer_is_made_from_the_schema(mock):
    stored = requests.put(f"{mock.url}/pets/rex", json={"name": "Rex", "kind": "dog"}, timeout=10)
    assert stored.status_code == 200
    assert stored.json() == {"id": "x", "name": "x", "kind": "dog"}
    greedy = get(mock, "/files/a/b")
    assert (greedy.status_code, greedy.json()) == (200, {"path": "x", "size": 0})
    # The response checker behind the mock found nothing to say about them.
    lines = [line for line in mock.stderr.splitlines() if line.startswith(("PUT /pets/rex", "GET /files/a/b"))]
    assert lines
    assert not [line for line in lines if "response-violation" in line]


def test_the_gateway_stays_in_front(mock):
    refused = requests.put(f"{mock.url}/pets/rex", json={"name": "Rex", "kind": "dragon"}, timeout=10)
    assert (refused.status_code, refused.json()["message"]) == (400, "Invalid request body")


def test_this_apis_mock_answers_its_documented_examples():
    server = LocalApiProcess("--mock").wait_ready()
    try:
        answer = requests.get(f"{server.url}/user/get-details", timeout=10)
        check("/user/get-details", "GET", answer.status_code, answer.headers, answer.json())
    finally:
        server.stop()


def test_schemathesis_passes_against_the_mock(mock):
    # The checks on each answer's conformance, for requests the spec allows: a mock
    # keeps no state (a deleted pet is not gone), and what is refused before it (a
    # path no route matches) is the gateway's, tested elsewhere.
    checks = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            str(PETS.parent / "openapi.yaml"),
            "--url",
            mock.url,
            "--checks",
            checks,
            "--max-examples",
            "20",
            "--mode",
            "positive",
            "--phases",
            "examples,coverage,fuzzing",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:]
