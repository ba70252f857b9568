"""The hostile corpus as API Gateway events to lambda_handler (moto's in-process DynamoDB):
each is refused with its documented 4xx, a JSON message, nothing revealed, and the store
left as it was."""

import json

import pytest

from tests.over_http.hostile.corpus import CORPUS
from tests.over_http.hostile.known_wrong import KNOWN_WRONG_EVENT, as_recorded, marked
from tests.over_http.hostile.sending import event
from tests.support.hardening import assert_rejected_properly
from users_api import app

EVENT_CASES = [case for case in CORPUS if case.event is not None]


@pytest.mark.parametrize("case", marked(EVENT_CASES, KNOWN_WRONG_EVENT), ids=lambda case: case.id)
def test_refused_as_an_event(hostile_handler, case):
    request = event(case, hostile_handler.ids)
    before = hostile_handler.store.before()
    answer = app.lambda_handler(request, None)
    after = hostile_handler.store.after(before)
    body = answer["body"].encode("utf-8")
    shown_request = json.dumps(request, ensure_ascii=False).encode("utf-8", "surrogatepass")
    route = request["path"]
    status = answer["statusCode"]
    with as_recorded(KNOWN_WRONG_EVENT.get(case.id), status):
        assert_rejected_properly(route, request["httpMethod"], status, answer["headers"], body, shown_request)
        assert status == case.event_expect, answer["body"][:300]
        assert after == before, "the store changed"
