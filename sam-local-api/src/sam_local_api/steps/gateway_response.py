"""Gateway responses: what API Gateway answers when it refuses a request itself.

A REST API answers as its `x-amazon-apigateway-gateway-responses` words it (else
AWS's defaults). An HTTP API has no gateway responses: it answers with fixed
bodies, {"message":"Not Found"} and the like (the HTTP_* types here).

Types, default statuses and default messages:
https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
A gateway response's template may use $context.error.message, messageString
(the message as a quoted JSON string) and validationErrorString:
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
Written by hand: no library renders them.
"""

import json
import re

from werkzeug import Response

from sam_local_api.context import GatewayError

DEFAULT_STATUS = {
    "ACCESS_DENIED": 403,
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "DEFAULT_4XX": 400,
    "DEFAULT_5XX": 500,
    "INTEGRATION_FAILURE": 504,
    "INTEGRATION_TIMEOUT": 504,
    "INVALID_API_KEY": 403,
    "INVALID_SIGNATURE": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "QUOTA_EXCEEDED": 429,
    "REQUEST_TOO_LARGE": 413,
    "THROTTLED": 429,
    "UNAUTHORIZED": 401,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "WAF_FILTERED": 403,
    "AUTHORIZER_FAILURE": 500,
    "AUTHORIZER_CONFIGURATION_ERROR": 500,
    # An HTTP API's own answers.
    "NOT_FOUND": 404,
    "HTTP_UNAUTHORIZED": 401,
    "HTTP_FORBIDDEN": 403,
    "HTTP_TOO_MANY_REQUESTS": 429,
    "HTTP_INTERNAL_SERVER_ERROR": 500,
    "HTTP_SERVICE_UNAVAILABLE": 503,
}
DEFAULT_MESSAGE = {
    "ACCESS_DENIED": "User is not authorized to access this resource",
    "BAD_REQUEST_BODY": "Invalid request body",
    "BAD_REQUEST_PARAMETERS": "Invalid request parameters",
    "DEFAULT_4XX": "Bad Request",
    "DEFAULT_5XX": "Internal server error",
    "INVALID_API_KEY": "Forbidden",
    "INVALID_SIGNATURE": "Forbidden",
    "MISSING_AUTHENTICATION_TOKEN": "Missing Authentication Token",
    "QUOTA_EXCEEDED": "Limit Exceeded",
    "REQUEST_TOO_LARGE": "Request Too Long",
    "THROTTLED": "Too Many Requests",
    "UNAUTHORIZED": "Unauthorized",
    "UNSUPPORTED_MEDIA_TYPE": "Unsupported Media Type",
    "WAF_FILTERED": "Forbidden",
    "INTEGRATION_FAILURE": "Internal server error",
    "INTEGRATION_TIMEOUT": "Endpoint request timed out",
    "AUTHORIZER_FAILURE": "Internal server error",
    "AUTHORIZER_CONFIGURATION_ERROR": "Internal server error",
    "NOT_FOUND": "Not Found",
    "HTTP_UNAUTHORIZED": "Unauthorized",
    "HTTP_FORBIDDEN": "Forbidden",
    "HTTP_TOO_MANY_REQUESTS": "Too Many Requests",
    "HTTP_INTERNAL_SERVER_ERROR": "Internal Server Error",
    "HTTP_SERVICE_UNAVAILABLE": "Service Unavailable",
}
CONTEXT_VARIABLE = re.compile(r"\$context\.error\.(messageString|message|validationErrorString)")


class GatewayResponses:
    """The gateway responses of an API's document (none: AWS's defaults)."""

    def __init__(self, spec: dict | None):
        self.responses = (spec or {}).get("x-amazon-apigateway-gateway-responses", {})

    def render(self, refusal: GatewayError) -> Response:
        kind = refusal.response_type
        message = refusal.message or DEFAULT_MESSAGE[kind]
        definition = self._definition(kind)
        template = definition.get("responseTemplates", {}).get("application/json", json.dumps({"message": message}))
        values = {
            "message": message,
            "messageString": json.dumps(message),
            # Escaped, so the templates' JSON stays JSON whatever the error says.
            "validationErrorString": json.dumps(refusal.validation_error)[1:-1],
        }
        body = CONTEXT_VARIABLE.sub(lambda m: values[m[1]], template)
        status = int(definition.get("statusCode") or refusal.status or DEFAULT_STATUS[kind])
        return Response(body, status=status, headers=self.headers(kind), mimetype="application/json")

    def headers(self, kind: str) -> dict[str, str]:
        parameters = self._definition(kind).get("responseParameters", {})
        return {
            name.removeprefix("gatewayresponse.header."): _literal(value)
            for name, value in parameters.items()
            if name.startswith("gatewayresponse.header.")
        }

    def _definition(self, kind: str) -> dict:
        default = "DEFAULT_5XX" if DEFAULT_STATUS.get(kind, 500) >= 500 else "DEFAULT_4XX"
        return self.responses.get(kind) or self.responses.get(default, {})


def _literal(value) -> str:
    """A response parameter's static value, written in single quotes ('no-store'); only the
    outer pair goes (a value may hold quotes of its own: default-src 'none')."""
    text = str(value)
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text
