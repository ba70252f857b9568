"""The function as the event suites run it: its environment, as template.yaml
gives it, with its tables in moto's DynamoDB."""

import boto3
import pytest

from tools.spec import function_environment, template
from tools.store import TABLES, create_tables
from users_api import app, proxy


def set_environment(patch: pytest.MonkeyPatch) -> None:
    """The function's environment: every variable the template gives it (the tables, and
    the parameters with their defaults, as a deploy that sets none), AWS's region and
    credentials for moto, and no endpoint left over from elsewhere."""
    parameters = template()["Parameters"]
    for variable, value in function_environment().items():
        ref = value["Ref"]
        patch.setenv(variable, TABLES[ref] if ref in TABLES else parameters[ref]["Default"])
    patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    patch.setenv("AWS_ACCESS_KEY_ID", "testing")
    patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    for name in ("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"):
        patch.delenv(name, raising=False)
    # The store and the allowed origins are read once per container: again for each environment.
    app.store.cache_clear()
    proxy.allowed_origins.cache_clear()


def create_tables_in_moto():
    """A DynamoDB client on moto (started by the caller) with the template's tables."""
    client = boto3.client("dynamodb")
    create_tables(client)
    return client
