"""Where the peers' Powertools Idempotency keeps its records: the store the benchmark gives them.

Deployed, and in the cold-start benchmark, that is DynamoDB: Powertools' own
DynamoDBPersistenceLayer on the function's Idempotency-Keys table, made at
import as Powertools' documentation makes it. In the warm benchmark every
target works on an in-memory store (users_api on benchmarks.memory_store), so
the peers' records go there too, through a persistence layer of the kind
Powertools documents for bringing your own store (a BasePersistenceLayer with
_get_record, _put_record, _update_record and _delete_record):
https://docs.powertools.aws.dev/lambda/python/latest/utilities/idempotency/#bring-your-own-persistent-store
It keeps DynamoDB's conditions (a record is written over only once expired, or
left in progress past its in-progress expiry) without its marshalling, as the
memory store keeps UserStore's rules without its I/O.
"""

import os
import time
from collections.abc import Callable
from types import SimpleNamespace

from aws_lambda_powertools.utilities.idempotency import (
    BasePersistenceLayer,
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import STATUS_CONSTANTS, DataRecord

# Set by the warm benchmark, which imports the peers into its own process.
MEMORY = "USERS_API_BENCH_IDEMPOTENCY_IN_MEMORY"

# users_api's Idempotency-Key rules: the key and the body, a day (store.IDEMPOTENCY_KEY_SECONDS);
# the same key with another body fails payload validation (users_api's 422).
CONFIG = IdempotencyConfig(
    event_key_jmespath="key",
    payload_validation_jmespath="body",
    expires_after_seconds=24 * 60 * 60,
)


def persistence_layer(store: Callable[[], object]) -> BasePersistenceLayer:
    """The layer on DynamoDB's Idempotency-Keys table (key `key`, TTL attribute `expiresAt`, as
    template.yaml defines it), or, in the warm benchmark, on the memory store `store()` gives."""
    if os.environ.get(MEMORY):
        return MemoryPersistenceLayer(store)
    return DynamoDBPersistenceLayer(
        table_name=os.environ["IDEMPOTENCY_KEYS_TABLE"], key_attr="key", expiry_attr="expiresAt"
    )


class MemoryPersistenceLayer(BasePersistenceLayer):
    """Records in the memory store's `records` dict, by idempotency key."""

    def __init__(self, store: Callable[[], object]):
        super().__init__()
        self._store = store

    def _records(self) -> dict:
        return self._store().records

    def _get_record(self, idempotency_key) -> DataRecord:
        try:
            return self._records()[idempotency_key]
        except KeyError:
            raise IdempotencyItemNotFoundError from None

    def _put_record(self, data_record: DataRecord) -> None:
        records = self._records()
        old = records.get(data_record.idempotency_key)
        if old is not None and not _may_replace(old):
            # As DynamoDBPersistenceLayer on a failed condition: the stored record's payload checked first.
            self._validate_payload(data_payload=data_record, stored_data_record=old)
            raise IdempotencyItemAlreadyExistsError(old_data_record=old)
        records[data_record.idempotency_key] = data_record

    def _update_record(self, data_record: DataRecord) -> None:
        self._records()[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self._records().pop(data_record.idempotency_key, None)


def _may_replace(old: DataRecord) -> bool:
    """DynamoDBPersistenceLayer's put condition: expired, or left in progress past its in-progress expiry."""
    if old.is_expired:
        return True
    return (
        old.status == STATUS_CONSTANTS["INPROGRESS"]
        and old.in_progress_expiry_timestamp is not None
        and old.in_progress_expiry_timestamp < int(time.time() * 1000)
    )


def store_cost_us(calls: int = 20_000) -> float:
    """What MemoryPersistenceLayer's own record keeping takes per create (a put and an update),
    CPU: taken off the peers' warm createUser as the memory store's own cost is."""

    store = SimpleNamespace(records={})
    layer = MemoryPersistenceLayer(lambda: store)
    layer.configure(CONFIG, "bench")
    records = [DataRecord(f"key-{n}", status="INPROGRESS", expiry_timestamp=2**40) for n in range(calls)]
    done = [DataRecord(f"key-{n}", status="COMPLETED", expiry_timestamp=2**40) for n in range(calls)]
    started = time.process_time_ns()
    for record, completed in zip(records, done, strict=True):
        layer._put_record(record)
        layer._update_record(completed)
    return (time.process_time_ns() - started) / calls / 1000
