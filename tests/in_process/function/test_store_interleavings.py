"""Two writers of one user, interleaved at a chosen point, with no reliance on timing.

The store reads a user, then writes it conditioned on what it read. Here the second
writer's write is held at the point between its read and its write (botocore's
`before-call` event on its own client, in-process against moto's mock_aws), and the
first writer's whole write commits there. What each condition in store.py guards is
then what the test sees, every run.
"""

import boto3
import pytest

from tools.store import TABLES
from users_api.store import EmailTaken, UserStore, email_key


def store_with_own_client() -> UserStore:
    # A DynamoDB client of its own: an event registered on it holds this writer alone.
    # Both writers act for one API client (two of its requests at once), which owns the user.
    return UserStore(
        boto3.client("dynamodb"),
        TABLES["UsersTable"],
        TABLES["UserEmailsTable"],
        TABLES["IdempotencyKeysTable"],
        "one-client",
    )


def run_just_before(store: UserStore, operation: str, other_write) -> list:
    """Hold `store`'s first `operation` call until `other_write` has committed; what it returned."""
    done = []

    def interleave(**_):
        if not done:
            done.append(other_write())

    store._db.meta.events.register(f"before-call.dynamodb.{operation}", interleave)
    return done


def email_claims(dynamodb) -> dict[str, str]:
    """Email item (case-folded email) -> the id of the user it says owns it."""
    return {
        item["email"]["S"]: item["userId"]["S"] for item in dynamodb.scan(TableName=TABLES["UserEmailsTable"])["Items"]
    }


def assert_every_user_owns_exactly_its_email_claim(dynamodb) -> None:
    users = {item["id"]["S"]: item["email"]["S"] for item in dynamodb.scan(TableName=TABLES["UsersTable"])["Items"]}
    expected = {email_key(email): user_id for user_id, email in users.items()}
    assert email_claims(dynamodb) == expected


def test_a_case_only_email_change_committed_just_after_another_writers_email_change(dynamodb):
    first, second = store_with_own_client(), store_with_own_client()
    user = first.create({"name": "Ada Lovelace", "email": "ada@example.com"})

    # The second writer reads the user (ada@example.com) and means to change the email's
    # case only: no email item to swap, so its write is one Update. Between its read and
    # that write, the first writer moves the user to another email and commits.
    moved = run_just_before(
        second, "TransactWriteItems", lambda: first.update(user["id"], {"email": "ada.king@example.com"})
    )
    answer = second.update(user["id"], {"email": "ADA@example.com"})

    assert moved[0]["email"] == "ada.king@example.com" and moved[0]["version"] == 2
    # The second write did not apply to an email it did not read: it saw the first
    # writer's commit, and made its change from there (swapping the email items).
    assert (answer["email"], answer["version"]) == ("ADA@example.com", 3)
    assert first.get(user["id"]) == answer
    assert_every_user_owns_exactly_its_email_claim(dynamodb)
    assert email_claims(dynamodb) == {"ada@example.com": user["id"]}

    # The email the first writer claimed and the second released is free; the user's is not.
    released = first.create({"name": "Ada King", "email": "ada.king@example.com"})
    assert released["email"] == "ada.king@example.com"
    with pytest.raises(EmailTaken):
        first.create({"name": "Someone Else", "email": "ada@example.com"})
    assert_every_user_owns_exactly_its_email_claim(dynamodb)


def test_an_email_change_committed_just_after_another_writers_case_only_change(dynamodb):
    """The same two writes the other way round: the case-only change commits first."""
    first, second = store_with_own_client(), store_with_own_client()
    user = first.create({"name": "Ada Lovelace", "email": "ada@example.com"})

    recased = run_just_before(
        second, "TransactWriteItems", lambda: first.update(user["id"], {"email": "ADA@example.com"})
    )
    answer = second.update(user["id"], {"email": "ada.king@example.com"})

    assert recased[0]["email"] == "ADA@example.com"
    assert (answer["email"], answer["version"]) == ("ada.king@example.com", 3)
    assert_every_user_owns_exactly_its_email_claim(dynamodb)
    assert first.create({"name": "Someone Else", "email": "ada@example.com"})["email"] == "ada@example.com"
    with pytest.raises(EmailTaken):
        first.create({"name": "Ada King", "email": "ADA.KING@example.com"})
    assert_every_user_owns_exactly_its_email_claim(dynamodb)
