"""The embedded store: moto's DynamoDB-compatible server in a child process, and
the template's tables in it.

In memory: what it holds is gone when the local API stops (--data keeps it:
persistence.py). The child runs in a session of its own, so a Ctrl-C in the
terminal, which signals the local API's whole process group, does not stop it
before the local API has saved what it holds; it stops when the local API
stops it, or when its standard input closes because the local API is gone.

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
import signal
import sys
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from sam_local_api.processes import Child, ChildError

LISTENING = r"listening on (http://\S+)"


class StoreError(Exception):
    pass


class EmbeddedDynamoDB:
    """The store's child process. Stopped, it can start again on the port it had."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.host = host
        self.port = port
        self.endpoint = None
        self.child = None

    def start(self, timeout: float = 30) -> "EmbeddedDynamoDB":
        self.child = Child(
            [sys.executable, "-m", "sam_local_api.dynamodb", self.host, str(self.port)],
            own_session=True,
            watch_parent=True,
        ).start()
        try:
            self.endpoint = self.child.wait_for(LISTENING, timeout)[1]
        except ChildError as error:
            raise StoreError(f"moto's DynamoDB server did not start: {error}") from error
        self.port = int(self.endpoint.rsplit(":", 1)[1])
        return self

    def stop(self, kill: bool = False) -> None:
        if self.child:
            self.child.stop(signal.SIGKILL if kill else signal.SIGTERM, timeout=5)

    def __enter__(self) -> "EmbeddedDynamoDB":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def serve(host: str, port: int) -> None:
    """Serve moto's DynamoDB on host:port (0: a port of its own), one request at a
    time, until SIGTERM or until its standard input closes."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    moto_app = IdempotentTransactions(DomainDispatcherApplication(create_backend_app))
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return [b"".join(moto_app(environ, start_response))]

    server = make_server(host, port, serialised, threaded=True, request_handler=MotoRequestHandler)

    def stop(*_):
        threading.Thread(target=server.shutdown).start()

    def stop_when_parent_is_gone():
        sys.stdin.read()
        stop()

    # A Ctrl-C meant for the local API is not for the store: it stops when told to.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=stop_when_parent_is_gone, daemon=True).start()
    print(f"listening on http://{host}:{server.server_port}", flush=True)
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


def ensure_tables(endpoint: str, tables: dict[str, dict]) -> list[str]:
    """Create the tables (name -> the template's table properties) that `endpoint` lacks; their names."""
    client = boto3.client("dynamodb", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
    try:
        existing = set(client.list_tables()["TableNames"])
        missing = {name: properties for name, properties in tables.items() if name not in existing}
        for name, properties in missing.items():
            # On demand: no throughput to provision locally.
            indexes = {
                kind: [{k: v for k, v in index.items() if k != "ProvisionedThroughput"} for index in properties[kind]]
                for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes")
                if properties.get(kind)
            }
            client.create_table(
                TableName=name,
                AttributeDefinitions=properties["AttributeDefinitions"],
                KeySchema=properties["KeySchema"],
                BillingMode="PAY_PER_REQUEST",
                **indexes,
            )
            ttl = properties.get("TimeToLiveSpecification") or {}
            if ttl.get("Enabled") and ttl.get("AttributeName"):
                client.update_time_to_live(
                    TableName=name,
                    TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
                )
    except (BotoCoreError, ClientError) as error:
        raise StoreError(f"cannot reach or set up DynamoDB at {endpoint}: {error}") from error
    return sorted(missing)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
