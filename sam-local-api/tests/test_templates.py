"""The local API serves SAM templates other than the one it was first made for,
and names at start what it does not emulate."""

from pathlib import Path

import pytest
import requests

from sam_local_api.testing import LocalApiServer

FIXTURES = Path(__file__).parent / "fixtures"
PETS = FIXTURES / "pets" / "template.yaml"
UNEMULATED = FIXTURES / "unemulated" / "template.yaml"


@pytest.fixture(scope="module")
def pets():
    server = LocalApiServer("--template", str(PETS)).wait_ready()
    yield server
    assert server.stop() == 0


def test_two_functions_a_path_parameter_and_a_greedy_path(pets):
    stored = requests.put(f"{pets.url}/pets/rex", json={"name": "Rex", "kind": "dog"}, timeout=10)
    assert (stored.status_code, stored.json()) == (200, {"id": "rex", "name": "Rex", "kind": "dog"})
    assert requests.get(f"{pets.url}/pets/rex", timeout=10).json() == stored.json()
    assert requests.get(f"{pets.url}/pets/tom", timeout=10).status_code == 404

    greedy = requests.get(f"{pets.url}/files/a/b/c.txt", timeout=10)
    assert (greedy.status_code, greedy.json()) == (200, {"path": "a/b/c.txt", "size": 9})


def test_the_gateway_validates_its_requests_without_an_api_key(pets):
    refused = requests.put(f"{pets.url}/pets/rex", json={"name": "Rex", "kind": "dragon"}, timeout=10)
    assert (refused.status_code, refused.json()["message"]) == (400, "Invalid request body")
    assert "DynamoDB: " in pets.stdout
    assert "warning: not emulated" not in pets.stderr


def test_names_each_feature_it_does_not_emulate_at_start():
    server = LocalApiServer("--template", str(UNEMULATED)).wait_ready()
    try:
        warned = [line for line in server.stderr.splitlines() if line.startswith("warning: not emulated: ")]
    finally:
        assert server.stop() == 0
    for feature in (
        "EverythingApi.CacheClusterEnabled",
        "EverythingApi.Domain",
        "EverythingApi.EndpointConfiguration",
        "EverythingApi.MinimumCompressionSize",
        "EverythingApi.TracingEnabled",
        "EverythingApi.SecurityPolicy",
        "EverythingApi.EndpointAccessMode",
        "Firewall (AWS::WAFv2::WebACLAssociation)",
        "Users (AWS::Cognito::UserPool): its request rate quotas",
        "NodeFunction: runtime nodejs20.x",
        "EverythingApi x-amazon-apigateway-policy",
        "EverythingApi GET /legacy: the aws integration is not served (501)",
        "EverythingApi GET /upstream: the http_proxy integration is not served (501)",
    ):
        assert sum(line.startswith(f"warning: not emulated: {feature}") for line in warned) == 1, feature
    # Emulated now, and so not named: binary media types, the Lambda authorizer, the mock integration.
    for emulated in ("BinaryMediaTypes", "binary-media-types", "TokenAuthorizer", "/canned"):
        assert not [line for line in warned if emulated in line], emulated


@pytest.mark.parametrize(
    ("overrides", "created"),
    [((), False), (("--parameter-overrides", "DomainName=api.example.com"), True)],
    ids=["condition-false", "condition-true"],
)
def test_what_a_false_condition_leaves_out_is_neither_served_nor_warned_of(overrides, created):
    server = LocalApiServer("--template", str(FIXTURES / "conditional" / "template.yaml"), *overrides).wait_ready()
    try:
        hello = requests.get(f"{server.url}/hello", timeout=10)
        extra = requests.get(f"{server.url}/extra", timeout=10)
        warned = [line for line in server.stderr.splitlines() if line.startswith("warning: not emulated: ")]
    finally:
        assert server.stop() == 0
    assert (hello.status_code, hello.json()) == (200, {"hello": "world"})
    if created:
        assert (extra.status_code, extra.json()) == (200, {"domain": "only"})
    else:
        assert (extra.status_code, extra.json()) == (403, {"message": "Missing Authentication Token"})
    for feature in ("Api.DisableExecuteApiEndpoint", "Api.TracingEnabled", "Domain (AWS::ApiGateway::DomainName)"):
        assert sum(line.startswith(f"warning: not emulated: {feature}") for line in warned) == created, feature


# One template, served once, for two cases: a mock integration whose response template is
# not Velocity, and a tenant-isolated function whose integration maps the tenant from the
# query string.
BROKEN_MOCK_AND_TENANTS = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info: {title: broken mock and tenants, version: '1'}
        paths:
          /canned:
            get:
              responses: {'200': {description: canned}}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 200}'}
                responses:
                  default: {statusCode: '200', responseTemplates: {application/json: '#if($broken'}}
          /who:
            get:
              responses: {'200': {description: the tenant}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Who.Arn}/invocations
                requestParameters:
                  integration.request.header.X-Amz-Tenant-Id: method.request.querystring.tenant
  Who:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: who/
      Handler: app.handler
      Runtime: python3.13
      TenancyConfig:
        TenantIsolationMode: PER_TENANT
"""
WHO = """
def handler(event, context):
    return {"statusCode": 200, "body": context.tenant_id}
"""


@pytest.fixture(scope="module")
def unusual(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unusual")
    (folder / "template.yaml").write_text(BROKEN_MOCK_AND_TENANTS)
    (folder / "who").mkdir()
    (folder / "who" / "app.py").write_text(WHO)
    server = LocalApiServer("--template", str(folder / "template.yaml")).wait_ready()
    yield server
    assert server.stop() == 0


def test_what_a_step_raises_is_the_gateways_500_in_json_with_its_access_log_line(unusual):
    """The mock's template makes the integrate step raise: the request still gets API
    Gateway's own 500, never werkzeug's HTML page, and its log line."""
    answer = requests.get(f"{unusual.url}/canned", timeout=10)
    assert (answer.status_code, answer.headers["Content-Type"], answer.json()) == (
        500,
        "application/json",
        {"message": "Internal server error"},
    )
    logged = unusual.stderr.splitlines()
    assert any(line.startswith("GET /canned 500 ") and "local-api-fault" in line for line in logged), logged


def test_a_tenant_isolated_function_gets_the_tenant_its_integration_maps_and_no_other(unusual):
    """The integration maps the tenant from the query string: the client's own X-Amz-Tenant-Id
    is not it (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-invoke.html)."""
    forged = {"X-Amz-Tenant-Id": "red"}
    mapped = requests.get(f"{unusual.url}/who?tenant=blue", headers=forged, timeout=10)
    assert (mapped.status_code, mapped.text) == (200, "blue")
    # No tenant: Lambda refuses the invocation, and API Gateway answers its own 500.
    unmapped = requests.get(f"{unusual.url}/who", headers=forged, timeout=10)
    assert (unmapped.status_code, unmapped.json()) == (500, {"message": "Internal server error"})
