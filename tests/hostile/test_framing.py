"""Requests broken at the HTTP level, which only exist as bytes on the wire. The local API
must still answer a 4xx with a JSON message, and change nothing."""

import pytest

from tests.hostile.corpus import FRAMING
from tests.hostile.known_wrong import KNOWN_WRONG_FRAMING
from tests.hostile.sending import fill
from tests.support.hardening import assert_rejected_properly, send_raw

CASES = [
    pytest.param(name, data, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_WRONG_FRAMING[name])])
    if name in KNOWN_WRONG_FRAMING
    else pytest.param(name, data)
    for name, data in FRAMING.items()
]


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name in FRAMING])
def test_broken_http_is_refused_with_json(hostile_api, name, data):
    data = fill(data, hostile_api.ids, hostile_api.server.api_key, hostile_api.token)
    before = hostile_api.store.before()
    answer = send_raw(hostile_api.port, data)
    after = hostile_api.store.after(before)
    request_line = data.split(b"\r\n", 1)[0].split(b" ")
    route = request_line[1].partition(b"?")[0].decode("latin-1") if len(request_line) == 3 else "/"
    method = request_line[0].decode("latin-1")
    assert after == before, "the store changed"
    assert_rejected_properly(route, method, answer.status, answer.headers, answer.body, data)
