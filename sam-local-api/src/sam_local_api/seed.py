"""--seed FILE: requests sent through the whole local API at start, before it
listens, so seeded data passes the same gateway and the same function (and so
the same validation and uniqueness rules) as any client's.

The file is a JSON list of requests: {"method", "path", "query", "headers", "body"}.
"""

import json
from pathlib import Path

from werkzeug.test import Client


class SeedError(Exception):
    pass


def seed(app, path: Path, api_key: str | None) -> int:
    """Send each request of the file; the number sent. Stops at the first that is not answered 2xx."""
    try:
        requests = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise SeedError(f"--seed {path}: {error}") from error
    if not isinstance(requests, list) or not all(isinstance(r, dict) and "path" in r for r in requests):
        raise SeedError(f'--seed {path}: expected [{{"method": "POST", "path": "/...", "body": {{...}}}}, ...]')
    client = Client(app)
    credentials = {"x-api-key": api_key} if api_key else {}
    pool = app.user_pool
    if pool:
        # The pool's own client, with every scope it has: seeding is the developer's, not a caller's.
        credentials["Authorization"] = f"Bearer {pool.issue(scope=' '.join(pool.client.scopes))}"
    for number, seeded in enumerate(requests, start=1):
        headers = {**credentials, **seeded.get("headers", {})}
        answer = client.open(
            seeded["path"],
            method=seeded.get("method", "POST"),
            query_string=seeded.get("query"),
            headers=headers,
            json=seeded.get("body"),
        )
        if not 200 <= answer.status_code < 300:
            where = f"{seeded.get('method', 'POST')} {seeded['path']}"
            raise SeedError(f"--seed {path}: request {number} ({where}) answered {answer.status_code}: {answer.text}")
    return len(requests)
