"""Needs: Redoc (npm ci), a local API, Chromium and ChromeDriver. The rendered reference."""
