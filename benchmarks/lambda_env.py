"""The cold-start benchmark's Lambda-like environment: a virtual environment holding what Lambda's
python3.13 runtime ships (lambda-runtime.txt) and what the peers deploy with them (lambda-peers.txt),
and nothing else.

The project's .venv holds SAM CLI's dependencies too, among them awscrt and pyOpenSSL, which
botocore imports whenever they are there (awscrt for its CRT signer, pyOpenSSL through urllib3):
about 50 ms of every cold start there that Lambda does not have. Built with `python -m venv` and
pip, the packages installed exactly as listed (no dependency resolution: the lists are whole),
once; kept in benchmarks/.lambda-runtime/ and built again when a list or the interpreter changes.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTS = (HERE / "lambda-runtime.txt", HERE / "lambda-peers.txt")
ENV = HERE / ".lambda-runtime"
STAMP = ENV / "requirements.sha256"
# What Lambda's runtime does not have, and the benchmark must not find.
ABSENT = ("awscrt", "OpenSSL", "cryptography")


def python() -> Path:
    return ENV / "bin" / "python"


def ensure() -> Path:
    """The environment's interpreter, the environment built first if missing or stale."""
    wanted = _fingerprint()
    if python().is_file() and STAMP.is_file() and STAMP.read_text().strip() == wanted:
        return python()
    print("building the Lambda-like environment (benchmarks/.lambda-runtime) ...", file=sys.stderr, flush=True)
    shutil.rmtree(ENV, ignore_errors=True)
    # The interpreter this runs on (.venv's: Lambda's python3.13), not the virtual environment it is in.
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    _run([str(base), "-m", "venv", str(ENV)])
    requirements = [arg for path in LISTS for arg in ("-r", str(path))]
    _run([str(python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", *requirements])
    present = [name for name, found in packages_found(ABSENT).items() if found]
    if present:
        raise RuntimeError(f"the Lambda-like environment holds {present}, which Lambda's runtime does not")
    STAMP.write_text(wanted + "\n")
    return python()


def installed() -> list[str]:
    """name==version of every distribution the environment holds, pip itself aside."""
    found = json.loads(
        _run([str(python()), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"]).stdout
    )
    return [f"{item['name']}=={item['version']}" for item in found if item["name"] != "pip"]


def packages_found(names: tuple[str, ...]) -> dict[str, bool]:
    code = (
        "import importlib.util, json, sys; "
        "print(json.dumps({n: bool(importlib.util.find_spec(n)) for n in sys.argv[1:]}))"
    )
    return json.loads(_run([str(python()), "-c", code, *names]).stdout)


def _fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in LISTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _run(command: list[str]) -> subprocess.CompletedProcess:
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} ... failed:\n{(completed.stdout + completed.stderr)[-2000:]}")
    return completed
