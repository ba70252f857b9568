"""The pages' examples, run as a reader runs them, so that no command in them can drift.

Sybil finds the code blocks of every page (README.md, ARCHITECTURE.md, docs/*.md,
benchmarks/README.md, sam-local-api/README.md ...: those tests/in_process/docs
reads). Each `sh` block runs in bash from the repository's root with the
environment of a fresh clone's shell (no .venv on PATH, none of the local API's
or the tests' variables), `set -euo pipefail`: an undefined variable or a
failing command fails it. Each `python` block runs in the page's namespace, the
variables the page tells a reader to set (USERS_API_TOKEN, USERS_API_KEY) set.

- **The local API they talk to** is `scripts/serve`, started by this harness,
  from the repository's root as a reader starts it: one for every block, and one
  more for each other set of flags a block starts it with (`scripts/serve
  --mock` as a block's first command). It makes `.local-api-client` and
  `.local-api-keys` there on first start, as for a reader, and uses them after.
  It listens on a free port: each `http://127.0.0.1:3000` of a block is that
  port's address. Its store is emptied before each block, so each block meets
  the API as a reader meets a fresh `scripts/serve`.
- **Documented answers**: a comment line after a command that starts with `{`
  or `[` is that command's output, as the reader sees it; `...` stands for any
  text. The output of the commands between one such answer and the next must
  match it.
- **Commands that run for minutes, or write the repository's files**
  (`scripts/test`, `scripts/bench`, `scripts/load`, `scripts/contract`,
  `scripts/sdk`, `scripts/docs`, `scripts/generate`, `.venv/bin/pytest`) are
  not run: each option a block gives them must be one their `--help` names.
  The test command runs each of them in full elsewhere.
- **No block may change the repository's files**: git sees the same working
  tree before and after each (the local API's own files, `.local-api-*`, are
  ignored by git).
- **A block that cannot run here** says so on its first line, visibly to the
  reader: `# needs AWS: ...`, `# needs Docker: ...`, `# needs several machines:
  ...`; it is skipped with that reason.

Sybil finds the blocks (its Markdown lexer) and runs the Python ones. The shell
harness is written here: pytest-codeblocks and mktestdocs run each shell block as
it stands, with no server started for it, their skip marks hidden in HTML
comments and expected output kept in a block of its own; none of them starts the
API a block talks to, nor checks an answer standing with its command.
"""

import contextlib
import os
import re
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest
from sam_local_api.config import CLIENT_FILE, KEYS_FILE
from sam_local_api.processes import Child
from sam_local_api.testing import EMBEDDED_STORE, READY, client_credentials_token
from sybil.document import Document
from sybil.evaluators.python import pad
from sybil.parsers.markdown import CodeBlockParser

from tests.support.pages import PAGES
from tools.spec import ROOT
from tools.store import TABLES, store_client

DOCUMENTED_URL = "http://127.0.0.1:3000"
NEEDS = re.compile(r"# needs (?P<what>[^:\n]+):(?P<why>[^\n]*)")
SERVE = re.compile(r"^scripts/serve\b(?P<flags>[^#\n]*)", re.MULTILINE)
ANSWER = re.compile(r"^# (?=[\[{])(?P<text>.*)$")
MARK = "@@answer@@"
# Checked for their options only. What runs each in full: scripts/test and .venv/bin/pytest
# are the test command; its last step runs scripts/bench --quick --check; tests/over_http/load
# runs scripts/load's module, tests/external_tools/contract scripts/contract's, and the test
# command runs scripts/generate --check (scripts/generate writes the repository's files).
OPTIONS_ONLY = (
    "scripts/test",
    "scripts/bench",
    "scripts/load",
    "scripts/contract",
    "scripts/generate",
    ".venv/bin/pytest",
)
PRELUDE = r"""
set -euo pipefail
# The harness started the local API this block talks to (see test_examples.py).
scripts/serve() { :; }
# What reaches beyond this machine, or changes it, runs in no block that is not marked: the
# mark tells the reader, and the test, that it cannot run here.
outside() { echo "$1 reaches AWS or changes this machine: mark the block (# needs AWS: ...)" >&2; return 2; }
aws() { outside aws; }
sam() { outside sam; }
docker() { outside docker; }
pip() { outside pip; }
pip3() { outside pip3; }
git() { case "${1:-}" in push | tag) outside "git $1" ;; *) command git "$@" ;; esac; }
# A command a block only names: each option it gives must be one the command's --help names.
options_known() {
  local command=$1 help option
  shift
  help="$HELP_CACHE/${command//\//_}"
  if [ ! -s "$help" ]; then
    if ! command "$command" ${HELP_FLAGS:-} --help >"$help" 2>&1; then
      echo "$command --help failed: $(cat "$help")" >&2
      return 1
    fi
  fi
  for option in "$@"; do
    [ "$option" = -- ] && break
    case $option in
      -?*)
        option=${option%%=*}
        grep -qE -- "(^|[[:space:],\[])${option}([][[:space:],=]|$)" "$help" ||
          { echo "$command has no option $option (see $command --help)" >&2; return 2; }
        ;;
    esac
  done
}
"""


