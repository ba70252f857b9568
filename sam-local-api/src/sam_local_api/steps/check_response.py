"""Check response: every answer a function gives for an operation its API's
OpenAPI 3 document describes, checked against the response it documents
(responses.py). A violation goes on the request's access-log line; with
--strict-responses the answer becomes a 502 naming each one, so that a client
is never handed what the document forbids. Operations that document no
response (SAM's transform writes `responses: {}` for events) are not checked.
"""

import json

from werkzeug import Response

from sam_local_api.context import Context
from sam_local_api.openapi import HTTP_METHODS
from sam_local_api.project import Project
from sam_local_api.responses import ResponseChecker

STRICT_MESSAGE = "Response does not match the API's OpenAPI document"
# How many problems one strict answer names at most.
MAX_PROBLEMS = 20


class CheckResponse:
    def __init__(self, project: Project, strict: bool = False):
        checkers = {
            api.logical_id: ResponseChecker(api.body)
            for api in project.apis
            if str(api.body.get("openapi", "")).startswith("3.")
        }
        self.checkers = {
            route.key: checkers[route.api.logical_id]
            for route in project.routes
            if route.api.logical_id in checkers
            and route.operation.get("responses")
            and route.operation_key in HTTP_METHODS
        }
        self.strict = strict

    def __call__(self, context: Context) -> None:
        if not context.function_answered:
            return
        route, response = context.method.route, context.response
        checker = self.checkers.get(route.key)
        if checker is None:
            return
        method = route.operation_key.upper()
        problems = checker.violations(
            route.path, method, response.status_code, response.headers, response.get_data(True)
        )
        if not problems:
            return
        operation = route.operation.get("operationId", f"{method} {route.path}")
        context.notes += [
            f" response-violation {operation} {response.status_code} {p['field'] or '/'}: {p['problem']}"
            for p in problems
        ]
        if self.strict:
            body = {"message": STRICT_MESSAGE, "errors": problems[:MAX_PROBLEMS]}
            context.response = Response(json.dumps(body), status=502, mimetype="application/json")
