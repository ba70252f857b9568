"""The embedded store: moto's DynamoDB-compatible server in a child process.

In memory: what it holds is gone when the local API stops.

It answers one request at a time. moto's transact_write_items is not safe under
concurrent requests (it copies whole tables without a lock and, on
cancellation, puts the copies back over other requests' writes), and
DynamoDB isolates transactions: serialised, moto keeps DynamoDB's promises.
"""

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

    moto_app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return [b"".join(moto_app(environ, start_response))]

    server = make_server(host, port, serialised, threaded=True, request_handler=MotoRequestHandler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


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
