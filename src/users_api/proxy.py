"""API Gateway proxy events in, proxy responses out, and the errors between."""

import base64
import json
import os
from functools import cache
from json.encoder import encode_basestring

from users_api.user_model import encode, user_json

# Documented in openapi.yaml (the 413 response and each request body).
MAX_BODY_BYTES = 8192


class ApiError(Exception):
    """An answer other than success: status, message, and the fields at fault."""

    def __init__(self, status: int, message: str, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def response(self) -> dict:
        payload = {"message": self.message}
        if self.errors:
            payload["errors"] = [{"field": f, "problem": p} for f, p in self.errors]
        return json_response(self.status, payload, self.headers)


def bad_request(field: str, problem: str) -> ApiError:
    return ApiError(400, "Invalid request", [(field, problem)])


# On every answer, as openapi.yaml documents (its gateway responses send them too).
# The policy ends in ";", which CSP's grammar allows, so that every layer sends
# one value: a gateway response's static value is written between quotes, and
# one ending in a quoted keyword loses that keyword's closing quote wherever the
# quotes are stripped greedily (the local API does).
EDGE_HEADERS = {
    "Cache-Control": "no-store",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none';",
}


@cache
def allowed_origins() -> frozenset[str]:
    """The origins whose pages may read answers (CORS): template.yaml's CorsAllowedOrigins,
    comma-separated; none by default, as nothing calls this API from a browser."""
    origins = os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")
    return frozenset(origin.strip() for origin in origins if origin.strip())


def allow_origin(response: dict, origin: str | None) -> dict:
    """The response, readable by `origin`'s pages if the deploy allows that origin."""
    if allowed_origins():
        # The answer depends on Origin: a cache must not give one origin's to another.
        response["headers"]["Vary"] = "Origin"
        if origin in allowed_origins():
            response["headers"]["Access-Control-Allow-Origin"] = origin
    return response


JSON_HEADERS = {"Content-Type": "application/json", **EDGE_HEADERS}


def json_response(status: int, payload: dict, headers=None) -> dict:
    return {
        "statusCode": status,
        "headers": {**JSON_HEADERS, **headers} if headers else dict(JSON_HEADERS),
        "body": encode(payload),
    }


def user_response(status: int, message: str, user: dict, etag: str, location: str | None = None) -> dict:
    """json_response(status, {"message": message, "user": user}, {"ETag": etag[, "Location": location]}),
    made the short way: a user is what every success but a list and a delete answers with."""
    headers = JSON_HEADERS.copy()
    headers["ETag"] = etag
    if location is not None:
        headers["Location"] = location
    return {
        "statusCode": status,
        "headers": headers,
        "body": f'{{"message":{encode_basestring(message)},"user":{user_json(user)}}}',
    }


def users_response(status: int, message: str, users: list[dict], next_token: str | None) -> dict:
    """json_response(status, {"message": message, "users": users[, "nextToken": next_token]}),
    each user written as user_response writes one."""
    body = f'{{"message":{encode_basestring(message)},"users":[{",".join(map(user_json, users))}]'
    if next_token:
        body += f',"nextToken":{encode_basestring(next_token)}'
    return {"statusCode": status, "headers": dict(JSON_HEADERS), "body": body + "}"}


def preflight_response(methods) -> dict:
    """The answer to a CORS preflight (OPTIONS) for a path serving `methods`."""
    return {
        "statusCode": 204,
        "headers": {
            **EDGE_HEADERS,
            "Access-Control-Allow-Methods": ", ".join([*methods, "OPTIONS"]),
            "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key, If-Match, x-api-key",
            "Access-Control-Expose-Headers": "ETag, Location, Retry-After, WWW-Authenticate",
            "Access-Control-Max-Age": "600",
        },
        "body": "",
    }


class Request:
    """What the handler reads of an API Gateway proxy event."""

    __slots__ = ("body", "headers", "method", "path", "query")

    def __init__(self, method: str, path: str, query: dict, headers: dict, body: str | bytes | None):
        self.method = method
        self.path = path
        self.query: dict[str, list[str]] = query
        self.headers: dict[str, str] = headers  # as the client spelled them
        # As the event holds it (text), or the bytes a base64 body stands for.
        self.body = body

    def header(self, name: str) -> str | None:
        """A header's value, its name compared case-insensitively."""
        # Most clients send the usual spelling: look that up first. Then only the
        # names of the same length can match; lowering every name each time an
        # absent header (Idempotency-Key, If-Match) is asked for would cost more.
        value = self.headers.get(name)
        if value is None:
            size, lower = len(name), name.lower()
            for key, candidate in self.headers.items():
                if len(key) == size and key.lower() == lower:
                    return candidate
        return value

    @classmethod
    def from_event(cls, event: dict) -> "Request":
        get = event.get
        query = get("multiValueQueryStringParameters")
        if not query:
            single = get("queryStringParameters")
            query = {name: [value] for name, value in single.items()} if single else {}
        body = get("body")
        if body is not None and get("isBase64Encoded"):
            body = base64.b64decode(body)
        return cls(get("httpMethod", ""), get("path", ""), query, get("headers") or {}, body)

    def json_body(self):
        """The body as JSON: 413 when too large, 415 when not JSON, 400 when malformed."""
        body, text = self.body, None
        if type(body) is str and body.isascii():
            # Most bodies: ASCII text, whose length is its size in bytes and which is UTF-8 as it is.
            text = body
            empty, size = not body.strip(_WHITESPACE), len(body)
        else:
            # The bytes the client sent: a base64 body's, or the text's UTF-8 (any unpaired
            # surrogate kept, for the UTF-8 check below to refuse).
            if type(body) is str:
                body = body.encode("utf-8", "surrogatepass")
            empty, size = body is None or not body.strip(), len(body or b"")
        if empty:
            raise bad_request("body", "is required")
        if size > MAX_BODY_BYTES:
            raise ApiError(413, "Request body too large", [("body", f"must be at most {MAX_BODY_BYTES} bytes")])
        content_type = self.header("Content-Type")
        if content_type != "application/json":  # the usual spelling needs no parsing
            media_type, *params = (content_type or "").split(";")
            charsets = [
                p.split("=", 1)[1].strip().strip('"').lower()
                for p in params
                if p.strip().lower().startswith("charset=")
            ]
            if media_type.strip().lower() != "application/json" or charsets not in ([], ["utf-8"]):
                raise ApiError(415, "Unsupported media type", [("Content-Type", "must be application/json")])
        if text is None:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise bad_request("body", "must be UTF-8") from None
        try:
            value = _decode(text)
        except DuplicateKeyError:
            raise bad_request("body", "must not repeat a field name") from None
        except (ValueError, RecursionError):
            # Not JSON, numbers too long to read, or nesting too deep: the
            # parser's own words are no part of the documented problems.
            raise bad_request("body", "must be valid JSON") from None
        # A "\ud800" escape decodes to half a character, which no store or answer can hold.
        if "\\u" in text:
            try:
                encode(value).encode("utf-8")
            except UnicodeEncodeError:
                raise bad_request("body", "must not contain unpaired surrogate escapes") from None
        return value


# What bytes.strip() strips, ASCII whitespace, and no more: str.strip() would take \x1c-\x1f
# too, and a body of those is no JSON rather than missing.
_WHITESPACE = " \t\n\r\x0b\x0c"


class DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise DuplicateKeyError
    return obj


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


# Made once: json.loads builds a new decoder per call whenever it is given options.
_raw_decode = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_reject_constant).raw_decode
# JSON's whitespace (RFC 8259, section 2).
_JSON_WHITESPACE = " \t\n\r"


def _decode(text: str):
    """What JSONDecoder.decode does, without the two regular expression calls it makes to find
    the whitespace around the value: on a valid createUser in the warm benchmark, 1 us of 26."""
    text = text.lstrip(_JSON_WHITESPACE)
    value, end = _raw_decode(text)
    if text[end:].lstrip(_JSON_WHITESPACE):
        raise ValueError("Extra data")
    return value
