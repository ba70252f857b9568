"""The user store: users in DynamoDB, behind the five operations' methods and
`key_used` (Idempotency-Key).

Three tables: users by id; one item per email in use (keyed by its case-folded
form); and the Idempotency-Keys in use with their first answers. Every write is
conditional, and a write touching an email or a key goes in one transaction
with its item, so emails stay unique and keys answer once under concurrent writes.
A client writes only the users it created (`createdBy`) unless it may write any:
every update and delete is conditioned on it, so that no read-then-write race
lets another client's write through (openapi.yaml: "Who may touch which user").
A user created with a key names it (`idempotencyKey`), and deleting the user
deletes the key in the same transaction: no answer holding the deleted user's
name and email outlives the user.
"""

import base64
import contextlib
import json
import logging
import os
import random
import time
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from users_api import user_model

logger = logging.getLogger(__name__)

# Attempts at an optimistic read-then-transact write before giving up with 503.
WRITE_ATTEMPTS = 8
# How many other email changes of the same user an email change lets commit
# first before it gives up with 503. Each loss is another's commit, so the count
# depends on how many race, not on how fast the store answers.
EMAIL_CHANGE_ATTEMPTS = 128
# How long an Idempotency-Key lives: a day, as is common, covers any client's
# retries (documented in openapi.yaml and README.md).
IDEMPOTENCY_KEY_SECONDS = 24 * 60 * 60
# Who wrote a user, where nobody knows: what a user stored without one reads as (openapi.yaml's Principal).
UNKNOWN_CALLER = user_model.DEFAULTS["createdBy"]


class UserNotFound(Exception):
    pass


class EmailTaken(Exception):
    pass


class VersionMismatch(Exception):
    """The user's version is not the one the caller based its write on."""

    def __init__(self, *args, item: dict | None = None):
        super().__init__(*args)
        self.item = item  # the user's item as the failed condition found it, when DynamoDB returned it


class KeyUsed(Exception):
    """The caller's Idempotency-Key already went with a create: its first request and answer."""

    def __init__(self, fingerprint: str, answer: dict):
        super().__init__(fingerprint)
        self.fingerprint = fingerprint
        self.answer = answer


class StoreUnavailable(Exception):
    """DynamoDB is unreachable, throttling, or failing."""


class NotOwner(Exception):
    """Another client created the user, and this caller may write only its own."""


class KeyReclaimed(Exception):
    """The Idempotency-Key a deleted user was created with belongs to another user now
    (it expired and was used again): it is not that user's to delete."""


def email_key(email: str) -> str:
    """Emails compare equal when their NFKC case-folded forms do."""
    return unicodedata.normalize("NFKC", email).casefold()


