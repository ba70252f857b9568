"""The headers on every answer (issue 18): Content-Security-Policy everywhere, and CORS
closed unless a deploy names the origins (template.yaml's CorsAllowedOrigins)."""

import pytest

from tests.in_process.function.conftest import create, invoke, load_event
from tools.spec import openapi, resources, template
from users_api import app, proxy

pytestmark = pytest.mark.usefixtures("dynamodb")

CSP = "default-src 'none'; frame-ancestors 'none';"
GATEWAY_RESPONSES = openapi()["x-amazon-apigateway-gateway-responses"]


def answers() -> dict[str, dict]:
    """One answer of each kind the function gives: success, each error family, a preflight."""
    user = create()
    return {
        "200": app.lambda_handler(load_event("get-user", query={"id": user["id"]})),
        "201": app.lambda_handler(load_event("create-user", body={"name": "Grace", "email": "grace@example.com"})),
        "400": app.lambda_handler(load_event("get-user-missing-id")),
        "401": app.lambda_handler(load_event("list-users", claims=None)),
        "404": app.lambda_handler(load_event("unknown-path")),
        "405": app.lambda_handler(load_event("wrong-method")),
        "409": app.lambda_handler(load_event("create-user", body={"name": "Ada", "email": user["email"]})),
        "preflight": app.lambda_handler(load_event("create-user") | {"httpMethod": "OPTIONS", "body": None}),
    }


def with_origin(event: dict, origin: str) -> dict:
    event["headers"]["Origin"] = origin
    event["multiValueHeaders"]["Origin"] = [origin]
    return event


@pytest.fixture
def allowed(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com")
    proxy.allowed_origins.cache_clear()
    yield
    proxy.allowed_origins.cache_clear()


def test_every_answer_forbids_rendering_and_framing():
    for kind, answer in answers().items():
        assert answer["headers"]["Content-Security-Policy"] == CSP, kind


def test_by_default_no_origin_may_read_an_answer():
    assert template()["Parameters"]["CorsAllowedOrigins"]["Default"] == ""
    (function,) = resources(template(), "AWS::Serverless::Function").values()
    assert function["Properties"]["Environment"]["Variables"]["CORS_ALLOWED_ORIGINS"] == {"Ref": "CorsAllowedOrigins"}
    for kind, answer in answers().items():
        assert "Access-Control-Allow-Origin" not in answer["headers"], kind
        assert "Vary" not in answer["headers"], kind
    # Not even for an Origin that asks.
    answer = app.lambda_handler(with_origin(load_event("list-users"), "https://app.example.com"))
    assert "Access-Control-Allow-Origin" not in answer["headers"]


@pytest.mark.usefixtures("allowed")
def test_a_deploy_lets_the_origins_it_names_read_answers_and_no_other():
    for origin in ("https://app.example.com", "https://admin.example.com"):
        answer = invoke(with_origin(load_event("list-users"), origin))
        assert (answer.headers["Access-Control-Allow-Origin"], answer.headers["Vary"]) == (origin, "Origin")
    for origin in ("https://evil.example.com", "https://app.example.com.evil.example", "null", "*"):
        answer = invoke(with_origin(load_event("list-users"), origin))
        assert "Access-Control-Allow-Origin" not in answer.headers, origin
        assert answer.headers["Vary"] == "Origin"
    assert "Access-Control-Allow-Origin" not in invoke(load_event("list-users")).headers


@pytest.mark.usefixtures("allowed")
def test_errors_and_preflights_to_a_named_origin_are_readable_too():
    for name in ("unknown-path", "wrong-method", "get-user-missing-id"):
        answer = invoke(with_origin(load_event(name), "https://app.example.com"))
        assert answer.headers["Access-Control-Allow-Origin"] == "https://app.example.com", name
    preflight = app.lambda_handler(
        with_origin(load_event("create-user"), "https://app.example.com") | {"httpMethod": "OPTIONS", "body": None}
    )
    assert preflight["statusCode"] == 204
    assert preflight["headers"]["Access-Control-Allow-Origin"] == "https://app.example.com"


def test_the_gateways_answers_carry_the_functions_headers_and_allow_no_origin():
    for response_type, response in GATEWAY_RESPONSES.items():
        # A static value is the text between its pair of single quotes.
        headers = {
            name.removeprefix("gatewayresponse.header."): value[1:-1]
            for name, value in response["responseParameters"].items()
        }
        assert {name: headers.get(name) for name in proxy.EDGE_HEADERS} == proxy.EDGE_HEADERS, response_type
        assert "Access-Control-Allow-Origin" not in headers, response_type
        assert headers["Content-Security-Policy"] == CSP


def test_the_policy_reads_the_same_however_its_quotes_are_stripped():
    # API Gateway takes the text between the outer pair of quotes; a reader that strips
    # every quote at the ends (the local API does) gets the same text, as it ends in ";".
    static = GATEWAY_RESPONSES["DEFAULT_4XX"]["responseParameters"]["gatewayresponse.header.Content-Security-Policy"]
    assert static[1:-1] == static.strip("'") == CSP
