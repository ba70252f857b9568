"""Needs: .venv. The local API's gateway in-process (its WSGI application, no server)."""
