"""What API Gateway does before a request reaches the function, which
`sam local start-api` skips: Cognito authorizers, API keys, request validators
and gateway responses, read from openapi.yaml's x-amazon-apigateway-* extensions.

Written by hand: SAM CLI does neither (SAM CLI issues #364, #516, #9064).
"""

import json
import re

from flask import Flask, Response, g, request
from jsonschema import Draft4Validator

from local_api.cognito import CognitoAuthorizer, Refused
from local_api.limits import Limits
from local_api.sam import flask_path
from tools.spec import operations, resolve

# API Gateway's default status for each gateway response type we can produce.
DEFAULT_STATUS = {
    "DEFAULT_4XX": 400,
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "INVALID_API_KEY": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "QUOTA_EXCEEDED": 429,
    "REQUEST_TOO_LARGE": 413,
    "THROTTLED": 429,
    "UNAUTHORIZED": 401,
}
MESSAGES = {
    "DEFAULT_4XX": "Bad Request",
    "INVALID_API_KEY": "Forbidden",
    "QUOTA_EXCEEDED": "Limit Exceeded",
    "THROTTLED": "Too Many Requests",
    "UNAUTHORIZED": "Unauthorized",
}
# API Gateway's own limit on a request's size.
MAX_REQUEST_BYTES = 10 * 1024 * 1024
CONTEXT_VARIABLE = re.compile(r"\$context\.error\.(messageString|message|validationErrorString)")


class RequestCheck:
    """One operation's request validator, as API Gateway applies it."""

    def __init__(self, spec: dict, operation: dict, validator: dict):
        parameters = resolve(operation.get("parameters", []), spec)
        check_params = validator.get("validateRequestParameters", False)
        self.required_query = [
            p["name"] for p in parameters if check_params and p["in"] == "query" and p.get("required")
        ]
        self.required_headers = [
            p["name"] for p in parameters if check_params and p["in"] == "header" and p.get("required")
        ]
        body = resolve(operation.get("requestBody", {}), spec)
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        self.body_validator = None
        if validator.get("validateRequestBody", False) and schema is not None:
            self.body_validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def problem(self) -> tuple[str, str, str] | None:
        """(gateway response type, message, validation error), or None when the request passes."""
        missing = [name for name in self.required_query if name not in request.args]
        missing += [name for name in self.required_headers if name not in request.headers]
        if missing:
            message = f"Missing required request parameters: [{', '.join(missing)}]"
            return "BAD_REQUEST_PARAMETERS", message, message
        # API Gateway picks a model by Content-Type; a body of another type is not validated.
        if self.body_validator is None or request.mimetype != "application/json":
            return None
        try:
            body = json.loads(request.get_data().decode("utf-8") or "null")
        except json.JSONDecodeError as error:
            return "BAD_REQUEST_BODY", "Invalid request body", f"[Invalid JSON: {error.msg} at character {error.pos}]"
        except (ValueError, RecursionError):
            # Not UTF-8, numbers too long or nesting too deep: Python's words would say too much.
            return "BAD_REQUEST_BODY", "Invalid request body", "[Invalid JSON]"
        errors = sorted(self.body_validator.iter_errors(body), key=lambda e: list(e.path))
        if errors:
            return "BAD_REQUEST_BODY", "Invalid request body", "[" + ", ".join(map(_describe, errors)) + "]"
        return None


