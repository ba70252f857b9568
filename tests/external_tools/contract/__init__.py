"""Needs: a local API, Prism (npm ci). schemathesis' full run and Prism's validating proxy."""
