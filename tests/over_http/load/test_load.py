"""scripts/load in miniature, run as a developer runs it: Locust's users, headless,
then the tables checked against every answer. Its own local API, and a running
one with Locust distributed (a master and two workers)."""

import subprocess
import sys

import pytest

from tests.support.local_api import this_api
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
    run = load("-n", "200", "-c", "8", "--seed", "3", "--html", str(report))
    passed(run, 200)
    assert "<html" in report.read_text().lower()


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
