"""The local API as a developer runs it: started on a copy of the pets fixture,
over HTTP. Its functions run as Lambda would run them, a start it cannot make is
one line, and what it writes of a request cannot be forged by the request."""

import json
import os
import re
import shutil
import socket
import stat
from pathlib import Path

import boto3
import pytest
import requests

from sam_local_api.config import new_api_key
from sam_local_api.testing import LocalApiServer

PETS = Path(__file__).parent / "fixtures" / "pets"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the pets project, to change; its template."""
    shutil.copytree(PETS, tmp_path / "pets", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "pets" / "template.yaml"


COUNT_COLD_STARTS = """
import os
os.environ["COLD_STARTS"] = str(int(os.environ.get("COLD_STARTS", "0")) + 1)
"""


def count_cold_starts(template: Path) -> Path:
    """Make the files function say, in its answer's path, how many times its module was imported."""
    app = template.parent / "files" / "app.py"
    source = app.read_text().replace('"path": path', '"path": path + " " + os.environ["COLD_STARTS"]')
    app.write_text(COUNT_COLD_STARTS + source)
    return app


def file_path(server) -> str:
    return requests.get(server.url + "/files/a", timeout=10).json()["path"]


def test_code_changes_are_picked_up_without_a_restart(project):
    app = count_cold_starts(project)
    server = LocalApiServer("--template", str(project)).wait_ready()
    try:
        assert [file_path(server) for _ in range(3)] == ["a 1"] * 3
        app.write_text(app.read_text().replace('path + " "', 'path + " changed "'))
        assert file_path(server) == "a changed 2"
    finally:
        assert server.stop() == 0


def test_fresh_imports_the_function_for_every_request(project):
    count_cold_starts(project)
    server = LocalApiServer("--template", str(project), "--fresh").wait_ready()
    try:
        assert [file_path(server) for _ in range(3)] == ["a 1", "a 2", "a 3"]
    finally:
        assert server.stop() == 0


def test_env_vars_file_sets_the_function_environment(project, tmp_path):
    env_file = tmp_path / "env.json"
    env_file.write_text(json.dumps({"PetsFunction": {"PETS_TABLE": "custom-pets"}}))
    server = LocalApiServer("--template", str(project), "--env-vars", str(env_file)).wait_ready()
    try:
        assert "tables created: custom-pets" in server.stdout
        assert requests.put(server.url + "/pets/rex", json={"name": "Rex", "kind": "dog"}, timeout=10).ok
        store = boto3.client(
            "dynamodb",
            endpoint_url=server.store_endpoint,
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="x",
        )
        assert [item["id"]["S"] for item in store.scan(TableName="custom-pets")["Items"]] == ["rex"]
    finally:
        assert server.stop() == 0


def test_a_crashing_function_is_api_gateways_502(project):
    app = project.parent / "files" / "app.py"
    app.write_text(app.read_text() + '\n\ndef handler(event, context):\n    raise RuntimeError("boom")\n')
    server = LocalApiServer("--template", str(project)).wait_ready()
    try:
        response = requests.get(server.url + "/files/a", timeout=10)
        assert (response.status_code, response.json()) == (502, {"message": "Internal server error"})
        # In the function's log, as Lambda logs it; the caller is told nothing of it.
        assert "RuntimeError: boom" in server.stderr
        assert "boom" not in response.text
    finally:
        assert server.stop() == 0


def test_an_unreachable_store_is_a_warning_and_the_api_keeps_serving(project):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_endpoint = f"http://127.0.0.1:{closed.getsockname()[1]}"
    server = LocalApiServer("--template", str(project), "--dynamodb-endpoint", dead_endpoint).wait_ready()
    try:
        assert "warning: cannot reach or set up DynamoDB" in server.stderr
        assert requests.get(server.url + "/files/a", timeout=10).status_code == 200
    finally:
        assert server.stop() == 0


