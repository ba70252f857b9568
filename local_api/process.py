"""Start the local API (scripts/serve) as its own process: for tests and scripts/contract."""

import base64
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from local_api.dynamodb import free_port
from tools.spec import ROOT

READY = re.compile(r" running on (http://\S+) \(Ctrl-C to stop\)")
EMBEDDED_STORE = re.compile(r"DynamoDB: (http://\S+) \(embedded")


def client_credentials_token(token_url: str, client_id: str, client_secret: str, scope: str | None = None) -> str:
    """An access token by OAuth 2.0's client-credentials grant, the client authenticated with
    HTTP Basic, as Cognito's token endpoint takes it (local or deployed); no scope
    asks for every scope the client has:
    https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html"""
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    body = urllib.parse.urlencode(form).encode()
    fetch = urllib.request.Request(  # noqa: S310 (a token URL the caller chose)
        token_url,
        data=body,
        headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(fetch, timeout=10) as answer:  # noqa: S310 (a token URL the caller chose)
        return json.load(answer)["access_token"]


class LocalApiProcess:
    """`python -m local_api ARGS` on a free port, its output kept in files."""

    def __init__(self, *args: str, cwd: Path = ROOT, env: dict | None = None, port: int | None = None):
        self.port = port or free_port()
        self._out = tempfile.NamedTemporaryFile("w+", prefix="local-api-", suffix=".out")  # noqa: SIM115
        self._err = tempfile.NamedTemporaryFile("w+", prefix="local-api-", suffix=".err")  # noqa: SIM115
        self.api_key = secrets.token_urlsafe(16)
        self.client_id, self.client_secret = secrets.token_hex(13), secrets.token_urlsafe(32)
        environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "USERS_API_KEYS": self.api_key,
            "USERS_API_CLIENT_ID": self.client_id,
            "USERS_API_CLIENT_SECRET": self.client_secret,
            **(env or {}),
        }
        environment.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "local_api", "--port", str(self.port), *args],
            cwd=cwd,
            env=environment,
            stdout=self._out,
            stderr=self._err,
        )
        self.url = None

    def wait_ready(self, timeout: float = 60) -> "LocalApiProcess":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = READY.search(self.stdout)
            if ready:
                self.url = ready[1]
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"local API exited with {self.process.returncode}:\n{self.stderr}")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"local API not ready within {timeout} s:\n{self.stdout}\n{self.stderr}")

    def token(self, scope: str | None = None) -> str:
        """An access token from the running server's token endpoint, fetched as a client
        does: with `scope`, else every scope of the template's client."""
        return client_credentials_token(f"{self.url}/oauth2/token", self.client_id, self.client_secret, scope)

    def credentials(self, scope: str | None = None) -> dict[str, str]:
        """The headers a client of every operation sends: a fresh access token, and the API key for the writes."""
        return {"Authorization": f"Bearer {self.token(scope)}", "x-api-key": self.api_key}

    def wait_exit(self, timeout: float = 60) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise

    @property
    def store_endpoint(self) -> str | None:
        found = EMBEDDED_STORE.search(self.stdout)
        return found[1] if found else None

    @property
    def stdout(self) -> str:
        return Path(self._out.name).read_text()

    @property
    def stderr(self) -> str:
        return Path(self._err.name).read_text()
