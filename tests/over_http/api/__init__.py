"""Needs: a local API (started here). This API over HTTP: a user's whole life, every
documented error, tokens, API keys, throttling, CORS, the mock."""
