"""The hostile corpus as raw HTTP to the local API: each is refused with its documented 4xx,
a JSON message, nothing revealed, and the store left as it was."""

import pytest

from tests.over_http.hostile.corpus import CORPUS
from tests.over_http.hostile.known_wrong import KNOWN_WRONG_HTTP, as_recorded, marked
from tests.over_http.hostile.sending import http_request, http_route
from tests.support.hardening import assert_rejected_properly, send_raw


@pytest.mark.parametrize("case", marked(CORPUS, KNOWN_WRONG_HTTP), ids=lambda case: case.id)
def test_refused_over_http(hostile_api, case):
    data = http_request(case, hostile_api.ids, hostile_api.server.api_key, hostile_api.token)
    before = hostile_api.store.before()
    answer = send_raw(hostile_api.port, data, case.method.decode())
    after = hostile_api.store.after(before)
    method = case.method.decode("latin-1")
    with as_recorded(KNOWN_WRONG_HTTP.get(case.id), answer.status):
        assert_rejected_properly(http_route(case), method, answer.status, answer.headers, answer.body, data)
        assert answer.status == case.expect, answer.body[:300]
        assert after == before, "the store changed"
