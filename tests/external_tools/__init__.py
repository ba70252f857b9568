"""Needs tools beyond .venv: Node tools from package-lock.json (npm ci: Prism, Optic, Redoc),
a headless Chromium and its ChromeDriver, the generated client; and schemathesis' full run.
scripts/test installs the Node tools, and Chromium where it can without sudo."""
