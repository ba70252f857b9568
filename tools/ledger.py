"""What a load run's answers said, and the check of the tables against it.

tools/locustfile.py records every answer in a Ledger: each user as last answered
(the highest version seen), who was created and deleted, every status, and every
answer that broke a rule (a 5xx, a status openapi.yaml does not document, no
JSON message). Each Locust process keeps its own; they merge into one, which
`verify` compares with what both tables hold after the run.

scripts/load does all of it. A run of Locust by hand (one master and workers on
several machines: docs/testing.md) is checked from the repository's root with

    .venv/bin/python -m tools.ledger snapshot --store-endpoint URL before.json     # before the run
    .venv/bin/python -m tools.ledger verify --store-endpoint URL before.json ledger.json   # after it
"""

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tools.store import TABLES, scan, store_client, user_of
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.ledger", description="Check a load run's answers against the tables it left."
    )
    parser.add_argument("--store-endpoint", required=True, help="the DynamoDB endpoint the API under load uses")
    parser.add_argument("--users-table", default=TABLES["UsersTable"])
    parser.add_argument("--emails-table", default=TABLES["UserEmailsTable"])
    commands = parser.add_subparsers(dest="command", required=True)
    taking = commands.add_parser("snapshot", help="before the run: write what both tables hold to BEFORE")
    taking.add_argument("before", type=Path, metavar="BEFORE")
    checking = commands.add_parser("verify", help="after the run: the tables against BEFORE and the run's LEDGER")
    checking.add_argument("before", type=Path, metavar="BEFORE")
    checking.add_argument("ledger", type=Path, metavar="LEDGER", help="what Locust's --ledger wrote")
    args = parser.parse_args(argv)
    client = store_client(args.store_endpoint)
    now = snapshot(client, args.users_table, args.emails_table)
    if args.command == "snapshot":
        args.before.write_text(json.dumps({"users": now[0], "emails": now[1]}))
        print(f"snapshot: {len(now[0])} users, {len(now[1])} emails in {args.before}")
        return 0
    before = json.loads(args.before.read_text())
    ledger = Ledger.load(args.ledger)
    problems = verify(ledger, (before["users"], before["emails"]), now)
    statuses = ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(ledger.statuses.items()))
    print(f"requests: {sum(ledger.statuses.values())}; statuses: {statuses}; failed checks: {len(ledger.problems)}")
    for problem in ledger.problems[:10]:
        print(f"  {problem}")
    if problems:
        print(f"verification: FAILED, {len(problems)} differences between the tables and the answers")
        for problem in problems[:20]:
            print(f"  {problem}")
    else:
        live = len(ledger.created - ledger.deleted)
        print(f"verification: OK, both tables hold exactly what the answers said ({live} users)")
    return 1 if problems or ledger.problems else 0


if __name__ == "__main__":
    sys.exit(main())
