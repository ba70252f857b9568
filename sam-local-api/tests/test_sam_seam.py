"""What the local API takes from SAM CLI's internals (sam_local_api/sam.py) still works.

If a SAM CLI upgrade changes those pieces, these tests fail, naming what changed.
A recording runtime stands in for the functions: what is under test is SAM's side.
"""

import json
from pathlib import Path

import pytest
from werkzeug.test import Client

from sam_local_api.chain import LocalApi
from sam_local_api.config import Config
from sam_local_api.project import Project
from sam_local_api.sam import (
    SamProject,
    flask_path,
    parameter_overrides,
    parameter_values,
    resolve_value,
    sam_config,
    transform,
)

PETS = Path(__file__).parent / "fixtures" / "pets" / "template.yaml"


class RecordingRuntime:
    """Answers like a Lambda function would, and keeps what it was handed."""

    def __init__(self, output: dict):
        self.output = output
        self.calls = []

    def invoke(self, function_config, event: dict, integration_timeout: float = 29.0, tenant_id=None) -> str:
        self.calls.append((function_config, event))
        return json.dumps(self.output)


@pytest.fixture
def runtime():
    return RecordingRuntime(
        {"statusCode": 201, "headers": {"Content-Type": "application/json", "ETag": '"1"'}, "body": '{"ok": true}'}
    )


@pytest.fixture
def client(runtime):
    project = Project(PETS, env_vars={"PetsFunction": {"PETS_TABLE": "from-env-vars"}})
    return Client(LocalApi(project, Config(template=PETS, port=3000), runtime))


def test_the_transform_makes_an_implicit_api_into_a_rest_api_with_a_body():
    template = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Hello": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "CodeUri": "s3://bucket/key",
                    "Handler": "app.handler",
                    "Runtime": "python3.13",
                    "Events": {"Get": {"Type": "Api", "Properties": {"Path": "/hello", "Method": "get"}}},
                },
            }
        },
    }
    deployed = transform(template, parameter_values(template, {}, "eu-west-1"), "eu-west-1")
    body = deployed["Resources"]["ServerlessRestApi"]["Properties"]["Body"]
    integration = body["paths"]["/hello"]["get"]["x-amazon-apigateway-integration"]
    assert integration["type"] == "aws_proxy"
    assert "${Hello.Arn}" in integration["uri"]["Fn::Sub"]


def test_cloudformation_functions_resolve_as_sam_local_resolves_them():
    template = {"Parameters": {"Stage": {"Type": "String", "Default": "dev"}}, "Resources": {}}
    values = parameter_values(template, {}, "eu-west-1")
    value = {"Fn::Sub": "${AWS::Region}-${Stage}-${Thing.Arn}", "other": {"Fn::Join": ["/", ["a", {"Ref": "Stage"}]]}}
    resolved = resolve_value(value, {**values, "Thing": {"Arn": "arn:thing"}})
    assert resolved == {"Fn::Sub": "eu-west-1-dev-arn:thing"} or resolved == "eu-west-1-dev-arn:thing"
    assert resolve_value({"Fn::Join": ["/", ["a", {"Ref": "Stage"}]]}, values) == "a/dev"
    assert resolve_value({"Ref": "Stage"}, parameter_values(template, {"Stage": "prod"}, "eu-west-1")) == "prod"


def test_a_request_becomes_an_api_gateway_proxy_event(client, runtime):
    response = client.get("/pets/rex?a=1&a=2", headers={"X-Test": "yes"})
    (config, event) = runtime.calls[-1]
    assert config.handler == "app.handler"
    assert config.code_abs_path.endswith("pets")
    assert event["httpMethod"] == "GET"
    assert event["path"] == "/pets/rex"
    assert event["resource"] == "/pets/{petId}"
    assert event["pathParameters"] == {"petId": "rex"}
    assert event["queryStringParameters"] == {"a": "2"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"]}
    assert event["headers"]["X-Test"] == "yes"
    assert event["isBase64Encoded"] is False
    assert event["requestContext"]["resourcePath"] == "/pets/{petId}"
    assert event["requestContext"]["stage"] == "dev"
    assert "authorizer" not in event["requestContext"]
    assert (response.status_code, response.headers["ETag"], response.json) == (201, '"1"', {"ok": True})


def test_a_greedy_path_takes_every_segment(client, runtime):
    client.get("/files/a/b/c.txt")
    event = runtime.calls[-1][1]
    assert (event["path"], event["resource"], event["pathParameters"]) == (
        "/files/a/b/c.txt",
        "/files/{proxy+}",
        {"proxy": "a/b/c.txt"},
    )


def test_function_environment_resolves_refs_and_env_vars_file(monkeypatch):
    monkeypatch.delenv("PETS_TABLE", raising=False)
    project = SamProject(PETS, env_vars={"FilesFunction": {"UNUSED": "x"}})
    assert project.environment("PetsFunction")["PETS_TABLE"] == "PetsTable"
    assert project.environment("PetsFunction")["AWS_LAMBDA_FUNCTION_NAME"] == "PetsFunction"
    overridden = SamProject(PETS, env_vars={"PetsFunction": {"PETS_TABLE": "from-env-vars"}})
    assert overridden.environment("PetsFunction")["PETS_TABLE"] == "from-env-vars"


def test_a_function_answer_api_gateway_cannot_read_is_its_502(runtime):
    runtime.output = {"statusCode": 200, "body": "{}", "unexpected": "key"}
    project = Project(PETS)
    response = Client(LocalApi(project, Config(template=PETS), runtime)).get("/pets/rex")
    assert (response.status_code, response.json) == (502, {"message": "Internal server error"})


def test_flask_path_of_a_greedy_path():
    assert flask_path("/{proxy+}") == "/<path:proxy>"
    assert flask_path("/pets/{petId}") == "/pets/<petId>"


def test_parameter_overrides_in_both_of_sams_forms():
    assert parameter_overrides(("Stage=dev Size=2",)) == {"Stage": "dev", "Size": "2"}
    assert parameter_overrides(("ParameterKey=Stage,ParameterValue=dev",)) == {"Stage": "dev"}
    with pytest.raises(ValueError, match="is not a valid format"):
        parameter_overrides(("not a pair",))


def test_samconfig_gives_start_apis_parameters_over_the_global_ones(tmp_path):
    (tmp_path / "samconfig.toml").write_text(
        "version = 0.1\n"
        "[default.global.parameters]\nregion = 'eu-west-1'\nstatic_dir = 'site'\n"
        "[default.local_start_api.parameters]\nstatic_dir = 'docs'\nport = 3999\n"
        "[other.local_start_api.parameters]\nport = 4000\n"
    )
    assert sam_config(tmp_path, None, "default") == {"region": "eu-west-1", "static_dir": "docs", "port": 3999}
    assert sam_config(tmp_path, None, "other") == {"port": 4000}
    assert sam_config(tmp_path / "nowhere", None, "default") == {}
