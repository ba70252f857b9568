"""Locust's users for scripts/load: clients living through users' lives on the API.

Each user is one client on one keep-alive connection, sending a mix of requests
with an access token holding both scopes and the API key: creates, gets, lists,
updates with and without If-Match, email changes (some to another user's email),
deletes, and invalid requests. Every answer is checked (a documented status, a
JSON body with a message, never a 5xx) and recorded in a Ledger (tools/ledger.py),
from which scripts/load checks the tables after the run.

scripts/load runs this file headless and checks the tables afterwards (see
docs/testing.md). By hand, from the repository's root, against a running API:

    USERS_API_TOKEN=... USERS_API_KEY=... PYTHONPATH=. locust -f tools/locustfile.py --host http://127.0.0.1:3000

Each Locust process (the only one, or each worker of a distributed run) sends
its share of --requests and then stops its users. A worker then sends its ledger
to the master; the process that holds every ledger writes it to --ledger and
ends the run (custom messages: https://docs.locust.io/en/stable/running-distributed.html).
"""

import os
import random

import gevent
from locust import HttpUser, constant, events, task
from locust.exception import StopUser
from locust.runners import MasterRunner, WorkerRunner

from tools.ledger import Ledger
from tools.spec import openapi, operations

NO_SUCH_ID = "Z" * 22
# status codes openapi.yaml documents for each (path, method)
DOCUMENTED = {
    (path, method): {int(status) for status in operation["responses"]}
    for path, method, operation in operations(openapi())
}


@events.init_command_line_parser.add_listener
def _(parser):
    # Custom arguments reach the workers from the master (Locust forwards them).
    parser.add_argument("--requests", type=int, default=10_000, help="requests to send in all")
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix")
    parser.add_argument("--ledger", default="", help="write what the answers said here, as JSON")
    parser.add_argument("--throttle", action="store_true", help="the API throttles: a 429 is a refusal")
    parser.add_argument("--token", env_var="USERS_API_TOKEN", is_secret=True, help="access token, both scopes")
    parser.add_argument("--api-key", env_var="USERS_API_KEY", is_secret=True, help="the API key")
    parser.add_argument("--progress-every", type=float, default=10, help="seconds between progress lines")


class Run:
    """This process's part of the run: its share of the requests, its users, its ledger."""

    def __init__(self):
        self.ledger = Ledger()
        self.live: list[str] = []  # ids of this process's users, to pick from
        self.tickets = 0
        self.users = 0
        self.tag = f"{os.getpid()}"
        self.ledgers_from_workers = 0

    def start(self, environment) -> None:
        options, runner = environment.parsed_options, environment.runner
        # Workers split --requests between them: worker i sends one more while i < the remainder.
        workers = options.expect_workers if isinstance(runner, WorkerRunner) else 1
        share, remainder = divmod(options.requests, workers)
        self.tickets = share + (1 if runner.worker_index < remainder else 0)
        self.tag = f"{options.seed}-{os.getpid()}"
        who = f"worker {runner.worker_index}" if isinstance(runner, WorkerRunner) else "progress"
        gevent.spawn(self.report_progress, who, self.tickets, options.progress_every)

    def report_progress(self, who: str, share: int, every: float) -> None:
        """A line now and then while the run lasts: a long run is otherwise silent until its summary."""
        while self.tickets > 0:
            gevent.sleep(every)
            sent = share - max(self.tickets, 0)
            print(f"{who}: {sent} of {share} requests sent, {len(self.ledger.problems)} failed checks", flush=True)

    def take_ticket(self) -> bool:
        # Greenlets switch only on I/O: no lock is needed between checking and taking.
        if self.tickets <= 0:
            return False
        self.tickets -= 1
        return True


RUN = Run()


@events.test_start.add_listener
def _(environment, **_kwargs):
    if not isinstance(environment.runner, MasterRunner):
        RUN.start(environment)


