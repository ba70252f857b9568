"""Package: the bytes `sam build` puts in the function's artifact, every file counted."""

import io
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import ROOT

FUNCTION = "UsersFunction"


@dataclass
class PackageResult:
    files: int
    bytes: int
    zip_bytes: int
    pycache_bytes: int
    largest: list[tuple[str, int]] = field(default_factory=list)
    artifact: Path | None = None  # kept while the caller's work directory lasts


def run_package(work_dir: Path) -> PackageResult:
    """`sam build` into `work_dir`, and the artifact measured; it stays there for the cold-start benchmark."""
    build_dir = work_dir / "sam-build"
    # sam build wants the runtime's python3.13 first on PATH: the venv's.
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    sam = shutil.which("sam", path=env["PATH"])
    if sam is None:
        raise RuntimeError("sam (SAM CLI) is not on PATH")
    completed = subprocess.run(  # noqa: S603 (SAM CLI, fixed arguments)
        [
            sam,
            "build",
            "--template-file",
            str(ROOT / "template.yaml"),
            "--build-dir",
            str(build_dir),
            "--cache-dir",
            str(work_dir / "sam-cache"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"sam build failed:\n{(completed.stdout + completed.stderr).strip()[-2000:]}")
    artifact = build_dir / FUNCTION
    if not artifact.is_dir():
        raise RuntimeError(f"sam build made no {FUNCTION} artifact in {build_dir}")
    result = measure(artifact)
    result.artifact = artifact
    return result


def measure(artifact: Path) -> PackageResult:
    sizes = {
        path.relative_to(artifact).as_posix(): path.stat().st_size
        for path in sorted(artifact.rglob("*"))
        if path.is_file()
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sizes:
            archive.write(artifact / name, name)
    # By top-level entry (package or file), largest first.
    tops: dict[str, int] = {}
    for name, size in sizes.items():
        top = name.split("/")[0]
        tops[top] = tops.get(top, 0) + size
    return PackageResult(
        files=len(sizes),
        bytes=sum(sizes.values()),
        zip_bytes=len(buffer.getvalue()),
        pycache_bytes=sum(size for name, size in sizes.items() if "__pycache__/" in name),
        largest=sorted(tops.items(), key=lambda item: -item[1]),
    )
