"""Every error example in openapi.yaml is the answer to the request its summary
names: each is sent here, as an API Gateway event into the handler (against
moto), or to the local API's gateway layer in-process where only API Gateway
answers, and the whole body compared."""

import json

import pytest

from local_api.server import create_app
from tests.unit.conftest import create, invoke, load_event
from tools.spec import openapi, resolve
from users_api import app

SPEC = openapi()


def error_examples() -> dict[tuple[str, str], dict]:
    """(response, example name) -> example body, for every response whose schema is Error."""
    found = {}
    for name, response in SPEC["components"]["responses"].items():
        content = response.get("content", {}).get("application/json", {})
        if content.get("schema") != {"$ref": "#/components/schemas/Error"}:
            continue
        assert "example" not in content, f"{name}: name the example's request (examples, with a summary)"
        for example_name, example in content.get("examples", {}).items():
            found[name, example_name] = resolve(example, SPEC)["value"]
    return found


def event_answer(event: dict) -> dict:
    return invoke(event).json


def fields_at_fault():
    return event_answer(load_event("create-user", body={"name": "", "email": "bad"}))


def missing_id():
    return event_answer(load_event("get-user-missing-id"))


def bad_page():
    return event_answer(load_event("list-users", query={"limit": "0", "nextToken": "bogus"}))


def not_an_object():
    return event_answer(load_event("update-user", query={"id": create()["id"]}, body=[]))


def no_such_user():
    return event_answer(load_event("get-user"))


def email_taken():
    create(email="ada@example.com")
    return event_answer(load_event("create-user", body={"name": "Ada", "email": "ADA@example.com"}))


def stale_etag():
    user = create()
    invoke(load_event("update-user", query={"id": user["id"]}, body={"name": "Ada King"}, headers={"If-Match": None}))
    return event_answer(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": '"1"'}))


def over_limit():
    return event_answer(load_event("create-user-too-large"))


def form_body():
    return event_answer(load_event("create-user-not-json"))


def reused_key():
    first = load_event("create-user", headers={"Idempotency-Key": '"8e03978e-40d5-43e8-bc93-6894a57f9324"'})
    assert invoke(first).status == 201
    other_body = {**first, "body": '{"name": "Ada King", "email": "ada@example.com"}'}
    return event_answer(other_body)


def store_unreachable():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
        app.store.cache_clear()
        return event_answer(load_event("get-user"))


def no_token():
    # API Gateway's authorizer answers first; the function, checking the claims
    # again, must answer the same.
    client, _ = gateway_client()
    gateway = client.get("/user/get-user", query_string={"id": "A" * 22})
    assert gateway.status_code == 401
    function = event_answer(load_event("get-user", claims=None))
    assert function == gateway.get_json()
    return function


def gateway_client():
    flask_app, _ = create_app(api_keys=["a-key-of-the-usage-plan"])
    return flask_app.test_client(), flask_app.extensions["cognito"].pool


def no_api_key():
    client, pool = gateway_client()
    token = pool.issue("users/write")
    answer = client.post(
        "/user/create", json={"name": "Ada", "email": "ada@example.com"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 403
    return answer.get_json()


def no_api_key_on_update():
    client, pool = gateway_client()
    token = pool.issue("users/write")
    answer = client.put(
        "/user/update",
        query_string={"id": "A" * 22},
        json={"name": "Ada"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 403
    return answer.get_json()


def not_owner():
    user = create()
    claims = load_event("update-user")["requestContext"]["authorizer"]["claims"]
    other = {**claims, "sub": "another-client", "client_id": "another-client", "scope": "users/write"}
    return event_answer(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": None}, claims=other))


def blocked_by_waf():
    # AWS WAF runs in AWS only: API Gateway answers its blocks with the WAF_FILTERED
    # gateway response, whose template uses no $context variable.
    response = SPEC["x-amazon-apigateway-gateway-responses"]["WAF_FILTERED"]
    assert response["statusCode"] == 403
    return json.loads(response["responseTemplates"]["application/json"])


def over_stage_rate():
    # Refused by the authorizer, after the stage throttle has counted them: the function never runs.
    client, _ = gateway_client()
    for _ in range(10_000):
        answer = client.get("/user/get-details")
        if answer.status_code == 429:
            return answer.get_json()
    pytest.fail("the stage throttle never answered 429")


REQUESTS = {
    ("BadRequest", "fieldsAtFault"): fields_at_fault,
    ("BadRequest", "missingId"): missing_id,
    ("BadRequest", "badPage"): bad_page,
    ("BadRequest", "notAnObject"): not_an_object,
    ("UserNotFound", "noSuchUser"): no_such_user,
    ("Conflict", "emailTaken"): email_taken,
    ("PreconditionFailed", "staleETag"): stale_etag,
    ("PayloadTooLarge", "overLimit"): over_limit,
    ("UnsupportedMediaType", "formBody"): form_body,
    ("IdempotencyKeyReused", "reusedKey"): reused_key,
    ("ServiceUnavailable", "storeUnreachable"): store_unreachable,
    ("Unauthorized", "noToken"): no_token,
    ("Forbidden", "noApiKey"): no_api_key,
    ("ForbiddenWrite", "noApiKeyOnUpdate"): no_api_key_on_update,
    ("ForbiddenWrite", "notOwner"): not_owner,
    ("TooManyRequests", "overStageRate"): over_stage_rate,
    ("Blocked", "blockedByWaf"): blocked_by_waf,
}
EXAMPLES = error_examples()


def test_every_error_example_has_its_request_here():
    assert set(EXAMPLES) == set(REQUESTS)


@pytest.mark.parametrize("key", sorted(EXAMPLES), ids=lambda key: "/".join(key))
def test_an_error_example_is_the_answer_to_its_request(dynamodb, key):
    assert REQUESTS[key]() == EXAMPLES[key]
