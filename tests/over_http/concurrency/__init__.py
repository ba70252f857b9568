"""Needs: a local API, or its embedded DynamoDB (started here). Concurrent writes."""
