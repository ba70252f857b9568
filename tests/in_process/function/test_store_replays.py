"""The store against moto, which ignores ClientRequestToken: a write whose answer was lost
and that the client sends again (as botocore's retry does) still applies once."""

import contextlib

import pytest
from botocore.exceptions import ClientError

from tools.store import TABLES
from users_api.store import KeyUsed, UserStore, VersionMismatch


class LostFirstAnswers:
    """A DynamoDB client whose first answer to each write is lost: the write is sent twice."""

    WRITES = frozenset({"transact_write_items", "update_item"})

    def __init__(self, client):
        self._client = client
        self.replayed = []

    def __getattr__(self, operation):
        call = getattr(self._client, operation)
        if operation not in self.WRITES:
            return call

        def twice(**kwargs):
            # Lost with its answer, error or not: the retry meets what it left.
            with contextlib.suppress(self._client.exceptions.ClientError):
                call(**kwargs)
            self.replayed.append(operation)
            return call(**kwargs)

        return twice


@pytest.fixture
def replaying(dynamodb):
    client = LostFirstAnswers(dynamodb)
    store = UserStore(client, TABLES["UsersTable"], TABLES["UserEmailsTable"], TABLES["IdempotencyKeysTable"], "me")
    plain = UserStore(dynamodb, TABLES["UsersTable"], TABLES["UserEmailsTable"], TABLES["IdempotencyKeysTable"], "me")
    return store, plain.create({"name": "Ada Lovelace", "email": "ada@example.com"}), client


@pytest.mark.parametrize(
    "changes",
    [{"name": "Ada King"}, {"email": "ada.king@example.org"}, {"name": "Ada King", "email": "ADA@example.com"}],
)
def test_a_replayed_update_applies_once_and_answers_what_it_wrote(replaying, dynamodb, changes):
    store, user, client = replaying
    answer = store.update(user["id"], changes)
    assert client.replayed
    stored = store.get(user["id"])
    assert (stored["version"], answer) == (2, stored)
    assert {field: stored[field] for field in changes} == changes
    (item,) = dynamodb.scan(TableName=TABLES["UsersTable"])["Items"]
    assert not [name for name in item if name.startswith("write:")]


def test_a_replayed_update_with_if_match_applies_once(replaying):
    store, user, _ = replaying
    assert store.update(user["id"], {"email": "new@example.org"}, expected_version=1)["version"] == 2
    with pytest.raises(VersionMismatch):
        store.update(user["id"], {"name": "Late"}, expected_version=1)


def test_a_replayed_create_with_a_key_applies_once_and_finds_its_own_answer(replaying, dynamodb):
    """The replay meets the key its first attempt wrote: createUser answers with the stored answer."""
    store, _, _ = replaying
    with pytest.raises(KeyUsed) as used:
        store.create(
            {"name": "Grace Hopper", "email": "grace@example.com"},
            ("key-1", "fingerprint", lambda user: {"user": user}),
        )
    assert used.value.fingerprint == "fingerprint"
    created = used.value.answer["user"]
    assert store.get(created["id"]) == created
    assert len(dynamodb.scan(TableName=TABLES["UsersTable"])["Items"]) == 2


class ConflictingFirst(LostFirstAnswers):
    """A DynamoDB client whose first UpdateItem meets a transaction holding the item."""

    def __getattr__(self, operation):
        call = getattr(self._client, operation)
        if operation != "update_item" or self.replayed:
            return call

        def refused(**kwargs):
            self.replayed.append(operation)
            raise ClientError({"Error": {"Code": "TransactionConflictException", "Message": "conflict"}}, operation)

        return refused


def test_an_update_refused_for_a_transaction_in_progress_is_tried_again(dynamodb):
    tables = (TABLES["UsersTable"], TABLES["UserEmailsTable"], TABLES["IdempotencyKeysTable"])
    user = UserStore(dynamodb, *tables).create({"name": "Ada Lovelace", "email": "ada@example.com"})
    store = UserStore(ConflictingFirst(dynamodb), *tables)
    assert store.update(user["id"], {"name": "Ada King"})["version"] == 2
