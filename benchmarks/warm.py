"""Warm: per-request time of routing + validation + serialisation, store excluded and in memory.

Every target is imported into this process and given a store: ours through
`users_api.app.handle(event, store_factory)`, the peers (benchmark code of
ours) by their module's `store`, their Powertools Idempotency records going to
the same store (peers/persistence.py); the floors, which hold a DynamoDB client
and no store, get a fake client over a MemoryUserStore. Each target that takes
a store is timed twice, batch for batch: on a MemoryUserStore, and on an
EchoUserStore, which does no store work, for the figures "store excluded"
(memory_store.py says why). Every createUser
carries an Idempotency-Key, a new one each request, so that every target does
the idempotency work (a key looked up, the answer kept with it). Each figure is
the median over batches of the mean time per request in a batch; batches of all
targets are interleaved. Time is the process's CPU time (this loop does no I/O,
so it is what the requests cost, threads a framework hands them to included,
and it does not count the moments a busy shared machine gives the CPU to
someone else); wall time is kept alongside.
"""

import contextlib
import gc
import importlib
import json
import os
import time
from dataclasses import dataclass, field

from benchmarks.common import (
    FLOOR,
    FLOOR_BOTOCORE,
    US,
    LambdaContext,
    Target,
    create_body,
    event,
    median,
    with_key,
)
from benchmarks.memory_store import EchoUserStore, MemoryUserStore
from users_api import user_model

# Every target's answers to a createUser retried with its key, and to the key with another body.
IDEMPOTENT = {"same body": 201, "another body": 422}

OPERATIONS = ("createUser", "getUser")
CALIBRATION_CALLS = 200
MIN_CALLS, MAX_CALLS = 100, 20_000


# The stores a target is timed on: the memory store, and the store doing no store work.
MEMORY, ECHO = "memory", "echo"


@dataclass
class WarmResult:
    target: Target
    # (operation, store) -> per-request CPU time, by batch
    cpu_us: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    wall_us: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def figure(self, operation: str, clock: str = "cpu", store: str = MEMORY) -> float | None:
        batches = (self.cpu_us if clock == "cpu" else self.wall_us).get((operation, store))
        return median(batches) if batches else None


class FakeDynamoDB:
    """The one call the floors make, answered from a MemoryUserStore."""

    def __init__(self, store: MemoryUserStore):
        self._store = store

    def get_item(self, TableName, Key, ConsistentRead=False):  # noqa: N803 (botocore's names)
        user = self._store._users.get(Key["id"]["S"])
        if user is None:
            return {}
        return {"Item": user_model.item(user)}


class Bench:
    """One target, loaded with its own stores, and the events to send it."""

    def __init__(self, target: Target):
        self.target = target
        self.store = MemoryUserStore()
        self.module = importlib.import_module(target.module)
        handler = getattr(self.module, target.handler.partition(":")[2])
        if target in (FLOOR, FLOOR_BOTOCORE):
            self.module.client = FakeDynamoDB(self.store)
            self.operations = ("getUser",)
            self.stores = {MEMORY: self.store}
            self.handlers = {MEMORY: handler}
        else:
            self.operations = OPERATIONS
            self.stores = {MEMORY: self.store, ECHO: EchoUserStore()}
            # Ours, lambda_handler on the given store: as Lambda calls it, with a context. The
            # peers read their module's `store` on every request: set before each batch (use()).
            self.handlers = {
                kind: (lambda event, context, store=store, app=self.module: app.handle(event, lambda: store, context))
                if target == US
                else handler
                for kind, store in self.stores.items()
            }
        self.use(MEMORY)
        self.context = LambdaContext()
        self.user_id = self.store.create({"name": "Ada Lovelace", "email": "ada@example.com"})["id"]
        self.get_event = event("get-user", query={"id": self.user_id})
        self.create_template = event("create-user")
        self.serial = 0

    def events(self, operation: str, count: int) -> list[dict]:
        if operation == "getUser":
            return [self.get_event] * count
        # A new email and a new Idempotency-Key each time (the store refuses a taken email, and
        # a used key answers from memory), made before the clock starts.
        first, self.serial = self.serial, self.serial + count
        return [with_key(self.create_template, n) for n in range(first, first + count)]

    def use(self, kind: str) -> None:
        """The store the next requests go to (the peers look theirs up on each request)."""
        if self.target != US and ECHO in self.stores:
            self.module.store = lambda store=self.stores[kind]: store

    def check(self) -> None:
        """Sanity, before anything is timed: the right status for each operation on each store, and a
        createUser retried with its key answered as the first time (nothing created), another body a 422."""
        wanted = {"getUser": 200, "createUser": 201}
        for kind, handler in self.handlers.items():
            self.use(kind)
            for operation in self.operations:
                status = handler(self.events(operation, 1)[0], self.context)["statusCode"]
                if status != wanted[operation]:
                    raise RuntimeError(
                        f"{self.target.name}: {operation} answered {status} on the {kind} store, "
                        f"not {wanted[operation]}"
                    )
        self.use(MEMORY)
        if "createUser" in self.operations:
            first_event = self.events("createUser", 1)[0]
            handler = self.handlers[MEMORY]
            first = handler(first_event, self.context)
            again = handler(dict(first_event), self.context)
            other = handler({**first_event, "body": create_body(-1)}, self.context)
            same_answer = json.loads(again["body"]) == json.loads(first["body"])  # Powertools' comes back key-sorted
            if not same_answer or other["statusCode"] != IDEMPOTENT["another body"]:
                raise RuntimeError(
                    f"{self.target.name}: a createUser retried with its key answered {again['statusCode']} "
                    f"(the first: {first['statusCode']}), with another body {other['statusCode']}"
                )

    def batch(self, operation: str, count: int, kind: str = MEMORY) -> tuple[float, float]:
        """Mean microseconds per request over `count` requests on the `kind` store: (CPU, wall)."""
        events = self.events(operation, count)
        handler, context = self.handlers[kind], self.context
        self.use(kind)
        gc.collect()
        started, started_cpu = time.perf_counter_ns(), time.process_time_ns()
        for one in events:
            handler(one, context)
        elapsed_cpu, elapsed = time.process_time_ns() - started_cpu, time.perf_counter_ns() - started
        if operation == "createUser":
            self.stores[kind].clear()
            if kind == MEMORY:
                self.user_id = self.store.create({"name": "Ada Lovelace", "email": "ada@example.com"})["id"]
                self.get_event = event("get-user", query={"id": self.user_id})
        return elapsed_cpu / count / 1000, elapsed / count / 1000


