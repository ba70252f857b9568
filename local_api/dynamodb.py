"""The embedded store: moto's DynamoDB-compatible server in a child process.

In memory: what it holds is gone when the local API stops.

It answers one request at a time. moto's transact_write_items is not safe under
concurrent requests (it copies whole tables without a lock and, on
cancellation, puts the copies back over other requests' writes), and
DynamoDB isolates transactions: serialised, moto keeps DynamoDB's promises.

moto also ignores TransactWriteItems' ClientRequestToken; DynamoDB applies a
transaction sent again with the same token once. The server here answers such a
repeat itself (see IdempotentTransactions), so a retry after a lost answer
applies once here too.
"""

import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tools.spec import ROOT, create_tables


class StoreError(Exception):
    pass


class EmbeddedDynamoDB:
    """The store's child process; it can be stopped and started again on its port."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host = host
        self.port = port or free_port(host)
        self.endpoint = f"http://{host}:{self.port}"
        self.process = None

    def start(self, timeout: float = 30) -> "EmbeddedDynamoDB":
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "local_api.dynamodb", self.host, str(self.port)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StoreError(f"moto's server exited with status {self.process.returncode}")
            try:
                socket.create_connection((self.host, self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"moto's server did not listen on {self.endpoint} within {timeout:.0f} s")

    def stop(self, kill: bool = False) -> None:
        if self.process and self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def serve(host: str, port: int) -> None:
    """Serve moto's DynamoDB on host:port, one request at a time, until SIGTERM."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    moto_app = IdempotentTransactions(DomainDispatcherApplication(create_backend_app))
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return [b"".join(moto_app(environ, start_response))]

    server = make_server(host, port, serialised, threaded=True, request_handler=MotoRequestHandler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


class IdempotentTransactions:
    """WSGI middleware: TransactWriteItems' ClientRequestToken, as DynamoDB honours it.

    Written here because moto (pinned in requirements-dev.txt) ignores the token.
    DynamoDB: "A client request token is valid for 10 minutes after the first
    request that uses it is completed"; a repeat of a successful call within
    them succeeds without changing anything; the same token with other
    parameters is an IdempotentParameterMismatchException
    (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
    Only successful calls are remembered: a cancelled transaction changed nothing.
    Not thread-safe on its own: serve() runs it under its lock.
    """

    TARGET = "DynamoDB_20120810.TransactWriteItems"
    WINDOW_SECONDS = 600

    def __init__(self, app):
        self.app = app
        self.seen: dict[str, tuple[str, float]] = {}  # token -> (parameters' digest, completed at)

    def __call__(self, environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET") != self.TARGET:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            params = json.loads(body)
        except ValueError:
            return self.app(environ, start_response)
        token = params.pop("ClientRequestToken", None)
        if token is None:
            return self.app(environ, start_response)
        digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()
        now = time.monotonic()
        self.seen = {t: seen for t, seen in self.seen.items() if now - seen[1] < self.WINDOW_SECONDS}
        if token in self.seen:
            if self.seen[token][0] != digest:
                return _answer(
                    start_response,
                    "400 Bad Request",
                    {
                        "__type": "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
                        "message": "The request uses the same client token as a previous, but non-identical request.",
                    },
                )
            return _answer(start_response, "200 OK", {})
        status = []

        def remember_status(code, headers, *exc_info):
            status.append(code)
            return start_response(code, headers, *exc_info)

        answer = b"".join(self.app(environ, remember_status))
        if status and status[0].startswith("200"):
            self.seen[token] = (digest, time.monotonic())
        return [answer]


def _answer(start_response, status: str, payload: dict) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/x-amz-json-1.0"), ("Content-Length", str(len(body)))])
    return [body]


def ensure_tables(endpoint: str, table_names: dict[str, str], template_doc: dict) -> list[str]:
    """Create the template's tables that `endpoint` lacks; the names of those created."""
    client = boto3.client("dynamodb", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
    try:
        existing = set(client.list_tables()["TableNames"])
        missing = {logical: name for logical, name in table_names.items() if name not in existing}
        create_tables(client, missing, template_doc)
    except (BotoCoreError, ClientError) as error:
        raise StoreError(f"cannot reach or set up DynamoDB at {endpoint}: {error}") from error
    return sorted(missing.values())


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
