"""sam-local-api installs on its own: into a new virtual environment outside any
checkout, from its folder and from a git URL, with a console script and
`python -m`, and serves a template from the template's own folder."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from sam_local_api.processes import Child
from sam_local_api.testing import READY

PACKAGE = Path(__file__).resolve().parent.parent
PETS = Path(__file__).parent / "fixtures" / "pets"


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A new virtual environment, outside this checkout, with the package installed from its folder."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", str(venv))
    run(str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(PACKAGE))
    return venv


@pytest.fixture
def pets(tmp_path) -> Path:
    """The pets project, copied out of this checkout."""
    return Path(shutil.copytree(PETS, tmp_path / "pets", ignore=shutil.ignore_patterns("__pycache__")))


def serve(command: list[str], project: Path) -> None:
    """Start the command in the project's folder, with no path into this checkout, and ask it for a file."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(project), "SAM_CLI_TELEMETRY": "0"}
    with Child([*command, "--port", "0"], cwd=project, env=environment) as server:
        url = server.wait_for(READY, timeout=120)[1]
        answer = requests.get(f"{url}/files/a/b", timeout=10)
        assert (answer.status_code, answer.json()) == (200, {"path": "a/b", "size": 3})
        assert requests.get(f"{url}/nope", timeout=10).status_code == 403


def test_installed_from_its_folder_its_console_script_serves_the_folder_it_runs_in(venv, pets):
    installed = run(str(venv / "bin" / "python"), "-m", "pip", "show", "-f", "sam-local-api").stdout
    assert "Location: " + str(venv) in installed
    assert "Editable project location" not in installed
    serve([str(venv / "bin" / "sam-local-api")], pets)


def test_python_m_runs_it_too(venv, pets):
    serve([str(venv / "bin" / "python"), "-m", "sam_local_api"], pets)


def test_installed_from_a_git_url(venv, tmp_path):
    """From a repository of its own, as `pip install git+URL#subdirectory=sam-local-api` takes it."""
    repository = tmp_path / "repository"
    shutil.copytree(PACKAGE, repository / "sam-local-api", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    git = ["git", "-C", str(repository), "-c", "user.name=test", "-c", "user.email=test@example.com"]
    run("git", "init", "--quiet", str(repository))
    run(*git, "add", ".")
    run(*git, "commit", "--quiet", "-m", "sam-local-api")
    url = f"sam-local-api @ git+file://{repository}#subdirectory=sam-local-api"
    python = str(venv / "bin" / "python")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall", "--no-deps", url)
    assert "sam-local-api" in run(python, "-m", "pip", "freeze").stdout
    assert "usage: sam-local-api" in run(str(venv / "bin" / "sam-local-api"), "--help").stdout
