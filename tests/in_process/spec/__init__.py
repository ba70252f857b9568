"""Needs: .venv. openapi.yaml on its own: examples, error problems, security schemes."""
