"""scripts/serve --mock on this API: the authorizer and the API keys still in front,
each request checked against openapi.yaml before an example is answered."""

import pytest
import requests

from tests.support.contract import check
from tests.support.local_api import this_api
from tools.spec import openapi


@pytest.fixture(scope="module")
def mock():
    server = this_api("--mock").wait_ready()
    yield server
    assert server.stop() == 0


def test_a_read_with_a_token_gets_its_documented_example(mock):
    answer = requests.get(f"{mock.url}/user/get-details", headers=mock.credentials("users/read"), timeout=10)
    check("/user/get-details", "GET", answer.status_code, answer.headers, answer.json())
    documented = openapi()["paths"]["/user/get-details"]["get"]["responses"]["200"]["content"]["application/json"]
    assert (answer.status_code, answer.json()) == (200, documented["example"])


def test_without_a_token_the_authorizer_answers_before_the_mock(mock):
    answer = requests.get(f"{mock.url}/user/get-details", timeout=10)
    assert answer.status_code == 401


def test_a_body_the_spec_forbids_gets_its_400_naming_every_field(mock):
    answer = requests.post(
        f"{mock.url}/user/create", json={"name": "", "email": "bad"}, headers=mock.credentials(), timeout=10
    )
    check("/user/create", "POST", answer.status_code, answer.headers, answer.json())
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"field": "email", "problem": "must be an email address"},
        {"field": "name", "problem": "must not be empty"},
    ]


def test_a_create_answers_its_example_user_with_a_location_naming_that_user(mock):
    answer = requests.post(
        f"{mock.url}/user/create",
        json={"name": "Ada Lovelace", "email": "ada@example.com"},
        headers=mock.credentials(),
        timeout=10,
    )
    check("/user/create", "POST", answer.status_code, answer.headers, answer.json())
    assert answer.status_code == 201
    assert answer.headers["Location"] == f"/user/get-user?id={answer.json()['user']['id']}"
    assert answer.headers["ETag"] == f'"{answer.json()["user"]["version"]}"'
