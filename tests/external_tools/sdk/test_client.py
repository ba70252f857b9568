"""The generated client, unchanged, against the local API: the full life of a
user, pagination, every documented error decoded into the spec's `Error`, the
access token (401 without a valid one for the operation) and the API key (403
without it on a write)."""

import base64
import json
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus

import httpx
import pytest
from joserfc import jwt
from users_api_client import AuthenticatedClient, Client
from users_api_client.api.users import create_user, delete_user, get_user, list_users, update_user
from users_api_client.models import Error, MessageResponse, UserCreate, UserListResponse, UserResponse, UserUpdate
from users_api_client.types import UNSET, Response

from tests.external_tools.sdk.conftest import token_client
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
    token = local_api.token()
    for wrong in (token_client(local_api.url, token, "not-a-key"), token_client(local_api.url, token, "")):
        with wrong:
            refused = create_user.sync_detailed(client=wrong, body=body)
        assert refused.status_code == HTTPStatus.FORBIDDEN
        assert isinstance(refused.parsed, Error)
        assert refused.parsed.errors[0].field == "x-api-key"
    # Read operations need no key; the ones that change data take the right one.
    assert list_users.sync_detailed(client=client, limit=1).status_code == HTTPStatus.OK
    assert create_user.sync_detailed(client=authed, body=body).status_code == HTTPStatus.CREATED


# Each operation called with a given client: `call(client, user_id)`.
CALL: dict[str, Callable[[Client | AuthenticatedClient, str], Response]] = {
    "listUsers": lambda client, uid: list_users.sync_detailed(client=client, limit=1),
    "createUser": lambda client, uid: create_user.sync_detailed(
        client=client, body=UserCreate(name="Ada", email=unique_email("refused"))
    ),
    "getUser": lambda client, uid: get_user.sync_detailed(client=client, id=uid),
    "updateUser": lambda client, uid: update_user.sync_detailed(client=client, id=uid, body=UserUpdate(name="X")),
    "deleteUser": lambda client, uid: delete_user.sync_detailed(client=client, id=uid),
}


def requirement(operation_id: str) -> dict[str, list[str]]:
    """The operation's one security requirement in openapi.yaml."""
    (found,) = (op["security"] for _, _, op in operations(openapi()) if op["operationId"] == operation_id)
    (only,) = found
    return only


