"""Breaking-change gate: openapi.yaml against the version on the previous commit.

Optic (`@useoptic/optic`, pinned in package.json) finds the breaking changes:
removed operations, status codes and response properties, new required
parameters and request properties, narrowed types and enums. Around it, two
rules of this project:

- a new major number in `info.version` (1.x -> 2.0.0) allows any breaking change;
- an operation whose callers need credentials or scopes they did not need
  before (a new `security` requirement, a new scheme in one, a new scope) is a
  new required input, hence breaking: Optic does not look at security requirements.

With no base (a repository of one commit, or no openapi.yaml there) it passes.

    python -m tools.spec_diff                   openapi.yaml against `git show HEAD~1:openapi.yaml`
    python -m tools.spec_diff --base-ref REF    openapi.yaml against REF's (e.g. origin/main)
    python -m tools.spec_diff BASE HEAD         two files

Exit status: 0 compatible (or allowed), 1 breaking, 2 cannot check.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from tools.spec import HTTP_METHODS, OPENAPI_PATH, ROOT

OPTIC = ROOT / "node_modules" / ".bin" / "optic"
QUIET = {"OPTIC_TELEMETRY_LEVEL": "off", "NO_UPDATE_NOTIFIER": "1", "NO_COLOR": "1", "FORCE_COLOR": "0"}


class CannotCheck(Exception):
    pass


def major(spec: dict) -> int | None:
    found = re.match(r"\s*v?(\d+)", str(spec.get("info", {}).get("version", "")))
    return int(found[1]) if found else None


def satisfies(granted: dict, requirement: dict) -> bool:
    """Whether credentials meeting `granted` (scheme -> scopes) also meet `requirement`."""
    return all(name in granted and set(scopes) <= set(granted[name]) for name, scopes in requirement.items())


def needs_more(before: list | None, after: list | None) -> bool:
    """Whether some caller let in by the `before` requirements is kept out by `after`.

    A requirement list is alternatives (OR) of scheme -> scopes (AND); none, or
    an empty alternative, lets anyone in.
    """
    before, after = before or [{}], after or [{}]
    return any(not any(satisfies(granted, requirement) for requirement in after) for granted in before)


def newly_secured(base: dict, head: dict) -> list[str]:
    """Operations whose callers need more credentials or scopes in `head` than in `base`."""
    found = []
    for path, item in head.get("paths", {}).items():
        for method in HTTP_METHODS:
            before = base.get("paths", {}).get(path, {}).get(method)
            after = item.get(method)
            if before is None or after is None:
                continue
            required = after.get("security", head.get("security"))
            if needs_more(before.get("security", base.get("security")), required):
                found.append(f"{method.upper()} {path}: now needs credentials ({required})")
    return found


def optic(base_file: Path, head_file: Path) -> tuple[bool, str]:
    """(whether Optic finds the change compatible, its report)."""
    if not OPTIC.exists():
        raise CannotCheck(f"{OPTIC.relative_to(ROOT)} is missing: run npm ci (scripts/test does)")
    # Run from an empty folder: in a work tree Optic looks around it (git, config) for seconds.
    with tempfile.TemporaryDirectory(prefix="optic-") as empty:
        result = subprocess.run(  # noqa: S603 (the project's pinned tool, fixed arguments)
            [str(OPTIC), "diff", str(base_file.resolve()), str(head_file.resolve()), "--check"],
            capture_output=True,
            text=True,
            cwd=empty,
            env={**os.environ, **QUIET},
            check=False,
        )
    lines = (result.stdout + result.stderr).splitlines()
    report = "\n".join(line.rstrip() for line in lines if "--web" not in line and line.strip())
    if result.returncode not in (0, 1):
        raise CannotCheck(f"optic failed (exit {result.returncode}):\n{report}")
    return result.returncode == 0, report


def compare(base_file: Path, head_file: Path) -> tuple[bool, str]:
    """(whether head may follow base, why)."""
    base, head = yaml.safe_load(base_file.read_text()), yaml.safe_load(head_file.read_text())
    compatible, report = optic(base_file, head_file)
    secured = newly_secured(base, head)
    if secured:
        compatible = False
        report += "\n\nNew security requirements (a new required input):\n" + "\n".join(f"  x {s}" for s in secured)
    before, after = major(base), major(head)
    if before is not None and after is not None and after > before:
        # Optic exempts a new major version too; this says so whatever it found.
        return True, f"{report}\n\nBreaking changes allowed: info.version has a new major number ({before} -> {after})."
    if not compatible:
        return False, (
            f"{report}\n\nBreaking change against the previous version of the spec "
            f"(info.version {base.get('info', {}).get('version')} -> {head.get('info', {}).get('version')}): "
            "make it compatible, or give info.version a new major number."
        )
    # Compatible: Optic's headline and counts, not its list of every change.
    lines = report.splitlines()
    return True, "\n".join(lines[:1] + [line for line in lines[1:] if "Operations:" in line or "Checks:" in line])


def base_from_git(ref: str, spec_path: Path = OPENAPI_PATH) -> str | None:
    """spec_path's text at `ref`, or None when there is no such commit or file."""
    relative = spec_path.resolve().relative_to(ROOT).as_posix()
    result = subprocess.run(  # noqa: S603
        ["git", "show", f"{ref}:{relative}"],  # noqa: S607 (git from PATH, as every developer runs it)
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.spec_diff", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, metavar="BASE HEAD", help="compare two files instead")
    parser.add_argument("--base-ref", default="HEAD~1", help="the commit to compare with (default: %(default)s)")
    args = parser.parse_args(argv)
    if len(args.files) not in (0, 2):
        parser.error("give both BASE and HEAD, or neither")
    try:
        if args.files:
            compatible, report = compare(*args.files)
        else:
            text = base_from_git(args.base_ref)
            if text is None:
                print(f"No {OPENAPI_PATH.name} at {args.base_ref}: nothing to compare with, passes.")
                return 0
            with tempfile.TemporaryDirectory(prefix="spec-diff-") as tmp:
                base_file = Path(tmp) / f"{OPENAPI_PATH.stem}.base.yaml"
                base_file.write_text(text)
                compatible, report = compare(base_file, OPENAPI_PATH)
    except (CannotCheck, OSError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report)
    return 0 if compatible else 1


if __name__ == "__main__":
    sys.exit(main())
