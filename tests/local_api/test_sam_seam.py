"""What the local API takes from SAM CLI's internals (local_api/sam.py) still works.

If a SAM CLI upgrade changes those classes, these tests fail, naming what changed.
A recording runtime stands in for ours: what is under test is SAM's side.
"""

import json

import pytest

from local_api.sam import LocalApi, flask_path, lambda_authorizers_only
from tools.spec import TEMPLATE_PATH, openapi


class RecordingRuntime:
    """Answers like a Lambda function would, and keeps what SAM handed it."""

    def __init__(self, output: dict):
        self.output = output
        self.calls = []

    def invoke(self, function_config, event, tenant_id=None, *, stdout, stderr=None, **options):
        self.calls.append((function_config, json.loads(event), options))
        stdout.write_str(json.dumps(self.output))


@pytest.fixture
def runtime():
    return RecordingRuntime(
        {"statusCode": 201, "headers": {"Content-Type": "application/json", "ETag": '"1"'}, "body": '{"ok": true}'}
    )


@pytest.fixture
def local_api(runtime):
    return LocalApi(TEMPLATE_PATH, runtime, {"UsersFunction": {"USERS_TABLE": "from-env-vars"}})


def test_routes_are_the_spec_paths_with_any_method(local_api):
    assert {route.path for route in local_api.routes} == set(openapi()["paths"])
    for route in local_api.routes:
        assert {"GET", "POST", "PUT", "DELETE", "PATCH"} <= set(route.methods)
        assert route.function_name == "UsersFunction"


def test_a_request_becomes_an_api_gateway_proxy_event(local_api, runtime):
    client = local_api.app.test_client()
    response = client.post(
        "/user/create?a=1&a=2", data='{"name": "Ada"}', headers={"Content-Type": "application/json", "X-Test": "yes"}
    )
    (config, event, options) = runtime.calls[-1]
    assert config.handler == "users_api.app.lambda_handler"
    assert config.code_abs_path.endswith("src")
    assert event["httpMethod"] == "POST"
    assert event["path"] == "/user/create"
    assert event["resource"] == "/user/create"
    assert event["queryStringParameters"] == {"a": "2"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"]}
    assert event["headers"]["X-Test"] == "yes"
    assert event["body"] == '{"name": "Ada"}'
    assert event["isBase64Encoded"] is False
    assert event["requestContext"]["resourcePath"] == "/user/create"
    assert {"debug_context", "container_host"} <= set(options)
    assert (response.status_code, response.headers["ETag"], response.json) == (201, '"1"', {"ok": True})


def test_unknown_paths_reach_the_function_through_the_catch_all(local_api, runtime):
    local_api.app.test_client().delete("/no/such/path")
    event = runtime.calls[-1][1]
    assert (event["path"], event["resource"]) == ("/no/such/path", "/{proxy+}")
    assert event["pathParameters"] == {"proxy": "no/such/path"}


def test_function_environment_resolves_refs_and_env_vars_file(local_api, monkeypatch):
    # SAM lets the shell's variables override the template's, as Lambda's console would not.
    monkeypatch.delenv("USER_EMAILS_TABLE", raising=False)
    environment = local_api.function_environment()
    assert environment["USERS_TABLE"] == "from-env-vars"
    assert environment["USER_EMAILS_TABLE"] == "UserEmailsTable"
    assert environment["AWS_LAMBDA_FUNCTION_NAME"] == "UsersFunction"


def test_a_lambda_error_document_is_sams_500():
    # local_api/gateway.py turns this into API Gateway's 502.
    runtime = RecordingRuntime({"errorMessage": "boom", "errorType": "ValueError"})
    response = LocalApi(TEMPLATE_PATH, runtime).app.test_client().get("/user/get-details")
    assert response.status_code == 500


def test_flask_path_of_the_catch_all():
    assert flask_path("/{proxy+}") == "/<path:proxy>"
    assert flask_path("/user/create") == "/user/create"


def test_the_authorizer_context_lands_where_api_gateway_puts_it(runtime):
    claims = {"sub": "client", "scope": "users/read", "exp": "Tue Nov 25 13:00:00 UTC 2026"}
    local_api = LocalApi(TEMPLATE_PATH, runtime, authorizer_context=lambda: {"claims": claims})
    local_api.app.test_client().get("/user/get-details")
    assert runtime.calls[-1][1]["requestContext"]["authorizer"] == {"claims": claims}


def test_without_an_authorizer_context_the_event_has_none(local_api, runtime):
    local_api.app.test_client().get("/user/get-details")
    assert "authorizer" not in runtime.calls[-1][1]["requestContext"]


def test_sam_reads_only_the_lambda_authorizers_of_a_security_requirement():
    # SAM refuses a requirement naming several schemes; openapi.yaml's do (Cognito, OAuth2, API key).
    document = {
        "components": {
            "securitySchemes": {
                "Cognito": {"type": "apiKey", "x-amazon-apigateway-authtype": "cognito_user_pools"},
                "Key": {"type": "apiKey"},
                "Lambda": {"type": "apiKey", "x-amazon-apigateway-authorizer": {"type": "request"}},
            }
        },
        "paths": {
            "/a": {"get": {"security": [{"Cognito": ["s/read"], "Key": []}]}},
            "/b": {"post": {"security": [{"Lambda": [], "Key": []}]}},
        },
    }
    paths = lambda_authorizers_only(document)["paths"]
    assert paths["/a"]["get"]["security"] == []
    assert paths["/b"]["post"]["security"] == [{"Lambda": []}]
    assert document["paths"]["/a"]["get"]["security"] == [{"Cognito": ["s/read"], "Key": []}]
