"""The steps of API Gateway's chain (sam_local_api.chain lists them in order), one job each."""
