"""Needs: .venv. template.yaml, and its agreement with openapi.yaml, the route table and the
generated validators."""
