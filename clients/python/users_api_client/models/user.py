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
        name (str): Any text without control characters: C0, DEL and C1, the line and paragraph separators (U+2028,
            U+2029), and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which
            break a name into lines or reorder how it and the text after it display. Other format characters are taken: the
            zero-width joiner and non-joiner, which emoji and several scripts need, and the soft hyphen. Example: Ada
            Lovelace.
        email (str): Unique among users, compared case-insensitively. Example: ada@example.com.
        created_at (datetime.datetime):  Example: 2026-11-25T12:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-25T12:00:00.000Z.
        version (int): Starts at 1; every update adds 1. The `ETag` is this number, quoted. Example: 1.
        created_by (str): Who wrote the user: the `sub` of the access token (for a service's
            client-credentials token, its client id). `unknown` for users written
            before 2.0.0. `createdBy` is the user's owner: the one client whose
            `users/write` token may update and delete it; a user whose owner is
            `unknown` is written by `users/admin` only (see "Who may touch which user").
             Example: 4m1q6k0v9hq1t2pvtc7b1n3eo5.
        updated_by (str): Who wrote the user: the `sub` of the access token (for a service's
            client-credentials token, its client id). `unknown` for users written
            before 2.0.0. `createdBy` is the user's owner: the one client whose
            `users/write` token may update and delete it; a user whose owner is
            `unknown` is written by `users/admin` only (see "Who may touch which user").
             Example: 4m1q6k0v9hq1t2pvtc7b1n3eo5.
    """

    id: str
    name: str
    email: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    created_by: str
    updated_by: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        created_by = self.created_by

        updated_by = self.updated_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "version": version,
                "createdBy": created_by,
                "updatedBy": updated_by,
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

        created_by = d.pop("createdBy")

        updated_by = d.pop("updatedBy")

        user = cls(
            id=id,
            name=name,
            email=email,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
            created_by=created_by,
            updated_by=updated_by,
        )

        return user
