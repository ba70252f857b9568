"""The store's writes under contention and after lost answers, against the local API's
embedded store (moto's server, one request at a time, honouring ClientRequestToken).

The same races through HTTP are in test_races.py; these need no token and no function.
"""

import uuid
from collections import Counter

import botocore.session
import pytest
import urllib3
from botocore.config import Config
from botocore.exceptions import ClientError
from sam_local_api.dynamodb import EmbeddedDynamoDB

from tests.support.racing import all_at_once
from tools.store import FAKE_CREDENTIALS, TABLES, create_tables, scan, store_client
from users_api.store import UserStore, email_key


@pytest.fixture(scope="module")
def embedded():
    server = EmbeddedDynamoDB().start()
    create_tables(store_client(server.endpoint))
    yield server
    server.stop()


def user_store(endpoint: str) -> UserStore:
    # The function's own client settings (UserStore.from_environment), at another endpoint.
    client = botocore.session.get_session().create_client(
        "dynamodb",
        endpoint_url=endpoint,
        config=Config(retries={"mode": "standard", "total_max_attempts": 2}),
        **FAKE_CREDENTIALS,
    )
    return UserStore(client, TABLES["UsersTable"], TABLES["UserEmailsTable"], caller="racer")


def test_100_concurrent_updates_half_of_them_changing_the_email_all_succeed(embedded):
    store = user_store(embedded.endpoint)
    user = store.create({"name": "Ada Lovelace", "email": "store-race@example.com"})
    bodies = [{"email": f"store-racer-{i}@example.org"} if i % 2 else {"name": f"Racer {i}"} for i in range(100)]
    answers = all_at_once([lambda body=body: store.update(user["id"], body) for body in bodies])

    assert Counter(type(answer).__name__ for answer in answers) == {"dict": 100}
    # Each answer is the user exactly as its own write left it: a version of its own, its change.
    assert sorted(answer["version"] for answer in answers) == list(range(2, 102))
    for body, answer in zip(bodies, answers, strict=True):
        assert {field: answer[field] for field in body} == body
    final = store.get(user["id"])
    assert final == max(answers, key=lambda answer: answer["version"])
    assert final["version"] == 101
    client = store_client(embedded.endpoint)
    stored = next(item for item in scan(client, TABLES["UsersTable"]) if item["id"]["S"] == user["id"])
    assert not [name for name in stored if name.startswith("write:")], "a write's record was left behind"
    emails = scan(client, TABLES["UserEmailsTable"])
    owned = {item["email"]["S"] for item in emails if item["userId"]["S"] == user["id"]}
    assert owned == {email_key(final["email"])}


def test_a_transaction_sent_twice_with_one_token_applies_once(embedded):
    client = store_client(embedded.endpoint)
    key = {"id": {"S": f"token-{uuid.uuid4()}"}}
    add_one = [
        {
            "Update": {
                "TableName": TABLES["UsersTable"],
                "Key": key,
                "UpdateExpression": "ADD #n :one",
                "ExpressionAttributeNames": {"#n": "count"},
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }
        }
    ]
    token = str(uuid.uuid4())
    client.transact_write_items(TransactItems=add_one, ClientRequestToken=token)
    client.transact_write_items(TransactItems=add_one, ClientRequestToken=token)
    assert client.get_item(TableName=TABLES["UsersTable"], Key=key)["Item"]["count"] == {"N": "1"}

    client.transact_write_items(TransactItems=add_one, ClientRequestToken=str(uuid.uuid4()))
    assert client.get_item(TableName=TABLES["UsersTable"], Key=key)["Item"]["count"] == {"N": "2"}

    add_one[0]["Update"]["ExpressionAttributeValues"][":one"] = {"N": "5"}
    with pytest.raises(ClientError) as refused:
        client.transact_write_items(TransactItems=add_one, ClientRequestToken=token)
    assert refused.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"


@pytest.mark.parametrize(
    ("changes", "operation"),
    [({"name": "Ada King"}, "UpdateItem"), ({"email": "lost-answer-new@example.org"}, "TransactWriteItems")],
    ids=["name", "email"],
)
def test_an_update_whose_answer_was_lost_applies_once(embedded, changes, operation):
    """The store applies the write but its answer is lost, and the client sends the very
    same request again (as botocore's retry does, token included). The user moves one
    version, and the answer is the state that one write made."""
    store = user_store(embedded.endpoint)
    user = store.create({"name": "Ada Lovelace", "email": f"lost-{uuid.uuid4().hex[:8]}@example.com"})
    sent = []

    def send_and_lose_the_answer(request, **_):
        if not sent:
            sent.append(urllib3.request(request.method, request.url, body=request.body, headers=dict(request.headers)))
        # None: botocore sends the request itself, a second time.

    store._db.meta.events.register(f"before-send.dynamodb.{operation}", send_and_lose_the_answer)
    answer = store.update(user["id"], changes)

    assert sent[0].status == 200
    stored = store.get(user["id"])
    assert stored["version"] == 2
    assert answer == stored
    assert {field: stored[field] for field in changes} == changes
