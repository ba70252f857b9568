"""docs/changing-the-api.md's first recipe, followed in a copy of the repository: its YAML put
into openapi.yaml where the page says, scripts/generate's work done, and the quick tier's tests
that read a user's properties (the round trip among them) run on what it made. The YAML comes
from the page itself, so that the page cannot drift from what works."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools.spec import ROOT

PAGE = ROOT / "docs" / "changing-the-api.md"
SCHEMA_BLOCK = "# openapi.yaml: components/schemas"
PROPERTY_BLOCK = "# openapi.yaml: properties of User, UserCreate and UserUpdate"


def block(marker: str) -> str:
    """The page's YAML block that starts with `marker`, without it, dedented to the left."""
    for found in re.findall(r"```yaml\n(.*?)```", PAGE.read_text(), re.DOTALL):
        lines = found.splitlines()
        if lines[0].strip() == marker:
            indent = min(len(line) - len(line.lstrip()) for line in lines[1:] if line.strip())
            return "".join(line[indent:] + "\n" for line in lines[1:])
    raise AssertionError(f"docs/changing-the-api.md has no YAML block starting {marker!r}")


def indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(keepends=True))


def with_the_pages_property(spec_text: str) -> str:
    """openapi.yaml's text as a developer following the page leaves it."""
    schema, properties = block(SCHEMA_BLOCK), block(PROPERTY_BLOCK)
    spec_text = spec_text.replace("\n    UserCreate:\n", "\n" + indented(schema, 4) + "    UserCreate:\n", 1)
    for name in ("UserCreate", "UserUpdate", "User"):
        # At the end of the schema's properties, as one adds to a list.
        at = re.search(rf"\n    {name}:\n(      .*\n)*?      properties:\n(        .*\n)+", spec_text)
        assert at, f"openapi.yaml's {name} has no properties: the page's steps no longer fit"
        spec_text = spec_text[: at.end()] + indented(properties, 8) + spec_text[at.end() :]
    return spec_text


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The repository's files, as a clone has them, with node_modules (Redoc's bundle) beside."""
    where = tmp_path_factory.mktemp("changing-the-api") / "repository"
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]  # committed, or to be
    tracked = subprocess.run(listed, cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, where / name, follow_symlinks=False)
    (where / "node_modules").symlink_to(ROOT / "node_modules")
    return where


def run(copy: Path, *command: str) -> subprocess.CompletedProcess:
    # The project's own environment (.venv) runs the copy's code: what scripts/generate runs once
    # it has set .venv up, without syncing .venv to the copy.
    return subprocess.run(
        [sys.executable, *command], cwd=copy, capture_output=True, text=True, check=False, env={**os.environ}
    )


def test_the_page_adds_a_property_that_comes_back(copy):
    spec_path = copy / "openapi.yaml"
    spec_path.write_text(with_the_pages_property(spec_path.read_text()))
    spec = yaml.safe_load(spec_path.read_text())
    assert {"phone", "newsletter"} <= spec["components"]["schemas"]["User"]["properties"].keys()

    generated = run(copy, "-m", "tools.generate")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "src/users_api/user_model.py" in generated.stdout
    assert run(copy, "-m", "tools.generate", "--check").returncode == 0
    model = (copy / "src" / "users_api" / "user_model.py").read_text()
    assert "CLEARABLE = frozenset(['phone'])" in model
    assert "must be a phone number in E.164 form" in spec_path.read_text().split("scripts/generate writes")[1]
    assert "phone" in (copy / "clients" / "python" / "users_api_client" / "models" / "user.py").read_text()

    # What in the quick tier reads a user's properties: the round trip, the fast paths, the spec's
    # checks and the drift tests (but the copy of a copy, test_every_kind). The rest of the tier
    # (the gateway, the pages, auth) runs as it does on openapi.yaml itself.
    tests = run(
        copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:schemathesis",
        "-p", "no:hypothesispytest", "-k", "not every_kind", "tests/in_process/function/test_round_trip.py",
        "tests/in_process/function/test_fast_paths.py", "tests/in_process/spec", "tests/in_process/template",
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-6000:] + tests.stderr[-2000:]
    assert re.search(r"\b[0-9]+ passed\b", tests.stdout), tests.stdout[-2000:]
