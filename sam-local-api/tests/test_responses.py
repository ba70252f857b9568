"""Response checking: what a function answers is checked against the API's
OpenAPI document, logged by default and a 502 with --strict-responses. The
fixture's function breaks its document on purpose (fixtures/broken)."""

from pathlib import Path

import pytest
import requests

from sam_local_api.steps.check_response import STRICT_MESSAGE
from sam_local_api.testing import LocalApiServer

BROKEN = Path(__file__).parent / "fixtures" / "broken" / "template.yaml"

VIOLATIONS = {
    "missing-field": [{"field": "", "problem": "'name' is a required property"}],
    "wrong-type": [{"field": "/name", "problem": "5 is not of type 'string'"}],
    "no-header": [{"field": "ETag", "problem": "the documented header is missing"}],
    "undocumented-status": [{"field": "status", "problem": "418 is not documented for getThing"}],
    "not-json": [{"field": "Content-Type", "problem": "text/plain, not application/json"}],
}


@pytest.fixture(scope="module")
def checking():
    server = LocalApiServer("--template", str(BROKEN)).wait_ready()
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def strict():
    server = LocalApiServer("--template", str(BROKEN), "--strict-responses").wait_ready()
    yield server
    assert server.stop() == 0


@pytest.mark.parametrize("thing", VIOLATIONS)
def test_a_violation_goes_on_the_log_line_and_the_answer_through(checking, thing):
    response = requests.get(f"{checking.url}/things/{thing}", timeout=10)
    assert response.status_code != 502
    [line] = [line for line in checking.stderr.splitlines() if line.startswith(f"GET /things/{thing} ")]
    for problem in VIOLATIONS[thing]:
        where = problem["field"] or "/"
        status = 418 if thing == "undocumented-status" else 200
        assert f" response-violation getThing {status} {where}: {problem['problem']}" in line


@pytest.mark.parametrize("thing", VIOLATIONS)
def test_strict_responses_answers_502_naming_each_violation(strict, thing):
    response = requests.get(f"{strict.url}/things/{thing}", timeout=10)
    assert (response.status_code, response.json()) == (502, {"message": STRICT_MESSAGE, "errors": VIOLATIONS[thing]})


@pytest.mark.parametrize("thing", ["good", "unknown"])
def test_answers_that_keep_to_the_spec_pass_untouched(strict, thing):
    response = requests.get(f"{strict.url}/things/{thing}", timeout=10)
    assert response.status_code == (200 if thing == "good" else 404)
    [line] = [line for line in strict.stderr.splitlines() if line.startswith(f"GET /things/{thing} ")]
    assert "response-violation" not in line