@events.init.add_listener
def _(environment, **_kwargs):
    if isinstance(environment.runner, MasterRunner):
        environment.runner.register_message("ledger", received_ledger)


def received_ledger(environment, msg, **_kwargs) -> None:
    """On the master: one worker's ledger; with the last of them, write them all and end the run."""
    RUN.ledger.merge(Ledger.from_json(msg.data))
    RUN.ledgers_from_workers += 1
    if RUN.ledgers_from_workers == environment.parsed_options.expect_workers:
        finish(environment)


def finish(environment) -> None:
    if environment.parsed_options.ledger:
        RUN.ledger.save(environment.parsed_options.ledger)
    # Not from this greenlet, which quit() would kill before it returned.
    gevent.spawn(environment.runner.quit)


def user_stopped(environment) -> None:
    """When the last of this process's users has stopped, no request is in flight: hand over the ledger."""
    RUN.users -= 1
    if RUN.users:
        return
    if isinstance(environment.runner, WorkerRunner):
        environment.runner.send_message("ledger", RUN.ledger.as_json())
    else:
        finish(environment)


class Client(HttpUser):
    """One client; its tasks are the journeys, weighted as scripts/load has always mixed them."""

    wait_time = constant(0)  # each client sends its next request as soon as it has an answer

    def on_start(self) -> None:
        RUN.users += 1
        self.number = RUN.users
        options = self.environment.parsed_options
        self.rng = random.Random(f"{options.seed}-{RUN.tag}-{self.number}")  # noqa: S311 (a mix, not secrets)
        self.client.headers.update({"Authorization": f"Bearer {options.token}", "x-api-key": options.api_key})
        self.emails = 0

    def send(self, name: str, method: str, path: str, query=None, body=None, headers=None, raw=None):
        """One request, its answer checked and counted: the status and the JSON answer (0, None: no answer)."""
        if not RUN.take_ticket():
            user_stopped(self.environment)
            raise StopUser
        kwargs = {"params": query, "headers": headers or {}}
        if raw is not None:
            kwargs["data"] = raw
            kwargs["headers"].setdefault("Content-Type", "application/json")
        elif body is not None:
            kwargs["json"] = body
        with self.client.request(method, path, name=name, catch_response=True, **kwargs) as response:
            status, problem, answer = response.status_code, None, None
            try:
                answer = response.json()
                if not isinstance(answer, dict) or not isinstance(answer.get("message"), str):
                    problem = "answer without a message"
            except ValueError:
                problem = "answer is not JSON" if status else f"no answer: {response.error}"
            documented = DOCUMENTED.get((path, method))
            if status and documented is not None and status not in documented:
                problem = f"{method} {path} answered {status}, which openapi.yaml does not document"
            if status >= 500:
                problem = f"{method} {path} answered {status}: {response.text[:200]!r}"
            RUN.ledger.statuses[status] += 1
            if problem:
                RUN.ledger.problems.append(f"{name}: {problem}")
                response.failure(problem)
            else:
                # A 4xx is often the right answer here; the checks above are what fail a request.
                response.success()
        return status, answer

    def expect(self, status: int, allowed: range, what: str) -> None:
        # 429: refused by the gateway's limits (with --throttle), which is no answer about the request.
        if status and status != 429 and status not in allowed:
            RUN.ledger.problems.append(f"{what} answered {status}")

    # Who the journeys are about.

    def someone(self) -> dict | None:
        """One of this process's users, as last answered; or None, after creating one instead
        while there are few (creates and deletes keep about 100 to 200 alive)."""
        population = len(RUN.live)
        if population < 100 or (population < 200 and self.rng.random() < 0.15):
            self.create()
            return None
        return self.pick()

    def pick(self) -> dict:
        # A few hot users, so that clients meet on the same items.
        ids = RUN.live[:5] if self.rng.random() < 0.2 else RUN.live
        return dict(RUN.ledger.latest[self.rng.choice(ids)])

    def name(self) -> str:
        return f"User {self.number}-{self.rng.randrange(10**6)} é"

    def new_email(self) -> str:
        self.emails += 1
        return f"load-{RUN.tag}-{self.number}-{self.emails}@example.com"

    def create(self, name: str = "create", email: str | None = None) -> None:
        body = {"name": self.name() if email is None else "Taken", "email": email or self.new_email()}
        status, answer = self.send(name, "POST", "/user/create", body=body)
        if status == 201:
            RUN.ledger.saw(answer["user"])
            RUN.ledger.created.add(answer["user"]["id"])
            RUN.live.append(answer["user"]["id"])

    def update(self, name: str, user: dict, changes: dict, if_match: bool = False) -> None:
        headers = {"If-Match": f'"{user["version"]}"'} if if_match else {}
        status, answer = self.send(name, "PUT", "/user/update", {"id": user["id"]}, body=changes, headers=headers)
        if status == 200:
            RUN.ledger.saw(answer["user"])

    # The journeys, weighted.

    @task(25)
    def get(self) -> None:
        if user := self.someone():
            status, answer = self.send("get", "GET", "/user/get-user", {"id": user["id"]})
            if status == 200:
                RUN.ledger.saw(answer["user"])

    @task(10)
    def list_page(self) -> None:
        if self.someone():
            query = {"limit": self.rng.randint(1, 100)}
            if self.rng.random() < 0.5:
                query["nextToken"] = self.rng.choice(RUN.live)
            status, answer = self.send("list", "GET", "/user/get-details", query)
            if status == 200:
                for listed in answer["users"]:
                    if listed["id"] in RUN.ledger.created:
                        RUN.ledger.saw(listed)

    @task(15)
    def rename(self) -> None:
        if user := self.someone():
            self.update("update", user, {"name": self.name()})

    @task(12)
    def rename_if_match(self) -> None:
        if user := self.someone():
            self.update("update-if-match", user, {"name": self.name()}, if_match=True)

    @task(8)
    def change_email(self) -> None:
        if user := self.someone():
            changes = {"email": self.new_email(), **({"name": self.name()} if self.rng.random() < 0.5 else {})}
            self.update("update-email", user, changes)

    @task(2)
    def take_an_email_on_update(self) -> None:
        """Another user's email, in another case: 409, unless that user was deleted meanwhile."""
        if user := self.someone():
            self.update("update-taken-email", user, {"email": self.pick()["email"].upper()})

    @task(2)
    def take_an_email_on_create(self) -> None:
        if self.someone():
            self.create("create-taken-email", email=self.pick()["email"].title())

    @task(12)
    def delete(self) -> None:
        if user := self.someone():
            status, _ = self.send("delete", "DELETE", "/user/delete", {"id": user["id"]})
            if status == 200:
                RUN.ledger.deleted.add(user["id"])
                if user["id"] in RUN.live:
                    RUN.live.remove(user["id"])

    @task(14)
    def invalid(self) -> None:
        """A request the API must refuse with a 4xx."""
        user = self.someone()
        if user is None:
            return
        sent = self.rng.choice(
            [
                ("GET", "/user/get-user", {"id": "not-an-id"}, None, None, None),
                ("POST", "/user/create", None, None, None, b'{"name": "Ada", "email": '),
                ("POST", "/user/create", None, None, {"Content-Type": "text/plain"}, b"name=Ada"),
                ("GET", "/no/such/path", None, None, None, None),
                ("PUT", "/user/update", {"id": user["id"]}, {"name": 42}, None, None),
                ("GET", "/user/get-details", {"nextToken": "../../etc/passwd"}, None, None, None),
                ("DELETE", "/user/delete", {"id": user["id"]}, None, {"x-api-key": "wrong"}, None),
                ("GET", "/user/get-user", {"id": NO_SUCH_ID}, None, None, None),
            ]
        )
        method, path, query, body, headers, raw = sent
        status, _ = self.send("invalid", method, path, query, body=body, headers=headers, raw=raw)
        self.expect(status, range(400, 500), f"an invalid {method} {path}")
