"""Prism's validating proxy in front of the local API: no answer breaks openapi.yaml.

Prism (`prism proxy`, pinned in package.json) forwards each request and reports
what it finds in an `sl-violations` header, request and response alike. The
requests below go through a user's life and provoke every error the API
documents; the deliberately bad requests have request violations, and no
answer may have a response violation.
"""

import json
import shutil
import time
from pathlib import Path

import pytest
import requests
from sam_local_api.processes import Child

from tools.spec import OPENAPI_PATH, ROOT

PRISM = shutil.which("prism") or str(ROOT / "node_modules" / ".bin" / "prism")


@pytest.fixture(scope="module")
def prism(local_api):
    assert Path(PRISM).exists(), "prism is missing: scripts/test installs it (npm ci)"
    # Port 0: prism takes a free port and says which.
    proxy = Child([PRISM, "proxy", str(OPENAPI_PATH), local_api.url, "--host", "127.0.0.1", "--port", "0"])
    with proxy:
        yield proxy.wait_for(r"Prism is listening on (http://\S+)", timeout=60)[1]


def test_no_answer_through_prism_breaks_the_spec(prism, local_api):
    token = {"Authorization": f"Bearer {local_api.token()}"}
    reader = {"Authorization": f"Bearer {local_api.token('users/read')}"}
    key = {"x-api-key": local_api.api_key}
    email = f"prism-{time.monotonic_ns()}@example.com"
    sent = []

    def send(method, path, *, headers=None, **kwargs):
        answer = requests.request(method, prism + path, headers=headers or {}, timeout=30, **kwargs)
        sent.append((method, path, answer.status_code, json.loads(answer.headers.get("sl-violations", "[]"))))
        return answer

    created = send("POST", "/user/create", headers={**token, **key}, json={"name": "Ada", "email": email})
    user_id = created.json()["user"]["id"]
    send(
        "POST",
        "/user/create",
        headers={**token, **key, "Idempotency-Key": '"k-1"'},
        json={"name": "B", "email": "x" + email},
    )
    send(
        "POST",
        "/user/create",
        headers={**token, **key, "Idempotency-Key": '"k-1"'},
        json={"name": "C", "email": "y" + email},
    )
    send("GET", "/user/get-user", headers=token, params={"id": user_id})
    send("GET", "/user/get-details", headers=token, params={"limit": 2})
    send(
        "PUT",
        "/user/update",
        headers={**token, **key, "If-Match": '"1"'},
        params={"id": user_id},
        json={"name": "Ada King"},
    )
    send(
        "PUT",
        "/user/update",
        headers={**token, **key, "If-Match": '"1"'},
        params={"id": user_id},
        json={"name": "Stale"},
    )
    send("POST", "/user/create", headers={**token, **key}, json={"name": "Ada", "email": email.upper()})
    send("POST", "/user/create", headers={**token, **key}, json={"name": "", "email": "bad"})
    send("GET", "/user/get-details", headers=token, params={"limit": 0, "nextToken": "bogus"})
    send("GET", "/user/get-user", headers=token, params={"id": "A" * 22})
    send("GET", "/user/get-user", params={"id": user_id})
    send("POST", "/user/create", headers=reader | key, json={"name": "Ada", "email": "z" + email})
    send("POST", "/user/create", headers=token, json={"name": "Ada", "email": "z" + email})
    send("POST", "/user/create", headers={**token, **key, "Content-Type": "text/plain"}, data="name=Ada")
    send("POST", "/user/create", headers={**token, **key}, json={"name": "x" * 9000, "email": "z" + email})
    send("DELETE", "/user/delete", headers={**token, **key}, params={"id": user_id})

    statuses = sorted({status for _, _, status, _ in sent})
    assert statuses == [200, 201, 400, 401, 403, 404, 409, 412, 413, 415, 422], sent
    broken = [(m, p, s, v) for m, p, s, v in sent if any(x["location"][0] == "response" for x in v)]
    assert not broken, broken
    # Prism did look: the bad requests were reported as such.
    assert any(x["location"][0] == "request" for _, _, status, v in sent if status == 400 for x in v)
