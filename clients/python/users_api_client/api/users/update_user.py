from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user_response import UserResponse
from ...models.user_update import UserUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UserUpdate,
    id: str,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    params: dict[str, Any] = {}

    params["id"] = id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/user/update",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | UserResponse | None:
    if response.status_code == 200:
        response_200 = UserResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Error.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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
    body: UserUpdate,
    id: str,
    if_match: str | Unset = UNSET,
) -> Response[Error | UserResponse]:
    """Update a user

     Changes the given fields of a user and increments its `version`.
    With `If-Match`, the update happens only if the user's current `ETag`
    matches; otherwise the answer is a 412 and nothing changes.

    Only the client that created the user may update it, unless its token
    also has `users/admin`: another client's user is a 403, before its
    `ETag` or the new email is compared (see "Who may touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.
        if_match (str | Unset):  Example: "1".
        body (UserUpdate): The properties to change, at least one; the others stay as they are. A
            property
            whose schema is `nullable` is removed by sending it as `null` (it is then absent
            from the user's answers, not `null`); in a create, `null` leaves it out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        id=id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: UserUpdate,
    id: str,
    if_match: str | Unset = UNSET,
) -> Error | UserResponse | None:
    """Update a user

     Changes the given fields of a user and increments its `version`.
    With `If-Match`, the update happens only if the user's current `ETag`
    matches; otherwise the answer is a 412 and nothing changes.

    Only the client that created the user may update it, unless its token
    also has `users/admin`: another client's user is a 403, before its
    `ETag` or the new email is compared (see "Who may touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.
        if_match (str | Unset):  Example: "1".
        body (UserUpdate): The properties to change, at least one; the others stay as they are. A
            property
            whose schema is `nullable` is removed by sending it as `null` (it is then absent
            from the user's answers, not `null`); in a create, `null` leaves it out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        id=id,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UserUpdate,
    id: str,
    if_match: str | Unset = UNSET,
) -> Response[Error | UserResponse]:
    """Update a user

     Changes the given fields of a user and increments its `version`.
    With `If-Match`, the update happens only if the user's current `ETag`
    matches; otherwise the answer is a 412 and nothing changes.

    Only the client that created the user may update it, unless its token
    also has `users/admin`: another client's user is a 403, before its
    `ETag` or the new email is compared (see "Who may touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.
        if_match (str | Unset):  Example: "1".
        body (UserUpdate): The properties to change, at least one; the others stay as they are. A
            property
            whose schema is `nullable` is removed by sending it as `null` (it is then absent
            from the user's answers, not `null`); in a create, `null` leaves it out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        id=id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UserUpdate,
    id: str,
    if_match: str | Unset = UNSET,
) -> Error | UserResponse | None:
    """Update a user

     Changes the given fields of a user and increments its `version`.
    With `If-Match`, the update happens only if the user's current `ETag`
    matches; otherwise the answer is a 412 and nothing changes.

    Only the client that created the user may update it, unless its token
    also has `users/admin`: another client's user is a 403, before its
    `ETag` or the new email is compared (see "Who may touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.
        if_match (str | Unset):  Example: "1".
        body (UserUpdate): The properties to change, at least one; the others stay as they are. A
            property
            whose schema is `nullable` is removed by sending it as `null` (it is then absent
            from the user's answers, not `null`); in a create, `null` leaves it out.

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
            id=id,
            if_match=if_match,
        )
    ).parsed
