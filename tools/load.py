"""scripts/load: a bounded load run against the local API, then an exact check of the store.

Sends N mixed requests (creates, gets, lists, updates with and without If-Match,
email changes, deletes, and some invalid requests) from concurrent clients over
keep-alive connections to 127.0.0.1, each with an access token holding both
scopes and the API key, records every successful answer, and then
checks that both tables hold exactly what those answers imply: each live user
with its last answered fields and version, each deleted user gone, one email
item per live user. Exits non-zero on any 5xx, transport error, undocumented
status or mismatch.

By default it starts its own local API with the template's throttling off
(--no-throttle): the run measures the API and its store, not API Gateway's
rate limits, which 16 clients would exceed at once (usage plan: 100 requests/s,
burst 200 per key). With --throttle the limits stay on and 429s are counted as
refused requests (they never reach the function).

The store is the local API's embedded one (moto, serialised: see
sam_local_api/dynamodb.py), and the token its token endpoint's, unless --url names a
running API (then --api-key, --token or $USERS_API_TOKEN, and --store-endpoint).
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from tools.spec import openapi, operations

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TABLES = {"users": "UsersTable", "emails": "UserEmailsTable", "keys": "IdempotencyKeysTable"}
FAKE_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local", "region_name": "us-east-1"}
NO_SUCH_ID = "Z" * 22


def store_client(endpoint: str):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "dynamodb", endpoint_url=endpoint, config=Config(retries={"total_max_attempts": 1}), **FAKE_CREDENTIALS
    )


def create_tables(endpoint: str, names: dict[str, str] | None = None) -> None:
    """The template's two tables, as the local API creates them."""
    from tools.spec import create_tables as create

    names = names or TABLES
    create(
        store_client(endpoint),
        {"UsersTable": names["users"], "UserEmailsTable": names["emails"], "IdempotencyKeysTable": names["keys"]},
    )


def scan(client, table: str) -> list[dict]:
    items, kwargs = [], {"TableName": table, "ConsistentRead": True}
    while True:
        page = client.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def email_key(email: str) -> str:
    """As src/users_api/store.py keys the emails table: the NFKC case-folded email."""
    return unicodedata.normalize("NFKC", email).casefold()


def user_of(item: dict) -> dict:
    """A users-table item as the API answers it."""
    # Not the Idempotency-Key a user was created with: the store keeps it, the API does not answer it.
    user = {name: value["S"] for name, value in item.items() if "S" in value and name != "idempotencyKey"}
    user["version"] = int(item["version"]["N"])
    return user


# The run.


@dataclass
class Result:
    op: str
    status: int  # 0: no answer (transport error)
    seconds: float
    problem: str | None = None


