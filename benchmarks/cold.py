"""Cold start and memory: fresh processes that import a handler and answer their first getUser.

In two environments: the project's .venv, and a Lambda-like one holding only
what Lambda's python3.13 runtime ships and what the peers deploy with them
(lambda_env.py: without the awscrt and pyOpenSSL that SAM CLI brings into
.venv, and that botocore imports whenever they are there). Every target runs
in both, the runs of both interleaved round by round.

The store is the embedded DynamoDB server (moto, over HTTP), started once by the
caller outside the timed part. Runs are interleaved across targets, the order
rotating each round, so that a noisy moment on a shared machine is spread over
all of them; overheads are medians of the differences within each round.

Bytecode: every target runs with its .pyc files cached (in a private
PYTHONPYCACHEPREFIX, filled by an untimed first run), so no one pays for
compiling. "us-built" is the exception on purpose: our handler imported from
the `sam build` artifact with bytecode writing off, which is how Lambda runs it
(/var/task is read-only): it has only the bytecode the build shipped
(src/Makefile), while botocore, as the Lambda runtime's own, keeps its .pyc
(written by the untimed first run where the environment was installed without).

After the floor: a whole cold start in the Lambda-like environment took 200-340 ms
for the same code, run to run, on a quiet machine (a virtual machine's speed
varies by the moment), and the difference between two targets' runs in one
round spreads as widely (interquartile range 40-80 ms, printed with the table):
too wide to judge a budget of a few milliseconds from 21 rounds. So an
environment can run each target after the botocore floor's work (its module run
and its GetItem made, untimed), in the same process: what is timed is then only
what the target adds to a process that has imported botocore and made its first
client, far less work and far less noisy. The floor, timed so, makes a second
client and GetItem; the target's overhead is its figure over that. (Timing
both in one process, one after the other, does not work: the second pays for
the first's objects in garbage collection, 20 ms and more.)
"""

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import ROOT, US, US_BUILT, Target, event, function_environment, median, percentile, python_path

CHILD = Path(__file__).resolve().parent / "cold_child.py"


@dataclass(frozen=True)
class Environment:
    python: str  # its interpreter
    targets: tuple[Target, ...]
    before: Path | None = None  # a handler module's file, run and answering first, untimed (cold_child.py)
    # Runs of each target per round, in turn: more where a small overhead is to be judged.
    runs_per_round: int = 1


@dataclass
class ColdResult:
    target: Target
    runs: list[dict] = field(default_factory=list)  # one per round, in round order

    def figure(self, key: str, stat: str = "median") -> float:
        values = [run[key] for run in self.runs]
        return median(values) if stat == "median" else percentile(values, 90)

    def over(self, other: "ColdResult", key: str) -> float:
        """Median over rounds of this target's figure minus `other`'s in the same round."""
        return median(self._differences(other, key))

    def spread_over(self, other: "ColdResult", key: str) -> float:
        """The interquartile range of the in-round differences `over` takes the median of."""
        differences = self._differences(other, key)
        return percentile(differences, 75) - percentile(differences, 25)

    def _differences(self, other: "ColdResult", key: str) -> list[float]:
        return [mine[key] - theirs[key] for mine, theirs in zip(self.runs, other.runs, strict=True)]

    @property
    def peak_rss_mb(self) -> float:
        return median(run["maxrss_kib"] for run in self.runs) * 1024 / 1e6


def run_cold(
    environments: dict[str, Environment],
    endpoint: str,
    user_id: str,
    runs: int,
    work_dir: Path,
    artifact: Path | None,
) -> dict[str, dict[str, ColdResult]]:
    """For each environment, each of its targets' runs (us-built too, wherever us runs, with an artifact)."""
    base = {**os.environ, **function_environment(endpoint)}
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    built = {**base, "PYTHONPATH": str(artifact), "PYTHONDONTWRITEBYTECODE": "1"}
    warm_up = {}  # the untimed first run's process environment, where it is not the timed runs'
    if artifact is not None:
        # The environment's own packages keep their .pyc files, as the Lambda runtime's do: an
        # environment installed without them (uv compiles none) gets them from this untimed run,
        # with bytecode writing on, importing our handler from a copy of the artifact (whose
        # writes go nowhere), so that the artifact keeps only the bytecode the build shipped.
        artifact_copy = work_dir / "artifact-copy"
        shutil.copytree(artifact, artifact_copy, dirs_exist_ok=True)
        warm_up[US_BUILT] = {**base, "PYTHONPATH": str(artifact_copy)}
    event_file = work_dir / "cold-get-user.json"
    event_file.write_text(json.dumps(event("get-user", query={"id": user_id})))
    plan = []  # (environment, target, interpreter, process environment, before)
    results = {}
    for env_name, environment in environments.items():
        targets = environment.targets
        if artifact is not None and US in targets:
            targets = (*targets, US_BUILT)
        results[env_name] = {target.name: ColdResult(target) for target in targets}
        cached = {**base, "PYTHONPATH": python_path(), "PYTHONPYCACHEPREFIX": str(work_dir / f"pycache-{env_name}")}
        runs_of = [
            (env_name, target, environment.python, built if target is US_BUILT else cached, environment.before)
            for target in targets
        ]
        for _env, target, python, env, before in runs_of:  # untimed: writes the .pyc files, fills the page cache
            _one(target, python, event_file, warm_up.get(target, env), before)
        plan += runs_of * environment.runs_per_round
    for round_ in range(runs):
        shift = round_ % len(plan)
        for env_name, target, python, env, before in plan[shift:] + plan[:shift]:
            results[env_name][target.name].runs.append(_one(target, python, event_file, env, before))
    return results


def _one(target: Target, python: str, event_file: Path, env: dict, before: Path | None) -> dict:
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 (our interpreter, our script)
        [python, "-P", str(CHILD), target.handler, str(event_file), *([str(before)] if before else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    process_ms = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"cold start of {target.name} failed:\n{completed.stderr.strip()[-2000:]}")
    run = json.loads(completed.stdout.strip().splitlines()[-1])
    if run["status"] != 200:
        raise RuntimeError(f"cold start of {target.name}: getUser answered {run['status']}, not 200")
    run["process_ms"] = process_ms
    return run
