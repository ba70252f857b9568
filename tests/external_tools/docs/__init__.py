"""Needs: Redoc (npm ci), a local API, Chromium and ChromeDriver: the rendered reference.
And bash and curl: the pages' code blocks, run as written."""
