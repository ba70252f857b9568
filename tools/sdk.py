"""clients/python/, the typed Python client, generated from openapi.yaml (scripts/generate runs it).

openapi-python-client (pinned in uv.lock) writes the package
`users_api_client`; its post-hooks run the project's pinned ruff, so the output
depends only on openapi.yaml and those two pins. Any generator warning fails
the run (--fail-on-warning): a warning means a piece of the spec is missing
from the client.
"""

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.spec import OPENAPI_PATH, ROOT

CLIENT_DIR = ROOT / "clients" / "python"
PACKAGE = "users_api_client"
# https://github.com/openapi-generators/openapi-python-client#configuration
CONFIG = {
    "project_name_override": "users-api-client",
    "package_name_override": PACKAGE,
    # The default hooks, without ruff's cache directory in the output.
    "post_hooks": ["ruff check --fix-only --no-cache .", "ruff format --no-cache ."],
}


class GenerationError(Exception):
    pass


def generate(output: Path, spec_path: Path = OPENAPI_PATH) -> str:
    """Write the client project to `output` (replacing it); the generator's output."""
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent  # the venv's: openapi-python-client and ruff
    with tempfile.TemporaryDirectory(prefix="sdk-config-") as config_dir:
        config = Path(config_dir) / "openapi-python-client.json"
        config.write_text(json.dumps(CONFIG))
        result = subprocess.run(  # noqa: S603 (the venv's own tool, fixed arguments)
            [
                str(bin_dir / "openapi-python-client"),
                "generate",
                "--path",
                str(spec_path),
                "--output-path",
                str(output),
                "--meta",
                "pdm",
                "--config",
                str(config),
                "--fail-on-warning",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"},
            check=False,
        )
    report = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise GenerationError(f"openapi-python-client failed (exit {result.returncode}):\n{report}")
    return report


# What tools leave beside the code (all in .gitignore): not part of the client.
CACHES = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not CACHES.intersection(path.relative_to(root).parts)
    }


def differences(committed: Path = CLIENT_DIR, spec_path: Path = OPENAPI_PATH, context: int = 3) -> list[str]:
    """How `committed` differs from a fresh generation: [] when it is current."""
    with tempfile.TemporaryDirectory(prefix="sdk-") as tmp:
        fresh = Path(tmp) / "python"
        generate(fresh, spec_path)
        wanted, have = files(fresh), files(committed) if committed.exists() else {}
    found = []
    for name in sorted(wanted.keys() | have.keys()):
        if name not in have:
            found.append(f"missing: {name}")
        elif name not in wanted:
            found.append(f"not generated any more: {name}")
        elif have[name] != wanted[name]:
            diff = difflib.unified_diff(
                have[name].decode(errors="replace").splitlines(),
                wanted[name].decode(errors="replace").splitlines(),
                f"committed/{name}",
                f"generated/{name}",
                n=context,
                lineterm="",
            )
            found.append("\n".join(diff))
    return found
