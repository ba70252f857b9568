"""--data DIR keeps the embedded store across restarts, whichever way the local
API is stopped; --seed FILE loads data through the API at start. Over HTTP,
with the pets fixture template."""

import json
import os
import signal
import time
from pathlib import Path

import pytest
import requests

from sam_local_api.testing import EMBEDDED_STORE, LocalApiServer

PETS = Path(__file__).parent / "fixtures" / "pets" / "template.yaml"
# How a local API is stopped: (the signal, sent to its whole process group or to it alone).
STOPS = {
    # A terminal's Ctrl-C: SIGINT to the foreground process group.
    "ctrl-c-in-a-terminal": (signal.SIGINT, True),
    "sigint-to-the-server": (signal.SIGINT, False),
    "sigterm-to-the-server": (signal.SIGTERM, False),
    # What process managers that signal a group send (systemd's default KillMode, for one).
    "sigterm-to-the-group": (signal.SIGTERM, True),
    # A terminal closed: SIGHUP to its session's processes.
    "terminal-closed": (signal.SIGHUP, True),
}


def put_pet(server, pet_id: str, name: str) -> requests.Response:
    return requests.put(f"{server.url}/pets/{pet_id}", json={"name": name, "kind": "cat"}, timeout=10)


@pytest.mark.parametrize("stop", STOPS)
def test_every_write_answered_before_a_stop_is_there_at_the_next_start(tmp_path, stop):
    signum, group = STOPS[stop]
    first = LocalApiServer("--template", str(PETS), "--data", str(tmp_path)).wait_ready()
    try:
        answered = [f"pet-{n}" for n in range(60) if put_pet(first, f"pet-{n}", f"Pet {n}").status_code == 200]
    finally:
        assert first.stop(signum, group=group) == 0
    assert len(answered) == 60
    # One line says it stopped; nothing else is said on the way out, and no traceback.
    assert first.stdout.splitlines()[-1] == "Stopped."
    assert "Traceback" not in first.stderr
    assert "warning" not in first.stdout + first.stderr

    second = LocalApiServer("--template", str(PETS), "--data", str(tmp_path)).wait_ready()
    try:
        assert f"kept in {tmp_path}" in second.stdout
        for pet_id in answered:
            response = requests.get(f"{second.url}/pets/{pet_id}", timeout=10)
            assert response.json() == {"id": pet_id, "name": f"Pet {pet_id[4:]}", "kind": "cat"}
    finally:
        assert second.stop() == 0


def test_the_store_stops_with_the_local_api_however_it_ends():
    server = LocalApiServer("--template", str(PETS)).wait_ready()
    store_port = int(EMBEDDED_STORE.search(server.stdout)[1].rsplit(":", 1)[1])
    os.kill(server.child.pid, signal.SIGKILL)
    server.wait_exit()
    # The store sees its standard input close, and stops: nothing listens on its port.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{store_port}", timeout=1)
        except requests.ConnectionError:
            return
        time.sleep(0.1)
    pytest.fail(f"the embedded store still answers on port {store_port} after its local API was killed")


def test_without_data_the_store_is_in_memory():
    first = LocalApiServer("--template", str(PETS)).wait_ready()
    assert put_pet(first, "gone", "Gone").status_code == 200
    assert first.stop() == 0
    second = LocalApiServer("--template", str(PETS)).wait_ready()
    try:
        assert requests.get(f"{second.url}/pets/gone", timeout=10).status_code == 404
    finally:
        assert second.stop() == 0


def test_a_seed_sends_its_requests_through_the_api_into_a_new_store_only(tmp_path):
    """Over --data's kept data it is skipped: sent again, it would undo what was written since."""
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps([{"method": "PUT", "path": "/pets/rex", "body": {"name": "Rex", "kind": "dog"}}]))
    data = tmp_path / "data"
    first = LocalApiServer("--template", str(PETS), "--data", str(data), "--seed", str(seed)).wait_ready()
    try:
        assert "Seeded: 1 requests" in first.stdout
        assert requests.get(f"{first.url}/pets/rex", timeout=10).json() == {"id": "rex", "name": "Rex", "kind": "dog"}
        assert put_pet(first, "rex", "Rexy").status_code == 200
    finally:
        assert first.stop() == 0
    second = LocalApiServer("--template", str(PETS), "--data", str(data), "--seed", str(seed)).wait_ready()
    try:
        assert f"Seed skipped: {data} holds an earlier run's data" in second.stdout
        assert requests.get(f"{second.url}/pets/rex", timeout=10).json()["name"] == "Rexy"
    finally:
        assert second.stop() == 0


def test_a_seed_request_the_api_refuses_stops_the_start_with_one_line(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps([{"method": "PUT", "path": "/pets/rex", "body": {"name": "Rex", "kind": "dragon"}}]))
    server = LocalApiServer("--template", str(PETS), "--seed", str(seed))
    assert server.wait_exit() == 1
    assert "error: --seed" in server.stderr
    assert "request 1 (PUT /pets/rex) answered 400" in server.stderr
