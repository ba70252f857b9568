"""The generated client, unchanged, against the local API: the full life of a
user, pagination, every documented error decoded into the spec's `Error`, and
the API key."""

import time
import uuid
from collections.abc import Callable
from http import HTTPStatus

import httpx
import pytest
from users_api_client import AuthenticatedClient, Client
from users_api_client.api.users import create_user, delete_user, get_user, list_users, update_user
from users_api_client.models import Error, MessageResponse, UserCreate, UserListResponse, UserResponse, UserUpdate
from users_api_client.types import UNSET, Response

from tests.sdk.conftest import key_client
from tools.spec import openapi, operations

UNKNOWN_ID = "A" * 22  # well-formed, and no user has it


def unique_email(tag: str) -> str:
    return f"sdk-{tag}-{time.monotonic_ns()}@example.com"


def new_user(authed: AuthenticatedClient, tag: str, name: str = "Ada Lovelace") -> UserResponse:
    created = create_user.sync_detailed(client=authed, body=UserCreate(name=name, email=unique_email(tag)))
    assert created.status_code == HTTPStatus.CREATED, created.content
    assert isinstance(created.parsed, UserResponse)
    return created.parsed


def test_the_life_of_a_user(client, authed):
    email = unique_email("life")
    created = create_user.sync_detailed(client=authed, body=UserCreate(name="Ada Lovelace", email=email))
    assert created.status_code == HTTPStatus.CREATED
    assert isinstance(created.parsed, UserResponse)
    user = created.parsed.user
    assert (created.parsed.message, user.name, user.email, user.version) == ("Create user", "Ada Lovelace", email, 1)
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == f"/user/get-user?id={user.id}"

    fetched = get_user.sync_detailed(client=client, id=user.id)
    assert fetched.status_code == HTTPStatus.OK
    assert fetched.parsed.message == "Single User Details"
    assert fetched.parsed.user == user
    assert fetched.parsed.user.created_at == user.created_at  # a datetime, decoded

    updated = update_user.sync_detailed(
        client=authed, id=user.id, body=UserUpdate(name="Ada King"), if_match=fetched.headers["ETag"]
    )
    assert updated.status_code == HTTPStatus.OK
    assert isinstance(updated.parsed, UserResponse)
    assert (updated.parsed.message, updated.parsed.user.name, updated.parsed.user.version) == (
        "Update user details",
        "Ada King",
        2,
    )
    assert updated.headers["ETag"] == '"2"'
    assert updated.parsed.user.updated_at >= user.updated_at

    deleted = delete_user.sync(client=authed, id=user.id)
    assert isinstance(deleted, MessageResponse)
    assert deleted.message == "User Delete"
    gone = get_user.sync_detailed(client=client, id=user.id)
    assert gone.status_code == HTTPStatus.NOT_FOUND
    assert isinstance(gone.parsed, Error)
    # Its email is free again.
    assert create_user.sync(client=authed, body=UserCreate(name="Ada", email=email)).user.email == email


def test_pagination_walks_every_user_once(client, authed):
    mine = {new_user(authed, f"page{i}").user.id for i in range(5)}
    seen, pages, token = [], 0, UNSET
    while True:
        page = list_users.sync(client=client, limit=2, next_token=token)
        assert isinstance(page, UserListResponse)
        assert page.message == "user details"
        assert len(page.users) <= 2
        seen += [user.id for user in page.users]
        pages += 1
        token = page.next_token
        if not token:
            break
        assert pages < 1000, "nextToken never ran out"
    assert pages >= 3
    assert mine <= set(seen)
    assert len(seen) == len(set(seen)), "a user came twice"