def _intercepts() -> str:
    functions = []
    for command in OPTIONS_ONLY:
        if command == "scripts/test":
            # --quick is its own; everything else goes to pytest.
            body = 'if [ "${1:-}" = --quick ]; then shift; fi; .venv/bin/pytest "$@"'
        elif command == ".venv/bin/pytest":
            # Its options are pytest's and its plugins': this repository's conftest.py adds none.
            body = f'HELP_FLAGS=--noconftest options_known {command} "$@"'
        else:
            body = f'options_known {command} "$@"'
        functions.append(f"{command}() {{ {body}; }}")
    return PRELUDE + "\n".join(functions) + "\n"


def with_answers_marked(source: str) -> tuple[str, list[str]]:
    """The block with a marker printed where each documented answer stands, and the answers."""
    lines, answers = [], []
    for line in source.splitlines():
        answer = ANSWER.match(line)
        if answer and lines and lines[-1].startswith("printf") and MARK in lines[-1]:
            answers[-1] += "\n" + answer["text"]  # an answer of several lines
        elif answer:
            answers.append(answer["text"])
            lines.append(f"printf '\\n%s\\n' '{MARK}'")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n", answers


def matches(documented: str, output: str) -> bool:
    """The output is the documented answer, `...` standing for any text."""
    pattern = ".*?".join(re.escape(part) for part in documented.strip().split("..."))
    return re.fullmatch(pattern, output.strip(), re.DOTALL) is not None


class LocalApis:
    """`scripts/serve` as a reader starts it, once for each set of flags the blocks start it with."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.started: dict[str, tuple] = {}

    def url(self, flags: str) -> str:
        """The local API started with `flags` (started now if it is not yet), its store emptied."""
        if flags not in self.started:
            child = Child(
                ["scripts/serve", *flags.split(), "--port", "0"], cwd=ROOT, env=self.env, own_session=True
            ).start()
            url = child.wait_for(READY, timeout=120)[1]
            store = EMBEDDED_STORE.search(child.stdout)
            self.started[flags] = (child, url, store_client(store[1]) if store else None)
        _, url, store = self.started[flags]
        if store is not None:
            empty(store)
        return url

    def stop(self) -> None:
        for child, _, _ in self.started.values():
            child.stop()


def empty(client) -> None:
    """Every item of the API's tables deleted."""
    for table in TABLES.values():
        keys = [key["AttributeName"] for key in client.describe_table(TableName=table)["Table"]["KeySchema"]]
        for page in client.get_paginator("scan").paginate(TableName=table):
            for item in page["Items"]:
                client.delete_item(TableName=table, Key={name: item[name] for name in keys})


def run_shell(example) -> str | None:
    """A shell block's evaluator: its failure, or None."""
    source = str(example.parsed)
    needs = NEEDS.match(source)
    if needs:
        pytest.skip(f"needs {needs['what']}:{needs['why']}")
    harness = example.namespace["harness"]
    served = SERVE.search(source)
    url = harness.apis.url(" ".join(served["flags"].split()) if served else "")
    script, answers = with_answers_marked(source.replace(DOCUMENTED_URL, url))
    before = repository_state()
    with tempfile.NamedTemporaryFile("w", suffix=".sh") as block:
        block.write(_intercepts() + script)
        block.flush()
        returncode, stdout, stderr = run_in_a_session(["bash", block.name], harness.env)
    where = f"{Path(example.path).relative_to(ROOT)}, the block at line {example.line}"
    if repository_state() != before:
        return f"{where} changed the repository's files (git status, git diff): mark it, or change a copy"
    if returncode != 0:
        return f"{where} exited {returncode}:\n{stderr[-3000:]}\n{stdout[-2000:]}"
    outputs = stdout.split(f"\n{MARK}\n")
    for documented, output in zip(answers, outputs, strict=False):
        if not matches(documented, output):
            return f"{where}: documented\n  {documented}\nbut it printed\n  {output.strip()}"
    return None


