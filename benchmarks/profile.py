"""Where each microsecond of a warm getUser and createUser goes (scripts/bench --profile).

The handler's steps, in the order `users_api.app.handle` takes them, are
written out here as a pipeline that can stop after any step. Running the
first k steps, request after request, and the first k-1, the difference is
what step k costs where the handler runs it: after the steps before it, in
the caches they leave, as it runs in the handler. (Timed alone in a tight
loop a step stays in the CPU's caches and looks cheaper, by half for some;
reading a clock between the steps disturbs what it measures.) Each prefix
runs in batches of requests, the batches of every prefix interleaved, CPU
time per request, garbage collection off; the median batch of each counts.
The whole handler is timed the same way on the same requests: the last
prefix (every step) should come close to it.

Rows marked "(store)" are the memory store's own work, which the warm figures
take off. createUser carries an Idempotency-Key, a new one each request, as in
the warm benchmark.

The steps here are the handler's, written out: when the handler changes, this
list changes with it.
"""

import gc
import hashlib
import os
import statistics
import sys
import time

from benchmarks.common import LambdaContext, event, function_environment, with_key
from benchmarks.memory_store import MemoryUserStore

# The handler is called as Lambda calls it, with a context (the metrics name the function from it).
CONTEXT = LambdaContext()
BATCH = 100  # requests per batch
ROUNDS = 60  # batches of each prefix


def key_events(count: int) -> list[dict]:
    """createUser events as the warm benchmark sends them: a new email and a new Idempotency-Key each
    (the rest of the event shared: the handler changes nothing in it)."""
    template = event("create-user")
    return [with_key(template, n) for n in range(count)]


GET_STEPS = (
    ("event -> Request (proxy.Request.from_event)", False),
    ("route: path and method (app.ROUTES)", False),
    ("auth: the authorizer's claims checked (auth.caller)", False),
    ("store view acting as the caller (acting_as)", True),
    ("validation: query read, schema checked (validation.validated_input)", False),
    ("store.get", True),
    ("answer: JSON body, headers, ETag (operations._user_response)", False),
    ("metrics: none for a read (metrics.count)", False),
    ("CORS: none allowed (proxy.allow_origin)", False),
)


def get_user(stop: int, get_event: dict, store) -> None:
    """users_api.app.handle for a getUser, its first `stop` steps."""
    from users_api import app, auth, metrics, operations, proxy, validation

    if stop < 1:
        return
    request = proxy.Request.from_event(get_event)
    if stop < 2:
        return
    operation_id, _operation = app.ROUTES.get(request.path)[request.method]
    if stop < 3:
        return
    who = auth.caller(get_event, operation_id)
    if stop < 4:
        return
    acting = store.acting_as(*who)
    if stop < 5:
        return
    inputs = validation.validated_input(operation_id, request)
    if stop < 6:
        return
    user = acting.get(inputs["query"]["id"])
    if stop < 7:
        return
    response = operations._user_response(200, "Single User Details", user)
    if stop < 8:
        return
    metrics.count(operation_id, response["statusCode"], CONTEXT.function_name)
    if stop < 9:
        return
    proxy.allow_origin(response, app._origin(request))


CREATE_STEPS = (
    ("event -> Request (proxy.Request.from_event)", False),
    ("route: path and method (app.ROUTES)", False),
    ("auth: the authorizer's claims checked (auth.caller)", False),
    ("store view acting as the caller (acting_as)", True),
    ("validation: header, JSON body, schema (validation.validated_input)", False),
    ("Idempotency-Key: read, body's fingerprint (sha256 of operations._canonical)", False),
    ("Idempotency-Key: not used yet (store.key_used)", True),
    ("store.create with the key (the answer for the key made by a no-op)", True),
    ("answer, kept with the key and returned: JSON body, headers (operations._created)", False),
    ("metrics: one EMF line (metrics.count)", False),
    ("CORS: none allowed (proxy.allow_origin)", False),
)


