"""Needs: a local API of its own (started here). Hostile requests as raw HTTP and as events,
and attacks on the authorizer."""
