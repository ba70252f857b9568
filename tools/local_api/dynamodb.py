"""The embedded store: moto's DynamoDB-compatible server in a child process.

In memory: what it holds is gone when the local API stops.
"""

import socket
import subprocess
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tools.spec import create_tables


class StoreError(Exception):
    pass


class EmbeddedDynamoDB:
    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.port = _free_port(host)
        self.endpoint = f"http://{host}:{self.port}"
        self._process = None

    def start(self, timeout: float = 30) -> None:
        self._process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
            [sys.executable, "-m", "moto.server", "-H", self.host, "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise StoreError(f"moto's server exited with status {self._process.returncode}")
            try:
                socket.create_connection((self.host, self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"moto's server did not listen on {self.endpoint} within {timeout:.0f} s")

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()


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


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
