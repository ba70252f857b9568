from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        id (str): Server-generated, opaque and unguessable (128 random bits, base64url). Example:
            3q2-7wAAQkqHmB1Yd0x5Zg.
        name (str): Any text without control characters (C0, DEL or C1). Example: Ada Lovelace.
        email (str): Unique among users, compared case-insensitively. Example: ada@example.com.
        created_at (datetime.datetime):  Example: 2026-11-25T12:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-25T12:00:00.000Z.
        version (int): Starts at 1; every update adds 1. The `ETag` is this number, quoted. Example: 1.
    """

    id: str
    name: str
    email: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        email = d.pop("email")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        version = d.pop("version")

        user = cls(
            id=id,
            name=name,
            email=email,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        return user
