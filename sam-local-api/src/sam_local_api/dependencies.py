"""What a function imports besides its own code, found as `sam local` finds it.

- A built template (`.aws-sam/build/template.yaml`, made by `sam build`) has
  each function's dependencies in its code folder already.
- Otherwise a function's requirements.txt is installed once, with pip, into a
  folder of a cache keyed by the file's hash (and this Python's version), and
  that folder joins the function's import path. Packages Lambda's Python
  runtime ships (boto3 and botocore with theirs) are left out when this
  environment has them: the function uses these.
- A layer the template defines from a local folder is on the import path as
  Lambda puts it, its python/ folder.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from sam_local_api.sam import FunctionConfig

# The packages Lambda's Python runtimes include (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html).
RUNTIME_PACKAGES = {"boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "urllib3", "six"}
PYTHON = f"python{sys.version_info.major}.{sys.version_info.minor}"


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sam-local-api" / "requirements"


class Dependencies:
    def __init__(self, base: Path, built: bool, cache: Path | None = None):
        """`base`: the template's folder, where relative code and layer paths start."""
        self.base = base
        self.built = built
        self.cache = cache or cache_root()
        self._installed: dict[str, Path | None] = {}

    def install(self, config: FunctionConfig) -> str | None:
        """Install the function's requirements if they are not yet in the cache; a line
        saying what was done (None when nothing was), or raise OSError saying why not."""
        requirements = self._requirements(config)
        if requirements is None:
            return None
        target = self._target(requirements)
        self._installed[config.name] = target
        if target.is_dir():
            return None
        wanted = self._wanted(requirements)
        self.cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="installing-", dir=self.cache))
        try:
            if wanted:
                listed = work / "requirements.txt"
                listed.write_text("\n".join(wanted) + "\n")
                done = subprocess.run(  # noqa: S603 (this interpreter's pip, the project's own requirements)
                    [
                        sys.executable,
                        "-m",
                        "pip",
                        "install",
                        "--quiet",
                        "--disable-pip-version-check",
                        "--target",
                        str(work / "site"),
                        "-r",
                        str(listed),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=900,
                )
                if done.returncode != 0:
                    raise OSError(f"pip could not install {requirements}: {_last_line(done.stderr)}")
            (work / "site").mkdir(exist_ok=True)
            # Whole or not at all: another start sees the folder only once every package is in it.
            os.replace(work / "site", target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return f"{config.name}: installed {', '.join(wanted) or 'nothing'} from {requirements} into {target}"

    def paths(self, config: FunctionConfig) -> list[str]:
        """The folders the function imports from besides its code: its requirements', its layers'."""
        found = []
        installed = self._installed.get(config.name)
        if installed is not None and installed.is_dir():
            found.append(str(installed))
        for layer in config.layers or []:
            codeuri = getattr(layer, "codeuri", None)
            folder = self.base / codeuri if codeuri else None
            if folder is not None and folder.is_dir():
                # Lambda's places (python/, its site-packages); the folder itself, as `sam build`'s
                # BuildMethod would copy it into python/.
                found += [
                    str(folder / "python"),
                    str(folder / "python" / "lib" / PYTHON / "site-packages"),
                    str(folder),
                ]
        return found

    def _requirements(self, config: FunctionConfig) -> Path | None:
        if self.built or not config.code_abs_path:
            return None
        requirements = Path(config.code_abs_path) / "requirements.txt"
        return requirements if requirements.is_file() else None

    def _target(self, requirements: Path) -> Path:
        digest = hashlib.sha256(requirements.read_bytes() + PYTHON.encode()).hexdigest()[:16]
        return self.cache / digest

    def _wanted(self, requirements: Path) -> list[str]:
        wanted = []
        for line in requirements.read_text().splitlines():
            text = line.split("#", 1)[0].strip()
            if not text or text.startswith("-"):
                continue
            try:
                name = Requirement(text).name.lower()
            except InvalidRequirement:
                wanted.append(text)
                continue
            if name in RUNTIME_PACKAGES and _importable(name):
                continue
            wanted.append(text)
        return wanted


def _importable(distribution: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(distribution)
    except PackageNotFoundError:
        return False
    return True


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
