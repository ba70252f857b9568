"""Requests broken at the HTTP level, which only exist as bytes on the wire. The local API
must still answer a 4xx with a JSON message, and change nothing."""

import pytest

from tests.over_http.hostile.corpus import FRAMING
from tests.over_http.hostile.known_wrong import KNOWN_WRONG_FRAMING, as_recorded, marked
from tests.over_http.hostile.sending import fill
from tests.support.hardening import assert_rejected_properly, send_raw

CASES = marked(list(FRAMING.items()), KNOWN_WRONG_FRAMING, case_id=lambda case: case[0])


@pytest.mark.parametrize("case", CASES, ids=list(FRAMING))
def test_broken_http_is_refused_with_json(hostile_api, case):
    name, data = case
    data = fill(data, hostile_api.ids, hostile_api.server.api_key, hostile_api.token)
    before = hostile_api.store.before()
    answer = send_raw(hostile_api.port, data)
    after = hostile_api.store.after(before)
    request_line = data.split(b"\r\n", 1)[0].split(b" ")
    route = request_line[1].partition(b"?")[0].decode("latin-1") if len(request_line) == 3 else "/"
    method = request_line[0].decode("latin-1")
    with as_recorded(KNOWN_WRONG_FRAMING.get(name), answer.status):
        assert after == before, "the store changed"
        assert_rejected_properly(route, method, answer.status, answer.headers, answer.body, data)
