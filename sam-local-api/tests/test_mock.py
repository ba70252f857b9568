"""--mock: answers from the OpenAPI document alone, after checking each request
against it, the gateway still in front."""

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from sam_local_api.testing import LocalApiServer

PETS = Path(__file__).parent / "fixtures" / "pets" / "template.yaml"


@pytest.fixture(scope="module")
def mock():
    server = LocalApiServer("--mock", "--template", str(PETS)).wait_ready()
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


def test_an_example_named_alone_chooses_the_answer_that_holds_it(mock):
    missing = get(mock, "/pets/x", Prefer="example=noSuchPet")
    assert (missing.status_code, missing.json()) == (404, {"message": "No such pet"})
    both = get(mock, "/pets/x", Prefer="code=404, example=noSuchPet")
    assert (both.status_code, both.json()) == (404, {"message": "No such pet"})


def test_an_undocumented_status_is_refused_naming_prefer(mock):
    answer = get(mock, "/pets/x", Prefer="code=418")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "Prefer"


def test_an_unknown_example_is_refused_naming_prefer_and_the_examples_there_are(mock):
    """As an unknown status is: never another example in silence."""
    unknown = get(mock, "/pets/x", Prefer="example=felix")
    assert (unknown.status_code, unknown.json()["errors"]) == (
        400,
        [{"field": "Prefer", "problem": "must name an example the document gives getPet (noSuchPet, rex, tom)"}],
    )
    elsewhere = get(mock, "/pets/x", Prefer="code=404; example=tom")
    assert (elsewhere.status_code, elsewhere.json()["errors"]) == (
        400,
        [{"field": "Prefer", "problem": "must name an example the document gives getPet's 404 answer (noSuchPet)"}],
    )


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


@pytest.fixture(scope="module")
def unvalidated(tmp_path_factory):
    """The mock of the pets API with no request validator at the gateway: every request reaches the mock."""
    project = tmp_path_factory.mktemp("pets")
    for name in ("template.yaml", "openapi.yaml"):
        text = (PETS.parent / name).read_text()
        (project / name).write_text(text.replace("x-amazon-apigateway-request-validator: all", ""))
    server = LocalApiServer("--mock", "--template", str(project / "template.yaml")).wait_ready()
    yield server
    assert server.stop() == 0


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "errors"),
    [
        (
            "PUT",
            "/pets/rex",
            {"json": {"name": "", "kind": "dragon", "colour": "red"}},
            [
                {"field": "colour", "problem": "is not allowed"},
                {"field": "kind", "problem": "must be one of the allowed values"},
                {"field": "name", "problem": "must not be empty"},
            ],
        ),
        (
            "PUT",
            "/pets/rex",
            {"json": {"kind": 5}},
            [
                {"field": "name", "problem": "is required"},
                {"field": "kind", "problem": "must be a string"},
            ],
        ),
        (
            "PUT",
            "/pets/Rex!",
            {"json": {"name": "Rex", "kind": "dog"}},
            [
                {"field": "petId", "problem": "does not have the expected form"},
            ],
        ),
        ("PUT", "/pets/rex", {}, [{"field": "body", "problem": "is required"}]),
        (
            "PUT",
            "/pets/rex",
            {"data": "{", "headers": {"Content-Type": "application/json"}},
            [
                {"field": "body", "problem": "must be valid JSON"},
            ],
        ),
        (
            "PUT",
            "/pets/rex",
            {"data": "name=Rex", "headers": {"Content-Type": "text/plain"}},
            [
                {"field": "Content-Type", "problem": "must be application/json"},
            ],
        ),
        ("GET", "/pets/NOT-VALID", {}, [{"field": "petId", "problem": "does not have the expected form"}]),
    ],
    ids=[
        "three-fields",
        "missing-and-mistyped",
        "path-parameter",
        "no-body",
        "not-json",
        "not-json-media-type",
        "get-path-parameter",
    ],
)
def test_a_request_the_document_forbids_gets_its_documented_400_naming_every_field(
    unvalidated, method, path, kwargs, errors
):
    answer = requests.request(method, unvalidated.url + path, timeout=10, **kwargs)
    assert (answer.status_code, answer.json()) == (400, {"message": "Bad input", "errors": errors})
    # The answer is the document's own: the response check behind the mock has nothing to say.
    [line] = [line for line in unvalidated.stderr.splitlines() if line.startswith(f"{method} {path} ")][-1:]
    assert "response-violation" not in line


def test_schemathesis_passes_against_the_mock(mock, unvalidated):
    # The checks on each answer's conformance, for requests the document allows
    # and for requests it forbids, which must be refused with a documented 4xx: a
    # mock keeps no state (a deleted pet is not gone), and what is refused before
    # it (a path no route matches) is the gateway's, tested elsewhere.
    checks = (
        "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
        "negative_data_rejection"
    )
    for server in (mock, unvalidated):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                str(PETS.parent / "openapi.yaml"),
                "--url",
                server.url,
                "--checks",
                checks,
                "--max-examples",
                "20",
                "--mode",
                "all",
                "--phases",
                "examples,coverage,fuzzing",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout[-3000:]
