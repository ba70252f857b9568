"""Check an answer against what openapi.yaml documents for it, with the local API's own checker."""

import json

from sam_local_api.responses import ResponseChecker

from tools.spec import openapi

NOT_AN_OPERATION = {404: "Service not found", 405: "Method not allowed"}
CHECKER = ResponseChecker(openapi())


def check(path: str, method: str, status: int, headers: dict, body) -> None:
    """Fail unless the status is documented and the body and every documented header match the spec."""
    text = json.dumps(body)
    lower = {name.lower() for name in headers}
    assert "content-type" in lower
    if CHECKER.documents(path, method):
        problems = CHECKER.violations(path, method, status, headers, text, every_header=True)
        assert not problems, f"{method} {path} {status} breaks openapi.yaml: {problems}"
        return
    # Unknown paths and other methods are answered with the Error schema.
    assert status in NOT_AN_OPERATION, f"{method} {path} is not an operation, yet answered {status}"
    problems = CHECKER.schema_violations(CHECKER.spec["components"]["schemas"]["Error"], body)
    assert not problems, f"{method} {path} {status} breaks the Error schema: {problems}"
