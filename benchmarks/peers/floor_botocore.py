"""The floor without boto3: botocore's session, the DynamoDB client, one GetItem.

A reference, not a budget: users_api uses botocore directly (boto3's import
costs ~100 ms), so its cold start is also shown over this stricter floor.
"""

import json
import os

import botocore.session

client = botocore.session.get_session().create_client("dynamodb")
TABLE = os.environ["USERS_TABLE"]


def lambda_handler(event, context):
    user_id = event["queryStringParameters"]["id"]
    item = client.get_item(TableName=TABLE, Key={"id": {"S": user_id}}, ConsistentRead=True).get("Item")
    if item is None:
        return {"statusCode": 404, "body": json.dumps({"message": "User not found"})}
    return {"statusCode": 200, "body": json.dumps({"message": "Single User Details", "user": item})}
