"""AWS WAF in front of a REST API's stage (fixtures/firewall): its web ACL's rules
applied before API Gateway, over HTTP. Each expectation is WAF's documented behaviour:
rate-based rules https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html,
custom responses https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html,
a plain block through API Gateway its WAF_FILTERED gateway response, 403 "Forbidden"
(https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)."""

import json
import socket
from pathlib import Path

import pytest
import requests
from werkzeug import Request
from werkzeug.test import EnvironBuilder

from sam_local_api import waf
from sam_local_api.project import Project
from sam_local_api.testing import LocalApiServer

TEMPLATE = Path(__file__).parent / "fixtures" / "firewall" / "template.yaml"
TOKEN = {"Authorization": "Bearer anything"}  # the API has no authorizer: WAF only looks at the header


@pytest.fixture
def firewalled():
    server = LocalApiServer("--template", str(TEMPLATE)).wait_ready()
    yield server
    assert server.stop() == 0


def send(server, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(method, server.url + path, timeout=10, **kwargs)


def test_one_addresss_anonymous_requests_past_the_limit_get_the_rules_custom_response(firewalled):
    anonymous = [send(firewalled, "GET", f"/hello/{n}") for n in range(11)]
    assert [answer.status_code for answer in anonymous] == [200] * 10 + [429]
    assert (anonymous[-1].json(), anonymous[-1].headers["Retry-After"]) == ({"message": "slow down"}, "60")
    # The scope-down leaves out requests with a token: they are neither counted nor blocked.
    assert send(firewalled, "GET", "/hello/again", headers=TOKEN).status_code == 200


def test_a_plain_block_is_api_gateways_waf_filtered_and_the_rest_passes(firewalled):
    for path in ("/admin", "/Admin/users"):  # the rule lower-cases the path first
        blocked = send(firewalled, "GET", path, headers=TOKEN)
        assert (blocked.status_code, blocked.json()) == (403, {"message": "Forbidden"})
    assert send(firewalled, "GET", "/administrators-are-elsewhere", headers=TOKEN).status_code == 403
    assert send(firewalled, "GET", "/hello/admin", headers=TOKEN).status_code == 200


def test_a_rate_keyed_on_a_header_counts_each_value_and_only_what_its_scope_down_matches(firewalled):
    def write(key: str, **body):
        return send(firewalled, "POST", "/users", headers={**TOKEN, "x-api-key": key}, **body).status_code

    assert [write("one", json={"email": f"u{n}@example.org"}) for n in range(11)] == [200] * 10 + [429]
    assert write("two", json={"email": "u@example.org"}) == 200  # another key, its own count
    assert write("one", json={"name": "no email"}) == 200  # no /email: out of scope
    assert write("one", data="email=u@example.org") == 200  # not JSON, and NO_MATCH says so
    # No x-api-key: not every part of the key is there, so the request is not counted.
    assert send(firewalled, "POST", "/users", headers=TOKEN, json={"email": "u@example.org"}).status_code == 200


def test_what_is_not_applied_is_named_at_start_and_no_throttle_lifts_the_rates():
    server = LocalApiServer("--template", str(TEMPLATE), "--no-throttle").wait_ready()
    try:
        assert {send(server, "GET", "/hello").status_code for _ in range(15)} == {200}
        assert send(server, "GET", "/admin", headers=TOKEN).status_code == 403
    finally:
        assert server.stop() == 0
    warned = [line for line in server.stderr.splitlines() if line.startswith("warning: not emulated: ")]
    assert any("Firewall rule KnownBadInputs: ManagedRuleGroupStatement" in line for line in warned), warned
    assert any("Firewall rate-based rules: block from the first request over the limit" in line for line in warned)


# API Gateway's size limits come before the firewall reads anything (steps/request_limits.py),
# and whatever a step raises stays inside the chain.


def raw(server, data: bytes) -> tuple[int, bytes]:
    """These bytes to the server; the answer's status and body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        answer = b"".join(iter(lambda: connection.recv(65536), b""))
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_api_gateways_size_limits_come_before_the_firewall_reads_or_counts_anything(firewalled):
    """One server for the three cases, the anonymous count checked last."""
    # Request line and headers over 10,240 bytes: refused, and not counted.
    padding = {"X-Padding": "p" * 10240}
    assert [send(firewalled, "GET", "/hello", headers=padding).status_code for _ in range(11)] == [431] * 11
    # The email rule's scope-down reads JSON bodies: a body past 10 MB never gets that far.
    body = json.dumps({"email": "u@example.org", "padding": "p" * (10 * 1024 * 1024)})
    answer = send(firewalled, "POST", "/users", headers={**TOKEN, "Content-Type": "application/json"}, data=body)
    assert (answer.status_code, answer.json()) == (413, {"message": "Request Too Long"})
    # A body its framing breaks: a JSON 400 (it raised in the firewall: an HTML 500, no log line).
    bad_chunk = (
        b"POST /users HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
    )
    status, answered = raw(firewalled, bad_chunk)
    assert (status, json.loads(answered)) == (400, {"message": "Bad Request"})
    assert "POST /users 400 " in firewalled.stderr
    # The anonymous limit (10) is still whole.
    assert [send(firewalled, "GET", f"/hello/{n}").status_code for n in range(11)] == [200] * 10 + [429]


def test_a_rate_rules_counter_forgets_the_keys_whose_window_has_passed(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(waf.time, "monotonic", lambda: now[0])
    acl = waf.web_acls(Project(TEMPLATE).deployed["Resources"])["ServerlessRestApi"]
    (rule,) = [rule for rule in acl.rules if rule.name == "EmailsPerKey"]
    for n in range(50):
        request = EnvironBuilder(
            path="/users", method="POST", json={"email": "u@example.org"}, headers={"x-api-key": f"key-{n}"}
        )
        assert not rule.matches(request.get_request(Request))
    assert len(rule.rate.seen) == 50
    now[0] += rule.rate.window + waf.SWEEP_SECONDS
    another = EnvironBuilder(path="/users", method="POST", json={"email": "u@example.org"}, headers={"x-api-key": "k"})
    assert not rule.matches(another.get_request(Request))
    assert len(rule.rate.seen) == 1