def run_warm(targets: tuple[Target, ...], batches: int, batch_seconds: float) -> dict[str, WarmResult]:
    # What the function and the peers print (their EMF metric lines) goes nowhere, but
    # costs a write for each line as in Lambda, whose stdout is unbuffered. The peers,
    # imported here, keep their idempotency records in the memory store.
    from benchmarks.peers.persistence import MEMORY

    with open(os.devnull, "w", buffering=1) as sink, contextlib.redirect_stdout(sink):
        os.environ[MEMORY] = "1"
        try:
            return _run_warm(targets, batches, batch_seconds)
        finally:
            del os.environ[MEMORY]


def peers_follow_the_spec() -> None:
    """The peers' bodies are checked by models generated from openapi.yaml; their parameters by
    constraints written into their frameworks' types (peers/models.py): those are held here to
    the spec's, so that a spec change they missed stops the benchmark, not times other work."""
    from benchmarks.peers import models
    from tools.spec import openapi, resolve
    from users_api.proxy import MAX_BODY_BYTES

    spec = openapi()
    parameters = resolve(spec["components"]["parameters"], spec)
    wanted = {
        "USER_ID_PATTERN": parameters["UserId"]["schema"]["pattern"],
        "IDEMPOTENCY_KEY_PATTERN": parameters["IdempotencyKey"]["schema"]["pattern"],
        "MAX_BODY_BYTES": MAX_BODY_BYTES,
    }
    differ = [name for name, value in wanted.items() if getattr(models, name) != value]
    if differ:
        raise RuntimeError(f"benchmarks/peers/models.py: {', '.join(differ)} differ from openapi.yaml's")


def _run_warm(targets: tuple[Target, ...], batches: int, batch_seconds: float) -> dict[str, WarmResult]:
    peers_follow_the_spec()
    benches = [Bench(target) for target in targets]
    for bench in benches:
        bench.check()
    counts = {}
    for bench in benches:
        for operation in bench.operations:
            for _ in range(3):  # warm up the interpreter's caches, then calibrate
                _cpu, wall = bench.batch(operation, CALIBRATION_CALLS)
            wanted = int(batch_seconds * 1e6 / wall)
            counts[bench.target.name, operation] = max(MIN_CALLS, min(MAX_CALLS, wanted))
    results = {bench.target.name: WarmResult(bench.target) for bench in benches}
    for _ in range(batches):
        for bench in benches:
            for operation in bench.operations:
                for kind in bench.stores:
                    cpu, wall = bench.batch(operation, counts[bench.target.name, operation], kind)
                    results[bench.target.name].cpu_us.setdefault((operation, kind), []).append(cpu)
                    results[bench.target.name].wall_us.setdefault((operation, kind), []).append(wall)
    return results


def store_cost_us(calls: int = 20_000) -> dict[str, float]:
    """What the memory store itself takes per request, CPU: taken off the figures of the targets
    that call it. Every target takes a view of the store acting as the caller (acting_as), then a
    getUser reads a user; a createUser with a key looks the key up, then creates the user with it
    (the answer kept with the key made by a no-op: making it is the handler's work). The peers'
    Powertools persistence layer keeps its records apart: its own cost is measured alone ("records")."""
    from benchmarks.peers.persistence import store_cost_us as records_cost_us

    store = MemoryUserStore()
    caller = "4m1q6k0v9hq1t2pvtc7b1n3eo5"
    user_id = store.create({"name": "Ada Lovelace", "email": "ada@example.com"})["id"]
    started = time.process_time_ns()
    for _ in range(calls):
        store.acting_as(caller, False).get(user_id)
    get_us = (time.process_time_ns() - started) / calls / 1000
    emails = [f"user{n}@example.com" for n in range(calls)]
    started = time.process_time_ns()
    for email in emails:
        view = store.acting_as(caller, False)
        view.key_used(email)
        view.create({"name": "User", "email": email}, (email, "fingerprint", dict))
    create_us = (time.process_time_ns() - started) / calls / 1000
    return {"getUser": get_us, "createUser": create_us, "records": records_cost_us(calls)}
