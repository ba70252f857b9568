"""API Gateway and the function answer a fault they both can refuse with the same
body, and API Gateway checks nothing the function cannot say the same way."""

import json

import pytest

from tests.in_process.function.conftest import invoke, load_event
from tools.spec import openapi, operations

SPEC = openapi()
GATEWAY_RESPONSES = SPEC["x-amazon-apigateway-gateway-responses"]


def gateway_body(response_type: str) -> dict:
    # These templates use no $context variable: the body is the template.
    return json.loads(GATEWAY_RESPONSES[response_type]["responseTemplates"]["application/json"])


@pytest.mark.parametrize(
    ("response_type", "event"),
    [
        # Over API Gateway's 10 MB, and over the function's 8192 bytes.
        ("REQUEST_TOO_LARGE", lambda: load_event("create-user-too-large")),
        ("UNSUPPORTED_MEDIA_TYPE", lambda: load_event("create-user-not-json")),
        ("MISSING_AUTHENTICATION_TOKEN", lambda: load_event("unknown-path")),
    ],
)
def test_a_gateway_response_says_what_the_function_says_for_the_same_fault(dynamodb, response_type, event):
    answer = invoke(event())
    assert answer.status == GATEWAY_RESPONSES[response_type]["statusCode"]
    assert answer.json == gateway_body(response_type)


def test_api_gateway_validates_no_request():
    # A request validator answers with one opaque string, before the function,
    # so the same bad request would get two different answers (README: "Errors").
    assert "x-amazon-apigateway-request-validators" not in SPEC
    assert "x-amazon-apigateway-request-validator" not in SPEC
    assert [op["operationId"] for _, _, op in operations(SPEC) if "x-amazon-apigateway-request-validator" in op] == []
    assert {"BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS"} & GATEWAY_RESPONSES.keys() == set()
