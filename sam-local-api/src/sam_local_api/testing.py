"""For a project's tests and tools: the local API started as its own process,
with a client and an API key of the test's own, and the tokens a client fetches."""

import base64
import json
import os
import re
import secrets
import signal
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from sam_local_api.config import CLIENT_VARIABLES, KEYS_VARIABLE, new_api_key, new_client
from sam_local_api.processes import Child

READY = re.compile(r" running on (http://\S+) \(Ctrl-C to stop\)")
EMBEDDED_STORE = re.compile(r"DynamoDB: (http://\S+) \(embedded")
USER_POOL = re.compile(r"User pool http://\S+/(\S+) \(JWKS")


def client_credentials_token(token_url: str, client_id: str, client_secret: str, scope: str | None = None) -> str:
    """An access token by OAuth 2.0's client-credentials grant, the client authenticated with
    HTTP Basic, as Cognito's token endpoint takes it (local or deployed); no scope
    asks for every scope the client has:
    https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html"""
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    fetch = urllib.request.Request(  # noqa: S310 (a token URL the caller chose)
        token_url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(fetch, timeout=10) as answer:  # noqa: S310 (a token URL the caller chose)
        return json.load(answer)["access_token"]


class LocalApiServer:
    """`sam-local-api ARGS` as a child process on a port it chooses, its output kept.

    It runs in a session of its own, so that `stop(signal.SIGINT, group=True)`
    is a terminal's Ctrl-C: the signal to its whole process group."""

    def __init__(self, *args: str, cwd: Path | str | None = None, env: dict | None = None):
        self.api_key = new_api_key()
        self.client_id, self.client_secret = new_client()
        environment = {
            **os.environ,
            KEYS_VARIABLE: self.api_key,
            CLIENT_VARIABLES[0]: self.client_id,
            CLIENT_VARIABLES[1]: self.client_secret,
            **(env or {}),
        }
        environment.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
        self.child = Child(
            [sys.executable, "-m", "sam_local_api", "--port", "0", *args], cwd=cwd, env=environment, own_session=True
        ).start()
        self.url = None

    def wait_ready(self, timeout: float = 60) -> "LocalApiServer":
        self.url = self.child.wait_for(READY, timeout)[1]
        return self

    def token(self, scope: str | None = None) -> str:
        """An access token from the server's token endpoint, fetched as a client does:
        with `scope`, else every scope of the template's client."""
        return client_credentials_token(f"{self.url}/oauth2/token", self.client_id, self.client_secret, scope)

    def id_token(self, username: str | None = None, password: str | None = None) -> str:
        """An ID token of a user of the local user pool, created now by an administrator
        (AdminCreateUser, then AdminSetUserPassword: whether or not the pool lets users sign
        themselves up), then signed in as a person is (InitiateAuth with USER_PASSWORD_AUTH,
        which the template's app client must allow), as boto3's cognito-idp calls them."""
        username = username or f"user-{secrets.token_hex(4)}"
        password = password or secrets.token_urlsafe(16)
        pool = {"UserPoolId": self.user_pool_id, "Username": username}
        self._identity_provider("AdminCreateUser", {**pool, "TemporaryPassword": secrets.token_urlsafe(16)})
        self._identity_provider("AdminSetUserPassword", {**pool, "Password": password, "Permanent": True})
        parameters = {"USERNAME": username, "PASSWORD": password}
        answer = self._identity_provider(
            "InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": parameters}
        )
        return answer["AuthenticationResult"]["IdToken"]

    def _identity_provider(self, operation: str, body: dict) -> dict:
        call = urllib.request.Request(  # noqa: S310 (the local API this object started)
            f"{self.url}/",
            data=json.dumps({"ClientId": self.client_id, **body}).encode(),
            headers={
                "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
                "Content-Type": "application/x-amz-json-1.1",
            },
        )
        with urllib.request.urlopen(call, timeout=10) as answer:  # noqa: S310 (the local API this object started)
            return json.load(answer)

    def credentials(self, scope: str | None = None) -> dict[str, str]:
        """The headers a client of every method sends: a fresh access token, and the API key."""
        return {"Authorization": f"Bearer {self.token(scope)}", "x-api-key": self.api_key}

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15, *, group: bool = False) -> int:
        """Signal it (with `group`, its whole process group) and wait; its exit status."""
        if group:
            self.child.send_to_group(signum)
        return self.child.stop(signum, timeout)

    def wait_exit(self, timeout: float = 60) -> int:
        return self.child.wait(timeout)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def user_pool_id(self) -> str | None:
        """The local user pool's id, as the start names it; None when the template has none."""
        found = USER_POOL.search(self.stdout)
        return found[1] if found else None

    @property
    def store_endpoint(self) -> str | None:
        found = EMBEDDED_STORE.search(self.stdout)
        return found[1] if found else None

    @property
    def stdout(self) -> str:
        return self.child.stdout

    @property
    def stderr(self) -> str:
        return self.child.stderr
