"""Concurrent writes through the local API: emails stay unique, If-Match admits one writer,
and no update is lost.

The store is the local API's embedded one, which answers one request at a time
as DynamoDB isolates transactions (moto alone is not safe under concurrent
transactions: see local_api/dynamodb.py).
"""

import http.client
import json
from collections import Counter

import pytest

from tests.support.contract import check
from tests.support.hardening import StoreSnapshot
from tests.support.local_api import project_copy, this_api
from tests.support.racing import all_at_once
from users_api.store import email_key


@pytest.fixture(scope="module")
def racing_api(tmp_path_factory):
    """A local API on its own store, throttling off: the usage plan allows a burst of 200
    writes per key, and a 429 would say nothing about races. The function may run 60 s,
    not the deployed 10: the embedded store answers one request at a time, so on a busy
    machine the last of 100 racing writers can wait longer than 10 s for its turns, and
    the races, not the time, are under test."""
    template = project_copy(tmp_path_factory.mktemp("racing"), {"Timeout: 10\n": "Timeout: 60\n"})
    server = this_api("--no-throttle", "--template", str(template)).wait_ready()
    server.snapshot = StoreSnapshot(server.store_endpoint)
    server.bearer = f"Bearer {server.token(scope='users/read users/write')}"
    # Warm: a cold start imports the function under a lock, which would line the racers up.
    request(server, "GET", "/user/get-details")
    yield server
    server.stop()


def request(server, method: str, path: str, body=None, headers=None, connection=None):
    """One request, its answer checked against openapi.yaml: (status, headers, JSON)."""
    connection = connection or http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    all_headers = {
        "Authorization": server.bearer,
        "x-api-key": server.api_key,
        "Content-Type": "application/json",
        **(headers or {}),
    }
    connection.request(method, path, None if body is None else json.dumps(body), all_headers)
    response = connection.getresponse()
    payload = json.loads(response.read())
    connection.close()
    answer_headers = dict(response.getheaders())
    check(path.partition("?")[0], method, response.status, answer_headers, payload)
    return response.status, answer_headers, payload


def concurrently(server, requests: list[tuple]) -> list[tuple]:
    """Send every (method, path, body, headers) at once: connected first, released by one barrier."""
    connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=120) for _ in requests]
    for connection in connections:
        connection.connect()
    answers = all_at_once(
        [
            lambda sent=sent, connection=connection: request(server, *sent, connection=connection)
            for sent, connection in zip(requests, connections, strict=True)
        ]
    )
    failures = [answer for answer in answers if isinstance(answer, BaseException)]
    assert not failures, (failures[:3], server.stderr[-3000:])
    return answers


def create(server, name: str, email: str) -> dict:
    status, _, payload = request(server, "POST", "/user/create", {"name": name, "email": email})
    assert status == 201, payload
    return payload["user"]


def stored_user(server, user_id: str) -> dict:
    status, _, payload = request(server, "GET", f"/user/get-user?id={user_id}")
    assert status == 200, payload
    return payload["user"]


def vary_case(email: str, i: int) -> str:
    """The same email, its letters upper-cased by the bits of i: A@x.io and a@x.io collide."""
    return "".join(c.upper() if (i >> (n % 20)) & 1 else c for n, c in enumerate(email))


def test_50_concurrent_creates_with_one_email_make_one_user(racing_api):
    users_before, emails_before = racing_api.snapshot.take()
    email = "race-create@example.com"
    answers = concurrently(
        racing_api,
        [("POST", "/user/create", {"name": f"Racer {i}", "email": vary_case(email, i)}, None) for i in range(50)],
    )
    assert Counter(status for status, _, _ in answers) == {201: 1, 409: 49}
    winner = next(payload["user"] for status, _, payload in answers if status == 201)
    users, emails = racing_api.snapshot.take()
    assert users.keys() - users_before.keys() == {winner["id"]}
    assert [uid for uid, item in users.items() if email_key(item["email"]["S"]) == email] == [winner["id"]]
    assert emails.keys() - emails_before.keys() == {email}
    assert emails[email] == winner["id"]
    assert stored_user(racing_api, winner["id"]) == winner


@pytest.mark.parametrize("change", ["name", "email"])
def test_20_concurrent_updates_with_one_if_match_let_one_through(racing_api, change):
    user = create(racing_api, "Ada Lovelace", f"if-match-{change}@example.com")
    bodies = [{"name": f"Writer {i}"} if change == "name" else {"email": f"writer-{i}@example.com"} for i in range(20)]
    answers = concurrently(
        racing_api, [("PUT", f"/user/update?id={user['id']}", body, {"If-Match": '"1"'}) for body in bodies]
    )
    assert Counter(status for status, _, _ in answers) == {200: 1, 412: 19}
    winner = next(payload["user"] for status, _, payload in answers if status == 200)
    assert winner["version"] == 2
    assert stored_user(racing_api, user["id"]) == winner
    _, emails = racing_api.snapshot.take()
    claimed = {email for email, owner in emails.items() if owner == user["id"]}
    assert claimed == {email_key(winner["email"])}


def test_100_concurrent_updates_without_if_match_all_succeed_and_lose_nothing(racing_api):
    updates_lose_nothing(racing_api, "lost-update@example.com", [{"name": f"Writer {i}"} for i in range(100)])


def test_100_concurrent_updates_half_of_them_changing_the_email_all_succeed(racing_api):
    bodies = [{"email": f"writer-{i}@example.org"} if i % 2 else {"name": f"Writer {i}"} for i in range(100)]
    updates_lose_nothing(racing_api, "lost-email-update@example.com", bodies)


def updates_lose_nothing(server, email: str, bodies: list[dict]) -> None:
    """Every update answered 200 with a version of its own, showing its own change; the stored user
    is the last of them, and holds the last name and the last email written."""
    user = create(server, "Ada Lovelace", email)
    answers = concurrently(server, [("PUT", f"/user/update?id={user['id']}", body, None) for body in bodies])
    assert Counter(status for status, _, _ in answers) == {200: len(bodies)}
    answered = [payload["user"] for _, _, payload in answers]
    assert sorted(u["version"] for u in answered) == list(range(2, len(bodies) + 2))
    for body, answer in zip(bodies, answered, strict=True):
        assert {field: answer[field] for field in body} == body
        assert (answer["id"], answer["createdAt"]) == (user["id"], user["createdAt"])
    by_version = [body for _, body in sorted(zip(answered, bodies, strict=True), key=lambda p: p[0]["version"])]
    last_name = next((body["name"] for body in reversed(by_version) if "name" in body), user["name"])
    last_email = next((body["email"] for body in reversed(by_version) if "email" in body), user["email"])
    final = stored_user(server, user["id"])
    assert final == max(answered, key=lambda u: u["version"])
    assert (final["version"], final["name"], final["email"]) == (len(bodies) + 1, last_name, last_email)
    _, emails = server.snapshot.take()
    assert {key for key, owner in emails.items() if owner == user["id"]} == {email_key(last_email)}