def repository_state() -> tuple[str, str]:
    """What git sees of the working tree: which files differ from HEAD, and how."""
    git = ("git", "-C", str(ROOT))
    status = subprocess.run([*git, "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True)
    diff = subprocess.run([*git, "diff", "--no-ext-diff", "HEAD"], capture_output=True, text=True)
    return status.stdout, diff.stdout


def run_in_a_session(argv: list[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str, str]:
    """The command's exit status and output; whatever it left running (a server, a command
    sent to the background) is stopped with it, its whole session, however it ended."""
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return -1, stdout, f"did not finish in {timeout:.0f} s\n{stderr}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, stdout, stderr


def run_python(example) -> str | None:
    """A Python block's evaluator: run in the page's namespace, as Sybil's own does, at the harness's API."""
    harness = example.namespace["harness"]
    source = str(example.parsed).replace(DOCUMENTED_URL, harness.apis.url(""))
    exec(compile(pad(source, example.line), example.path, "exec"), example.namespace)
    return None


PARSERS = [CodeBlockParser("sh", run_shell), CodeBlockParser("bash", run_shell), CodeBlockParser("python", run_python)]
EXAMPLES = [example for page in PAGES for example in Document.parse(str(page), *PARSERS)]


class Harness:
    def __init__(self, env: dict[str, str], help_cache: Path):
        self.env = {**env, "HELP_CACHE": str(help_cache)}
        self.apis = LocalApis(self.env)

    def python_variables(self) -> dict[str, str]:
        """What docs/client.md has a reader set: a token with both scopes and the API key, of the local API."""
        url = self.apis.url("")
        client = dict(
            line.split("=", 1) for line in (ROOT / CLIENT_FILE).read_text().splitlines() if not line.startswith("#")
        )
        key = next(line for line in (ROOT / KEYS_FILE).read_text().splitlines() if not line.startswith("#"))
        token = client_credentials_token(
            f"{url}/oauth2/token", client["SAM_LOCAL_API_CLIENT_ID"], client["SAM_LOCAL_API_CLIENT_SECRET"]
        )
        return {"USERS_API_TOKEN": token, "USERS_API_KEY": key}


def fresh_clone_environment() -> dict[str, str]:
    """This process's environment as a reader's shell has it: without .venv on PATH, and
    without the variables of the local API, the tests or a virtual environment."""
    venv_bin = str(ROOT / ".venv" / "bin")
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "AWS_ENDPOINT_URL_DYNAMODB", "PYTEST_", "SAM_LOCAL_API_", "USERS_API_")
    env = {name: value for name, value in os.environ.items() if not name.startswith(dropped)}
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin)
    return env


@pytest.fixture(scope="session")
def harness(tmp_path_factory):
    running = Harness(fresh_clone_environment(), tmp_path_factory.mktemp("help"))
    yield running
    running.apis.stop()


@pytest.mark.xdist_group("docs-examples")  # one local API for them all: scripts/test runs --dist loadgroup
@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{Path(e.path).relative_to(ROOT)}:{e.line}" for e in EXAMPLES])
def test_the_example_runs_as_written(example, harness, monkeypatch):
    if example.region.evaluator is run_python:
        monkeypatch.syspath_prepend(str(ROOT / "clients" / "python"))  # as installed by pip install ./clients/python
        for name, value in harness.python_variables().items():
            monkeypatch.setenv(name, value)
    example.namespace["harness"] = harness
    example.evaluate()


@pytest.mark.xdist_group("docs-examples")
def test_an_option_the_command_does_not_have_fails_its_block(harness):
    returncode, _, stderr = run_in_a_session(
        ["bash", "-c", _intercepts() + "scripts/bench --quick --no-such-option\n"], harness.env
    )
    assert returncode == 2
    assert "scripts/bench has no option --no-such-option" in stderr


def test_an_answer_other_than_the_documented_one_fails():
    assert matches('{"message":"user details","users":[...]}', '{"message":"user details","users":[]}')
    assert not matches('{"message":"user details","users":[...]}', '{"message": "Unauthorized"}')
