from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.user_response_message import UserResponseMessage

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="UserResponse")


@_attrs_define
class UserResponse:
    """
    Attributes:
        message (UserResponseMessage):  Example: Single User Details.
        user (User):
    """

    message: UserResponseMessage
    user: User

    def to_dict(self) -> dict[str, Any]:
        message = self.message.value

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        message = UserResponseMessage(d.pop("message"))

        user = User.from_dict(d.pop("user"))

        user_response = cls(
            message=message,
            user=user,
        )

        return user_response
