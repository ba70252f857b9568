from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_errors_item import ErrorErrorsItem


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """
    Attributes:
        message (str):  Example: Invalid request.
        errors (list[ErrorErrorsItem] | Unset): Present when fields are at fault: one entry for each field or
            parameter at fault (the first 20), in the order of the request's
            query, headers and body, each named once with its first problem.
    """

    message: str
    errors: list[ErrorErrorsItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_errors_item import ErrorErrorsItem  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorErrorsItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorErrorsItem.from_dict(errors_item_data)

                errors.append(errors_item)

        error = cls(
            message=message,
            errors=errors,
        )

        return error
