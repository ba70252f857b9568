"""What a load run's answers said, and the check of the tables against it.

tools/locustfile.py records every answer in a Ledger: each user as last answered
(the highest version seen), who was created and deleted, every status, and every
answer that broke a rule (a 5xx, a status openapi.yaml does not document, no
JSON message). Each Locust process keeps its own; they merge into one, which
`verify` compares with what both tables hold after the run.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from tools.store import TABLES, scan, user_of
from users_api.store import email_key


@dataclass
class Ledger:
    latest: dict[str, dict] = field(default_factory=dict)  # id -> the answered user with the highest version
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    statuses: Counter = field(default_factory=Counter)  # status -> answers; 0: no answer
    problems: list[str] = field(default_factory=list)

    def saw(self, user: dict) -> None:
        known = self.latest.get(user["id"])
        if known is None or user["version"] > known["version"]:
            self.latest[user["id"]] = user

    def merge(self, other: "Ledger") -> None:
        for user in other.latest.values():
            self.saw(user)
        self.created |= other.created
        self.deleted |= other.deleted
        self.statuses += other.statuses
        self.problems += other.problems

    def as_json(self) -> dict:
        return {
            "latest": self.latest,
            "created": sorted(self.created),
            "deleted": sorted(self.deleted),
            "statuses": {str(status): n for status, n in self.statuses.items()},
            "problems": self.problems,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Ledger":
        return cls(
            latest=data["latest"],
            created=set(data["created"]),
            deleted=set(data["deleted"]),
            statuses=Counter({int(status): n for status, n in data["statuses"].items()}),
            problems=data["problems"],
        )

    def save(self, path) -> None:
        with open(path, "w") as file:
            json.dump(self.as_json(), file)

    @classmethod
    def load(cls, path) -> "Ledger":
        with open(path) as file:
            return cls.from_json(json.load(file))


def snapshot(
    client, users_table: str = TABLES["UsersTable"], emails_table: str = TABLES["UserEmailsTable"]
) -> tuple[dict, dict]:
    """Both tables now: users as the API answers them, and email key -> user id."""
    users = {item["id"]["S"]: user_of(item) for item in scan(client, users_table)}
    emails = {item["email"]["S"]: item["userId"]["S"] for item in scan(client, emails_table)}
    return users, emails


def verify(ledger: Ledger, before: tuple[dict, dict], after: tuple[dict, dict]) -> list[str]:
    """Every difference between the tables after the run and what the answers imply, given the tables before it."""
    (users_before, emails_before), (users, emails) = before, after
    problems = []
    for user_id in sorted(ledger.created):
        stored, answered = users.get(user_id), ledger.latest[user_id]
        if user_id in ledger.deleted:
            if stored is not None:
                problems.append(f"user {user_id} was deleted (200) but is in the table: {stored}")
        elif stored is None:
            problems.append(f"user {user_id} is missing; last answered as {answered}")
        elif stored != answered:
            problems.append(f"user {user_id} is {stored}; last answered as {answered}")
    for user_id, stored in users.items():
        if user_id not in ledger.created and users_before.get(user_id) != stored:
            problems.append(f"user {user_id} was neither created by the run nor there before: {stored}")
    expected_emails = dict(emails_before)
    for user_id in ledger.created - ledger.deleted:
        expected_emails[email_key(ledger.latest[user_id]["email"])] = user_id
    for key in sorted(set(emails) | set(expected_emails)):
        if emails.get(key) != expected_emails.get(key):
            problems.append(f"email item {key!r}: userId {emails.get(key)!r}, expected {expected_emails.get(key)!r}")
    return problems