@dataclass
class Ledger:
    """What the successful answers said, shared by the clients."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latest: dict[str, dict] = field(default_factory=dict)  # id -> the answered state with the highest version
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    live: list[str] = field(default_factory=list)  # ids to pick from
    results: list[Result] = field(default_factory=list)

    def saw(self, user: dict) -> None:
        with self.lock:
            known = self.latest.get(user["id"])
            if known is None or user["version"] > known["version"]:
                self.latest[user["id"]] = user

    def created_user(self, user: dict) -> None:
        self.saw(user)
        with self.lock:
            self.created.add(user["id"])
            self.live.append(user["id"])

    def deleted_user(self, user_id: str) -> None:
        with self.lock:
            self.deleted.add(user_id)
            if user_id in self.live:
                self.live.remove(user_id)

    def pick(self, rng: random.Random) -> dict | None:
        with self.lock:
            if not self.live:
                return None
            # A few hot users, so that clients meet on the same items.
            ids = self.live[:5] if rng.random() < 0.2 else self.live
            return dict(self.latest[rng.choice(ids)])

    def population(self) -> int:
        with self.lock:
            return len(self.live)


class Client(threading.Thread):
    """One keep-alive connection sending a random mix of requests."""

    def __init__(self, number: int, run: "Run"):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number = number
        self.run_ = run
        self.rng = random.Random(run.seed * 1000 + number)  # noqa: S311 (a reproducible mix, not secrets)
        self.connection = None
        self.emails = 0

    def run(self) -> None:
        while self.run_.take_ticket():
            try:
                self.one_request()
            except Exception as error:  # recorded, never silently lost
                self.run_.ledger.results.append(Result("client", 0, 0.0, f"{type(error).__name__}: {error}"))
                self.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send(self, op: str, method: str, path: str, query=None, body=None, headers=None, raw=None):
        """One request; the status and JSON answer, or (0, None) when none came."""
        url = path + ("?" + urlencode(query) if query else "")
        all_headers = {**self.run_.credentials, **(headers or {})}
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        if payload is not None:
            all_headers.setdefault("Content-Type", "application/json")
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.run_.host, self.run_.port, timeout=30)
        started = time.perf_counter()
        try:
            self.connection.request(method, url, body=payload, headers=all_headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            # No retry: a write sent again could apply twice.
            self.close()
            self.run_.ledger.results.append(Result(op, 0, time.perf_counter() - started, f"{type(error).__name__}"))
            return 0, None
        elapsed = time.perf_counter() - started
        problem = None
        try:
            answer = json.loads(data)
            if not isinstance(answer, dict) or not isinstance(answer.get("message"), str):
                problem = "answer without a message"
        except ValueError:
            answer, problem = None, "answer is not JSON"
        spec_op = self.run_.documented.get((path, method))
        if spec_op is not None and response.status not in spec_op:
            problem = f"{method} {path} answered {response.status}, which openapi.yaml does not document"
        if response.status >= 500:
            problem = f"{method} {path} answered {response.status}: {data[:200]!r}"
        self.run_.ledger.results.append(Result(op, response.status, elapsed, problem))
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, answer

    def one_request(self) -> None:
        ledger, rng = self.run_.ledger, self.rng
        population = ledger.population()
        # About 100 to 200 live users: creates and deletes balance out.
        if population < 100 or (population < 200 and rng.random() < 0.15):
            return self.create()
        user = ledger.pick(rng)
        if user is None:
            return self.create()
        roll = rng.random()
        if roll < 0.25:
            status, answer = self.send("get", "GET", "/user/get-user", {"id": user["id"]})
            if status == 200:
                ledger.saw(answer["user"])
        elif roll < 0.35:
            self.list_page()
        elif roll < 0.50:
            self.update(user, {"name": self.name()})
        elif roll < 0.62:
            self.update(user, {"name": self.name()}, if_match=True)
        elif roll < 0.70:
            self.update(user, {"email": self.new_email(), **({"name": self.name()} if rng.random() < 0.5 else {})})
        elif roll < 0.72:
            # Another user's email, in another case: 409, unless that user was deleted meanwhile.
            other = ledger.pick(rng)
            self.update(user, {"email": other["email"].upper()}, op="update-taken-email")
        elif roll < 0.74:
            other = ledger.pick(rng)
            body = {"name": "Taken", "email": other["email"].title()}
            status, answer = self.send("create-taken-email", "POST", "/user/create", body=body)
            if status == 201:
                ledger.created_user(answer["user"])
        elif roll < (0.90 if population > 150 else 0.82):
            status, _ = self.send("delete", "DELETE", "/user/delete", {"id": user["id"]})
            if status == 200:
                ledger.deleted_user(user["id"])
        else:
            self.invalid(user)

    def create(self) -> None:
        status, answer = self.send(
            "create", "POST", "/user/create", body={"name": self.name(), "email": self.new_email()}
        )
        if status == 201:
            self.run_.ledger.created_user(answer["user"])

    def update(self, user: dict, changes: dict, if_match: bool = False, op: str | None = None) -> None:
        headers = {"If-Match": f'"{user["version"]}"'} if if_match else {}
        op = op or ("update-email" if "email" in changes else ("update-if-match" if if_match else "update"))
        status, answer = self.send(op, "PUT", "/user/update", {"id": user["id"]}, body=changes, headers=headers)
        if status == 200:
            self.run_.ledger.saw(answer["user"])

    def list_page(self) -> None:
        query = {"limit": self.rng.randint(1, 100)}
        with self.run_.ledger.lock:
            if self.run_.ledger.live and self.rng.random() < 0.5:
                query["nextToken"] = self.rng.choice(self.run_.ledger.live)
        status, answer = self.send("list", "GET", "/user/get-details", query)
        if status == 200:
            for listed in answer["users"]:
                if listed["id"] in self.run_.ledger.created:
                    self.run_.ledger.saw(listed)

    def invalid(self, user: dict) -> None:
        kind = self.rng.randrange(8)
        if kind == 0:
            status, _ = self.send("invalid", "GET", "/user/get-user", {"id": "not-an-id"})
        elif kind == 1:
            status, _ = self.send("invalid", "POST", "/user/create", raw=b'{"name": "Ada", "email": ')
        elif kind == 2:
            status, _ = self.send(
                "invalid", "POST", "/user/create", raw=b"name=Ada", headers={"Content-Type": "text/plain"}
            )
        elif kind == 3:
            status, _ = self.send("invalid", "GET", "/no/such/path")
        elif kind == 4:
            status, _ = self.send("invalid", "PUT", "/user/update", {"id": user["id"]}, body={"name": 42})
        elif kind == 5:
            status, _ = self.send("invalid", "GET", "/user/get-details", {"nextToken": "../../etc/passwd"})
        elif kind == 6:
            status, _ = self.send(
                "invalid", "DELETE", "/user/delete", {"id": user["id"]}, headers={"x-api-key": "wrong"}
            )
        else:
            status, _ = self.send("invalid", "GET", "/user/get-user", {"id": NO_SUCH_ID})
        self.expect(status, range(400, 500), "an invalid request")

    def expect(self, status: int, allowed, what: str) -> None:
        # 429: refused by the gateway's limits (with --throttle), which is no answer about the request.
        if status and status != 429 and status not in allowed:
            self.run_.ledger.results.append(Result("check", status, 0.0, f"{what} answered {status}"))

    def name(self) -> str:
        return f"User {self.number}-{self.rng.randrange(10**6)} é"

    def new_email(self) -> str:
        self.emails += 1
        return f"load-{self.run_.tag}-{self.number}-{self.emails}@example.com"


class Run:
    def __init__(
        self, url: str, credentials: dict[str, str], requests: int, clients: int, time_limit: float, seed: int
    ):
        """`credentials`: the headers every request carries (Authorization and x-api-key)."""
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.credentials = credentials
        self.requests = requests
        self.clients = clients
        self.deadline = time.monotonic() + time_limit
        self.seed = seed
        self.tag = f"{seed}-{os.getpid()}"
        self.ledger = Ledger()
        self.documented = {
            (path, method): {int(status) for status in operation["responses"]}
            for path, method, operation in operations(openapi())
        }
        self._tickets = 0
        self._tickets_lock = threading.Lock()
        self.timed_out = False

    def take_ticket(self) -> bool:
        with self._tickets_lock:
            if self._tickets >= self.requests:
                return False
            if time.monotonic() > self.deadline:
                self.timed_out = True
                return False
            self._tickets += 1
            return True

    def go(self) -> float:
        started = time.perf_counter()
        threads = [Client(n, self) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
            thread.close()
        return time.perf_counter() - started


def verify(ledger: Ledger, client, tables: dict[str, str], before: tuple[dict, dict]) -> list[str]:
    """Differences between the tables and what the successful answers imply."""
    users = {item["id"]["S"]: user_of(item) for item in scan(client, tables["users"])}
    emails = {item["email"]["S"]: item["userId"]["S"] for item in scan(client, tables["emails"])}
    users_before, emails_before = before
    problems = []
    live = ledger.created - ledger.deleted
    for user_id in sorted(ledger.created):
        stored, answered = users.get(user_id), ledger.latest[user_id]
        if user_id in ledger.deleted:
            if stored is not None:
                problems.append(f"user {user_id} was deleted (200) but is in the table: {stored}")
        elif stored is None:
            problems.append(f"user {user_id} is missing; last answered as {answered}")
        elif stored != answered:
            problems.append(f"user {user_id} is {stored}; last answered as {answered}")
    for user_id, stored in users.items():
        if user_id not in ledger.created and users_before.get(user_id) != stored:
            problems.append(f"user {user_id} was neither created by the run nor there before: {stored}")
    expected_emails = dict(emails_before)
    for user_id in live:
        expected_emails[email_key(ledger.latest[user_id]["email"])] = user_id
    for key in sorted(set(emails) | set(expected_emails)):
        if emails.get(key) != expected_emails.get(key):
            problems.append(f"email item {key!r}: userId {emails.get(key)!r}, expected {expected_emails.get(key)!r}")
    return problems


def summary(run: Run, elapsed: float, problems: list[str]) -> tuple[str, bool]:
    results = run.ledger.results
    answered = [r for r in results if r.op not in ("check", "client")]
    statuses = Counter(r.status for r in answered)
    per_op = Counter(r.op for r in answered)
    latencies = sorted(r.seconds for r in answered if r.status)
    errors = [r for r in results if r.problem]
    lines = [
        f"requests: {len(answered)} from {run.clients} clients in {elapsed:.1f} s"
        + (" (stopped by the time limit)" if run.timed_out else ""),
        f"throughput: {len(answered) / elapsed:.0f} requests/s",
    ]
    if latencies:
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        lines.append(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    lines.append("statuses: " + ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(statuses.items())))
    lines.append("operations: " + ", ".join(f"{op}: {n}" for op, n in sorted(per_op.items())))
    live = len(run.ledger.created - run.ledger.deleted)
    lines.append(f"users: {len(run.ledger.created)} created, {len(run.ledger.deleted)} deleted, {live} live at the end")
    five_xx = sum(n for status, n in statuses.items() if status >= 500)
    lines.append(f"5xx: {five_xx}; failed checks: {len(errors)}")
    for error in errors[:10]:
        lines.append(f"  {error.op}: {error.problem}")
    if problems:
        lines.append(f"verification: FAILED, {len(problems)} differences between the tables and the answers")
        lines += [f"  {p}" for p in problems[:20]]
    else:
        lines.append(f"verification: OK, both tables hold exactly what the answers said ({live} users)")
    ok = not problems and not errors and five_xx == 0 and not run.timed_out
    lines.append("result: " + ("PASS" if ok else "FAIL"))
    return "\n".join(lines), ok


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/load", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=10_000, help="requests to send (default: %(default)s)")
    parser.add_argument("-c", "--clients", type=int, default=16, help="concurrent clients (default: %(default)s)")
    parser.add_argument(
        "--time-limit", type=float, default=600, help="stop after this many seconds (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix (default: %(default)s)")
    parser.add_argument(
        "--url",
        help="a running local API on 127.0.0.1 instead of starting one (needs --api-key, --token, --store-endpoint)",
    )
    parser.add_argument("--api-key", help="the API key of --url")
    parser.add_argument(
        "--token",
        default=os.environ.get("USERS_API_TOKEN"),
        help="an access token of --url's user pool with both scopes (default: $USERS_API_TOKEN)",
    )
    parser.add_argument("--store-endpoint", help="the DynamoDB endpoint --url uses")
    parser.add_argument("--users-table", default=TABLES["users"])
    parser.add_argument("--emails-table", default=TABLES["emails"])
    parser.add_argument(
        "--throttle", action="store_true", help="keep the template's throttling on; 429s count as refused"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    from sam_local_api.testing import LocalApiServer

    from tools.spec import ROOT

    server = None
    try:
        if args.url:
            if not (args.api_key and args.token and args.store_endpoint):
                print(
                    "error: --url needs --api-key, --token (or $USERS_API_TOKEN) and --store-endpoint", file=sys.stderr
                )
                return 2
            url, endpoint = args.url, args.store_endpoint
            credentials = {"Authorization": f"Bearer {args.token}", "x-api-key": args.api_key}
        else:
            server = LocalApiServer(*([] if args.throttle else ["--no-throttle"]), cwd=ROOT).wait_ready()
            url, endpoint, credentials = server.url, server.store_endpoint, server.credentials()
        for address in (url, endpoint):
            if urlsplit(address).hostname not in LOOPBACK:
                print(f"error: {address} is not on this machine; the load run only talks to loopback", file=sys.stderr)
                return 2
        tables = {"users": args.users_table, "emails": args.emails_table}
        client = store_client(endpoint)
        before = (
            {item["id"]["S"]: user_of(item) for item in scan(client, tables["users"])},
            {item["email"]["S"]: item["userId"]["S"] for item in scan(client, tables["emails"])},
        )
        mode = "throttled as deployed" if args.throttle else "throttling off"
        store_kind = "external" if args.url else "embedded"
        print(f"load: {args.requests} requests, {args.clients} clients, {url} ({mode}), store {store_kind} {endpoint}")
        run = Run(url, credentials, args.requests, args.clients, args.time_limit, args.seed)
        elapsed = run.go()
        problems = verify(run.ledger, client, tables, before)
        text, ok = summary(run, elapsed, problems)
        print(text, flush=True)
        return 0 if ok else 1
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
