from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserCreate")


@_attrs_define
class UserCreate:
    """
    Attributes:
        name (str): Any text without control characters: C0, DEL and C1, the line and paragraph separators (U+2028,
            U+2029), and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which
            break a name into lines or reorder how it and the text after it display. Other format characters are taken: the
            zero-width joiner and non-joiner, which emoji and several scripts need, and the soft hyphen. Example: Ada
            Lovelace.
        email (str): Unique among users, compared case-insensitively. Example: ada@example.com.
    """

    name: str
    email: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "email": email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        email = d.pop("email")

        user_create = cls(
            name=name,
            email=email,
        )

        return user_create