class Gateway:
    """Installs API Gateway's steps before the function on SAM's Flask app: the
    stage throttle, the Cognito authorizer, API keys and their usage plan,
    request validators, and gateway responses."""

    def __init__(self, spec: dict, limits: Limits, authorizer: CognitoAuthorizer | None = None):
        self.responses = spec.get("x-amazon-apigateway-gateway-responses", {})
        self.limits = limits
        self.authorizer = authorizer
        schemes = spec.get("components", {}).get("securitySchemes", {})
        # An apiKey-typed scheme with an authtype is an authorizer's header, not an API key.
        key_schemes = {
            name
            for name, scheme in schemes.items()
            if scheme["type"] == "apiKey" and "x-amazon-apigateway-authtype" not in scheme
        }
        self.key_header = next((schemes[name]["name"] for name in key_schemes), None)
        validators = spec.get("x-amazon-apigateway-request-validators", {})
        default = spec.get("x-amazon-apigateway-request-validator")
        self.checks = {}
        self.keyed = set()
        self.methods: dict[str, list[str]] = {}
        self.api_rules = set()
        for path, method, operation in operations(spec):
            self.api_rules.add(flask_path(path))
            self.methods.setdefault(path, []).append(method)
            route = (flask_path(path), method)
            name = operation.get("x-amazon-apigateway-request-validator", default)
            if name:
                self.checks[route] = RequestCheck(spec, operation, validators[name])
            if any(key_schemes & requirement.keys() for requirement in operation.get("security", [])):
                self.keyed.add(route)

    def install(self, app: Flask) -> None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
        app.before_request(self._before_function)
        # Flask's 404 is a path no route matches: API Gateway's "Missing Authentication Token".
        app.register_error_handler(404, lambda _: self.response("MISSING_AUTHENTICATION_TOKEN"))
        app.register_error_handler(413, lambda _: self.response("REQUEST_TOO_LARGE", "Request Too Long"))
        app.register_error_handler(405, self._method_not_allowed)
        # A body its framing breaks (cut short, a bad chunk size).
        app.register_error_handler(400, lambda _: self.response("DEFAULT_4XX"))
        app.after_request(self._function_error)

    def _before_function(self):
        """API Gateway's order: stage throttle, authorizer, API key and its plan,
        request validator. Authorizers come before keys: a key can come from a
        Lambda authorizer (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html),
        and LocalStack's REST API chain runs them in this order too
        (localstack-core/localstack/services/apigateway/next_gen/execute_api/gateway.py)."""
        if request.url_rule is not None and request.url_rule.rule not in self.api_rules:
            return None  # the local API's own pages and the user pool's endpoints
        if not self.limits.stage_allows():
            return self.response("THROTTLED")
        route = (request.url_rule.rule if request.url_rule else None, request.method)
        if self.authorizer and self.authorizer.guards(route):
            try:
                g.authorizer = {"claims": self.authorizer.claims(route)}
            except Refused as refused:
                return self.response("UNAUTHORIZED", str(refused))
        if route in self.keyed:
            refused = self.limits.key_problem(request.headers.get(self.key_header))
            if refused:
                return self.response(refused)
        if not _is_utf8(request.get_data()):
            # No binary media types are configured: a body must be text. (SAM's
            # local service would fail to build the event and answer 502.)
            return self.response("BAD_REQUEST_BODY", "Invalid request body", "[the body is not UTF-8 text]")
        check = self.checks.get(route)
        problem = check.problem() if check else None
        return self.response(*problem) if problem else None

    def _function_error(self, response):
        # A function that fails is a 502 at API Gateway (SAM's local service says 500).
        if g.get("function_failed"):
            body = json.dumps({"message": "Internal server error"})
            return Response(body, status=502, headers=self._headers("DEFAULT_5XX"), mimetype="application/json")
        return response

    def _method_not_allowed(self, _error):
        # A method no API Gateway integration takes (TRACE, CONNECT): answered as
        # the function answers any other method it does not serve.
        methods = self.methods.get(request.path)
        if methods is None:
            return self.response("MISSING_AUTHENTICATION_TOKEN")
        return Response(
            json.dumps({"message": "Method not allowed"}),
            status=405,
            headers={**self._headers("DEFAULT_4XX"), "Allow": ", ".join(methods)},
            mimetype="application/json",
        )

    def response(self, response_type: str, message: str | None = None, validation_error: str = "") -> Response:
        """The gateway response openapi.yaml defines for this type (else DEFAULT_4XX)."""
        message = message or MESSAGES.get(response_type, "Missing Authentication Token")
        definition = self._definition(response_type)
        template = definition.get("responseTemplates", {}).get("application/json", json.dumps({"message": message}))
        values = {
            "message": message,
            "messageString": json.dumps(message),
            # Escaped, so the templates' JSON stays JSON whatever the error says.
            "validationErrorString": json.dumps(validation_error)[1:-1],
        }
        body = CONTEXT_VARIABLE.sub(lambda m: values[m[1]], template)
        status = definition.get("statusCode", DEFAULT_STATUS[response_type])
        return Response(body, status=status, headers=self._headers(response_type), mimetype="application/json")

    def edge_headers(self) -> dict:
        """The headers the spec's gateway responses put on every answer (DEFAULT_4XX's)."""
        return self._headers("DEFAULT_4XX")

    def _definition(self, response_type: str) -> dict:
        default = "DEFAULT_5XX" if response_type.startswith("DEFAULT_5") else "DEFAULT_4XX"
        return self.responses.get(response_type) or self.responses.get(default, {})

    def _headers(self, response_type: str) -> dict:
        parameters = self._definition(response_type).get("responseParameters", {})
        return {name.removeprefix("gatewayresponse.header."): value.strip("'") for name, value in parameters.items()}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _describe(error) -> str:
    where = "/".join(str(part) for part in error.path)
    return f"{where}: {error.message}" if where else error.message
