"""The local API still emulates API Gateway's request validators for templates
that declare them (this project's declares none: README, "Errors"), answering
with API Gateway's default messages through the spec's gateway responses."""

import shutil

import pytest

from local_api.server import create_app
from tools.spec import ROOT

VALIDATORS = """
x-amazon-apigateway-request-validators:
  all:
    validateRequestBody: true
    validateRequestParameters: true
x-amazon-apigateway-request-validator: all
"""
KEY = "a-key-of-the-usage-plan"


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    project = tmp_path_factory.mktemp("validated")
    shutil.copy(ROOT / "template.yaml", project / "template.yaml")
    (project / "openapi.yaml").write_text((ROOT / "openapi.yaml").read_text() + VALIDATORS)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    app, _ = create_app(project / "template.yaml", api_keys=[KEY])
    token = app.extensions["cognito"].pool.issue("users/read users/write")
    return app.test_client(), {"Authorization": f"Bearer {token}", "x-api-key": KEY}


def test_a_missing_required_parameter_is_refused_before_the_function(validated):
    client, headers = validated
    answer = client.get("/user/get-user", headers=headers)
    assert (answer.status_code, answer.get_json()) == (400, {"message": "Missing required request parameters: [id]"})


def test_a_body_against_its_model_is_refused_before_the_function(validated):
    client, headers = validated
    answer = client.post("/user/create", json={"name": "Ada", "email": "nope"}, headers=headers)
    assert (answer.status_code, answer.get_json()) == (400, {"message": "Invalid request body"})
