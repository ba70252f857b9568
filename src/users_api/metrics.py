"""What the API did, counted as CloudWatch Embedded Metric Format lines on stdout.

Lambda sends stdout to CloudWatch Logs, which turns each such line into metrics
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
Written by hand rather than with Powertools' Metrics, which would add its import
to every cold start (README, "Deploying").
"""

import json
import os
import sys
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


# One line per metric, formatted rather than built as a dict and json.dumps'd, on
# a path that runs for every write. Names and the namespace are fixed
# identifiers; the function name is JSON-quoted.
LINE = (
    '{{"_aws":{{"Timestamp":{timestamp},"CloudWatchMetrics":[{{"Namespace":"' + NAMESPACE + '",'
    '"Dimensions":[["FunctionName"]],"Metrics":[{{"Name":"{name}","Unit":"Count"}}]}}]}},'
    '"FunctionName":{function},"{name}":1}}\n'
)


def count(operation_id: str | None, status: int, function_name: str | None = None) -> None:
    """Print one EMF line if this answer is one the metrics count; reads print nothing.

    The dimension is the function's name, as Lambda's own metrics have it, so each stack's
    figures stay their own: `function_name`, Lambda's context.function_name, or else
    AWS_LAMBDA_FUNCTION_NAME. Both are "the name of the function"
    (https://docs.aws.amazon.com/lambda/latest/dg/python-context.html,
    https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime);
    the context's is an attribute read, the environment's a few microseconds on every write.
    """
    name = BY_OPERATION.get((operation_id, status)) or BY_STATUS.get(status)
    if name is None:
        return
    if function_name is None:
        function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "local")
    parts = _LINES.get((name, function_name))
    if parts is None:
        parts = _LINES[name, function_name] = _line(name, function_name)
    before, after = parts
    # No flush: Lambda's runtime makes stdout unbuffered itself (awslambdaric's
    # bootstrap.run: sys.stdout = Unbuffered(sys.stdout),
    # https://github.com/aws/aws-lambda-python-runtime-interface-client/blob/main/awslambdaric/bootstrap.py).
    sys.stdout.write(before + str(time.time_ns() // 1_000_000) + after)


# LINE for each metric and function, either side of the timestamp: made once, not per write.
_LINES: dict[tuple[str, str], tuple[str, str]] = {}


def _line(name: str, function: str) -> tuple[str, str]:
    before, _, after = LINE.format(timestamp="\0", name=name, function=json.dumps(function)).partition("\0")
    return before, after
