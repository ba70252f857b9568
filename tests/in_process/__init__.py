"""The quick tier (scripts/test --quick). Needs the project's .venv and nothing else:
no server, no network, no Node tools, no browser."""
