"""Needs: a local API (scripts/load starts one). scripts/load in miniature, with Locust:
one process, and a master with two workers."""
