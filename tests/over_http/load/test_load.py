"""scripts/load in miniature, run as a developer runs it: Locust's users, headless,
then the tables checked against every answer. Its own local API, and a running
one with Locust distributed (a master and two workers)."""

import os
import subprocess
import sys
from collections import Counter

import pytest
import requests

from tests.support.local_api import this_api
from tools.ledger import Ledger
from tools.load import parse_args, summary
from tools.spec import ROOT


def load(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.load", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def passed(run: subprocess.CompletedProcess, requests: int) -> None:
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-5000:]
    assert f"requests: {requests} from" in run.stdout
    assert "verification: OK" in run.stdout
    assert run.stdout.rstrip().endswith("result: PASS")


@pytest.fixture(scope="module")
def running_api():
    """A local API as scripts/serve runs it, throttling off (the run is not about API Gateway's limits)."""
    server = this_api("--no-throttle").wait_ready()
    yield server
    server.stop()


def test_a_load_run_on_its_own_local_api_passes_and_writes_locusts_report(tmp_path):
    report = tmp_path / "load.html"
    run = load("-n", "200", "-c", "8", "--seed", "3", "--html", str(report), "--progress-every", "0.2")
    passed(run, 200)
    assert "<html" in report.read_text().lower()
    assert "progress: " in run.stdout
    assert " of 200 requests sent, 0 failed checks" in run.stdout


def test_a_distributed_load_run_on_a_running_api_leaves_its_store_as_its_answers_said(running_api):
    """One master and two workers: each worker sends its share and hands its answers to the master."""
    token = running_api.credentials()["Authorization"].removeprefix("Bearer ")
    api = ("--url", running_api.url, "--token", token, "--api-key", running_api.api_key)
    run = load(*api, "--store-endpoint", running_api.store_endpoint, "-n", "201", "-c", "4", "--workers", "2")
    passed(run, 201)
    assert "on 2 workers" in run.stdout


def test_a_load_run_talks_to_loopback_only():
    run = load(
        *("--url", "http://192.0.2.1:3000", "--api-key", "k", "--token", "t"),
        *("--store-endpoint", "http://127.0.0.1:1"),
    )
    assert run.returncode == 2
    assert "only talks to loopback" in run.stderr


def ledger(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.ledger", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_locust_run_by_hand_is_checked_against_a_snapshot_taken_before_it(running_api, tmp_path):
    """docs/testing.md's run by hand: a snapshot, Locust (here one process: the master and
    workers are scripts/load --workers's test), then the tables checked against its ledger."""
    store = ("--store-endpoint", running_api.store_endpoint)
    before, record = tmp_path / "before.json", tmp_path / "ledger.json"
    assert ledger(*store, "snapshot", str(before)).returncode == 0
    token = running_api.credentials()["Authorization"].removeprefix("Bearer ")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "USERS_API_TOKEN": token, "USERS_API_KEY": running_api.api_key}
    locust = subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", "tools/locustfile.py", "--headless", "--only-summary"),
            *("-u", "4", "-r", "4", "--host", running_api.url, "--requests", "120", "--ledger", str(record)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert locust.returncode == 0, locust.stderr[-3000:]
    checked = ledger(*store, "verify", str(before), str(record))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "requests: 120;" in checked.stdout
    assert "verification: OK" in checked.stdout

    # A change the answers do not account for is a difference.
    stray = {"name": "Stray", "email": "stray@example.com"}
    created = requests.post(f"{running_api.url}/user/create", json=stray, headers=running_api.credentials(), timeout=10)
    assert created.status_code == 201
    checked = ledger(*store, "verify", str(before), str(record))
    assert checked.returncode == 1
    assert f"user {created.json()['user']['id']} was neither created by the run nor there before" in checked.stdout


def test_a_run_the_api_throttled_fails_saying_how_to_lift_the_throttle():
    """Without --throttle, 429s are the gateway refusing the load asked for, before the function:
    no pass, however well the tables agree (a run against a throttled scripts/serve was 104 of 200)."""
    ledger = Ledger(statuses=Counter({201: 96, 429: 104}))
    text, ok = summary(parse_args(["-n", "200"]), ledger, 0, 1.0, [])
    assert not ok
    assert "throttled: 104 of 200 answers were 429" in text
    assert "start it with --no-throttle" in text
    assert text.endswith("result: FAIL")
    # With --throttle they are refusals the run counts, and it passes.
    text, ok = summary(parse_args(["-n", "200", "--throttle"]), ledger, 0, 1.0, [])
    assert ok, text
