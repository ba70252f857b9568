"""The running local API against openapi.yaml: schemathesis, every check and phase."""

import subprocess
import sys
import uuid

import requests

from tools.contract import EVERY_SCOPE, JUNIT_REPORT, schemathesis_command, token_from_environment
from tools.spec import ROOT


def test_local_api_honours_the_spec(local_api):
    run = subprocess.run(
        schemathesis_command(local_api.url, 100, local_api.token(EVERY_SCOPE), local_api.api_key),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert "failure" not in summary and "error" not in summary, summary
    assert JUNIT_REPORT.exists()


def test_with_a_url_scripts_contract_fetches_its_token_from_the_token_url(local_api, monkeypatch):
    monkeypatch.delenv("USERS_API_TOKEN", raising=False)
    monkeypatch.setenv("USERS_API_TOKEN_URL", f"{local_api.url}/oauth2/token")
    monkeypatch.setenv("USERS_API_CLIENT_ID", local_api.client_id)
    monkeypatch.setenv("USERS_API_CLIENT_SECRET", local_api.client_secret)
    headers = {"Authorization": f"Bearer {token_from_environment()}", "x-api-key": local_api.api_key}
    # Both scopes: a read and a write.
    listed = requests.get(f"{local_api.url}/user/get-details", headers=headers, timeout=10)
    body = {"name": "Ada", "email": f"contract-{uuid.uuid4()}@example.com"}
    created = requests.post(f"{local_api.url}/user/create", json=body, headers=headers, timeout=10)
    assert (listed.status_code, created.status_code) == (200, 201), (listed.text, created.text)
    monkeypatch.setenv("USERS_API_TOKEN", "as-it-is")
    assert token_from_environment() == "as-it-is"