def test_the_api_key(local_api, client, authed):
    body = UserCreate(name="Ada", email=unique_email("key"))
    for wrong in (key_client(local_api.url, "not-a-key"), key_client(local_api.url, "")):
        with wrong:
            refused = create_user.sync_detailed(client=wrong, body=body)
        assert refused.status_code == HTTPStatus.FORBIDDEN
        assert isinstance(refused.parsed, Error)
        assert refused.parsed.errors[0].field == "x-api-key"
    # Read operations need no key; the ones that change data take the right one.
    assert list_users.sync_detailed(client=client, limit=1).status_code == HTTPStatus.OK
    assert create_user.sync_detailed(client=authed, body=body).status_code == HTTPStatus.CREATED


class Tamper(httpx.BaseTransport):
    """Sends the client's request with its body padded past 8192 bytes (still the
    same JSON) or another Content-Type: what the typed client never sends itself."""

    def __init__(self, *, pad: bool = False, content_type: str | None = None):
        self.pad, self.content_type = pad, content_type
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read() + (b" " * 9000 if self.pad else b"")
        headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() != "content-length"]
        if self.content_type:
            headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + [
                ("Content-Type", self.content_type)
            ]
        return self.inner.handle_request(httpx.Request(request.method, request.url, headers=headers, content=body))


def documented_errors() -> set[tuple[str, int]]:
    return {
        (operation["operationId"], int(status))
        for _, _, operation in operations(openapi())
        for status in operation["responses"]
        if status[0] in "45"
    }


# How to make each operation answer each documented error, with the generated
# client only. `api` is the local API the call goes to ("local_api",
# "storeless_api" or "throttled_api"); `call(url, api_key, user_id, email_of_other)`.
Call = Callable[[str, str, str, str], Response]
PROVOKE: dict[tuple[str, int], tuple[str, Call]] = {}


def provokes(operation_id: str, status: int, api: str = "local_api"):
    def register(call: Call) -> Call:
        PROVOKE[(operation_id, status)] = (api, call)
        return call

    return register


def anonymous(url: str, **kwargs) -> Client:
    return Client(base_url=url, raise_on_unexpected_status=True, **kwargs)


def keyed(url: str, key: str, **kwargs) -> AuthenticatedClient:
    return key_client(url, key, raise_on_unexpected_status=True, **kwargs)


ANY_USER = UserCreate(name="Ada", email="ada@example.com")

# listUsers
provokes("listUsers", 400)(lambda url, key, uid, other: list_users.sync_detailed(client=anonymous(url), limit=1000))
# createUser
provokes("createUser", 400)(
    lambda url, key, uid, other: create_user.sync_detailed(
        client=keyed(url, key), body=UserCreate(name="Ada", email="not-an-email")
    )
)
provokes("createUser", 403)(
    lambda url, key, uid, other: create_user.sync_detailed(client=keyed(url, "wrong"), body=ANY_USER)
)
provokes("createUser", 409)(
    lambda url, key, uid, other: create_user.sync_detailed(
        client=keyed(url, key), body=UserCreate(name="Ada", email=other.upper())
    )
)
provokes("createUser", 413)(
    lambda url, key, uid, other: create_user.sync_detailed(
        client=keyed(url, key, httpx_args={"transport": Tamper(pad=True)}), body=ANY_USER
    )
)
provokes("createUser", 415)(
    lambda url, key, uid, other: create_user.sync_detailed(
        client=keyed(url, key, httpx_args={"transport": Tamper(content_type="text/plain")}), body=ANY_USER
    )
)
# getUser
provokes("getUser", 400)(lambda url, key, uid, other: get_user.sync_detailed(client=anonymous(url), id="nope"))
provokes("getUser", 404)(lambda url, key, uid, other: get_user.sync_detailed(client=anonymous(url), id=UNKNOWN_ID))
# updateUser
provokes("updateUser", 400)(
    lambda url, key, uid, other: update_user.sync_detailed(client=keyed(url, key), id=uid, body=UserUpdate())
)
provokes("updateUser", 403)(
    lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, "wrong"), id=uid, body=UserUpdate(name="X")
    )
)
provokes("updateUser", 404)(
    lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, key), id=UNKNOWN_ID, body=UserUpdate(name="X")
    )
)
provokes("updateUser", 409)(
    lambda url, key, uid, other: update_user.sync_detailed(client=keyed(url, key), id=uid, body=UserUpdate(email=other))
)
provokes("updateUser", 412)(
    lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, key), id=uid, body=UserUpdate(name="X"), if_match='"99"'
    )
)
provokes("updateUser", 413)(
    lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, key, httpx_args={"transport": Tamper(pad=True)}), id=uid, body=UserUpdate(name="X")
    )
)
provokes("updateUser", 415)(
    lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, key, httpx_args={"transport": Tamper(content_type="text/plain")}),
        id=uid,
        body=UserUpdate(name="X"),
    )
)
# deleteUser
provokes("deleteUser", 400)(lambda url, key, uid, other: delete_user.sync_detailed(client=keyed(url, key), id="nope"))
provokes("deleteUser", 403)(lambda url, key, uid, other: delete_user.sync_detailed(client=keyed(url, "wrong"), id=uid))
provokes("deleteUser", 404)(
    lambda url, key, uid, other: delete_user.sync_detailed(client=keyed(url, key), id=UNKNOWN_ID)
)

