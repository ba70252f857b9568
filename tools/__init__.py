"""Development tooling: code generation and the local API. Never deployed."""
