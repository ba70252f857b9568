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
from sam_local_api.sam import SamProject, flask_path, lambda_authorizers_only, parameter_overrides, sam_config

PETS = Path(__file__).parent / "fixtures" / "pets" / "template.yaml"


class RecordingRuntime:
    """Answers like a Lambda function would, and keeps what it was handed."""

    def __init__(self, output: dict):
        self.output = output
        self.calls = []

    def invoke(self, function_config, event: dict) -> str:
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


def test_routes_are_the_documents_paths_and_methods():
    routes = SamProject(PETS).routes
    assert {(route.path, tuple(route.methods), route.function_name) for route in routes} == {
        ("/pets/{petId}", ("GET",), "PetsFunction"),
        ("/pets/{petId}", ("PUT",), "PetsFunction"),
        ("/files/{proxy+}", ("GET",), "FilesFunction"),
    }


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


def test_sam_reads_only_the_lambda_authorizers_of_a_security_requirement():
    # SAM refuses a requirement naming several schemes (a Cognito scheme and an API key, say).
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
