"""Needs: .venv. lambda_handler driven by API Gateway events (events/) against moto's
in-process DynamoDB, every answer checked against openapi.yaml. No SAM CLI (pyproject.toml's
import contract holds that)."""
