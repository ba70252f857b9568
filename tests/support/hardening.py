"""What the hostile, concurrency and faults suites (tests/over_http/) share.

Raw HTTP (sockets, so that nothing normalises what is sent), the answer checks
every hostile request must pass, and snapshots of the store's two tables.
"""

import contextlib
import http.client
import io
import json
import re
import socket
from dataclasses import dataclass

from tests.support.contract import check
from tools.store import TABLES, scan, store_client

# What no answer may show: where the code runs, what it is written in, how it stores users.
REVEALING = [
    re.compile(pattern)
    for pattern in (
        r"Traceback",
        r'File "',
        r"line \d+, in ",
        r"\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b",  # exception class names
        r"(?i)dynamo",
        r"(?i)botocore|boto3|\bmoto\b",
        r"(?i)ConditionExpression|TransactItems|TransactWriteItems|UpdateItem|PutItem|GetItem|ConsistentRead",
        r"(?i)ConditionalCheckFailed|TransactionCanceled|ProvisionedThroughput|ResourceNotFound",
        r"(?i)\bx-amzn?-|arn:aws|amazonaws\.com",
        r"UsersTable|UserEmailsTable|IdempotencyKeysTable",  # the tables, by logical id (and name: tools/store.py)
        r"(?i)site-packages|/work/|users_api|\.py\b|werkzeug|flask|samcli",
        r"(?i)\bsys\.\w+|codec can't|recursion depth|from a unicode string",  # Python's own error text
    )
]
# Headers a local server adds which the deployed API does not send.
LOCAL_ONLY_HEADERS = {"server", "date"}


@dataclass
class RawAnswer:
    status: int | None
    headers: dict[str, str]
    body: bytes
    raw: bytes

    @property
    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


class _Replay:
    def __init__(self, data: bytes):
        self._file = io.BytesIO(data)

    def makefile(self, *_args, **_kwargs):
        return self._file


def parse_answer(data: bytes, method: str = "GET") -> RawAnswer:
    """An HTTP/1.x answer as received; status None when there is no status line."""
    response = http.client.HTTPResponse(_Replay(data), method=method)
    try:
        response.begin()
    except http.client.HTTPException:
        return RawAnswer(None, {}, data, data)
    body = response.read()
    return RawAnswer(response.status, dict(response.getheaders()), body, data)


def send_raw(port: int, data: bytes, method: str = "GET", timeout: float = 30) -> RawAnswer:
    """Send these exact bytes to 127.0.0.1:port, then read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        # The server may answer (413) and close before it has read everything: read its answer anyway.
        with contextlib.suppress(OSError):
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                chunk = connection.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return parse_answer(b"".join(chunks), method)


def request_bytes(method: bytes, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes | None) -> bytes:
    """One HTTP/1.1 request, byte for byte, closing the connection after it."""
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += [name + b": " + value for name, value in headers]
    if body is not None and not any(name.lower() in (b"content-length", b"transfer-encoding") for name, _ in headers):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def revealed(text: str, request: str = "") -> list[str]:
    """What `text` reveals of the internals, leaving out what the request itself said."""
    found = []
    for pattern in REVEALING:
        for match in pattern.finditer(text):
            if match[0].lower() not in request.lower():
                found.append(match[0])
    return found


def assert_rejected_properly(route: str, method: str, status, headers: dict, body: bytes, request: bytes) -> dict:
    """A documented 4xx, a JSON body with a message, nothing revealed; the parsed body."""
    assert status is not None, f"no HTTP status line in the answer: {body[:300]!r}"
    assert 400 <= status < 500, f"answered {status}: {body[:300]!r}"
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    assert content_type.split(";")[0].strip().lower() == "application/json", (
        f"answered {status} with Content-Type {content_type!r}: {body[:300]!r}"
    )
    try:
        payload = json.loads(body)
    except ValueError:
        raise AssertionError(f"answered {status} with a body that is not JSON: {body[:300]!r}") from None
    assert isinstance(payload, dict), payload
    assert isinstance(payload.get("message"), str), f"no message in {payload}"
    check(route, method, status, headers, payload)
    shown = " ".join(
        [body.decode("utf-8", "replace")]
        + [f"{k}: {v}" for k, v in headers.items() if k.lower() not in LOCAL_ONLY_HEADERS]
    )
    leaks = revealed(shown, request.decode("latin-1"))
    assert not leaks, f"the answer reveals internals {leaks}: {shown[:500]}"
    return payload


class StoreSnapshot:
    """Both tables of a DynamoDB endpoint, read in full."""

    def __init__(self, endpoint: str | None = None, client=None):
        self.client = client or store_client(endpoint)
        self._last = None

    def before(self) -> tuple[dict, dict]:
        """The tables now: as the last `after` left them, when nothing else writes to this store."""
        return self._last if self._last is not None else self.take()

    def after(self, before: tuple[dict, dict]) -> tuple[dict, dict]:
        """The tables now; put back as `before` found them if they changed, so that no other test sees it."""
        now = self.take()
        if now != before:
            self.restore(before)
        self._last = before
        return now

    def users(self) -> dict[str, dict]:
        return {item["id"]["S"]: item for item in scan(self.client, TABLES["UsersTable"])}

    def emails(self) -> dict[str, str]:
        return {item["email"]["S"]: item["userId"]["S"] for item in scan(self.client, TABLES["UserEmailsTable"])}

    def take(self) -> tuple[dict, dict]:
        return self.users(), self.emails()

    def restore(self, snapshot: tuple[dict, dict]) -> None:
        """Put both tables back as `snapshot` found them (after a request that changed them)."""
        users, emails = snapshot
        now_users, now_emails = self.take()
        for user_id in now_users.keys() - users.keys():
            self.client.delete_item(TableName=TABLES["UsersTable"], Key={"id": {"S": user_id}})
        for email in now_emails.keys() - emails.keys():
            self.client.delete_item(TableName=TABLES["UserEmailsTable"], Key={"email": {"S": email}})
        for item in users.values():
            self.client.put_item(TableName=TABLES["UsersTable"], Item=item)
        for email, user_id in emails.items():
            self.client.put_item(
                TableName=TABLES["UserEmailsTable"], Item={"email": {"S": email}, "userId": {"S": user_id}}
            )
