"""--data DIR keeps the embedded store across restarts; --seed FILE loads data
through the API at start. Over HTTP, with the pets fixture template."""

import json
import signal

import pytest
import requests

from local_api.process import LocalApiProcess
from tests.support.templates import PETS


def put_pet(server, pet_id: str, name: str) -> requests.Response:
    return requests.put(f"{server.url}/pets/{pet_id}", json={"name": name, "kind": "cat"}, timeout=10)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_every_write_answered_before_a_clean_stop_is_there_after_the_next_start(tmp_path, signum):
    first = LocalApiProcess("--template", str(PETS), "--data", str(tmp_path)).wait_ready()
    try:
        answered = [f"pet-{n}" for n in range(60) if put_pet(first, f"pet-{n}", f"Pet {n}").status_code == 200]
    finally:
        assert first.stop(signum) == 0
    assert len(answered) == 60

    second = LocalApiProcess("--template", str(PETS), "--data", str(tmp_path)).wait_ready()
    try:
        assert f"kept in {tmp_path}" in second.stdout
        for pet_id in answered:
            response = requests.get(f"{second.url}/pets/{pet_id}", timeout=10)
            assert response.json() == {"id": pet_id, "name": f"Pet {pet_id[4:]}", "kind": "cat"}
    finally:
        assert second.stop() == 0


def test_without_data_the_store_is_in_memory(tmp_path):
    first = LocalApiProcess("--template", str(PETS)).wait_ready()
    assert put_pet(first, "gone", "Gone").status_code == 200
    assert first.stop() == 0
    second = LocalApiProcess("--template", str(PETS)).wait_ready()
    try:
        assert requests.get(f"{second.url}/pets/gone", timeout=10).status_code == 404
    finally:
        assert second.stop() == 0


def test_seed_sends_its_requests_through_the_api_at_start(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps([{"method": "PUT", "path": "/pets/rex", "body": {"name": "Rex", "kind": "dog"}}]))
    server = LocalApiProcess("--template", str(PETS), "--seed", str(seed)).wait_ready()
    try:
        assert "Seeded: 1 requests" in server.stdout
        assert requests.get(f"{server.url}/pets/rex", timeout=10).json() == {"id": "rex", "name": "Rex", "kind": "dog"}
    finally:
        assert server.stop() == 0


def test_a_seed_request_the_api_refuses_stops_the_start_with_one_line(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps([{"method": "PUT", "path": "/pets/rex", "body": {"name": "Rex", "kind": "dragon"}}]))
    server = LocalApiProcess("--template", str(PETS), "--seed", str(seed))
    assert server.wait_exit() == 1
    assert "error: --seed" in server.stderr
    assert "request 1 (PUT /pets/rex) answered 400" in server.stderr
