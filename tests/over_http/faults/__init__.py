"""Needs: a local API and a DynamoDB server (started here). The store killed or cut off mid-workload."""
