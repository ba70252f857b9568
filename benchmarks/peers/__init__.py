"""The same API written the ways users would write it, each over the same UserStore.

Benchmarks only (scripts/bench): floor, floor_botocore, powertools_app, fastapi_app.
Kept empty of imports, like the package above it.
"""
