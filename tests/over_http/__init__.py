"""Needs: .venv and free ports on 127.0.0.1. Each suite starts what it talks to on loopback
(a local API as scripts/serve runs it, or its embedded DynamoDB alone) and stops it after."""
