from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message_response import MessageResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["id"] = id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/user/delete",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | MessageResponse | None:
    if response.status_code == 200:
        response_200 = MessageResponse.from_dict(response.json())

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
) -> Response[Error | MessageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    id: str,
) -> Response[Error | MessageResponse]:
    """Delete a user

     Deletes the user with the given `id`; its email becomes free again.

    Only the client that created the user may delete it, unless its token
    also has `users/admin`: another client's user is a 403 (see "Who may
    touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    id: str,
) -> Error | MessageResponse | None:
    """Delete a user

     Deletes the user with the given `id`; its email becomes free again.

    Only the client that created the user may delete it, unless its token
    also has `users/admin`: another client's user is a 403 (see "Who may
    touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageResponse
    """

    return sync_detailed(
        client=client,
        id=id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: str,
) -> Response[Error | MessageResponse]:
    """Delete a user

     Deletes the user with the given `id`; its email becomes free again.

    Only the client that created the user may delete it, unless its token
    also has `users/admin`: another client's user is a 403 (see "Who may
    touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: str,
) -> Error | MessageResponse | None:
    """Delete a user

     Deletes the user with the given `id`; its email becomes free again.

    Only the client that created the user may delete it, unless its token
    also has `users/admin`: another client's user is a 403 (see "Who may
    touch which user").

    Args:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
        )
    ).parsed
