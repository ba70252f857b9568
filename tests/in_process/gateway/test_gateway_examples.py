"""openapi.yaml's error examples that API Gateway answers: each request sent to the
local API's gateway in-process (its WSGI application), and the whole body compared.
The function's own examples are tests/in_process/function/test_error_examples.py's."""

import pytest
from sam_local_api.chain import LocalApi
from sam_local_api.config import Config
from sam_local_api.project import Project
from sam_local_api.runtime import InProcessRuntime
from werkzeug.test import Client

from tests.support.examples import GATEWAY_ANSWERED, error_examples
from tools.spec import TEMPLATE_PATH

KEY = "a-key-of-the-usage-plan"
EXAMPLES = error_examples()


@pytest.fixture
def gateway():
    """A fresh gateway (its throttle full), in front of the function, which none of these requests reach."""
    config = Config(template=TEMPLATE_PATH, api_keys=(KEY,), client_id="client", client_secret="secret")
    app = LocalApi(Project(TEMPLATE_PATH), config, InProcessRuntime())
    return Client(app), app.user_pool


def no_token(client, _pool):
    return client.get("/user/get-user", query_string={"id": "A" * 22})


def no_api_key(client, pool):
    token = pool.issue("users/write")
    body = {"name": "Ada", "email": "ada@example.com"}
    return client.post("/user/create", json=body, headers={"Authorization": f"Bearer {token}"})


def no_api_key_on_update(client, pool):
    token = pool.issue("users/write")
    body, headers = {"name": "Ada"}, {"Authorization": f"Bearer {token}"}
    return client.put("/user/update", query_string={"id": "A" * 22}, json=body, headers=headers)


def wrong_method(client, _pool):
    answer = client.patch("/user/get-user", query_string={"id": "A" * 22})
    assert answer.headers["Allow"] == "GET"
    return answer


def over_stage_rate(client, _pool):
    # Refused by the authorizer, after the stage throttle has counted them: the function never runs.
    for _ in range(10_000):
        answer = client.get("/user/get-details")
        if answer.status_code == 429:
            return answer
    pytest.fail("the stage throttle never answered 429")


REQUESTS = {
    ("Unauthorized", "noToken"): no_token,
    ("Forbidden", "noApiKey"): no_api_key,
    ("ForbiddenWrite", "noApiKeyOnUpdate"): no_api_key_on_update,
    ("MethodNotAllowed", "wrongMethod"): wrong_method,
    ("TooManyRequests", "overStageRate"): over_stage_rate,
}


def test_every_example_only_the_gateway_answers_is_here():
    assert set(REQUESTS) >= GATEWAY_ANSWERED


@pytest.mark.parametrize("key", sorted(REQUESTS), ids=lambda key: "/".join(key))
def test_an_error_example_is_the_gateways_answer_to_its_request(gateway, key):
    assert REQUESTS[key](*gateway).json == EXAMPLES[key]
