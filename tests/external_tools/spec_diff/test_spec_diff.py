"""The breaking-change gate (tools/spec_diff.py) on crafted pairs of specs: it
fails on each kind of breaking change, and passes compatible changes and
breaking ones under a new major version."""

import contextlib
import copy
import io
import subprocess
import sys

import pytest
import yaml

from tools.spec import ROOT, openapi
from tools.spec_diff import main

BASE = openapi()


def remove_operation(spec):
    del spec["paths"]["/user/delete"]["delete"]


def remove_response_field(spec):
    del spec["components"]["schemas"]["UserListResponse"]["properties"]["nextToken"]


def require_query_parameter(spec):
    spec["components"]["parameters"]["Limit"]["required"] = True


def require_body_property(spec):
    spec["components"]["schemas"]["UserUpdate"]["required"] = ["name"]


def require_credentials(spec):
    spec["paths"]["/user/get-user"]["get"]["security"][0]["ApiKey"] = []


def require_scope(spec):
    spec["paths"]["/user/get-details"]["get"]["security"][0]["CognitoUserPool"].append("users/write")


def narrow_request_type(spec):
    spec["components"]["schemas"]["UserCreate"]["properties"]["name"] = {"type": "integer", "format": "int32"}


# Each kind of breaking change, and what the gate's report says when it finds it.
BREAKING = {
    "removed operation": (remove_operation, "cannot remove an operation"),
    "removed response field": (remove_response_field, "cannot remove response property 'nextToken'"),
    "new required query parameter": (require_query_parameter, "cannot make optional query parameter 'limit' required"),
    "new required body property": (require_body_property, "cannot make a request property required"),
    "new required credentials": (require_credentials, "GET /user/get-user: now needs credentials"),
    "new required scope": (require_scope, "GET /user/get-details: now needs credentials"),
    "narrowed request type": (narrow_request_type, "expected request body property 'name' not to be narrowed"),
}


def every_breaking_change(spec):
    for change, _ in BREAKING.values():
        change(spec)


def compatible_change(spec):
    spec["paths"]["/user/get-user"]["get"]["summary"] = "Get a user by id"
    spec["components"]["parameters"]["Limit"]["schema"]["maximum"] = 200  # accepts more
    spec["paths"]["/user/get-details"]["get"]["parameters"].append(
        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string", "enum": ["name", "email"]}}
    )


def write_pair(tmp_path, change, version: str | None = None):
    head = copy.deepcopy(BASE)
    change(head)
    if version:
        head["info"]["version"] = version
    base_file, head_file = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base_file.write_text(yaml.safe_dump(BASE, sort_keys=False))
    head_file.write_text(yaml.safe_dump(head, sort_keys=False))
    return str(base_file), str(head_file)


def major(version: str) -> int:
    return int(version.split(".")[0])


@pytest.fixture(scope="module")
def all_at_once(tmp_path_factory):
    """The gate on one spec with every kind of breaking change, each in another
    place (one Optic run, seconds, instead of one per kind): (exit status, report)."""
    folder = tmp_path_factory.mktemp("breaking")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main(write_pair(folder, every_breaking_change))
    return status, buffer.getvalue()


def test_fails_on_breaking_changes(all_at_once):
    status, report = all_at_once
    assert status == 1
    assert "give info.version a new major number" in report


@pytest.mark.parametrize("kind", sorted(BREAKING))
def test_finds_each_kind_of_breaking_change(all_at_once, kind):
    _, report = all_at_once
    assert BREAKING[kind][1] in report


def test_finds_a_breaking_change_alone(tmp_path):
    assert main(write_pair(tmp_path, remove_response_field)) == 1


def test_passes_breaking_changes_under_a_new_major_version(tmp_path, capsys):
    bumped = f"{major(BASE['info']['version']) + 1}.0.0"
    assert main(write_pair(tmp_path, every_breaking_change, bumped)) == 0
    assert "Breaking changes allowed" in capsys.readouterr().out


def test_a_new_minor_version_does_not_allow_a_breaking_change(tmp_path):
    version = BASE["info"]["version"]
    minor_bump = f"{major(version)}.{int(version.split('.')[1]) + 1}.0"
    assert main(write_pair(tmp_path, remove_operation, minor_bump)) == 1


def test_command_line_passes_a_compatible_change(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tools.spec_diff", *write_pair(tmp_path, compatible_change)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_passes_when_there_is_no_base(capsys):
    assert main(["--base-ref", "no-such-commit-anywhere"]) == 0
    assert "nothing to compare with" in capsys.readouterr().out
