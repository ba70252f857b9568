from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user_list_response import UserListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    next_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["nextToken"] = next_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user/get-details",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UserListResponse | None:
    if response.status_code == 200:
        response_200 = UserListResponse.from_dict(response.json())

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
) -> Response[Error | UserListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    next_token: str | Unset = UNSET,
) -> Response[Error | UserListResponse]:
    """List users

     Returns users a page at a time. When more users remain, the answer
    carries a `nextToken`; pass it back unchanged to get the next page.
    A page may hold fewer than `limit` users.

    Args:
        limit (int | Unset):  Default: 20.
        next_token (str | Unset): Opaque; pass it back unchanged. Example: 3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserListResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        next_token=next_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    next_token: str | Unset = UNSET,
) -> Error | UserListResponse | None:
    """List users

     Returns users a page at a time. When more users remain, the answer
    carries a `nextToken`; pass it back unchanged to get the next page.
    A page may hold fewer than `limit` users.

    Args:
        limit (int | Unset):  Default: 20.
        next_token (str | Unset): Opaque; pass it back unchanged. Example: 3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserListResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        next_token=next_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    next_token: str | Unset = UNSET,
) -> Response[Error | UserListResponse]:
    """List users

     Returns users a page at a time. When more users remain, the answer
    carries a `nextToken`; pass it back unchanged to get the next page.
    A page may hold fewer than `limit` users.

    Args:
        limit (int | Unset):  Default: 20.
        next_token (str | Unset): Opaque; pass it back unchanged. Example: 3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserListResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        next_token=next_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    next_token: str | Unset = UNSET,
) -> Error | UserListResponse | None:
    """List users

     Returns users a page at a time. When more users remain, the answer
    carries a `nextToken`; pass it back unchanged to get the next page.
    A page may hold fewer than `limit` users.

    Args:
        limit (int | Unset):  Default: 20.
        next_token (str | Unset): Opaque; pass it back unchanged. Example: 3q2-7wAAQkqHmB1Yd0x5Zg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            next_token=next_token,
        )
    ).parsed