class UserStore:
    def __init__(
        self,
        client,
        users_table: str,
        emails_table: str,
        keys_table: str = "",
        caller: str = UNKNOWN_CALLER,
        any_owner: bool = False,
    ):
        self._db = client
        self._users = users_table
        self._emails = emails_table
        self._keys = keys_table
        self._caller = caller
        self._any_owner = any_owner

    def acting_as(self, caller: str, any_owner: bool = False) -> "UserStore":
        """The same store, recording `caller` as who made each write (createdBy, updatedBy),
        and updating and deleting only the users `caller` created, unless `any_owner`."""
        return UserStore(self._db, self._users, self._emails, self._keys, caller, any_owner)

    @classmethod
    def from_environment(cls) -> "UserStore":
        # botocore rather than boto3: boto3 adds its own import (s3transfer and
        # more, 10-20 ms of a cold start here) and gives this store nothing.
        # botocore reads the region and AWS_ENDPOINT_URL_DYNAMODB itself.
        client = botocore.session.get_session().create_client(
            "dynamodb",
            config=Config(
                connect_timeout=2,
                read_timeout=5,
                # One retry: a 503 soon beats a slow answer (API Gateway gives up at 29 s).
                retries={"mode": "standard", "total_max_attempts": 2},
                tcp_keepalive=True,
            ),
        )
        return cls(
            client, os.environ["USERS_TABLE"], os.environ["USER_EMAILS_TABLE"], os.environ["IDEMPOTENCY_KEYS_TABLE"]
        )

    def get(self, user_id: str) -> dict:
        return user_model.user(self._item_of(user_id))

    def _item_of(self, user_id: str) -> dict:
        """The user's item as stored."""
        item = self._call("get_item", TableName=self._users, Key=_key(user_id), ConsistentRead=True).get("Item")
        if item is None:
            raise UserNotFound(user_id)
        return item

    def page(self, limit: int, after: str | None) -> tuple[list[dict], str | None]:
        """Up to `limit` users, and the id to continue after when more may remain."""
        kwargs = {"TableName": self._users, "Limit": limit, "ConsistentRead": True}
        if after:
            kwargs["ExclusiveStartKey"] = _key(after)
        page = self._call("scan", **kwargs)
        last = page.get("LastEvaluatedKey")
        return [user_model.user(item) for item in page["Items"]], last["id"]["S"] if last else None

    def create(self, fields: dict, key: tuple[str, str, Callable] | None = None) -> dict:
        """A new user of the properties a client gave (`fields`: UserCreate's, a null one
        left out), and those the server sets. With `key` (an Idempotency-Key, the request's
        fingerprint, and the answer for a user), the key and that answer are written in
        the same transaction as the user, so neither exists without the other; KeyUsed
        when the caller already used the key."""
        item = user_model.item(new_user(fields, _token(), _now(), self._caller))
        # The user as a get will read it: its properties in the spec's order, each of the spec's type.
        user = user_model.user(item)
        if key is not None:
            # Which key created the user: deleting the user deletes the key with it.
            item["idempotencyKey"] = {"S": self._key_of(key[0])}
        writes = [
            {
                "Put": {
                    "TableName": self._users,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(id)",
                }
            },
            self._claim_email(user["email"], user["id"]),
        ]
        if key is not None:
            # First: when the key is taken, say so rather than that the email is (by that very create).
            writes.insert(0, self._claim_key(*key[:2], key[2](user), user["id"]))
        try:
            self._transact(writes)
        except KeyUsed:
            # Another request with this key created its user first: answer as it was answered.
            used = self.key_used(key[0])
            if used is None:
                raise StoreUnavailable("an Idempotency-Key expired while in use") from None
            raise used from None
        except VersionMismatch:
            # The id is new and random, so a user with it is this very write: the
            # client retried a transaction whose answer was lost (a store that
            # ignores the idempotency token then refuses the retry).
            if self.get(user["id"]) != user:
                raise StoreUnavailable(f"user {user['id']} exists but is not the one written") from None
        return user

    def update(self, user_id: str, changes: dict, expected_version: int | None = None) -> dict:
        """Apply `changes` (UserUpdate's properties; a None removes one); with
        `expected_version`, only to that version of the user.

        Answers the user exactly as this write left it, even when other writes
        follow at once. Each update records in the item the version it replaced and
        the properties it keeps, as they were (under attribute names of its own),
        and takes the record back out after. DynamoDB evaluates every action of an
        update expression against the item as it was before the update
        (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html),
        so `SET record = version ... ADD version 1` records the version this write
        replaced. TransactWriteItems returns no attributes, and a read after the
        write may see later writes: the record is the exact answer.

        The record's condition (it does not exist yet) also makes a write apply
        once: a replay of the same write, after a lost answer, is refused. So
        name-only updates stay one UpdateItem (1 WCU up to 1 KB) rather than a
        one-item transaction (2 WCU, and still no attributes returned:
        https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling);
        taking the record back costs one more UpdateItem.
        """
        record = _Record.new(changes)
        stamp = {"updatedAt": _now(), "updatedBy": self._caller}
        if "email" not in changes:
            self._write_in_place(user_id, {**changes, **stamp}, expected_version, record)
            return self._take_back(user_id, {**changes, **stamp}, record)
        # A new email means swapping email items, which needs the old email. The
        # write is conditioned on that email (and on the version only when the
        # caller asked for one, where a 412 is the right answer), so name changes
        # racing it do not fail it. Losing to another email change means that one
        # committed: every attempt follows progress.
        item = self._item_of(user_id)
        current = user_model.user(item)
        for attempt in range(EMAIL_CHANGE_ATTEMPTS):
            if expected_version is not None and current["version"] != expected_version:
                # Not this caller's user, it learns nothing more of it (not even that it changed).
                raise VersionMismatch(user_id) if self._may_write(item) else NotOwner(user_id)
            update = self._recorded_update(user_id, {**changes, **stamp}, record)
            _also_require(update, "#email = :read_email", {"#email": "email"}, {":read_email": {"S": current["email"]}})
            if expected_version is not None:
                _also_require(update, "#version = :expected", {}, {":expected": {"N": str(expected_version)}})
            self._require_owner(update)
            # On a failed condition, the item as it found it: the next attempt needs no read.
            writes = [{"Update": {**update, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]
            if email_key(changes["email"]) != email_key(current["email"]):
                writes += [self._release_email(current), self._claim_email(changes["email"], user_id)]
            try:
                self._transact(writes)
                break
            except VersionMismatch as mismatch:
                item = mismatch.item or self._call(
                    "get_item", TableName=self._users, Key=_key(user_id), ConsistentRead=True
                ).get("Item")
            if item is None:
                raise UserNotFound(user_id)
            if record.version in item:
                break  # this very write was applied, and its answer lost
            if not self._may_write(item):
                raise NotOwner(user_id)
            if expected_version is not None:
                raise VersionMismatch(user_id)
            # Email changes racing each other take turns: spread the losers' next attempts out.
            _back_off(min(attempt, 5))
            current = user_model.user(item)
        else:
            raise StoreUnavailable(f"email change of {user_id} kept losing to other email changes")
        return self._take_back(user_id, {**changes, **stamp}, record)

    def delete(self, user_id: str) -> None:
        """Delete the user, release its email, and delete the Idempotency-Key it was
        created with (whose answer holds its name and email): all in one transaction."""
        forget_key = True
        for attempt in range(WRITE_ATTEMPTS):
            item = self._item_of(user_id)
            current = user_model.user(item)
            delete_user = {
                "Delete": {
                    "TableName": self._users,
                    "Key": _key(user_id),
                    **_still_at(current["version"]),
                    # On a failed condition, the item: whose it is tells a 403 from a lost race.
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                }
            }
            self._require_owner(delete_user["Delete"])
            writes = [delete_user, self._release_email(current)]
            if forget_key and "idempotencyKey" in item:
                writes.append(self._forget_key(item["idempotencyKey"]["S"], user_id))
            try:
                self._transact(writes)
            except VersionMismatch as mismatch:
                if mismatch.item is not None and not self._may_write(mismatch.item):
                    raise NotOwner(user_id) from None
                _back_off(attempt)
                continue
            except KeyReclaimed:
                # The key went to another create after it expired: that user's answer stays.
                forget_key = False
                continue
            return
        raise StoreUnavailable(f"delete of {user_id} kept losing races")

    def _write_in_place(self, user_id: str, fields: dict, expected_version: int | None, record: "_Record") -> None:
        update = self._recorded_update(user_id, fields, record)
        _also_require(update, "attribute_exists(id)", {}, {})
        if expected_version is not None:
            _also_require(update, "#version = :expected", {}, {":expected": {"N": str(expected_version)}})
        self._require_owner(update)
        for attempt in range(WRITE_ATTEMPTS):
            try:
                self._call("update_item", **update, ReturnValuesOnConditionCheckFailure="ALL_OLD")
                return
            except ClientError as error:
                if error.response["Error"]["Code"] == "TransactionConflictException":
                    # DynamoDB refuses a single-item write while a transaction (an email
                    # change) holds the item, and botocore does not retry that:
                    # https://repost.aws/knowledge-center/dynamodb-transactwriteitems
                    _back_off(attempt)
                    continue
                item = error.response.get("Item")
            if item is None:
                raise UserNotFound(user_id)
            if record.version in item:
                return  # this very write was applied, and its answer lost
            raise VersionMismatch(user_id) if self._may_write(item) else NotOwner(user_id)
        raise StoreUnavailable(f"update of {user_id} kept meeting transactions")

    def _require_owner(self, write: dict) -> None:
        """Condition `write` (an Update or a Delete) on this caller's being allowed to write the user:
        its creator, unless it may write any. A user written before 2.0.0 has no creator, so
        only a caller that may write any writes it (openapi.yaml: "Who may touch which user")."""
        if not self._any_owner:
            _also_require(write, "#createdBy = :caller", {"#createdBy": "createdBy"}, {":caller": {"S": self._caller}})

    def _may_write(self, item: dict) -> bool:
        """What _require_owner's condition says of the user's `item`."""
        return self._any_owner or item.get("createdBy", {}).get("S") == self._caller

    def _recorded_update(self, user_id: str, fields: dict, record: "_Record") -> dict:
        """The update of `fields` (a None removes the property) that also records the version it
        replaces and the properties it keeps (record.kept) as they were: absent ones as NULL."""
        names, values, sets, removes = {}, {}, [], []
        for i, (name, value) in enumerate(fields.items()):
            names[f"#f{i}"] = name
            if value is None:
                removes.append(f"#f{i}")
            else:
                values[f":f{i}"] = user_model.attribute(name, value)
                sets.append(f"#f{i} = :f{i}")
        sets.append("#rv = #version")
        for i, name in enumerate(record.kept):
            names[f"#k{i}"] = name
            sets.append(f"#r{i} = if_not_exists(#k{i}, :absent)")
        return {
            "TableName": self._users,
            "Key": _key(user_id),
            "UpdateExpression": "SET "
            + ", ".join(sets)
            + " ADD #version :one"
            + (" REMOVE " + ", ".join(removes) if removes else ""),
            "ConditionExpression": "attribute_not_exists(#rv)",
            "ExpressionAttributeNames": {**names, **record.names(), "#version": "version"},
            "ExpressionAttributeValues": {**values, ":one": {"N": "1"}, ":absent": _ABSENT},
        }

    def _recorded(self, user_id: str, record: "_Record") -> dict | None:
        """The user's item while it holds `record`: None unless that write was applied."""
        item = self._call("get_item", TableName=self._users, Key=_key(user_id), ConsistentRead=True).get("Item")
        return item if item is not None and record.version in item else None

    def _take_back(self, user_id: str, fields: dict, record: "_Record") -> dict:
        """Remove a write's record from the user: the user as that write (of `fields`) left it.

        Read, then remove: a remove retried after a lost answer removes nothing more,
        where a remove returning the old values would find them gone.
        """
        item = self._recorded(user_id, record)
        if item is None:
            # Deleted since this write: the delete took the record with the user.
            raise UserNotFound(user_id)
        # A failed condition: deleted in between, and the record went with the user.
        with contextlib.suppress(ClientError):
            self._call(
                "update_item",
                TableName=self._users,
                Key=_key(user_id),
                UpdateExpression="REMOVE " + ", ".join(record.names()),
                ConditionExpression="attribute_exists(id)",
                ExpressionAttributeNames=record.names(),
            )
        # What no update changes (id, createdAt, createdBy) as the item holds it; the rest is what
        # this write found and kept, and what it wrote.
        user = user_model.user(item)
        for name, attribute in record.kept.items():
            if item[attribute] == _ABSENT:
                user.pop(name, None)
            else:
                user[name] = user_model.value(name, item[attribute])
        for name, value in fields.items():
            if value is None:
                user.pop(name, None)
            else:
                user[name] = value
        user["version"] = int(item[record.version]["N"]) + 1
        # In the spec's order and types, as a get will read it.
        return user_model.user(user_model.item(user))

    def key_used(self, key: str) -> KeyUsed | None:
        """What the caller's `key` went with, while it lives."""
        item = self._call(
            "get_item", TableName=self._keys, Key={"key": {"S": self._key_of(key)}}, ConsistentRead=True
        ).get("Item")
        # TTL deletes expired items within days, not at once: an expired key is no key.
        # https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
        if item is None or int(item["expiresAt"]["N"]) <= time.time():
            return None
        return KeyUsed(item["fingerprint"]["S"], json.loads(item["answer"]["S"]))

    def _claim_key(self, key: str, fingerprint: str, answer: dict, user_id: str) -> dict:
        now = int(time.time())
        return {
            "Put": {
                "TableName": self._keys,
                "Item": {
                    "key": {"S": self._key_of(key)},
                    "fingerprint": {"S": fingerprint},
                    "answer": {"S": json.dumps(answer)},
                    "userId": {"S": user_id},
                    "expiresAt": {"N": str(now + IDEMPOTENCY_KEY_SECONDS)},
                },
                "ConditionExpression": "attribute_not_exists(#key) OR expiresAt <= :now",
                "ExpressionAttributeNames": {"#key": "key"},
                "ExpressionAttributeValues": {":now": {"N": str(now)}},
            }
        }

    def _forget_key(self, stored_key: str, user_id: str) -> dict:
        """Delete the key `user_id` was created with, unless it went to another user since."""
        return {
            "Delete": {
                "TableName": self._keys,
                "Key": {"key": {"S": stored_key}},
                # Gone already (DynamoDB's TTL removed it) is as good as deleted.
                "ConditionExpression": "attribute_not_exists(#key) OR userId = :id",
                "ExpressionAttributeNames": {"#key": "key"},
                "ExpressionAttributeValues": {":id": {"S": user_id}},
            }
        }

    def _key_of(self, key: str) -> str:
        # Keys are the caller's own: two callers choosing the same key do not collide.
        return f"{self._caller} {key}"

    def _claim_email(self, email: str, user_id: str) -> dict:
        return {
            "Put": {
                "TableName": self._emails,
                "Item": {"email": {"S": email_key(email)}, "userId": {"S": user_id}},
                "ConditionExpression": "attribute_not_exists(email)",
            }
        }

    def _release_email(self, user: dict) -> dict:
        return {
            "Delete": {
                "TableName": self._emails,
                "Key": {"email": {"S": email_key(user["email"])}},
                "ConditionExpression": "userId = :id",
                "ExpressionAttributeValues": {":id": {"S": user["id"]}},
            }
        }

    def _transact(self, writes: list[dict]) -> None:
        """Write all or nothing; a failed condition raises what it means."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                # Idempotent for 10 minutes: botocore's own retry after a lost answer
                # sends the same token, and DynamoDB applies the transaction once
                # (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
                # botocore would fill in a token itself; ours is one per attempt,
                # as a cancelled attempt applied nothing and the next is new.
                self._call("transact_write_items", TransactItems=writes, ClientRequestToken=str(uuid.uuid4()))
                return
            except ClientError as error:
                reasons = error.response.get("CancellationReasons", [])
            for write, reason in zip(writes, reasons, strict=False):
                if reason.get("Code") == "ConditionalCheckFailed":
                    if "Put" in write and write["Put"]["TableName"] == self._keys:
                        raise KeyUsed("", {})
                    if "Put" in write and write["Put"]["TableName"] == self._emails:
                        raise EmailTaken(write["Put"]["Item"]["email"]["S"])
                    if "Delete" in write and write["Delete"]["TableName"] == self._keys:
                        raise KeyReclaimed(write["Delete"]["Key"]["key"]["S"])
                    raise VersionMismatch(item=reason.get("Item"))
            # Cancelled by a concurrent transaction on the same items: try again shortly.
            _back_off(attempt)
        raise StoreUnavailable("transaction kept conflicting")

    def _call(self, operation: str, **kwargs) -> dict:
        try:
            return getattr(self._db, operation)(**kwargs)
        except ClientError as error:
            if error.response["Error"]["Code"] in EXPECTED_ERRORS:
                raise
            logger.error("DynamoDB %s failed: %s", operation, error)
            raise StoreUnavailable(operation) from error
        except BotoCoreError as error:
            logger.error("DynamoDB %s failed: %s", operation, error)
            raise StoreUnavailable(operation) from error


# Answers that mean a condition did not hold, which the store turns into
# UserNotFound, EmailTaken or VersionMismatch. Any other error is an outage.
EXPECTED_ERRORS = frozenset(
    {"ConditionalCheckFailedException", "TransactionCanceledException", "TransactionConflictException"}
)


def new_user(fields: dict, user_id: str, now: str, caller: str) -> dict:
    """A new user: the properties a client gave (a null one left out), and those the server
    sets (user_model.SERVER_SET, each as the server sets it: a test holds the two in step)."""
    user = {"id": user_id, "createdAt": now, "updatedAt": now, "version": 1, "createdBy": caller, "updatedBy": caller}
    user.update((name, value) for name, value in fields.items() if value is not None)
    return user


def _token() -> str:
    """A user's id: 16 random bytes, URL-safe base64 without padding (22 characters). What
    secrets.token_urlsafe(16) returns, made as it makes it (os.urandom), without importing
    `secrets` before a cold start's first answer."""
    return base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode("ascii")


def _back_off(attempt: int) -> None:
    """Wait before another attempt at a write that lost a race, longer each time."""
    time.sleep(random.uniform(0, 0.005 * 2**attempt))  # noqa: S311 (jitter, not secrecy)


def _still_at(version: int) -> dict:
    """The condition that the user is still at `version`: nobody wrote it since it was read."""
    return {"ConditionExpression": "version = :version", "ExpressionAttributeValues": {":version": {"N": str(version)}}}


class _Record:
    """Where one update records, in the user's item, the version it replaced, and the properties a
    client may update that it does not change (`kept`: property -> attribute) as they were.
    (A plain class: a dataclass would cost every cold start its making, about a millisecond.)"""

    __slots__ = ("kept", "version")

    def __init__(self, version: str, kept: dict[str, str]):
        self.version = version
        self.kept = kept

    @classmethod
    def new(cls, changes: dict) -> "_Record":
        prefix = f"write:{os.urandom(8).hex()}:"
        kept = {name: f"{prefix}{name}" for name in user_model.UPDATE if name not in changes}
        return cls(f"{prefix}version", kept)

    def names(self) -> dict:
        return {"#rv": self.version, **{f"#r{i}": attribute for i, attribute in enumerate(self.kept.values())}}


# What a record holds for a property the user did not have: no property's value is NULL (a
# client's null removes the property).
_ABSENT = {"NULL": True}


def _also_require(write: dict, condition: str, names: dict, values: dict) -> None:
    write["ConditionExpression"] += f" AND {condition}"
    # DynamoDB refuses an empty map of names or values: add them only when there are some.
    if names:
        write.setdefault("ExpressionAttributeNames", {}).update(names)
    if values:
        write.setdefault("ExpressionAttributeValues", {}).update(values)


def _key(user_id: str) -> dict:
    return {"id": {"S": user_id}}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
