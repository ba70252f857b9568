from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.user_list_response_message import UserListResponseMessage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="UserListResponse")


@_attrs_define
class UserListResponse:
    """
    Attributes:
        message (UserListResponseMessage):  Example: user details.
        users (list[User]):
        next_token (str | Unset): Opaque; pass it back unchanged. Example: 3q2-7wAAQkqHmB1Yd0x5Zg.
    """

    message: UserListResponseMessage
    users: list[User]
    next_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message = self.message.value

        users = []
        for users_item_data in self.users:
            users_item = users_item_data.to_dict()
            users.append(users_item)

        next_token = self.next_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
                "users": users,
            }
        )
        if next_token is not UNSET:
            field_dict["nextToken"] = next_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        message = UserListResponseMessage(d.pop("message"))

        users = []
        _users = d.pop("users")
        for users_item_data in _users:
            users_item = User.from_dict(users_item_data)

            users.append(users_item)

        next_token = d.pop("nextToken", UNSET)

        user_list_response = cls(
            message=message,
            users=users,
            next_token=next_token,
        )

        return user_list_response
