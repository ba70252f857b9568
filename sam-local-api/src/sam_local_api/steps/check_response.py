"""Check response: every answer of an operation the API's document describes,
checked against the response it documents (responses.py). A violation goes on
the request's access-log line; with --strict-responses the answer becomes a 502
naming each one, so that a client is never handed what the document forbids.
"""

import json

from werkzeug import Response

from sam_local_api.context import Context
from sam_local_api.responses import ResponseChecker

STRICT_MESSAGE = "Response does not match the API's OpenAPI document"
# How many problems one strict answer names at most.
MAX_PROBLEMS = 20


class CheckResponse:
    def __init__(self, spec: dict | None, strict: bool = False):
        self.checker = ResponseChecker(spec) if spec else None
        self.strict = strict

    def __call__(self, context: Context) -> None:
        method, response = context.method, context.response
        if self.checker is None or not context.function_answered or not method.operation:
            return
        problems = self.checker.violations(
            method.operation_path, method.method, response.status_code, response.headers, response.get_data(True)
        )
        if not problems:
            return
        operation = method.operation.get("operationId", f"{method.method} {method.operation_path}")
        context.notes += [
            f" response-violation {operation} {response.status_code} {p['field'] or '/'}: {p['problem']}"
            for p in problems
        ]
        if self.strict:
            body = {"message": STRICT_MESSAGE, "errors": problems[:MAX_PROBLEMS]}
            context.response = Response(json.dumps(body), status=502, mimetype="application/json")
