"""The store goes away in the middle of a run, then comes back.

Meanwhile every request that needs the store answers 503 with Retry-After (and the
rest answer as usual); no write survives in half (a user without its email item,
or an email item without its user); and the API serves again by itself when the
store returns, without being restarted.

Two ways for the store to go away:
- its server is killed and started again. moto keeps its data in memory, so the
  restarted store is empty: the tables are created again from template.yaml, as
  one would after restarting DynamoDB Local without -sharedDb files. What must
  hold before the kill is checked before it, the rest after the restart.
- the network to it is cut (a proxy in front drops every connection and refuses
  new ones) and then restored, while the store keeps its data: the writes that
  were in flight when the cut came must have happened wholly or not at all.
"""

import http.client
import json
import threading
import time

import pytest
from sam_local_api.dynamodb import EmbeddedDynamoDB
from sam_local_api.testing import LocalApiServer

from tests.over_http.faults.proxy import CuttableProxy
from tests.over_http.faults.workload import (
    NEEDS_NO_STORE,
    Workload,
    answered_state,
    as_answered,
    check_answers,
    whole_pairs,
)
from tests.support.hardening import StoreSnapshot
from tests.support.local_api import this_api
from tools.store import create_tables, store_client, user_of
from users_api.store import email_key

WRITES = {"create", "update", "update-email", "delete"}


def get_status(server, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path, headers=server.credentials("users/read"))
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_served(server, timeout: float = 20) -> float:
    """Seconds until the API answers a read of the store with 200 again."""
    started = time.monotonic()
    while get_status(server, "/user/get-details?limit=1") != 200:
        assert time.monotonic() - started < timeout, "the API did not recover by itself"
        time.sleep(0.05)
    return time.monotonic() - started


# How much of each phase the tests wait for: enough answers of the kind that phase is
# about, whatever the machine's speed (no fixed sleeps).
ANSWERS_PER_PHASE = 8


def users_created(since: float = 0.0, count: int = ANSWERS_PER_PHASE):
    """Whether `count` creates begun after `since` were answered 201."""
    return lambda calls: sum(c.op == "create" and c.status == 201 and c.started > since for c in calls) >= count


def answered(since: float, count: int = ANSWERS_PER_PHASE):
    """Whether `count` requests begun after `since` were answered, whatever the answer."""
    return lambda calls: sum(c.started > since for c in calls) >= count


def refused_while_away(down: float, count: int = ANSWERS_PER_PHASE):
    """Whether `count` requests that need the store, begun while it was away, were answered 503."""
    return lambda calls: sum(c.status == 503 and c.started > down + 0.05 for c in calls) >= count


def served_again(since: float, count: int = ANSWERS_PER_PHASE):
    """Whether `count` requests that need the store, begun after `since`, succeeded."""
    return lambda calls: sum(c.status in (200, 201) and c.started > since for c in calls) >= count


def assert_503_while_away(calls, down: float, up: float) -> int:
    """Requests begun and answered while the store was away: 503 if they need it, else as usual."""
    during = [call for call in calls if call.started > down + 0.05 and call.ended < up]
    for call in during:
        if call.op in NEEDS_NO_STORE:
            assert call.status in (400, 404), call
        else:
            assert call.status == 503, f"{call.method} {call.path} answered {call.status} while the store was away"
    return sum(call.status == 503 for call in during)


@pytest.fixture
def store():
    server = EmbeddedDynamoDB().start()
    yield server
    server.stop()


def start_api(endpoint: str) -> LocalApiServer:
    server = this_api("--no-throttle", "--dynamodb-endpoint", endpoint).wait_ready()
    assert get_status(server, "/user/get-details") == 200  # warm
    return server


def test_store_killed_and_restarted(store):
    api = start_api(store.endpoint)
    snapshot = StoreSnapshot(store.endpoint)
    workload = Workload(api)
    try:
        workload.start()
        workload.wait_until(users_created(), "users created before the kill")
        # Before the kill: what the answers said is what the store holds, in whole pairs.
        workload.pause()
        users, emails = snapshot.take()
        assert users, "no user was created before the kill"
        assert whole_pairs(users, emails) == []
        assert as_answered(workload.calls, users) == []
        resumed = time.monotonic()
        workload.resume()

        # Killed while the clients are at it again, with requests in flight.
        workload.wait_until(answered(since=resumed), "requests answered after the pause")
        store.stop(kill=True)
        down = time.monotonic()
        workload.wait_until(refused_while_away(down), "503s while the store was down")
        restarted = time.monotonic()
        store.start()
        create_tables(store_client(store.endpoint))
        recovery = wait_until_served(api)
        workload.wait_until(served_again(since=restarted + recovery), "successes after the store came back")
        workload.stop()

        assert api.child.running, "the local API was not meant to stop"
        check_answers(workload.calls)
        assert assert_503_while_away(workload.calls, down, restarted) > 0
        answered_after = [c for c in workload.calls if c.started > restarted + recovery and c.status in (200, 201)]
        assert answered_after, "nothing succeeded after the store came back"
        users, emails = snapshot.take()
        assert whole_pairs(users, emails) == []
        created = {c.payload["user"]["id"] for c in workload.calls if c.op == "create" and c.status == 201}
        assert users.keys() <= created, "a user no answer created is in the store"
        assert as_answered(workload.calls, users, after=restarted) == []
        report("killed", workload.calls, down, restarted, recovery)
    finally:
        workload.stop()
        api.stop()


