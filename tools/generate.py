"""scripts/generate: remake everything derived from openapi.yaml.

    scripts/generate           write each derived file that differs from what openapi.yaml makes
    scripts/generate --check   write nothing; exit 1, naming each stale file, if any differs

In order (each reads openapi.yaml as the step before left it):
  openapi.yaml               its own list of problem words (Error.errors.problem), from the schemas
  src/users_api/spec_validators.py   the request validators and their quick checks (tools/codegen.py)
  src/users_api/user_model.py        what a user holds, its item and its JSON (tools/user_model.py)
  clients/python/            the typed Python client (tools/sdk.py, openapi-python-client)
  docs/index.html            the rendered reference (tools/docs.py, Redoc)
  benchmarks/peers/spec_models.py    the benchmark peers' pydantic models (datamodel-code-generator)
"""

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from sam_local_api.problems import WORDS

from tools import codegen, docs, peer_models, sdk, user_model
from tools.spec import OPENAPI_PATH, ROOT

# openapi.yaml keeps, in Error.errors.problem's description, the words the schemas' faults are
# named with; they are written between these two lines (Markdown comments: Redoc shows neither).
PROBLEMS_START = "<!-- scripts/generate writes the schemas' problem words below. -->"
PROBLEMS_END = "<!-- scripts/generate writes the schemas' problem words above. -->"


def problem_words(spec: dict) -> list[str]:
    """Every problem text the validators generated from `spec` can give, once each: grouped by
    keyword in the order of the problem table (sam_local_api.problems), then as the places give them."""
    _, _, problems = codegen.request_contract(spec)
    order = list(WORDS)
    given = [(keyword, text) for place in problems.values() for keyword, text in place.items()]
    words = []
    for _, text in sorted(given, key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)):
        if text not in words:
            words.append(text)
    return words


def with_problem_words(spec_text: str) -> str:
    """openapi.yaml's text with the list of problem words between its markers made anew."""
    start, end = spec_text.find(PROBLEMS_START), spec_text.find(PROBLEMS_END)
    if start < 0 or end < start:
        raise SystemExit(
            f"openapi.yaml: Error.errors.problem's description lacks the lines {PROBLEMS_START!r} and {PROBLEMS_END!r}"
        )
    line_start = spec_text.rfind("\n", 0, start) + 1
    indent = spec_text[line_start:start]
    listed = ", ".join(f"`{word}`" for word in problem_words(yaml.safe_load(spec_text)))
    lines = _wrapped(f"From the schema of the field at fault: {listed}.", 100 - len(indent))
    block = "".join(f"{indent}{line}\n" for line in lines)
    return spec_text[: start + len(PROBLEMS_START)] + "\n" + block + spec_text[spec_text.rfind("\n", 0, end) + 1 :]


def _wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken only between words outside backquotes
    (a problem's words stay on one line, as a client would match them)."""
    lines, line = [], ""
    for token in re.findall(r"`[^`]*`[.,]?|\S+", text):
        if line and len(line) + 1 + len(token) > width:
            lines.append(line)
            line = token
        else:
            line = f"{line} {token}" if line else token
    return [*lines, line] if line else lines


class Generated:
    """One derived file (or folder): what openapi.yaml makes of it, and whether it is so."""

    def __init__(self, path: Path, make, *, folder: bool = False):
        self.path = path
        self.make = make  # spec path -> text, or, for a folder, a function writing it into a given folder
        self.folder = folder

    def stale(self, spec_path: Path) -> list[str]:
        if self.folder:
            return sdk.differences(self.path, spec_path, context=1)
        return [] if self.path.exists() and self.path.read_text() == self.make(spec_path) else [self.name]

    def write(self, spec_path: Path) -> bool:
        if self.folder:
            with tempfile.TemporaryDirectory(prefix="generate-") as tmp:
                # Made aside first: a failed run leaves the committed folder as it was.
                made = Path(tmp) / self.path.name
                self.make(made, spec_path)
                if self.path.exists() and sdk.files(made) == sdk.files(self.path):
                    return False
                shutil.rmtree(self.path, ignore_errors=True)
                shutil.copytree(made, self.path)
            return True
        text = self.make(spec_path)
        if self.path.exists() and self.path.read_text() == text:
            return False
        self.path.write_text(text)
        return True

    @property
    def name(self) -> str:
        return self.path.relative_to(ROOT).as_posix() + ("/" if self.folder else "")


def derived() -> list[Generated]:
    def spec_of(path: Path) -> dict:
        return yaml.safe_load(path.read_text())

    return [
        Generated(codegen.TARGET, lambda path: codegen.render(spec_of(path))),
        Generated(user_model.TARGET, lambda path: user_model.render(spec_of(path))),
        Generated(sdk.CLIENT_DIR, lambda output, path: sdk.generate(output, path), folder=True),
        Generated(docs.DOCS_PAGE, lambda path: docs.render(path)),
        Generated(peer_models.TARGET, lambda path: peer_models.render(path)),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/generate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a derived file is stale")
    args = parser.parse_args(argv)
    spec_text = OPENAPI_PATH.read_text()
    try:
        listed = with_problem_words(spec_text)
        stale = [] if listed == spec_text else ["openapi.yaml (its list of problem words)"]
        if args.check:
            for generated in derived():
                stale += generated.stale(OPENAPI_PATH)
            if stale:
                print("\n".join(stale), file=sys.stderr)
                print(f"\n{len(stale)} stale: run scripts/generate", file=sys.stderr)
                return 1
            print(f"up to date with openapi.yaml: openapi.yaml's problem words, {', '.join(g.name for g in derived())}")
            return 0
        if stale:
            OPENAPI_PATH.write_text(listed)
        written = stale[:1] + [generated.name for generated in derived() if generated.write(OPENAPI_PATH)]
    except (
        codegen.SpecError,
        user_model.ModelError,
        sdk.GenerationError,
        docs.DocsError,
        peer_models.PeerModelError,
    ) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(written)}" if written else "everything was up to date with openapi.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
