from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.message_response_message import MessageResponseMessage

T = TypeVar("T", bound="MessageResponse")


@_attrs_define
class MessageResponse:
    """
    Attributes:
        message (MessageResponseMessage):  Example: User Delete.
    """

    message: MessageResponseMessage

    def to_dict(self) -> dict[str, Any]:
        message = self.message.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = MessageResponseMessage(d.pop("message"))

        message_response = cls(
            message=message,
        )

        return message_response