def segment(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def expired(local_api, pool_key, scope: str) -> str:
    """A token the local pool signed (with its key, which the suite holds) that expired a minute ago."""
    key, _ = pool_key
    claims = {**claims_of(local_api.token(scope)), "exp": int(time.time()) - 60}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def tampered(local_api, scope: str) -> str:
    """A token of another scope, its claims given the operation's scope after signing."""
    token = local_api.token("users/write" if scope == "users/read" else "users/read")
    header, _, signature = token.split(".")
    return ".".join((header, segment({**claims_of(token), "scope": scope}), signature))


UNAUTHORIZED = "Unauthorized"
EXPIRED = "The incoming token has expired"
# How a client goes without a valid token for the operation: (token or None, the message API Gateway gives).
NO_VALID_TOKEN = {
    "no-token": lambda api, key, scope: (None, UNAUTHORIZED),
    "other-scope": lambda api, key, scope: (
        api.token("users/write" if scope == "users/read" else "users/read"),
        UNAUTHORIZED,
    ),
    "expired": lambda api, key, scope: (expired(api, key, scope), EXPIRED),
    "tampered": lambda api, key, scope: (tampered(api, scope), UNAUTHORIZED),
}


@pytest.mark.parametrize("how", sorted(NO_VALID_TOKEN))
@pytest.mark.parametrize("operation_id", sorted(CALL))
def test_every_operation_answers_401_without_a_valid_token(local_api, pool_key, authed, operation_id, how):
    user_id = new_user(authed, "401").user.id
    (scope,) = requirement(operation_id)["OAuth2"]
    token, message = NO_VALID_TOKEN[how](local_api, pool_key, scope)
    # The API key goes along where the operation takes one: it is the token that is refused.
    headers = {"x-api-key": local_api.api_key} if "ApiKey" in requirement(operation_id) else {}
    if token is None:
        caller = Client(base_url=local_api.url, headers=headers, raise_on_unexpected_status=True)
    else:
        caller = token_client(local_api.url, token, headers.get("x-api-key"))
    with caller:
        response = CALL[operation_id](caller, user_id)
    assert response.status_code == HTTPStatus.UNAUTHORIZED, response.content
    assert isinstance(response.parsed, Error), response.content
    assert response.parsed.message == message
    assert [(e.field, e.problem) for e in response.parsed.errors] == [
        ("Authorization", "must be a valid access token with the scope of the operation")
    ]
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="users-api"'
    # Nothing was done on its behalf.
    assert get_user.sync(client=authed, id=user_id).user.version == 1


@pytest.mark.parametrize("operation_id", sorted(op for op in CALL if "ApiKey" in requirement(op)))
def test_every_write_answers_403_with_a_valid_token_and_no_api_key(local_api, authed, operation_id):
    user_id = new_user(authed, "403").user.id
    (scope,) = requirement(operation_id)["OAuth2"]
    with token_client(local_api.url, local_api.token(scope)) as keyless:
        response = CALL[operation_id](keyless, user_id)
    assert response.status_code == HTTPStatus.FORBIDDEN, response.content
    assert isinstance(response.parsed, Error), response.content
    assert [e.field for e in response.parsed.errors] == ["x-api-key"]
    assert get_user.sync(client=authed, id=user_id).user.version == 1


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


class WafBlocks(httpx.BaseTransport):
    """Answers as API Gateway answers a request AWS WAF's managed rules block: its
    WAF_FILTERED gateway response, from openapi.yaml. WAF runs in AWS only (the
    local API says it does not emulate it), so this stands in for it."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = openapi()["x-amazon-apigateway-gateway-responses"]["WAF_FILTERED"]
        # A static value is the text between its pair of single quotes.
        headers = {
            name.removeprefix("gatewayresponse.header."): value[1:-1]
            for name, value in response.get("responseParameters", {}).items()
        }
        body = response["responseTemplates"]["application/json"].encode()
        return httpx.Response(
            int(response["statusCode"]), headers=headers | {"Content-Type": "application/json"}, content=body
        )


def documented_errors() -> set[tuple[str, int]]:
    return {
        (operation["operationId"], int(status))
        for _, _, operation in operations(openapi())
        for status in operation["responses"]
        if status[0] in "45"
    }


# How to make each operation answer each documented error, with the generated
# client only. `api` is the local API the call goes to ("local_api",
# "storeless_api" or "throttled_api"); `call(api, user_id, email_of_other)`.
Call = Callable[[object, str, str], Response]
PROVOKE: dict[tuple[str, int], tuple[str, Call]] = {}


def provokes(operation_id: str, status: int, api: str = "local_api"):
    def register(call: Call) -> Call:
        PROVOKE[(operation_id, status)] = (api, call)
        return call

    return register


def reader(api, **kwargs) -> AuthenticatedClient:
    return token_client(api.url, api.token("users/read"), **kwargs)


def writer(api, api_key: str | None = None, **kwargs) -> AuthenticatedClient:
    return token_client(api.url, api.token("users/write"), api.api_key if api_key is None else api_key, **kwargs)


ANY_USER = UserCreate(name="Ada", email="ada@example.com")

# Every operation, without a token (the other ways to have no valid one are in
# test_every_operation_answers_401_without_a_valid_token).
for _operation_id, _call in CALL.items():
    provokes(_operation_id, 401)(
        lambda api, uid, other, call=_call: call(Client(base_url=api.url, raise_on_unexpected_status=True), uid)
    )
# listUsers
provokes("listUsers", 400)(lambda api, uid, other: list_users.sync_detailed(client=reader(api), limit=1000))
provokes("listUsers", 403)(
    lambda api, uid, other: list_users.sync_detailed(client=reader(api, httpx_args={"transport": WafBlocks()}))
)
# createUser
provokes("createUser", 400)(
    lambda api, uid, other: create_user.sync_detailed(
        client=writer(api), body=UserCreate(name="Ada", email="not-an-email")
    )
)
provokes("createUser", 403)(
    lambda api, uid, other: create_user.sync_detailed(client=writer(api, "wrong"), body=ANY_USER)
)
provokes("createUser", 409)(
    lambda api, uid, other: create_user.sync_detailed(
        client=writer(api), body=UserCreate(name="Ada", email=other.upper())
    )
)
provokes("createUser", 413)(
    lambda api, uid, other: create_user.sync_detailed(
        client=writer(api, httpx_args={"transport": Tamper(pad=True)}), body=ANY_USER
    )
)
provokes("createUser", 415)(
    lambda api, uid, other: create_user.sync_detailed(
        client=writer(api, httpx_args={"transport": Tamper(content_type="text/plain")}), body=ANY_USER
    )
)


@provokes("createUser", 422)
def _idempotency_key_reused_with_another_body(api, uid, other):
    key = f'"{uuid.uuid4()}"'
    create_user.sync_detailed(
        client=writer(api), body=UserCreate(name="Ada", email=unique_email("422")), idempotency_key=key
    )
    return create_user.sync_detailed(client=writer(api), body=ANY_USER, idempotency_key=key)


# getUser
provokes("getUser", 400)(lambda api, uid, other: get_user.sync_detailed(client=reader(api), id="nope"))
provokes("getUser", 403)(
    lambda api, uid, other: get_user.sync_detailed(client=reader(api, httpx_args={"transport": WafBlocks()}), id=uid)
)
provokes("getUser", 404)(lambda api, uid, other: get_user.sync_detailed(client=reader(api), id=UNKNOWN_ID))
# updateUser
provokes("updateUser", 400)(
    lambda api, uid, other: update_user.sync_detailed(client=writer(api), id=uid, body=UserUpdate())
)
provokes("updateUser", 403)(
    lambda api, uid, other: update_user.sync_detailed(client=writer(api, "wrong"), id=uid, body=UserUpdate(name="X"))
)
provokes("updateUser", 404)(
    lambda api, uid, other: update_user.sync_detailed(client=writer(api), id=UNKNOWN_ID, body=UserUpdate(name="X"))
)
provokes("updateUser", 409)(
    lambda api, uid, other: update_user.sync_detailed(client=writer(api), id=uid, body=UserUpdate(email=other))
)
provokes("updateUser", 412)(
    lambda api, uid, other: update_user.sync_detailed(
        client=writer(api), id=uid, body=UserUpdate(name="X"), if_match='"99"'
    )
)
provokes("updateUser", 413)(
    lambda api, uid, other: update_user.sync_detailed(
        client=writer(api, httpx_args={"transport": Tamper(pad=True)}), id=uid, body=UserUpdate(name="X")
    )
)
provokes("updateUser", 415)(
    lambda api, uid, other: update_user.sync_detailed(
        client=writer(api, httpx_args={"transport": Tamper(content_type="text/plain")}),
        id=uid,
        body=UserUpdate(name="X"),
    )
)
# deleteUser
provokes("deleteUser", 400)(lambda api, uid, other: delete_user.sync_detailed(client=writer(api), id="nope"))
provokes("deleteUser", 403)(lambda api, uid, other: delete_user.sync_detailed(client=writer(api, "wrong"), id=uid))
provokes("deleteUser", 404)(lambda api, uid, other: delete_user.sync_detailed(client=writer(api), id=UNKNOWN_ID))

# Every operation, when the store is unreachable (503) and when the stage's throttle refuses it (429).
for _operation_id, _call in CALL.items():
    client_of = writer if "ApiKey" in requirement(_operation_id) else reader
    for _status, _api in ((503, "storeless_api"), (429, "throttled_api")):
        provokes(_operation_id, _status, _api)(
            lambda api, uid, other, call=_call, client_of=client_of: call(client_of(api), UNKNOWN_ID)
        )


def test_every_documented_error_is_provoked_here():
    documented = documented_errors()
    assert documented - PROVOKE.keys() == set(), "documented errors this suite does not provoke"
    assert PROVOKE.keys() - documented == set(), "provoked errors openapi.yaml does not document"


@pytest.mark.parametrize(("operation_id", "status"), sorted(PROVOKE), ids=lambda value: str(value))
def test_each_documented_error_decodes_into_error(request, authed, operation_id, status):
    api_name, call = PROVOKE[(operation_id, status)]
    api = request.getfixturevalue(api_name)
    user, other = new_user(authed, "err").user, new_user(authed, "other").user
    response = call(api, user.id, other.email)
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
