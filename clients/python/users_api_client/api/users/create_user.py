from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user_create import UserCreate
from ...models.user_response import UserResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/user/create",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | UserResponse | None:
    if response.status_code == 201:
        response_201 = UserResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | UserResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | UserResponse]:
    """Create a user

     Creates a user with a server-generated `id`. Emails are unique,
    compared case-insensitively: a second user with the same email is a 409.
    So a 409 tells the caller that some user has that email: the price of
    unique emails. Each client's writes naming an email are limited (the
    WAF's rate per API key, the usage plan's quota), which bounds how many
    emails it can ask about.

    Safe to retry with an `Idempotency-Key` (IETF
    draft-ietf-httpapi-idempotency-key-header): a retry with the same key
    and the same body gets the first answer again (the same 201, user and
    `ETag`) and creates nothing; the same key with another body is a 422.
    Keys are the caller's own and live 24 hours from the first request,
    or until the user they created is deleted: deleting a user deletes its
    key and the answer stored with it, so that no answer keeps a deleted
    user's name and email. A request with the key after that is a new request.

    Args:
        idempotency_key (str | Unset):  Example: "8e03978e-40d5-43e8-bc93-6894a57f9324".
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | UserResponse | None:
    """Create a user

     Creates a user with a server-generated `id`. Emails are unique,
    compared case-insensitively: a second user with the same email is a 409.
    So a 409 tells the caller that some user has that email: the price of
    unique emails. Each client's writes naming an email are limited (the
    WAF's rate per API key, the usage plan's quota), which bounds how many
    emails it can ask about.

    Safe to retry with an `Idempotency-Key` (IETF
    draft-ietf-httpapi-idempotency-key-header): a retry with the same key
    and the same body gets the first answer again (the same 201, user and
    `ETag`) and creates nothing; the same key with another body is a 422.
    Keys are the caller's own and live 24 hours from the first request,
    or until the user they created is deleted: deleting a user deletes its
    key and the answer stored with it, so that no answer keeps a deleted
    user's name and email. A request with the key after that is a new request.

    Args:
        idempotency_key (str | Unset):  Example: "8e03978e-40d5-43e8-bc93-6894a57f9324".
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | UserResponse]:
    """Create a user

     Creates a user with a server-generated `id`. Emails are unique,
    compared case-insensitively: a second user with the same email is a 409.
    So a 409 tells the caller that some user has that email: the price of
    unique emails. Each client's writes naming an email are limited (the
    WAF's rate per API key, the usage plan's quota), which bounds how many
    emails it can ask about.

    Safe to retry with an `Idempotency-Key` (IETF
    draft-ietf-httpapi-idempotency-key-header): a retry with the same key
    and the same body gets the first answer again (the same 201, user and
    `ETag`) and creates nothing; the same key with another body is a 422.
    Keys are the caller's own and live 24 hours from the first request,
    or until the user they created is deleted: deleting a user deletes its
    key and the answer stored with it, so that no answer keeps a deleted
    user's name and email. A request with the key after that is a new request.

    Args:
        idempotency_key (str | Unset):  Example: "8e03978e-40d5-43e8-bc93-6894a57f9324".
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | UserResponse | None:
    """Create a user

     Creates a user with a server-generated `id`. Emails are unique,
    compared case-insensitively: a second user with the same email is a 409.
    So a 409 tells the caller that some user has that email: the price of
    unique emails. Each client's writes naming an email are limited (the
    WAF's rate per API key, the usage plan's quota), which bounds how many
    emails it can ask about.

    Safe to retry with an `Idempotency-Key` (IETF
    draft-ietf-httpapi-idempotency-key-header): a retry with the same key
    and the same body gets the first answer again (the same 201, user and
    `ETag`) and creates nothing; the same key with another body is a 422.
    Keys are the caller's own and live 24 hours from the first request,
    or until the user they created is deleted: deleting a user deletes its
    key and the answer stored with it, so that no answer keeps a deleted
    user's name and email. A request with the key after that is a new request.

    Args:
        idempotency_key (str | Unset):  Example: "8e03978e-40d5-43e8-bc93-6894a57f9324".
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
