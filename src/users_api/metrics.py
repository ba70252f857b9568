"""What the API did, counted as CloudWatch Embedded Metric Format lines on stdout.

Lambda sends stdout to CloudWatch Logs, which turns each such line into metrics
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
Written by hand rather than with Powertools' Metrics, which would add its import
to every cold start (README, "Deploying").
"""

import json
import os
import time

NAMESPACE = "UsersApi"
# The writes that succeeded, by operation; and, whatever the operation, the
# contention (409 email taken, 412 stale If-Match) and outages (503) to watch.
BY_OPERATION = {
    ("createUser", 201): "UsersCreated",
    ("updateUser", 200): "UsersUpdated",
    ("deleteUser", 200): "UsersDeleted",
}
BY_STATUS = {409: "EmailConflicts", 412: "StaleWrites", 503: "StoreUnavailable"}
METRIC_NAMES = (*BY_OPERATION.values(), *BY_STATUS.values())


def count(operation_id: str | None, status: int) -> None:
    """Print one EMF line if this answer is one the metrics count; reads print nothing."""
    name = BY_OPERATION.get((operation_id, status)) or BY_STATUS.get(status)
    if name is None:
        return
    # The dimension Lambda's own metrics use, so each stack's figures stay its own.
    function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "local")
    document = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {"Namespace": NAMESPACE, "Dimensions": [["FunctionName"]], "Metrics": [{"Name": name, "Unit": "Count"}]}
            ],
        },
        "FunctionName": function_name,
        name: 1,
    }
    print(json.dumps(document, separators=(",", ":")), flush=True)