def one_line_error(server: LocalApiServer) -> str:
    assert server.wait_exit(timeout=60) == 1
    lines = server.stderr.strip().splitlines()
    assert len(lines) == 1, server.stderr
    assert "Traceback" not in server.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_a_port_already_in_use_is_a_one_line_error(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = LocalApiServer("--template", str(project), "--port", str(taken.getsockname()[1]))
        assert "cannot listen on 127.0.0.1" in one_line_error(server)


def test_a_broken_template_is_a_one_line_error(project):
    project.write_text("Resources: [\n")
    assert "template.yaml" in one_line_error(LocalApiServer("--template", str(project)))


def test_an_invalid_openapi_document_is_served_as_api_gateway_imports_it_with_a_warning(project):
    # API Gateway imports what it can of a document (FailOnWarnings is false unless set).
    (project.parent / "openapi.yaml").write_text(
        (project.parent / "openapi.yaml").read_text().replace("info:", "x-info:")
    )
    server = LocalApiServer("--template", str(project)).wait_ready()
    try:
        assert "warning: openapi.yaml is not a valid OpenAPI document (" in server.stderr
        assert requests.get(server.url + "/files/a", timeout=10).status_code == 200
    finally:
        assert server.stop() == 0


def test_a_folder_without_a_template_is_a_one_line_error(tmp_path):
    error = one_line_error(LocalApiServer(cwd=tmp_path))
    assert f"no template in {tmp_path}" in error


def test_the_template_of_the_folder_it_runs_in_is_served(project):
    server = LocalApiServer(cwd=project.parent).wait_ready()
    try:
        assert requests.get(server.url + "/files/a/b", timeout=10).json() == {"path": "a/b", "size": 3}
    finally:
        assert server.stop() == 0


def test_what_it_makes_on_first_run_only_its_owner_may_read(project):
    folder = project.parent
    no_credentials = {"SAM_LOCAL_API_KEYS": "", "SAM_LOCAL_API_CLIENT_ID": "", "SAM_LOCAL_API_CLIENT_SECRET": ""}
    server = LocalApiServer(cwd=folder, env=no_credentials).wait_ready()
    try:
        for made in (".local-api-keys", ".local-api-client"):
            assert stat.S_IMODE(os.stat(folder / made).st_mode) == 0o600, made
        made_key = (folder / ".local-api-keys").read_text().split("\n")[1]
    finally:
        assert server.stop() == 0
    assert API_GATEWAY_KEY.fullmatch(made_key), made_key


# "The value is an alphanumeric string between 20 and 128 characters"
# (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)
API_GATEWAY_KEY = re.compile("[A-Za-z0-9]{20,128}")


def test_the_keys_it_makes_are_shaped_as_api_gateways():
    """None a command line would read as an option: a key starting with "-" broke `scripts/load --api-key KEY`."""
    keys = [new_api_key() for _ in range(2000)]
    assert [key for key in keys if not API_GATEWAY_KEY.fullmatch(key)] == []
    assert len(set(keys)) == len(keys)


def test_no_request_can_write_a_line_of_its_own_in_the_access_log(project):
    server = LocalApiServer("--template", str(project)).wait_ready()
    forged = "GET /pets/rex 200 1.0ms admin"
    try:
        requests.get(server.url + "/files/a%0a" + forged.replace(" ", "%20"), timeout=10)
        # str.splitlines() splits on U+2028 and U+2029 too; U+202E reverses what follows it on screen.
        for separator in ("%E2%80%A8", "%E2%80%A9"):
            requests.get(server.url + "/files/a" + separator + forged.replace(" ", "%20"), timeout=10)
        requests.get(server.url + "/files/b%E2%80%AEnimda", timeout=10)
    finally:
        assert server.stop() == 0
    lines = server.stderr.splitlines()
    assert forged not in lines
    for escaped in ("\\x0a", "\\u2028", "\\u2029"):
        assert any(line.startswith(f"GET /files/a{escaped}GET /pets/rex ") for line in lines), (escaped, lines)
    assert any(line.startswith("GET /files/b\\u202enimda ") for line in lines), lines
    assert not [line for line in lines if "\u202e" in line]
