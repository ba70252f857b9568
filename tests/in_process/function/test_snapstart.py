"""SnapStart's hooks: registered when Lambda's snapshot_restore_py is there, and the function works without it."""

import json
import os
import random
import subprocess
import sys

import pytest
import snapshot_restore_py

from tests.in_process.function.conftest import EVENTS, create, invoke, load_event
from users_api import app

SRC = EVENTS.parent / "src"


def run_hooks(registry) -> None:
    """What Lambda's runtime does with a registry: call each hook with its arguments."""
    for func, args, kwargs in registry:
        func(*args, **kwargs)


@pytest.mark.usefixtures("dynamodb")
def test_the_store_is_built_before_the_snapshot_and_serves_requests():
    assert (app.store, (), {}) in snapshot_restore_py.get_before_snapshot()
    run_hooks(snapshot_restore_py.get_before_snapshot())
    built = app.store.cache_info()
    assert built.currsize == 1
    user = create()
    assert invoke(load_event("get-user", query={"id": user["id"]})).status == 200
    assert app.store.cache_info().misses == built.misses


def test_copies_restored_from_one_snapshot_draw_different_jitter():
    snapshot = random.getstate()
    draws = []
    for _ in range(2):
        random.setstate(snapshot)  # a copy resumed from the snapshot, before its hooks ran
        run_hooks(snapshot_restore_py.get_after_restore())
        draws.append([random.random() for _ in range(4)])
    assert draws[0] != draws[1]


def test_the_function_imports_and_answers_without_snapshot_restore_py(tmp_path):
    """As on a runtime without the library: None in sys.modules makes its import fail."""
    script = (
        "import json, sys\n"
        "sys.modules['snapshot_restore_py'] = None\n"
        "from users_api import app, snapstart\n"
        "event = json.load(open(sys.argv[1]))\n"
        "event['path'] = '/no/such/path'\n"
        "answer = app.lambda_handler(event, None)\n"
        "hooks_from = snapstart.register_before_snapshot.__module__\n"
        "print(json.dumps({'status': answer['statusCode'], 'hooks_from': hooks_from}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(EVENTS / "get-user.json")],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout.splitlines()[-1]) == {"status": 404, "hooks_from": "users_api.snapstart"}
