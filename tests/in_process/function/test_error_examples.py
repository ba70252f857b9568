"""Every error example in openapi.yaml is the answer to the request its summary
names: each the function answers is sent here, as an API Gateway event into the
handler (against moto), and the whole body compared. Those only API Gateway
answers are sent to the local API's gateway (tests/in_process/gateway/test_gateway_examples.py)."""

import json

import pytest

from tests.in_process.function.conftest import create, invoke, load_event
from tests.support.examples import GATEWAY_ANSWERED, error_examples
from tools.spec import openapi
from users_api import app


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
    # API Gateway's authorizer answers first (tests/in_process/gateway/test_gateway_examples.py);
    # the function, checking the claims again, must answer the same.
    return event_answer(load_event("get-user", claims=None))


def not_owner():
    user = create()
    claims = load_event("update-user")["requestContext"]["authorizer"]["claims"]
    other = {**claims, "sub": "another-client", "client_id": "another-client", "scope": "users/write"}
    return event_answer(load_event("update-user", query={"id": user["id"]}, headers={"If-Match": None}, claims=other))


def blocked_by_waf():
    # AWS WAF runs in AWS only: API Gateway answers its blocks with the WAF_FILTERED
    # gateway response, whose template uses no $context variable.
    response = openapi()["x-amazon-apigateway-gateway-responses"]["WAF_FILTERED"]
    assert response["statusCode"] == 403
    return json.loads(response["responseTemplates"]["application/json"])


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
    ("ForbiddenWrite", "notOwner"): not_owner,
    ("Blocked", "blockedByWaf"): blocked_by_waf,
}
EXAMPLES = error_examples()


def test_every_error_example_has_its_request_here_or_at_the_gateway():
    assert set(EXAMPLES) == set(REQUESTS) | GATEWAY_ANSWERED


@pytest.mark.parametrize("key", sorted(REQUESTS), ids=lambda key: "/".join(key))
def test_an_error_example_is_the_answer_to_its_request(dynamodb, key):
    assert REQUESTS[key]() == EXAMPLES[key]
