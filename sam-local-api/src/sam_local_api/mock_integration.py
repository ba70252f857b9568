"""API Gateway's mock integration: the answer is made by API Gateway alone.

Its request template's `statusCode` picks the integration response whose
selection pattern matches it (else the default one); that response's
parameters give the headers (a quoted literal, or a request's header, query
string or path parameter) and its template the body
(https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html).
Templates are Velocity (VTL), rendered by airspeed-ext, the VTL engine
LocalStack's API Gateway uses, with $context and $input.params().
"""

import json
import re
import uuid

import airspeed
from werkzeug import Request, Response

from sam_local_api.sam import api_gateway_path

DEFAULT_TEMPLATE = '{"statusCode": 200}'


class MockIntegration:
    def __init__(self, integration: dict):
        templates = integration.get("requestTemplates") or {}
        self.request_template = airspeed.Template(templates.get("application/json") or DEFAULT_TEMPLATE)
        responses = integration.get("responses") or {}
        self.responses = [(pattern, response) for pattern, response in responses.items() if pattern != "default"]
        self.default = responses.get("default")

    def answer(self, request: Request) -> Response:
        variables = _variables(request)
        try:
            status = str(json.loads(self.request_template.merge(variables)).get("statusCode", 200))
        except (ValueError, AttributeError):
            status = "200"
        response = next(
            (found for pattern, found in self.responses if re.fullmatch(pattern, status)), self.default
        ) or {"statusCode": status}
        headers = {
            name.removeprefix("method.response.header."): _parameter(value, request)
            for name, value in (response.get("responseParameters") or {}).items()
            if name.startswith("method.response.header.")
        }
        template = (response.get("responseTemplates") or {}).get("application/json")
        body = airspeed.Template(template).merge(variables) if template else ""
        answer = Response(body, status=int(response.get("statusCode", status)), mimetype="application/json")
        answer.headers.update(headers)
        return answer


def _parameter(value: str, request: Request) -> str:
    """A response parameter's value: 'a literal', or method.request.{header,querystring,path}.NAME."""
    if value.startswith("'") and value.endswith("'"):
        return value[1:-1]
    for prefix, source in (
        ("method.request.header.", request.headers),
        ("method.request.querystring.", request.args),
        ("method.request.path.", getattr(request, "view_args", None) or {}),
    ):
        if value.startswith(prefix):
            return source.get(value.removeprefix(prefix), "")
    return ""


class _Input:
    """$input, as far as a mock's templates use it: params() and body."""

    def __init__(self, request: Request):
        self._request = request
        self.body = request.get_data(as_text=True)

    def params(self, name=None):
        found = {**(getattr(self._request, "view_args", None) or {}), **self._request.args, **self._request.headers}
        return found if name is None else found.get(name, "")


def _variables(request: Request) -> dict:
    return {
        "input": _Input(request),
        "context": {
            "requestId": str(uuid.uuid4()),
            "httpMethod": request.method,
            "path": request.path,
            "resourcePath": api_gateway_path(request.endpoint) if getattr(request, "endpoint", None) else request.path,
            "identity": {"sourceIp": request.remote_addr or ""},
        },
    }
