"""The warm benchmarks' UserStores: the store's interface, none of its I/O.

Benchmarks only. MemoryUserStore keeps users in memory. It keeps the same rules (unique case-folded emails, versions,
expected_version, a client writing only the users it created, Idempotency-Keys
that are each caller's own, written with their user and deleted with it) and
raises the same exceptions as users_api.store.UserStore, and it is cheap, so
that what a warm benchmark times is the handler's routing, validation and
serialisation. Idempotency records of the peers (Powertools' Idempotency) are
kept here too (`records`), so that a benchmark's clear() empties both.
Ids come from a counter, timestamps from a clock read once: both are valid
values for the spec, and neither costs a syscall. EchoUserStore keeps nothing:
the warm benchmark times the handlers on it for its "store excluded" figures.
"""

import itertools
import json

from benchmarks.common import create_body
from users_api.store import (
    UNKNOWN_CALLER,
    EmailTaken,
    KeyUsed,
    NotOwner,
    UserNotFound,
    VersionMismatch,
    email_key,
    new_user,
)

TIMESTAMP = "2026-11-25T12:00:00.000Z"


class MemoryUserStore:
    def __init__(self):
        self._caller = UNKNOWN_CALLER
        self._any_owner = False
        self.clear()

    def clear(self) -> None:
        self._users: dict[str, dict] = {}
        self._emails: dict[str, str] = {}
        # Idempotency-Keys as UserStore keeps them ("<caller> <key>"): (fingerprint, answer); and
        # the key each user was created with, which goes with the user.
        self._keys: dict[str, tuple[str, dict]] = {}
        self._key_of_user: dict[str, str] = {}
        self._ids = itertools.count(1)
        # Powertools' idempotency records (benchmarks/peers/persistence.py), by idempotency key.
        self.records: dict = {}

    def acting_as(self, caller: str, any_owner: bool = False) -> "MemoryUserStore":
        """The same users (shared, not copied), written in the name of `caller`, as UserStore.acting_as."""
        view = object.__new__(MemoryUserStore)
        view.__dict__ = {**self.__dict__, "_caller": caller, "_any_owner": any_owner}
        return view

    def _check_owner(self, user: dict) -> None:
        if not self._any_owner and user["createdBy"] not in (self._caller, UNKNOWN_CALLER):
            raise NotOwner(user["id"])

    def get(self, user_id: str) -> dict:
        try:
            return dict(self._users[user_id])
        except KeyError:
            raise UserNotFound(user_id) from None

    def page(self, limit: int, after: str | None) -> tuple[list[dict], str | None]:
        ids = sorted(self._users)
        start = 0
        if after:
            start = next((i for i, user_id in enumerate(ids) if user_id > after), len(ids))
        chosen = ids[start : start + limit]
        more = start + limit < len(ids)
        return [dict(self._users[i]) for i in chosen], chosen[-1] if more and chosen else None

    def key_used(self, key: str) -> KeyUsed | None:
        used = self._keys.get(f"{self._caller} {key}")
        if used is None:
            return None
        # UserStore's answer comes back from JSON: a copy, never the stored one.
        fingerprint, answer = used
        return KeyUsed(fingerprint, {**answer, "headers": dict(answer["headers"])})

    def create(self, fields: dict, key: tuple | None = None) -> dict:
        """As UserStore.create: with `key` (Idempotency-Key, fingerprint, the answer for a
        user), the key is kept with its answer; KeyUsed when the caller used it already."""
        stored_key = None
        if key is not None:
            stored_key = f"{self._caller} {key[0]}"
            if stored_key in self._keys:
                raise self.key_used(key[0])
        emails_key = email_key(fields["email"])
        if emails_key in self._emails:
            raise EmailTaken(emails_key)
        user_id = f"{next(self._ids):022d}"
        user = new_user(fields, user_id, TIMESTAMP, self._caller)
        if stored_key is not None:
            self._keys[stored_key] = (key[1], key[2](user))  # as UserStore: the user it made
            self._key_of_user[user_id] = stored_key
        self._users[user_id] = user
        self._emails[emails_key] = user_id
        return dict(user)

    def update(self, user_id: str, changes: dict, expected_version: int | None = None) -> dict:
        current = self._users.get(user_id)
        if current is None:
            raise UserNotFound(user_id)
        self._check_owner(current)
        if expected_version is not None and current["version"] != expected_version:
            raise VersionMismatch(user_id)
        if "email" in changes and email_key(changes["email"]) != email_key(current["email"]):
            key = email_key(changes["email"])
            if key in self._emails:
                raise EmailTaken(key)
            del self._emails[email_key(current["email"])]
            self._emails[key] = user_id
        updated = {**current, "version": current["version"] + 1, "updatedAt": TIMESTAMP, "updatedBy": self._caller}
        for name, value in changes.items():  # as UserStore: a null removes the property
            if value is None:
                updated.pop(name, None)
            else:
                updated[name] = value
        self._users[user_id] = updated
        return dict(updated)

    def delete(self, user_id: str) -> None:
        current = self._users.get(user_id)
        if current is None:
            raise UserNotFound(user_id)
        self._check_owner(current)
        del self._users[user_id]
        del self._emails[email_key(current["email"])]
        # As UserStore: the key's answer holds the user's name and email, and goes with it.
        self._keys.pop(self._key_of_user.pop(user_id, ""), None)


class EchoUserStore:
    """The store's interface with none of a store's work, for the warm benchmark's "store
    excluded" figures: every call answers at once, a user made of what it was given.

    Taking off a store's cost measured apart, in a tight loop, takes off too little: where the
    handler runs it, after the handler's other steps, the memory store's calls cost about twice
    as much (`scripts/bench --profile`). With this store there is almost nothing to take off:
    what it does (a dict made per user, as any store returns one) stays in every figure.
    Idempotency-Keys are never found used here: every request is a first one, as in the warm
    benchmark's events. The peers' Powertools records go in `records`, as with the memory store.
    """

    def __init__(self):
        self.records: dict = {}

    def clear(self) -> None:
        self.records.clear()

    def acting_as(self, caller: str, any_owner: bool = False) -> "EchoUserStore":
        return self

    def get(self, user_id: str) -> dict:
        return {**_ECHOED, "id": user_id}

    def key_used(self, key: str) -> None:
        return None

    def create(self, fields: dict, key: tuple | None = None) -> dict:
        user = {**_ECHOED, **fields}
        if key is not None:
            key[2](user)  # the answer kept with the key, made by the handler as with UserStore
        return user


# The user it answers with: the warm benchmark's createUser body, as UserStore would make it.
_ECHOED = new_user(json.loads(create_body(1)), "0000000000000000000001", TIMESTAMP, UNKNOWN_CALLER)
