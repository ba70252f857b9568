from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ErrorErrorsItem")


@_attrs_define
class ErrorErrorsItem:
    """
    Attributes:
        field (str): The name the client sent: a body field (a nested one dotted,
            `address.city`, and an item of a list by its position, `tags.0`),
            a query parameter (`id`, `limit`, `nextToken`), a header
            (`If-Match`, `Content-Type`, `Authorization`, `x-api-key`), or
            `body` for a body that is missing, not JSON, or not a JSON object.
             Example: email.
        problem (str): One of a fixed list of short sentences; clients may match on them.
            <!-- scripts/generate writes the schemas' problem words below. -->
            From the schema of the field at fault: `must be a JSON object`,
            `must be an integer`, `must be a string`, `is required`, `is not allowed`,
            `must be at least 22 characters`, `must not be empty`,
            `must be at least 3 characters`, `must be at most 22 characters`,
            `must be at most 130 characters`, `must be at most 100 characters`,
            `must be at most 254 characters`, `must be at most 200 characters`,
            `must be at least 1`, `must be at most 100`, `must name at least 1 field`,
            `must be a nextToken this API issued`,
            `must be at most 128 letters, digits or ._~:+/=-, quoted or not`,
            `must not contain control characters`, `must be an email address`,
            `must be an id this API issued`.
            <!-- scripts/generate writes the schemas' problem words above. -->
            Of the request itself: `must be given once` (a repeated query
            parameter), `must be UTF-8`, `must be valid JSON`, `must not
            repeat a field name`, `must not contain unpaired surrogate
            escapes`, `has a field name that is not allowed` (an unknown
            field whose name no `field` can hold), `must be at most 8192
            bytes`, `must be application/json`.
            Of the operation: `is already in use`, `does not match the
            current ETag`, `was already used with another request body`, `must be a valid access token with the scope of
            the operation`, `does not grant this operation`, `is missing or
            not a valid API key`, `is a user another client created`.
             Example: must be an email address.
    """

    field: str
    problem: str

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        problem = self.problem

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "field": field,
                "problem": problem,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        problem = d.pop("problem")

        error_errors_item = cls(
            field=field,
            problem=problem,
        )

        return error_errors_item
