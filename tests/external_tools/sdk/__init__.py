"""Needs: local APIs, the generated client (clients/python/). The client as a developer uses it."""