def test_network_to_the_store_cut_and_restored(store):
    proxy = CuttableProxy(store.port).start()
    api = start_api(proxy.endpoint)
    snapshot = StoreSnapshot(store.endpoint)
    workload = Workload(api)
    try:
        workload.start()
        workload.wait_until(users_created(), "users created before the cut")
        proxy.cut()
        down = time.monotonic()
        workload.wait_until(refused_while_away(down), "503s while the network was cut")
        restored = time.monotonic()
        proxy.start()
        recovery = wait_until_served(api)
        workload.wait_until(served_again(since=restored + recovery), "successes after the network came back")
        workload.stop()

        assert api.child.running
        check_answers(workload.calls)
        assert assert_503_while_away(workload.calls, down, restored) > 0
        users, emails = snapshot.take()
        assert whole_pairs(users, emails) == []
        assert_store_matches_answers(workload.calls, users)
        report("cut", workload.calls, down, restored, recovery)
    finally:
        workload.stop()
        api.stop()
        proxy.cut()


def report(how: str, calls, down: float, up: float, recovery: float) -> None:
    """Figures for the record (pytest -s shows them)."""
    statuses = {}
    for call in calls:
        statuses[call.status] = statuses.get(call.status, 0) + 1
    away = [c for c in calls if down <= c.started <= up]
    print(
        f"store {how}: {len(calls)} requests {dict(sorted(statuses.items()))}; "
        f"{len(away)} begun while away ({sum(c.status == 503 for c in away)} answered 503); "
        f"served again {recovery:.2f} s after it came back"
    )


def assert_store_matches_answers(calls, users: dict[str, dict]) -> None:
    """What the answers imply, allowing for writes answered 503 that may or may not have happened
    (the cut can lose the store's answer to a write it made): such a write is there wholly or not
    at all, which whole_pairs checked."""
    unsure = {c.user_id for c in calls if c.op in WRITES and c.status == 503 and c.user_id}
    unsure_creates = [c.body for c in calls if c.op == "create" and c.status == 503]
    latest, created, deleted = answered_state(calls)
    for user_id in created:
        stored = user_of(users[user_id]) if user_id in users else None
        if user_id in deleted:
            assert stored is None, f"user {user_id} was deleted (200) but is stored"
        elif user_id in unsure:
            assert stored is None or stored["version"] >= latest[user_id]["version"], (stored, latest[user_id])
        else:
            assert stored == latest[user_id]
    for user_id in users.keys() - created:
        stored = user_of(users[user_id])
        assert any(email_key(body["email"]) == email_key(stored["email"]) for body in unsure_creates), (
            f"user {user_id} is in the store, but neither a 201 nor a 503 answer created it: {stored}"
        )
    print(f"writes answered 503 that may or may not have happened: {len(unsure) + len(unsure_creates)}")


def test_a_create_whose_answer_the_network_lost(store):
    """The store creates the user, but its answer never arrives: the API's DynamoDB client
    times out and sends the same transaction again. DynamoDB answers that retry as it
    answered the first (TransactWriteItems is idempotent by its ClientRequestToken)."""
    proxy = CuttableProxy(store.port).start()
    api = start_api(proxy.endpoint)
    snapshot = StoreSnapshot(store.endpoint)
    try:
        answer = {}

        def create():
            connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=60)
            body = '{"name": "Ada Lovelace", "email": "lost-answer@example.com"}'
            connection.request("POST", "/user/create", body, {**api.credentials(), "Content-Type": "application/json"})
            response = connection.getresponse()
            answer.update(status=response.status, headers=dict(response.getheaders()), body=response.read())

        proxy.swallowing = True
        sender = threading.Thread(target=create)
        sender.start()
        deadline = time.monotonic() + 10
        while not snapshot.users():
            assert time.monotonic() < deadline, "the store never created the user"
            time.sleep(0.02)
        proxy.swallowing = False
        sender.join(timeout=30)

        users, emails = snapshot.take()
        assert whole_pairs(users, emails) == []
        assert len(users) == 1
        assert answer["status"] == 201, answer
        assert json.loads(answer["body"])["user"] == user_of(next(iter(users.values())))
    finally:
        api.stop()
        proxy.cut()
