"""--data DIR: the embedded store's tables kept in DIR across restarts.

moto keeps nothing on disk, so the tables are copied out through the DynamoDB
API itself (DescribeTable, Scan) into one JSON file, on a timer and on a clean
stop, and put back (CreateTable, BatchWriteItem) at the next start. The file is
replaced atomically: a crash mid-save leaves the previous snapshot whole.
Written by hand: no library snapshots a DynamoDB endpoint.
"""

import base64
import json
import os
import tempfile
import threading
from pathlib import Path

import boto3
from botocore.config import Config

SNAPSHOT_NAME = "dynamodb-tables.json"
# BatchWriteItem's limit on items per call
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
BATCH_SIZE = 25
# What CreateTable takes back from DescribeTable's answer.
KEPT_INDEX_FIELDS = ("IndexName", "KeySchema", "Projection")


class Snapshots:
    """The embedded store's tables, saved to and restored from `directory`."""

    def __init__(self, endpoint: str, directory: Path, interval: float = 5.0):
        self.path = directory / SNAPSHOT_NAME
        self.directory = directory
        self.interval = interval
        self.client = boto3.client("dynamodb", endpoint_url=endpoint, config=Config(retries={"max_attempts": 3}))
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._timer = None

    def restore(self) -> list[str]:
        """Put back the tables of the last snapshot; their names."""
        if not self.path.exists():
            return []
        tables = json.loads(self.path.read_text(), object_hook=_decode_binary)["tables"]
        for table in tables:
            self.client.create_table(**table["definition"])
            items = table["items"]
            for start in range(0, len(items), BATCH_SIZE):
                requests = [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH_SIZE]]
                self._write(table["definition"]["TableName"], requests)
        return [table["definition"]["TableName"] for table in tables]

    def save(self) -> None:
        with self._lock:
            tables = [self._table(name) for name in self._table_names()]
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.directory, suffix=".tmp", delete=False) as out:
                json.dump({"tables": tables}, out, default=_encode_binary)
                out.flush()
                os.fsync(out.fileno())
            os.replace(out.name, self.path)

    def start_timer(self) -> None:
        """Save every `interval` seconds, so a crash loses at most that much."""
        self._timer = threading.Thread(target=self._save_periodically, daemon=True)
        self._timer.start()

    def stop_timer(self) -> None:
        self._stop.set()
        if self._timer:
            self._timer.join()

    def _save_periodically(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.save()
            # Whatever the store says (it may be down), the next tick tries again.
            except Exception as error:
                print(f"warning: --data snapshot failed: {error}", flush=True)

    def _table_names(self) -> list[str]:
        return [name for page in self.client.get_paginator("list_tables").paginate() for name in page["TableNames"]]

    def _table(self, name: str) -> dict:
        described = self.client.describe_table(TableName=name)["Table"]
        definition = {
            "TableName": name,
            "KeySchema": described["KeySchema"],
            "AttributeDefinitions": described["AttributeDefinitions"],
            "BillingMode": "PAY_PER_REQUEST",
        }
        for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if described.get(kind):
                definition[kind] = [{key: index[key] for key in KEPT_INDEX_FIELDS} for index in described[kind]]
        items = [
            item
            for page in self.client.get_paginator("scan").paginate(TableName=name, ConsistentRead=True)
            for item in page["Items"]
        ]
        return {"definition": definition, "items": items}

    def _write(self, table_name: str, requests: list[dict]) -> None:
        pending = {table_name: requests}
        while pending:
            pending = self.client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}


def _encode_binary(value):
    # The low-level client hands binary attributes (B, BS) over as bytes.
    if isinstance(value, bytes):
        return {"__base64__": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _decode_binary(node: dict):
    return base64.b64decode(node["__base64__"]) if node.keys() == {"__base64__"} else node
