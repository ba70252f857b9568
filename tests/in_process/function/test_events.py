"""Every sample event in events/ answers as documented, as `sam local invoke -e` would see it."""

import pytest

from tests.in_process.function.conftest import EVENTS, create, invoke, load_event

# Events that name a user get the id of one created first.
EXPECTED = {
    "create-user": 201,
    "create-user-invalid-email": 400,
    "create-user-malformed-json": 400,
    "create-user-not-json": 415,
    "create-user-too-large": 413,
    "delete-user": 200,
    "get-user": 200,
    "get-user-missing-id": 400,
    "list-users": 200,
    "list-users-tampered-token": 400,
    "unknown-path": 404,
    "update-user": 200,
    "wrong-method": 405,
}


def test_every_event_file_has_an_expectation():
    assert sorted(path.stem for path in EVENTS.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.usefixtures("dynamodb")
@pytest.mark.parametrize(("name", "status"), sorted(EXPECTED.items()))
def test_event_answers_as_documented(name, status):
    event = load_event(name)
    if (event.get("queryStringParameters") or {}).get("id"):
        user = create(email="someone@example.com")
        event = load_event(name, query={"id": user["id"]})
    assert invoke(event).status == status
