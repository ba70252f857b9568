"""sam-local-api: a SAM template's API served as `sam local start-api` serves it,
without Docker, with what API Gateway does in front of the functions.

Run it with `sam-local-api` (or `python -m sam_local_api`); embed it with
`sam_local_api.chain.LocalApi`; start it from tests with `sam_local_api.testing.LocalApiServer`.
"""

__version__ = "0.1.0"
