"""What API Gateway does before a request reaches the function, which
`sam local start-api` skips: request validators and gateway responses, both
read from openapi.yaml's x-amazon-apigateway-* extensions.

Written by hand: SAM CLI does neither (SAM CLI issues #364, #516, #9064).
"""

import json
import re

from flask import Flask, Response, g, request
from jsonschema import Draft4Validator

from tools.local_api.sam import flask_path
from tools.spec import operations, resolve

# API Gateway's default status for each gateway response type we can produce.
DEFAULT_STATUS = {
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "REQUEST_TOO_LARGE": 413,
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
            body = json.loads(request.get_data() or b"null")
        except ValueError as error:
            return "BAD_REQUEST_BODY", "Invalid request body", f"[Invalid JSON: {error}]"
        errors = sorted(self.body_validator.iter_errors(body), key=lambda e: list(e.path))
        if errors:
            return "BAD_REQUEST_BODY", "Invalid request body", "[" + ", ".join(map(_describe, errors)) + "]"
        return None


class Gateway:
    """Installs request validation and gateway responses on SAM's Flask app."""

    def __init__(self, spec: dict):
        self.responses = spec.get("x-amazon-apigateway-gateway-responses", {})
        validators = spec.get("x-amazon-apigateway-request-validators", {})
        default = spec.get("x-amazon-apigateway-request-validator")
        self.checks = {}
        self.methods: dict[str, list[str]] = {}
        for path, method, operation in operations(spec):
            self.methods.setdefault(path, []).append(method)
            name = operation.get("x-amazon-apigateway-request-validator", default)
            if name:
                self.checks[(flask_path(path), method)] = RequestCheck(spec, operation, validators[name])

    def install(self, app: Flask) -> None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
        app.before_request(self._validate)
        # Flask's 404 is a path no route matches: API Gateway's "Missing Authentication Token".
        app.register_error_handler(
            404, lambda _: self.response("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token")
        )
        app.register_error_handler(413, lambda _: self.response("REQUEST_TOO_LARGE", "Request Too Long"))
        app.register_error_handler(405, self._method_not_allowed)
        app.after_request(self._function_error)

    @staticmethod
    def _function_error(response):
        # A function that fails is a 502 at API Gateway (SAM's local service says 500).
        if g.get("function_failed"):
            return Response(json.dumps({"message": "Internal server error"}), status=502, mimetype="application/json")
        return response

    def _method_not_allowed(self, _error):
        # A method no API Gateway integration takes (TRACE, CONNECT): answered as
        # the function answers any other method it does not serve.
        methods = self.methods.get(request.path)
        if methods is None:
            return self.response("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token")
        return Response(
            json.dumps({"message": "Method not allowed"}),
            status=405,
            headers={"Allow": ", ".join(methods)},
            mimetype="application/json",
        )

    def _validate(self):
        check = self.checks.get((request.url_rule.rule if request.url_rule else None, request.method))
        problem = check.problem() if check else None
        return self.response(*problem) if problem else None

    def response(self, response_type: str, message: str, validation_error: str = "") -> Response:
        """The gateway response openapi.yaml defines for this type (else DEFAULT_4XX)."""
        status = DEFAULT_STATUS[response_type]
        definition = self.responses.get(response_type) or self.responses.get("DEFAULT_4XX", {})
        template = definition.get("responseTemplates", {}).get("application/json", json.dumps({"message": message}))
        values = {
            "message": message,
            "messageString": json.dumps(message),
            # Escaped, so the templates' JSON stays JSON whatever the error says.
            "validationErrorString": json.dumps(validation_error)[1:-1],
        }
        body = CONTEXT_VARIABLE.sub(lambda m: values[m[1]], template)
        headers = {
            name.removeprefix("gatewayresponse.header."): value.strip("'")
            for name, value in definition.get("responseParameters", {}).items()
        }
        return Response(body, status=definition.get("statusCode", status), headers=headers, mimetype="application/json")


def _describe(error) -> str:
    where = "/".join(str(part) for part in error.path)
    return f"{where}: {error.message}" if where else error.message
