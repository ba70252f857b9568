"""API Gateway's request validators, as a template's OpenAPI document declares
them, answering with API Gateway's default messages before the function runs
(in-process: the local API's WSGI application, its function a recording one)."""

import json
import shutil
from pathlib import Path

import pytest
import yaml
from werkzeug.test import Client

from sam_local_api.chain import LocalApi
from sam_local_api.config import Config
from sam_local_api.project import Project

PETS = Path(__file__).parent / "fixtures" / "pets"


class Echo:
    def __init__(self):
        self.events = []

    def invoke(self, function_config, event: dict, integration_timeout: float = 29.0, tenant_id=None) -> str:
        self.events.append(event)
        return json.dumps({"statusCode": 200, "body": json.dumps({"id": "rex", "name": "Rex", "kind": "dog"})})


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    """The pets API with a required query parameter and a required header on getPet."""
    project = tmp_path_factory.mktemp("validated")
    shutil.copy(PETS / "template.yaml", project / "template.yaml")
    spec = yaml.safe_load((PETS / "openapi.yaml").read_text())
    spec["paths"]["/pets/{petId}"]["get"]["parameters"] = [
        {"name": "fields", "in": "query", "required": True, "schema": {"type": "string"}},
        {"name": "X-Trace", "in": "header", "required": True, "schema": {"type": "string"}},
    ]
    # As JSON, which is YAML too (SAM CLI makes the YAML loader build OrderedDicts, which safe_dump refuses).
    (project / "openapi.yaml").write_text(json.dumps(spec))
    function = Echo()
    app = LocalApi(Project(project / "template.yaml"), Config(template=project / "template.yaml"), function)
    return Client(app), function


def test_missing_required_parameters_are_refused_before_the_function(validated):
    client, function = validated
    before = len(function.events)
    answer = client.get("/pets/rex")
    message = "Missing required request parameters: [fields, X-Trace]"
    assert (answer.status_code, answer.json) == (400, {"message": message})
    assert len(function.events) == before
    assert client.get("/pets/rex?fields=name", headers={"X-Trace": "1"}).status_code == 200


def test_a_body_against_its_model_is_refused_before_the_function(validated):
    client, function = validated
    before = len(function.events)
    answer = client.put("/pets/rex", json={"name": "Rex", "kind": "dragon"})
    assert (answer.status_code, answer.json) == (400, {"message": "Invalid request body"})
    malformed = client.put("/pets/rex", data="{", headers={"Content-Type": "application/json"})
    assert (malformed.status_code, malformed.json) == (400, {"message": "Invalid request body"})
    assert len(function.events) == before
    assert client.put("/pets/rex", json={"name": "Rex", "kind": "dog"}).status_code == 200