# Every operation, when the store is unreachable (503) and when the stage's throttle refuses it (429).
EVERY_OPERATION: dict[str, Call] = {
    "listUsers": lambda url, key, uid, other: list_users.sync_detailed(client=anonymous(url)),
    "createUser": lambda url, key, uid, other: create_user.sync_detailed(client=keyed(url, key), body=ANY_USER),
    "getUser": lambda url, key, uid, other: get_user.sync_detailed(client=anonymous(url), id=UNKNOWN_ID),
    "updateUser": lambda url, key, uid, other: update_user.sync_detailed(
        client=keyed(url, key), id=UNKNOWN_ID, body=UserUpdate(name="X")
    ),
    "deleteUser": lambda url, key, uid, other: delete_user.sync_detailed(client=keyed(url, key), id=UNKNOWN_ID),
}
for _operation_id, _call in EVERY_OPERATION.items():
    provokes(_operation_id, 503, "storeless_api")(_call)
    provokes(_operation_id, 429, "throttled_api")(_call)


def test_every_documented_error_is_provoked_here():
    documented = documented_errors()
    assert documented - PROVOKE.keys() == set(), "documented errors this suite does not provoke"
    assert PROVOKE.keys() - documented == set(), "provoked errors openapi.yaml does not document"


@pytest.mark.parametrize(("operation_id", "status"), sorted(PROVOKE), ids=lambda value: str(value))
def test_each_documented_error_decodes_into_error(request, authed, operation_id, status):
    api_name, call = PROVOKE[(operation_id, status)]
    api = request.getfixturevalue(api_name)
    user, other = new_user(authed, "err").user, new_user(authed, "other").user
    response = call(api.url, api.api_key, user.id, other.email)
    assert response.status_code == status, response.content
    assert isinstance(response.parsed, Error), response.content
    assert response.parsed.message
    for item in response.parsed.errors or []:
        assert item.field
        assert item.problem


def test_a_create_retried_with_its_idempotency_key_gets_the_first_answer(authed):
    key = f'"{uuid.uuid4()}"'
    body = UserCreate(name="Ada Lovelace", email=unique_email("idempotency-key"))
    first = create_user.sync_detailed(client=authed, body=body, idempotency_key=key)
    retry = create_user.sync_detailed(client=authed, body=body, idempotency_key=key)
    assert first.status_code == HTTPStatus.CREATED, first.content
    assert (retry.status_code, retry.parsed, retry.headers["ETag"]) == (
        first.status_code,
        first.parsed,
        first.headers["ETag"],
    )
    other = create_user.sync_detailed(
        client=authed, body=UserCreate(name="Ada King", email=body.email), idempotency_key=key
    )
    assert other.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert isinstance(other.parsed, Error)
