"""Local API: getUser with concurrent keep-alive clients, scripts/serve against the thin WSGI adapter.

Two pairs, each measured in the same rounds:
- store: the embedded DynamoDB server (the caller's, shared by both servers, one user);
- memory: the function's store in memory in both servers (benchmarks.serve_memory,
  benchmarks.thin_wsgi --memory-store), so that the store, which is the same for
  both, does not hide what the local API itself costs.

scripts/serve runs with --no-throttle: its emulation of the stage's throttle
(template.yaml) would answer 429 past that rate, and this measures what the
design can serve, not the limit the template sets. Every request carries an
access token with users/read from the local API's own token endpoint, which its
Cognito authorizer verifies; the thin adapter hands the function that token's
claims unverified, so the function does the same work behind both. Loopback
only; every load run is bounded in time and in requests.
"""

import http.client
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sam_local_api.config import CLIENT_VARIABLES, new_client
from sam_local_api.processes import Child
from sam_local_api.testing import client_credentials_token

from benchmarks.common import ROOT, function_environment, median, percentile, python_path
from benchmarks.serve_memory import MEMORY_USER_ID

MAX_REQUESTS_PER_RUN = 200_000
READY = re.compile(r" running on (http://\S+)")
# The local user pool's client, the same for every server started here.
CLIENT_ID, CLIENT_SECRET = new_client()


@dataclass
class LoadResult:
    name: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return median(self.latencies_ms)

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies_ms, 99)


def start_server(module: str, *args: str, endpoint: str) -> Child:
    """`python -m MODULE --port 0 ARGS`: it chooses its port, and says where it runs."""
    env = {
        **os.environ,
        **function_environment(endpoint),
        "PYTHONPATH": python_path(),
        CLIENT_VARIABLES[0]: CLIENT_ID,
        CLIENT_VARIABLES[1]: CLIENT_SECRET,
    }
    return Child([sys.executable, "-m", module, "--port", "0", *args], cwd=ROOT, env=env).start()


def request(url: str, method: str, path: str, headers: dict[str, str]) -> tuple[int, dict]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def load(name: str, url: str, path: str, headers: dict[str, str], clients: int, seconds: float) -> LoadResult:
    """`clients` threads, each on its own keep-alive connection, GET `path` until time or count runs out."""
    parts = urlsplit(url)
    result = LoadResult(name)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        latencies, errors = [], 0
        start.wait()
        while time.perf_counter() < deadline[0] and len(latencies) < MAX_REQUESTS_PER_RUN // clients:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            if ok:
                latencies.append((time.perf_counter() - began) * 1000)
            else:
                errors += 1
        connection.close()
        with lock:
            result.requests += len(latencies)
            result.errors += errors
            result.latencies_ms.extend(latencies)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    result.seconds = time.perf_counter() - began
    return result


def merge(results: list[LoadResult]) -> LoadResult:
    merged = LoadResult(results[0].name)
    for one in results:
        merged.requests += one.requests
        merged.errors += one.errors
        merged.seconds += one.seconds
        merged.latencies_ms.extend(one.latencies_ms)
    return merged


def run_local_api(
    endpoint: str, user_id: str, clients: int, seconds: float, rounds: int, warmup_seconds: float
) -> dict[str, LoadResult]:
    """Throughput and latency of getUser: {"serve", "thin-wsgi", "serve-memory", "thin-wsgi-memory"}."""
    commands = {
        "serve": ("sam_local_api", "--dynamodb-endpoint", endpoint, "--no-throttle"),
        "thin-wsgi": ("benchmarks.thin_wsgi",),
        "serve-memory": ("benchmarks.serve_memory", "--dynamodb-endpoint", endpoint, "--no-throttle"),
        "thin-wsgi-memory": ("benchmarks.thin_wsgi", "--memory-store"),
    }
    paths = {name: f"/user/get-user?id={MEMORY_USER_ID if 'memory' in name else user_id}" for name in commands}
    servers: dict[str, Child] = {}
    urls: dict[str, str] = {}
    try:
        for name, command in commands.items():  # started together: their imports overlap
            servers[name] = start_server(*command, endpoint=endpoint)
        for name, server in servers.items():
            urls[name] = server.wait_for(READY, timeout=90)[1]
        # Each local API signs with a key of its own; the thin adapter takes the first's token.
        tokens = {
            name: client_credentials_token(f"{url}/oauth2/token", CLIENT_ID, CLIENT_SECRET, "users/read")
            for name, url in urls.items()
            if name.startswith("serve")
        }
        headers = {name: {"Authorization": f"Bearer {tokens.get(name, tokens['serve'])}"} for name in servers}
        for name, url in urls.items():
            status, answer = request(url, "GET", paths[name], headers[name])
            if status != 200:
                raise RuntimeError(f"{name}: getUser answered {status}: {answer}")
            load(name, url, paths[name], headers[name], clients, warmup_seconds)  # warm up
        runs: dict[str, list[LoadResult]] = {name: [] for name in servers}
        for _ in range(rounds):
            for name, url in urls.items():
                runs[name].append(load(name, url, paths[name], headers[name], clients, seconds))
        results = {name: merge(one) for name, one in runs.items()}
        for name, one in results.items():
            if not one.requests:
                raise RuntimeError(f"{name}: no getUser succeeded under load ({one.errors} errors)")
        return results
    finally:
        for server in servers.values():
            server.stop()
