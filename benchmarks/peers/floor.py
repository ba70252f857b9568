"""The floor: import boto3, create the DynamoDB client, one GetItem. No routing, no validation.

What any Python function that reads one DynamoDB item pays; the cold-start and
memory budgets are overheads over this.
"""

import json
import os

import boto3

client = boto3.client("dynamodb")
TABLE = os.environ["USERS_TABLE"]


def lambda_handler(event, context):
    user_id = event["queryStringParameters"]["id"]
    item = client.get_item(TableName=TABLE, Key={"id": {"S": user_id}}, ConsistentRead=True).get("Item")
    if item is None:
        return {"statusCode": 404, "body": json.dumps({"message": "User not found"})}
    return {"statusCode": 200, "body": json.dumps({"message": "Single User Details", "user": item})}
