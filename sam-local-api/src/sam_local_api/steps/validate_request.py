"""Validate request: the method's request validator (`x-amazon-apigateway-request-validator`),
as API Gateway applies it: required query parameters and headers, then the JSON
body against the operation's schema (JSON Schema draft 4, API Gateway's models:
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html).
It answers with one opaque string, $context.error.validationErrorString, as API Gateway does.

Written by hand: SAM CLI applies no validator (SAM CLI issues #364, #516).
"""

import json

from jsonschema import Draft4Validator

from sam_local_api.context import ApiRequest, Context, GatewayError
from sam_local_api.openapi import resolve
from sam_local_api.project import Project


class RequestCheck:
    """One operation's request validator."""

    def __init__(self, spec: dict, path_item: dict, operation: dict, validator: dict):
        parameters = resolve([*path_item.get("parameters", []), *operation.get("parameters", [])], spec)
        check_params = validator.get("validateRequestParameters", False)
        self.required_query = [
            p["name"] for p in parameters if check_params and p["in"] == "query" and p.get("required")
        ]
        self.required_headers = [
            p["name"] for p in parameters if check_params and p["in"] == "header" and p.get("required")
        ]
        body = resolve(operation.get("requestBody", {}), spec)
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        # Swagger 2.0 (what SAM's transform makes of RequestModel): the body is a parameter.
        schema = next((p.get("schema") for p in parameters if p.get("in") == "body"), schema)
        self.body_validator = None
        if validator.get("validateRequestBody", False) and schema is not None:
            self.body_validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def __call__(self, request: ApiRequest) -> None:
        missing = [name for name in self.required_query if name not in request.args]
        missing += [name for name in self.required_headers if name not in request.headers]
        if missing:
            message = f"Missing required request parameters: [{', '.join(missing)}]"
            raise GatewayError("BAD_REQUEST_PARAMETERS", message, message)
        # API Gateway picks a model by Content-Type; a body of another type is not validated.
        if self.body_validator is None or request.mimetype != "application/json":
            return
        try:
            body = json.loads(request.get_data().decode("utf-8") or "null")
        except json.JSONDecodeError as error:
            raise GatewayError(
                "BAD_REQUEST_BODY", "Invalid request body", f"[Invalid JSON: {error.msg} at character {error.pos}]"
            ) from error
        except (ValueError, RecursionError) as error:
            # Not UTF-8, numbers too long or nesting too deep: Python's words would say too much.
            raise GatewayError("BAD_REQUEST_BODY", "Invalid request body", "[Invalid JSON]") from error
        errors = sorted(self.body_validator.iter_errors(body), key=lambda e: list(e.path))
        if errors:
            described = "[" + ", ".join(map(_describe, errors)) + "]"
            raise GatewayError("BAD_REQUEST_BODY", "Invalid request body", described)


class ValidateRequest:
    def __init__(self, project: Project):
        self.checks = {}
        for route in project.routes:
            spec = route.api.body
            validators = spec.get("x-amazon-apigateway-request-validators", {})
            name = route.operation.get(
                "x-amazon-apigateway-request-validator", spec.get("x-amazon-apigateway-request-validator")
            )
            if name in validators:
                path_item = spec["paths"][route.path]
                self.checks[route.key] = RequestCheck(spec, path_item, route.operation, validators[name])

    def __call__(self, context: Context) -> None:
        check = self.checks.get(context.method.route.key)
        if check:
            check(context.request)


def _describe(error) -> str:
    where = "/".join(str(part) for part in error.path)
    return f"{where}: {error.message}" if where else error.message
