"""A corpus case, made concrete: raw HTTP bytes for the local API, or an API Gateway event."""

import base64
import json
from pathlib import Path
from urllib.parse import parse_qsl, unquote, unquote_to_bytes

from tests.over_http.hostile.corpus import Case
from tests.support.hardening import request_bytes

EVENTS = Path(__file__).resolve().parents[3] / "events"
REQUEST_CONTEXT = json.loads((EVENTS / "get-user.json").read_text())["requestContext"]


def fill(data: bytes, ids: dict[str, str], key: str = "", token: str = "") -> bytes:
    """{alice}, {bob}, {key}, {KEY} (the key upper-cased) and {token} replaced by their values."""
    for name, value in ids.items():
        data = data.replace(b"{" + name.encode() + b"}", value.encode())
    data = data.replace(b"{token}", token.encode())
    return data.replace(b"{key}", key.encode()).replace(b"{KEY}", key.upper().encode())


def http_request(case: Case, ids: dict[str, str], key: str, token: str) -> bytes:
    headers = [(name, fill(value, ids, key, token)) for name, value in case.header_list(key)]
    body = None if case.body is None else fill(case.body, ids, key)
    return request_bytes(case.method, fill(case.target, ids, key), headers, body)


def http_route(case: Case) -> str:
    """The path as the local API sees it (percent-decoded, as werkzeug does), unless the case names it."""
    if case.route:
        return case.route
    path = case.target.partition(b"?")[0].partition(b"#")[0]
    return unquote(path.decode("latin-1"), encoding="utf-8", errors="replace")


def event(case: Case, ids: dict[str, str], key: str = "test-key", token: str = "test-token") -> dict:
    """The proxy event API Gateway would send the function for this request, with
    the claims its authorizer verified (events/get-user.json's: every scope)."""
    target = fill(case.target, ids, key)
    raw_path, _, raw_query = target.partition(b"#")[0].partition(b"?")
    path = unquote_to_bytes(raw_path).decode("utf-8", "replace")
    query: dict[str, list[str]] = {}
    for name, value in parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True, errors="replace"):
        query.setdefault(name, []).append(value)
    headers: dict[str, list[str]] = {"Host": ["1234567890.execute-api.us-east-1.amazonaws.com"]}
    for name, value in case.header_list(key):
        headers.setdefault(name.decode("latin-1"), []).append(fill(value, ids, key, token).decode("latin-1"))
    body, encoded = None, False
    if case.body is not None:
        raw = fill(case.body, ids, key)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            body, encoded = base64.b64encode(raw).decode(), True
    method = case.method.decode("latin-1")
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in headers.items()},
        "multiValueHeaders": headers,
        "queryStringParameters": {name: values[-1] for name, values in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {**REQUEST_CONTEXT, "httpMethod": method, "path": "/v1" + path, "resourcePath": path},
        "body": body,
        "isBase64Encoded": encoded,
    }
