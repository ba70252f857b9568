"""The Docker-free local API: SAM CLI's local API Gateway, our in-process Lambda runtime.

Run it with scripts/serve (python -m local_api).
"""