def create_user(stop: int, create_event: dict, store) -> None:
    """users_api.app.handle for a createUser with an Idempotency-Key, its first `stop` steps
    (operations.create_user's own steps written out)."""
    from users_api import app, auth, metrics, operations, proxy, user_model, validation

    if stop < 1:
        return
    request = proxy.Request.from_event(create_event)
    if stop < 2:
        return
    operation_id, _operation = app.ROUTES.get(request.path)[request.method]
    if stop < 3:
        return
    who = auth.caller(create_event, operation_id)
    if stop < 4:
        return
    acting = store.acting_as(*who)
    if stop < 5:
        return
    inputs = validation.validated_input(operation_id, request)
    if stop < 6:
        return
    body, header = inputs["body"], inputs["header"]
    key = header.get("Idempotency-Key").strip('"')
    fingerprint = hashlib.sha256(user_model.fingerprint_json(body).encode()).hexdigest()
    if stop < 7:
        return
    acting.key_used(key)
    if stop < 8:
        return
    # The store asks for the answer to keep with the key: made by a no-op up to step 8.
    answer = None

    def made(new: dict) -> dict:
        nonlocal answer
        answer = operations._created(new)
        return answer

    user = acting.create(body, (key, fingerprint, made if stop > 8 else dict))
    if stop < 9:
        return
    response = answer or operations._created(user)
    if stop < 10:
        return
    metrics.count(operation_id, response["statusCode"], CONTEXT.function_name)
    if stop < 11:
        return
    proxy.allow_origin(response, app._origin(request))


def profile() -> dict[str, tuple[list[tuple[str, bool, float]], float]]:
    from users_api import app

    store = MemoryUserStore()
    user_id = store.create({"name": "Ada Lovelace", "email": "ada@example.com"})["id"]
    get_event = event("get-user", query={"id": user_id})
    fresh = iter(key_events(BATCH * ROUNDS * (len(CREATE_STEPS) + 3)))

    def whole(event_, store_=store):
        app.handle(event_, lambda: store_, CONTEXT)

    plans = {
        "getUser": (GET_STEPS, get_user, lambda: [get_event] * BATCH),
        "createUser": (CREATE_STEPS, create_user, lambda: [next(fresh) for _ in range(BATCH)]),
    }
    # Every prefix of every operation, and each handler whole: one batch of each per round.
    runs = [
        (operation, stop, (lambda e, stop=stop, run=run: run(stop, e, store)), inputs)
        for operation, (steps, run, inputs) in plans.items()
        for stop in range(len(steps) + 1)
    ]
    runs += [(operation, "whole", whole, inputs) for operation, (_s, _r, inputs) in plans.items()]
    batches: dict[tuple, list[float]] = {(operation, stop): [] for operation, stop, _f, _i in runs}
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for round_ in range(ROUNDS + 2):  # two rounds to warm up
            for operation, stop, call, inputs in runs:
                events = inputs()
                started = time.process_time_ns()
                for one in events:
                    call(one)
                elapsed = (time.process_time_ns() - started) / BATCH / 1000
                if round_ >= 2:
                    batches[operation, stop].append(elapsed)
    finally:
        if was_enabled:
            gc.enable()
    results = {}
    for operation, (steps, _run, _inputs) in plans.items():
        prefix = [statistics.median(batches[operation, stop]) for stop in range(len(steps) + 1)]
        rows = [(label, store_step, prefix[i + 1] - prefix[i]) for i, (label, store_step) in enumerate(steps)]
        results[operation] = (rows, statistics.median(batches[operation, "whole"]))
    return results


def table(operation: str, rows: list[tuple[str, bool, float]], whole: float) -> str:
    total = sum(us for _label, _store, us in rows)
    store = sum(us for _label, store_step, us in rows if store_step)
    width = max(len(label) for label, _store, _us in rows)
    lines = [
        f"{operation}: us per request, CPU, median of {ROUNDS} interleaved batches of {BATCH}, GC off",
        "",
        f"{'step':<{width}}      us  share",
    ]
    for label, store_step, us in rows:
        lines.append(f"{label:<{width}}  {us:6.2f}  {us / total:5.0%}{'  (store)' if store_step else ''}")
    lines += [
        f"{'every step':<{width}}  {total:6.2f}",
        f"{'  store excluded':<{width}}  {total - store:6.2f}",
        f"{'the handler, timed whole (app.handle)':<{width}}  {whole:6.2f}",
    ]
    return "\n".join(lines)


def main() -> None:
    os.environ.update(function_environment())
    # The EMF lines go where the warm benchmark sends them: a line-buffered /dev/null.
    with open(os.devnull, "w", buffering=1) as sink:
        real, sys.stdout = sys.stdout, sink
        try:
            results = profile()
        finally:
            sys.stdout = real
    for operation, (rows, whole) in results.items():
        print(table(operation, rows, whole))
        print()


if __name__ == "__main__":
    main()
