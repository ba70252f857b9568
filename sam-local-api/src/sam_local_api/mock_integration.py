"""API Gateway's mock integration: the answer is made by API Gateway alone.

Its request template's `statusCode` picks the integration response whose
selection pattern matches it (else the default one); that response's
parameters give the headers (a quoted literal, or a request's header, query
string or path parameter) and its template the body
(https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html).
A response template may override the answer's status and headers through
$context.responseOverride.status and .header.NAME, applied after the response's
own parameters (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html).
Templates are Velocity (VTL), rendered by airspeed-ext, the VTL engine
LocalStack's API Gateway uses, with $context and $input: $input.params() is the
map of "path", "querystring" and "header" parameters, and $input.params(name)
one of them, looked up in that order
(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference).
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
        self._templates: dict[str, airspeed.Template] = {}

    def _template(self, text: str | None) -> airspeed.Template | None:
        """The response template, parsed once."""
        if text and text not in self._templates:
            self._templates[text] = airspeed.Template(text)
        return self._templates.get(text) if text else None

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
        template = self._template((response.get("responseTemplates") or {}).get("application/json"))
        body = template.merge(variables) if template else ""
        override = variables["context"]["responseOverride"]
        status = override.get("status") or response.get("statusCode", status)
        answer = Response(body, status=int(status), mimetype="application/json")
        answer.headers.update({**headers, **override["header"]})
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
        self.body = request.get_data(as_text=True)
        self._params = {
            "path": dict(getattr(request, "view_args", None) or {}),
            "querystring": dict(request.args),
            "header": dict(request.headers),
        }

    def params(self, name=None):
        if name is None:
            return self._params
        return next((found[name] for found in self._params.values() if name in found), "")


def _variables(request: Request) -> dict:
    return {
        "input": _Input(request),
        "context": {
            "requestId": str(uuid.uuid4()),
            "httpMethod": request.method,
            "path": request.path,
            "resourcePath": api_gateway_path(request.endpoint) if getattr(request, "endpoint", None) else request.path,
            "identity": {"sourceIp": request.remote_addr or ""},
            "responseOverride": {"header": {}},
        },
    }
