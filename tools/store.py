"""The function's DynamoDB tables as the tools and tests reach them: their names,
how to create them, and how to read them back as the API answers them.

One table map for the whole repository: each table of template.yaml by its
logical id, named as the local API names it (after its logical id), so that the
tests, scripts/load and the benchmarks (benchmarks/common.py) all look for the same tables.
"""

from users_api import user_model

TABLES = {
    "UsersTable": "UsersTable",
    "UserEmailsTable": "UserEmailsTable",
    "IdempotencyKeysTable": "IdempotencyKeysTable",
}
# moto and DynamoDB Local take any credentials; botocore needs some.
FAKE_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local", "region_name": "us-east-1"}


def store_client(endpoint: str):
    """A DynamoDB client of the endpoint that tries each call once: a test or a check sees every failure."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "dynamodb", endpoint_url=endpoint, config=Config(retries={"total_max_attempts": 1}), **FAKE_CREDENTIALS
    )


def create_tables(client, names: dict[str, str] = TABLES) -> None:
    """Create the template's tables, each named as `names` maps its logical id."""
    # Imported here, not above: the benchmarks take TABLES without the YAML reader.
    from tools.spec import resources, template

    tables = resources(template(), "AWS::DynamoDB::Table")
    for logical_id, name in names.items():
        props = tables[logical_id]["Properties"]
        client.create_table(
            TableName=name,
            AttributeDefinitions=props["AttributeDefinitions"],
            KeySchema=props["KeySchema"],
            BillingMode=props["BillingMode"],
        )


def scan(client, table: str) -> list[dict]:
    """Every item of the table, read consistently, page after page."""
    items, kwargs = [], {"TableName": table, "ConsistentRead": True}
    while True:
        page = client.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def user_of(item: dict) -> dict:
    """A users-table item as the API answers it (the function's own reading of it)."""
    return user_model.user(item)
