"""scripts/load: a bounded load run on the local API with Locust, then an exact check of the store.

Locust's users (tools/locustfile.py) send N mixed requests from concurrent
clients over keep-alive connections to 127.0.0.1, each with an access token
holding both scopes and the API key, and record what every answer said. Then
both tables must hold exactly what those answers imply: each live user with its
last answered fields and version, each deleted user gone, one email item per
live user. Exits non-zero on any 5xx, transport error, undocumented status,
failed check or difference, or when the run hits its time limit.

By default it starts its own local API with the template's throttling off
(--no-throttle): the run measures the API and its store, not API Gateway's
rate limits, which 16 clients would exceed at once (usage plan: 100 requests/s,
burst 200 per key). With --throttle the limits stay on and 429s are counted as
refused requests (they never reach the function).

The store is the local API's embedded one, and the token its token endpoint's,
unless --url names a running API (then --api-key, --token or $USERS_API_TOKEN,
and --store-endpoint: the "DynamoDB:" line the local API prints at start). Start
such an API with --no-throttle: without --throttle, a 429 fails the run, since
the load asked for did not reach the API. --workers K runs Locust distributed:
one master and K workers, here on this machine, as they would run on K machines.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from tools.ledger import Ledger, snapshot, verify
from tools.spec import ROOT
from tools.store import TABLES, store_client

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LOCUSTFILE = ROOT / "tools" / "locustfile.py"
# Seconds a user may take to finish its request once the time limit stops the run.
STOP_TIMEOUT = 30


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
    parser.add_argument("--users-table", default=TABLES["UsersTable"])
    parser.add_argument("--emails-table", default=TABLES["UserEmailsTable"])
    parser.add_argument(
        "--throttle", action="store_true", help="keep the template's throttling on; 429s count as refused"
    )
    parser.add_argument("--html", type=Path, help="write Locust's HTML report here")
    parser.add_argument(
        "--progress-every",
        type=float,
        default=10,
        metavar="SECONDS",
        help="print how many requests each Locust process has sent this often (default: %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="run Locust distributed: a master and this many workers (default: none)"
    )
    args = parser.parse_args(argv)
    if args.workers and args.clients < args.workers:
        parser.error("--clients must be at least --workers: each worker needs a client to send its share")
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_locust(args, url: str, credentials: dict[str, str], ledger_path: Path) -> int:
    """Locust, headless, until every request is answered or the time limit; its exit code."""
    locust = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE)]
    run = [
        *("--headless", "--only-summary", "--host", url),
        *("-u", str(args.clients), "-r", str(args.clients)),
        *("--run-time", f"{round(args.time_limit)}s", "--stop-timeout", str(STOP_TIMEOUT)),
        *("--requests", str(args.requests), "--seed", str(args.seed), "--ledger", str(ledger_path)),
        *(["--throttle"] if args.throttle else []),
        *("--progress-every", str(args.progress_every)),
        *(["--html", str(args.html)] if args.html else []),
    ]
    # The locustfile imports tools/; the credentials travel in the environment, not on command lines.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "USERS_API_TOKEN": credentials["Authorization"].removeprefix("Bearer "),
        "USERS_API_KEY": credentials["x-api-key"],
    }
    deadline = args.time_limit + STOP_TIMEOUT + 60
    if not args.workers:
        return subprocess.run([*locust, *run], cwd=ROOT, env=env, timeout=deadline, check=False).returncode  # noqa: S603
    port = str(free_port())
    master = [*locust, *run, "--master", "--expect-workers", str(args.workers)]
    master = subprocess.Popen(  # noqa: S603 (our interpreter, our arguments)
        [*master, "--master-bind-host", "127.0.0.1", "--master-bind-port", port], cwd=ROOT, env=env
    )
    workers = [
        subprocess.Popen(  # noqa: S603
            [*locust, "--worker", "--master-host", "127.0.0.1", "--master-port", port], cwd=ROOT, env=env
        )
        for _ in range(args.workers)
    ]
    try:
        code = master.wait(timeout=deadline)
        return max([code] + [worker.wait(timeout=60) for worker in workers])
    finally:
        for process in [master, *workers]:
            if process.poll() is None:
                process.kill()


def summary(args, ledger: Ledger | None, locust_code: int, seconds: float, problems: list[str]) -> tuple[str, bool]:
    if ledger is None:
        text = (
            f"locust: exit {locust_code} after {seconds:.1f} s, without every process's account of its answers:"
            f" the run hit its time limit ({args.time_limit:.0f} s) or a Locust process failed\nresult: FAIL"
        )
        return text, False
    answered = sum(ledger.statuses.values())
    five_xx = sum(n for status, n in ledger.statuses.items() if status >= 500)
    live = len(ledger.created - ledger.deleted)
    lines = [
        f"requests: {answered} from {args.clients} clients"
        + (f" on {args.workers} workers" if args.workers else "")
        + f" in {seconds:.1f} s (Locust's start and stop included)",
        "statuses: " + ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(ledger.statuses.items())),
        f"users: {len(ledger.created)} created, {len(ledger.deleted)} deleted, {live} live at the end",
        f"5xx: {five_xx}; failed checks: {len(ledger.problems)}; locust: exit {locust_code}",
    ]
    lines += [f"  {problem}" for problem in ledger.problems[:10]]
    throttled = ledger.statuses[429] if not args.throttle else 0
    if throttled:
        # The gateway refused them before the function: the load asked for did not reach the API.
        lines.append(
            f"throttled: {throttled} of {answered} answers were 429, so the API did not take the load asked of it:"
            " start it with --no-throttle (scripts/serve --no-throttle), or run with --throttle to count 429s"
            " as refusals"
        )
    if answered != args.requests:
        problems = [f"{answered} requests answered or failed, of {args.requests} sent", *problems]
    if problems:
        lines.append(f"verification: FAILED, {len(problems)} differences between the tables and the answers")
        lines += [f"  {problem}" for problem in problems[:20]]
    else:
        lines.append(f"verification: OK, both tables hold exactly what the answers said ({live} users)")
    ok = not problems and not ledger.problems and five_xx == 0 and locust_code == 0 and not throttled
    lines.append("result: " + ("PASS" if ok else "FAIL"))
    return "\n".join(lines), ok


def main(argv=None) -> int:
    args = parse_args(argv)
    from sam_local_api.testing import LocalApiServer

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
        client = store_client(endpoint)
        before = snapshot(client, args.users_table, args.emails_table)
        mode = "throttled as deployed" if args.throttle else "throttling off"
        store_kind = "external" if args.url else "embedded"
        print(f"load: {args.requests} requests, {args.clients} clients, {url} ({mode}), store {store_kind} {endpoint}")
        with tempfile.TemporaryDirectory() as work:
            ledger_path = Path(work) / "ledger.json"
            started = time.monotonic()
            code = run_locust(args, url, credentials, ledger_path)
            seconds = time.monotonic() - started
            ledger = Ledger.load(ledger_path) if ledger_path.exists() else None
        problems = []
        if ledger is not None:
            problems = verify(ledger, before, snapshot(client, args.users_table, args.emails_table))
        text, ok = summary(args, ledger, code, seconds, problems)
        print(text, flush=True)
        return 0 if ok else 1
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
