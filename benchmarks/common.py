"""What the benchmarks share: the targets, the environment, sample events, statistics."""

import copy
import json
import os
import statistics
from dataclasses import dataclass
from pathlib import Path

from tools.store import TABLES

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EVENTS = ROOT / "events"


@dataclass(frozen=True)
class Target:
    name: str
    handler: str  # "module:function"
    role: str  # "us", "peer" or "reference" (shown, no budget against it)

    @property
    def module(self) -> str:
        return self.handler.partition(":")[0]


US = Target("us", "users_api.app:lambda_handler", "us")
# The same handler imported from what `sam build` made, as Lambda runs it (cold start only).
US_BUILT = Target("us-built", "users_api.app:lambda_handler", "reference")
FLOOR = Target("floor", "benchmarks.peers.floor:lambda_handler", "peer")
FLOOR_BOTOCORE = Target("floor-botocore", "benchmarks.peers.floor_botocore:lambda_handler", "reference")
FLOOR_BOTOCORE_FILE = Path(__file__).resolve().parent / "peers" / "floor_botocore.py"
POWERTOOLS = Target("powertools", "benchmarks.peers.powertools_app:lambda_handler", "peer")
FASTAPI = Target("fastapi", "benchmarks.peers.fastapi_app:lambda_handler", "peer")
TARGETS = (US, FLOOR, FLOOR_BOTOCORE, POWERTOOLS, FASTAPI)
# The peers that implement the whole API (the floors only answer getUser).
API_TARGETS = (US, POWERTOOLS, FASTAPI)


def function_environment(endpoint: str | None = None) -> dict[str, str]:
    """What the function (and every peer) sees: table names, region, fake credentials, the store's endpoint."""
    env = {
        "USERS_TABLE": TABLES["UsersTable"],
        "USER_EMAILS_TABLE": TABLES["UserEmailsTable"],
        "IDEMPOTENCY_KEYS_TABLE": TABLES["IdempotencyKeysTable"],
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        # Powertools and botocore read these; keep them quiet and local.
        "POWERTOOLS_DEV": "false",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    if endpoint:
        env["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    return env


def python_path() -> str:
    return os.pathsep.join([str(SRC), str(ROOT)])


def event(name: str, *, query: dict | None = None, body: str | None = None) -> dict:
    """A sample API Gateway event from events/, with its query or body replaced."""
    loaded = _load_event(name)
    if query is not None:
        loaded["queryStringParameters"] = dict(query)
        loaded["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
    if body is not None:
        loaded["body"] = body
    return loaded


_EVENT_CACHE: dict[str, dict] = {}


def _load_event(name: str) -> dict:
    if name not in _EVENT_CACHE:
        _EVENT_CACHE[name] = json.loads((EVENTS / f"{name}.json").read_text())
    return copy.deepcopy(_EVENT_CACHE[name])


def create_body(n: int) -> str:
    return json.dumps({"name": f"User {n}", "email": f"user{n}@example.com"})


def with_key(template: dict, n: int) -> dict:
    """A createUser event from `template` with body n and an Idempotency-Key of its own, in both of
    API Gateway's header maps (frameworks read multiValueHeaders); the rest shared, not copied."""
    key = f'"bench-{n}"'
    return {
        **template,
        "body": create_body(n),
        "headers": {**template["headers"], "Idempotency-Key": key},
        "multiValueHeaders": {**template["multiValueHeaders"], "Idempotency-Key": [key]},
    }


class LambdaContext:
    """The context Lambda passes a handler, with the fields frameworks read."""

    function_name = "UsersFunction"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:UsersFunction"
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/UsersFunction"
    log_stream_name = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def median(values) -> float:
    return statistics.median(values)


def percentile(values, q: float) -> float:
    """The q-th percentile (0..100), linearly interpolated."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
