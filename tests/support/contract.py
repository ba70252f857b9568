"""Check an answer against what openapi.yaml documents for it, with the local API's own checker."""

import json

from sam_local_api.responses import ResponseChecker

from tools.spec import openapi

NOT_AN_OPERATION = {404: "Service not found", 405: "Method not allowed"}
CHECKER = ResponseChecker(openapi())
# Documented on every answer, sent only on some: to origins a deploy allows (CORS is
# closed by default). Checked against its schema when present, not missed when absent.
CONDITIONAL_HEADERS = frozenset({"Access-Control-Allow-Origin"})


def check(path: str, method: str, status: int, headers: dict, body) -> None:
    """Fail unless the status is documented and the body and every documented header match the spec."""
    text = json.dumps(body)
    lower = {name.lower() for name in headers}
    assert "content-type" in lower
    if CHECKER.documents(path, method):
        problems = [
            problem
            for problem in CHECKER.violations(path, method, status, headers, text, every_header=True)
            if not (problem["field"] in CONDITIONAL_HEADERS and problem["problem"].endswith("header is missing"))
        ]
        assert not problems, f"{method} {path} {status} breaks openapi.yaml: {problems}"
        return
    # Unknown paths and other methods are answered with the Error schema.
    assert status in NOT_AN_OPERATION, f"{method} {path} is not an operation, yet answered {status}"
    problems = CHECKER.schema_violations(CHECKER.spec["components"]["schemas"]["Error"], body)
    assert not problems, f"{method} {path} {status} breaks the Error schema: {problems}"
