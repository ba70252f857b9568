"""A few clients writing and reading through the local API while the store comes and goes,
and what their answers imply about the store."""

import http.client
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.support.contract import check
from tools.store import user_of
from users_api.store import email_key

NEEDS_NO_STORE = {"invalid-id", "unknown-path"}


@dataclass
class Call:
    op: str
    method: str
    path: str
    body: dict | None
    user_id: str | None
    started: float
    ended: float
    status: int  # 0: no answer at all
    headers: dict
    payload: dict | None


class Workload:
    def __init__(self, server, clients: int = 4, seed: int = 7):
        self.server = server
        # One token for the run: it outlives any run here (15 minutes), and the token
        # endpoint is no part of what the outage tests.
        self.credentials = server.credentials()
        self.calls: list[Call] = []
        self.live: list[str] = []
        self._lock = threading.Lock()
        # Told of every answer: the tests wait on what the answers say, not on the clock.
        self._answered = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._idle = [threading.Event() for _ in range(clients)]
        self._threads = [
            threading.Thread(target=self._client, args=(n, random.Random(seed + n)), daemon=True)
            for n in range(clients)
        ]
        self._emails = 0

    def start(self) -> "Workload":
        for thread in self._threads:
            thread.start()
        return self

    def pause(self) -> None:
        """Let the requests in flight finish, and send no more until resume()."""
        self._running.clear()
        for idle in self._idle:
            assert idle.wait(timeout=60), "a client did not come to rest"

    def resume(self) -> None:
        self._running.set()

    def wait_until(self, condition: Callable[[list[Call]], bool], what: str, timeout: float = 60) -> None:
        """Block until `condition` holds of the calls answered so far (checked at each answer)."""
        with self._answered:
            if not self._answered.wait_for(lambda: condition(self.calls), timeout=timeout):
                raise AssertionError(f"the workload never saw {what} (waited {timeout} s)")

    def stop(self) -> None:
        self._stop.set()
        self._running.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _client(self, number: int, rng: random.Random) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        while not self._stop.is_set():
            if not self._running.is_set():
                self._idle[number].set()
                self._running.wait()
                self._idle[number].clear()
                continue
            op, method, path, body, user_id = self._next(rng)
            headers = {**self.credentials, "Content-Type": "application/json"}
            started = time.monotonic()
            try:
                connection.request(method, path, None if body is None else json.dumps(body), headers)
                response = connection.getresponse()
                payload = json.loads(response.read())
                status, answer_headers = response.status, dict(response.getheaders())
            except (OSError, http.client.HTTPException):
                connection.close()
                status, answer_headers, payload = 0, {}, None
            call = Call(op, method, path, body, user_id, started, time.monotonic(), status, answer_headers, payload)
            with self._lock:
                self.calls.append(call)
                if op == "create" and status == 201:
                    self.live.append(payload["user"]["id"])
                if op == "delete" and status == 200 and user_id in self.live:
                    self.live.remove(user_id)
                self._answered.notify_all()
        self._idle[number].set()
        connection.close()

    def _next(self, rng: random.Random):
        with self._lock:
            user_id = rng.choice(self.live) if self.live else None
            self._emails += 1
            email = f"fault-{self._emails}@example.com"
        roll = rng.random()
        if user_id is None or roll < 0.30:
            return "create", "POST", "/user/create", {"name": f"User {self._emails}", "email": email}, None
        if roll < 0.45:
            return "get", "GET", f"/user/get-user?id={user_id}", None, user_id
        if roll < 0.60:
            return "update", "PUT", f"/user/update?id={user_id}", {"name": f"Name {rng.random()}"}, user_id
        if roll < 0.72:
            return "update-email", "PUT", f"/user/update?id={user_id}", {"email": email}, user_id
        if roll < 0.82:
            return "delete", "DELETE", f"/user/delete?id={user_id}", None, user_id
        if roll < 0.90:
            return "list", "GET", "/user/get-details?limit=5", None, None
        if roll < 0.95:
            return "invalid-id", "GET", "/user/get-user?id=not-an-id", None, None
        return "unknown-path", "GET", "/no/such/path", None, None


def check_answers(calls: list[Call]) -> None:
    """Every answer documented, with a JSON message; a 503 says when to come back; no other 5xx."""
    for call in calls:
        assert call.status != 0, f"no answer to {call.method} {call.path}"
        assert call.status < 500 or call.status == 503, f"{call.method} {call.path} answered {call.status}"
        assert isinstance(call.payload.get("message"), str), call.payload
        check(call.path.partition("?")[0], call.method, call.status, call.headers, call.payload)
        if call.status == 503:
            assert int(call.headers["Retry-After"]) >= 1, call.headers


def whole_pairs(users: dict[str, dict], emails: dict[str, str]) -> list[str]:
    """No half of a write: each user has the email item of its email, and each email item its user."""
    problems = []
    for user_id, item in users.items():
        key = email_key(item["email"]["S"])
        if emails.get(key) != user_id:
            problems.append(f"user {user_id} ({key}) has no email item of its own: {emails.get(key)!r}")
    for key, user_id in emails.items():
        if user_id not in users or email_key(users[user_id]["email"]["S"]) != key:
            problems.append(f"email item {key} points to {user_id}, which is not a user with that email")
    return problems


def answered_state(calls) -> tuple[dict[str, dict], set[str], set[str]]:
    """From the successful answers: each user's last answered state, the ids created, the ids deleted."""
    latest: dict[str, dict] = {}
    created, deleted = set(), set()
    for call in calls:
        if call.status not in (200, 201):
            continue
        if call.op == "create":
            created.add(call.payload["user"]["id"])
        if call.op == "delete":
            deleted.add(call.user_id)
        for user in [call.payload.get("user"), *call.payload.get("users", [])]:
            if user and (user["id"] not in latest or user["version"] > latest[user["id"]]["version"]):
                latest[user["id"]] = user
    return latest, created, deleted


def as_answered(
    calls: list[Call], users: dict[str, dict], after: float = 0.0, before: float = float("inf")
) -> list[str]:
    """The users table against the answers of calls that began after `after` and ended before `before`:
    each user created then (201) is there with its last answered state, unless deleted (200)."""
    latest, created, deleted = answered_state(c for c in calls if c.started >= after and c.ended <= before)
    problems = []
    for user_id in created:
        stored = user_of(users[user_id]) if user_id in users else None
        if user_id in deleted and stored is not None:
            problems.append(f"user {user_id} was deleted (200) but is stored: {stored}")
        elif user_id not in deleted and stored != latest[user_id]:
            problems.append(f"user {user_id} is stored as {stored}, last answered as {latest[user_id]}")
    return problems
