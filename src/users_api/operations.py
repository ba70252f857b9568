"""One plain function per operation in openapi.yaml, named after its operationId.

Each takes the validated input of its request and the store, and returns the
proxy response. Store exceptions other than StoreUnavailable become 4xx here.
"""

import base64
import binascii
import json
import re

from users_api.proxy import ApiError, bad_request, json_response
from users_api.store import EmailTaken, UserNotFound, UserStore, VersionMismatch

USER_ID = re.compile(r"[A-Za-z0-9_-]{22}")
# An entity-tag as RFC 9110 defines it; ours are quoted versions ("3").
ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e]*)"\s*')


def list_users(store: UserStore, query: dict) -> dict:
    users, last_id = store.page(query["limit"], _decode_token(query.get("nextToken")))
    payload = {"message": "user details", "users": users}
    if last_id:
        payload["nextToken"] = _encode_token(last_id)
    return json_response(200, payload)


def create_user(store: UserStore, body: dict) -> dict:
    try:
        user = store.create(body["name"], body["email"])
    except EmailTaken:
        raise _email_taken() from None
    headers = {"Location": f"/user/get-user?id={user['id']}"}
    return _user_response(201, "Create user", user, headers)


def get_user(store: UserStore, query: dict) -> dict:
    return _user_response(200, "Single User Details", _found(store.get, query["id"]))


def update_user(store: UserStore, query: dict, header: dict, body: dict) -> dict:
    expected = _expected_version(store, query["id"], header.get("If-Match"))
    try:
        user = _found(store.update, query["id"], body, expected)
    except EmailTaken:
        raise _email_taken() from None
    except VersionMismatch:
        raise _stale() from None
    return _user_response(200, "Update user details", user)


def delete_user(store: UserStore, query: dict) -> dict:
    _found(store.delete, query["id"])
    return json_response(200, {"message": "User Delete"})


def _found(method, user_id: str, *args):
    try:
        return method(user_id, *args)
    except UserNotFound:
        raise ApiError(404, "User not found") from None


def _user_response(status: int, message: str, user: dict, headers=None) -> dict:
    return json_response(status, {"message": message, "user": user}, {"ETag": _etag(user), **(headers or {})})


def _etag(user: dict) -> str:
    return f'"{user["version"]}"'


def _email_taken() -> ApiError:
    return ApiError(409, "Email already in use", [("email", "is already in use")])


def _stale() -> ApiError:
    return ApiError(412, "User was changed by someone else", [("If-Match", "does not match the current ETag")])


def _expected_version(store: UserStore, user_id: str, if_match: str | None) -> int | None:
    """The version an If-Match header asks for: None to update whatever is current.

    Answers 400 for a header that is not a list of entity-tags, 412 when none of
    its tags can match (If-Match compares strongly, so weak tags never match).
    """
    if if_match is None or if_match.strip() == "*":
        return None
    tags = if_match.split(",")
    parsed = [ENTITY_TAG.fullmatch(tag) for tag in tags]
    if not all(parsed):
        raise bad_request("If-Match", 'must be "*" or a list of quoted entity-tags')
    versions = {int(m[2]) for m in parsed if not m[1] and m[2].isdigit() and len(m[2]) < 16}
    if len(versions) == 1:
        return versions.pop()
    # Several candidate versions: compare against the current one.
    current = _found(store.get, user_id)["version"]
    if current in versions:
        return current
    raise _stale()


def _encode_token(user_id: str) -> str:
    raw = json.dumps({"after": user_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode_token(token: str | None) -> str | None:
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise bad_request("nextToken", "is not a token this API gave out") from None
    if not isinstance(after, str) or not USER_ID.fullmatch(after):
        raise bad_request("nextToken", "is not a token this API gave out")
    return after
