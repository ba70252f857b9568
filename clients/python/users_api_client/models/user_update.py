from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserUpdate")


@_attrs_define
class UserUpdate:
    """The properties to change, at least one; the others stay as they are. A property
    whose schema is `nullable` is removed by sending it as `null` (it is then absent
    from the user's answers, not `null`); in a create, `null` leaves it out.

        Attributes:
            name (str | Unset): Any text without control characters: C0, DEL and C1, the line and paragraph separators
                (U+2028, U+2029), and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069),
                which break a name into lines or reorder how it and the text after it display. Other format characters are
                taken: the zero-width joiner and non-joiner, which emoji and several scripts need, and the soft hyphen. Example:
                Ada Lovelace.
            email (str | Unset): Unique among users, compared case-insensitively. Example: ada@example.com.
    """

    name: str | Unset = UNSET
    email: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        user_update = cls(
            name=name,
            email=email,
        )

        return user_update
