"""One plain function per operation in openapi.yaml, named after its operationId.

Each takes the validated input of its request and the store, and returns the
proxy response. Store exceptions other than StoreUnavailable become 4xx here.
"""

import re
from functools import cache

from users_api.proxy import ApiError, json_response, user_response, users_response
from users_api.store import EmailTaken, KeyUsed, NotOwner, UserNotFound, UserStore, VersionMismatch
from users_api.user_model import fingerprint_json

# An entity-tag as RFC 9110 defines it (ours are quoted versions, "3"), and a
# comma-separated list of them.
_TAG = r'(W/)?"([\x21\x23-\x7e]*)"'
# Compiled on first use (an If-Match header), not at import: about 0.15 ms of every cold start.
_entity_tag = cache(lambda: re.compile(_TAG))
_entity_tag_list = cache(lambda: re.compile(rf"[ \t]*{_TAG}(?:[ \t]*,[ \t]*{_TAG})*[ \t]*"))
# Versions start at 1: a write expecting this one never applies (412, or 403 first).
NO_VERSION = 0


@cache
def _sha256():
    """CPython's own SHA-256, which hashlib falls back to without OpenSSL: the same digest, and
    on a createUser with a key in the warm benchmark 1 us of 25 less than OpenSSL's, whose call
    goes through far more code (issue 20). Imported on first use: 0.25 ms of a cold start."""
    try:
        from _sha2 import sha256
    except ImportError:  # an interpreter built without it
        from hashlib import sha256
    return sha256


def list_users(store: UserStore, query: dict) -> dict:
    # The token is the id to continue after: any well-formed one is a place to start.
    users, last_id = store.page(query["limit"], query.get("nextToken"))
    return users_response(200, "user details", users, last_id)


def create_user(store: UserStore, body: dict, header: dict) -> dict:
    key = header.get("Idempotency-Key")
    if key is None:
        try:
            return _created(store.create(body))
        except EmailTaken:
            raise _email_taken() from None
    # draft-ietf-httpapi-idempotency-key-header: a retry with the key gets the first
    # answer; the key with another payload is a 422. Writing the key with the user
    # (one transaction) leaves no request "in flight" to answer 409 for: a key is
    # there with its answer, or not at all.
    # https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
    key = key.strip('"')
    fingerprint = _sha256()(fingerprint_json(body).encode()).hexdigest()
    try:
        used = store.key_used(key)
        if used is None:
            # The answer kept with the key is the answer returned: made once.
            answer = None

            def made(new: dict) -> dict:
                nonlocal answer
                answer = _created(new)
                return answer

            user = store.create(body, (key, fingerprint, made))
            return answer or _created(user)
    except KeyUsed as error:
        used = error
    except EmailTaken:
        raise _email_taken() from None
    if used.fingerprint != fingerprint:
        raise ApiError(
            422,
            "Idempotency-Key already used with another request",
            [("Idempotency-Key", "was already used with another request body")],
        )
    return used.answer


def get_user(store: UserStore, query: dict) -> dict:
    return _user_response(200, "Single User Details", _found(store.get, query["id"]))


def update_user(store: UserStore, query: dict, header: dict, body: dict) -> dict:
    expected = _expected_version(store, query["id"], header.get("If-Match"))
    try:
        user = _found(store.update, query["id"], body, expected)
    except NotOwner:
        raise _not_owner() from None
    except EmailTaken:
        raise _email_taken() from None
    except VersionMismatch:
        raise _stale() from None
    return _user_response(200, "Update user details", user)


def delete_user(store: UserStore, query: dict) -> dict:
    try:
        _found(store.delete, query["id"])
    except NotOwner:
        raise _not_owner() from None
    return json_response(200, {"message": "User Delete"})


def _created(user: dict) -> dict:
    return user_response(201, "Create user", user, f'"{user["version"]}"', "/user/get-user?id=" + user["id"])


def _found(method, user_id: str, *args):
    try:
        return method(user_id, *args)
    except UserNotFound:
        raise ApiError(404, "User not found") from None


def _user_response(status: int, message: str, user: dict) -> dict:
    return user_response(status, message, user, _etag(user))


def _etag(user: dict) -> str:
    return f'"{user["version"]}"'


def _email_taken() -> ApiError:
    return ApiError(409, "Email already in use", [("email", "is already in use")])


def _not_owner() -> ApiError:
    # openapi.yaml: "Who may touch which user".
    return ApiError(403, "Forbidden", [("id", "is a user another client created")])


def _stale() -> ApiError:
    return ApiError(412, "User was changed by someone else", [("If-Match", "does not match the current ETag")])


def _expected_version(store: UserStore, user_id: str, if_match: str | None) -> int | None:
    """The version an If-Match header asks for; None means any version.

    NO_VERSION (a 412 after the write) when none of its tags can match: If-Match
    compares strongly, so weak tags, and text that is no entity-tag at all, never match.
    """
    if if_match is None or if_match.strip() == "*":
        return None
    tags = _entity_tag().findall(if_match) if _entity_tag_list().fullmatch(if_match) else []
    versions = {int(tag) for weak, tag in tags if not weak and tag.isdigit() and len(tag) < 16}
    if len(versions) == 1:
        return versions.pop()
    # Several candidate versions, or none: compare against the current one. None
    # matching, the write is sent expecting no version at all, so that the store says
    # whose user it is first (403) and only then that it changed (412).
    current = _found(store.get, user_id)["version"]
    return current if current in versions else NO_VERSION
