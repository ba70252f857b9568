"""scripts/bench: cold start, warm overhead, memory, package size and local API throughput, against peers.

Prints one table: each figure for us and for each peer, all measured in this run,
the ratio, and the budget from budgets.toml with whether it holds. Timings on a
shared machine are noisy: budgets are reported, never turned into a failure.
--check fails (exit 1) only when a benchmark did not run or gave no figure.
"""

import argparse
import math
import os
import platform
import sys
import tempfile
import time
import tomllib
import traceback
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from benchmarks.common import API_TARGETS, FLOOR_BOTOCORE, FLOOR_BOTOCORE_FILE, SRC, TARGETS, US
from benchmarks.common import function_environment as env_for

BENCHMARKS = ("package", "cold", "warm", "local")
BUDGETS = tomllib.loads((Path(__file__).parent / "budgets.toml").read_text())
PINNED = (
    "aws-lambda-powertools",
    "fastapi",
    "mangum",
    "starlette",
    "pydantic",
    "boto3",
    "botocore",
    "moto",
    "Werkzeug",
)
COLUMNS = ("us", "us-built", "floor", "floor-botocore", "powertools", "fastapi", "thin-wsgi")
# The cold-start benchmark's environments: the project's .venv, and one holding only what
# Lambda's python3.13 runtime ships (benchmarks/lambda_env.py).
VENV, LAMBDA = ".venv", "Lambda-like"
# The Lambda-like environment again, each target run after the botocore floor's work (benchmarks/cold.py).
AFTER_FLOOR = "Lambda-like, after the botocore floor"
# What each peer does besides answering (shown under the table): the same work as users_api.
PEER_WORK = (
    "peers: powertools = APIGatewayRestResolver with validation (pydantic), Powertools Metrics (one EMF flush "
    "per invocation) and Idempotency (idempotent_function on createUser with an Idempotency-Key; records in "
    "DynamoDB, or in the memory store in the warm benchmark); fastapi = FastAPI behind Mangum (pydantic), with "
    "the same Powertools Metrics and Idempotency (no FastAPI idempotency library is well kept); both check the "
    "token's scope, record the writer, count what users_api counts. floor = boto3 client + one GetItem; "
    "floor-botocore = botocore alone, the same."
)


@dataclass(frozen=True)
class Settings:
    cold_runs: int
    warm_batches: int
    warm_batch_seconds: float
    load_seconds: float
    load_rounds: int
    load_warmup_seconds: float
    load_clients: int = 8


QUICK = Settings(
    cold_runs=2, warm_batches=3, warm_batch_seconds=0.03, load_seconds=1.0, load_rounds=1, load_warmup_seconds=0.3
)
FULL = Settings(
    cold_runs=21, warm_batches=21, warm_batch_seconds=0.1, load_seconds=5.0, load_rounds=2, load_warmup_seconds=1.0
)


@dataclass
class Row:
    figure: str
    values: dict  # column -> number (or None when the benchmark gave none)
    ratio: str = ""
    budget: str = ""
    holds: bool | None = None
    required: tuple = ()  # columns that must have a figure for --check


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs: under a minute, figures rougher")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every benchmark ran and gave its figures")
    parser.add_argument(
        "--only", choices=BENCHMARKS, action="append", help="run only these (repeatable; cold needs package's build)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="only where each microsecond of a warm getUser and createUser goes"
    )
    args = parser.parse_args(argv)
    if args.profile:
        if str(SRC) not in sys.path:
            sys.path.insert(0, str(SRC))
        from benchmarks.profile import main as profile

        profile()
        return 0
    settings = QUICK if args.quick else FULL
    chosen = [
        name
        for name in BENCHMARKS
        if name in (args.only or BENCHMARKS) or (name == "package" and args.only and "cold" in args.only)
    ]
    started = time.perf_counter()
    print(_header(args.quick), flush=True)

    # The function's code, importable here as Lambda imports it from its artifact.
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    os.environ.update(env_for())
    os.environ["SAM_CLI_TELEMETRY"] = "0"  # for sam build and the local API's SAM CLI code
    results, failures = {}, {}
    store, user_id = None, None
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work_dir = Path(tmp)
        try:
            if "cold" in chosen or "local" in chosen:
                store, user_id = _start_store()
            for name in chosen:
                step = time.perf_counter()
                print(f"running {name} ...", file=sys.stderr, flush=True)
                try:
                    results[name] = _run(name, settings, store, user_id, work_dir, results)
                except Exception as error:
                    failures[name] = f"{type(error).__name__}: {error}"
                    traceback.print_exc(file=sys.stderr)
                print(f"  {name}: {time.perf_counter() - step:.1f} s", file=sys.stderr, flush=True)
        finally:
            if store is not None:
                store.stop()

    rows = _rows(results)
    print(_table(rows))
    for note in _notes(results):
        print(note)
    for name, failure in failures.items():
        print(f"FAILED {name}: {failure}")
    print(f"\nwall time: {time.perf_counter() - started:.1f} s ({'quick' if args.quick else 'full'} run)")

    missing = [
        f"{row.figure} [{column}]" for row in rows for column in row.required if not _is_figure(row.values.get(column))
    ]
    missing += [f"{name}: did not run" for name in chosen if name not in results]
    if args.check:
        if missing:
            print("check: FAILED, no figure for: " + "; ".join(missing))
            return 1
        print(f"check: ok, every benchmark ran and gave its figures ({', '.join(chosen)})")
    return 1 if failures else 0


def _start_store():
    """The embedded DynamoDB server, its tables and one user: started once, outside every timed part."""
    import boto3
    from sam_local_api.dynamodb import EmbeddedDynamoDB

    from tools.store import TABLES, create_tables
    from users_api.store import UserStore

    store = EmbeddedDynamoDB().start()
    try:
        create_tables(boto3.client("dynamodb", endpoint_url=store.endpoint), TABLES)
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = store.endpoint
        user = UserStore.from_environment().create({"name": "Ada Lovelace", "email": "ada@example.com"})
    except BaseException:
        store.stop()
        raise
    return store, user["id"]


def _run(name: str, settings: Settings, store, user_id: str | None, work_dir: Path, done: dict):
    if name == "package":
        from benchmarks.package import run_package

        return run_package(work_dir)
    if name == "cold":
        from benchmarks import lambda_env
        from benchmarks.cold import Environment, run_cold

        artifact = done["package"].artifact if "package" in done else None
        lambda_python = str(lambda_env.ensure())
        environments = {
            VENV: Environment(sys.executable, TARGETS),
            LAMBDA: Environment(lambda_python, TARGETS),
            AFTER_FLOOR: Environment(lambda_python, (US, FLOOR_BOTOCORE), FLOOR_BOTOCORE_FILE, runs_per_round=3),
        }
        return run_cold(environments, store.endpoint, user_id, settings.cold_runs, work_dir, artifact)
    if name == "warm":
        from benchmarks.warm import run_warm, store_cost_us

        return run_warm(TARGETS, settings.warm_batches, settings.warm_batch_seconds), store_cost_us()
    if name == "local":
        from benchmarks.local_api import run_local_api

        return run_local_api(
            store.endpoint,
            user_id,
            settings.load_clients,
            settings.load_seconds,
            settings.load_rounds,
            settings.load_warmup_seconds,
        )
    raise ValueError(name)


def _rows(results: dict) -> list[Row]:
    rows = []
    if "cold" in results:
        rows += _cold_rows(results["cold"][VENV])
        rows += _lambda_cold_rows(results["cold"][LAMBDA], results["cold"][AFTER_FLOOR])
    if "warm" in results:
        rows += _warm_rows(*results["warm"])
    if "package" in results:
        package = results["package"]
        kb = package.bytes / 1000
        rows.append(
            Row(
                "package: sam build artifact (KB)",
                {"us": kb},
                f"{package.files} files",
                f"< {BUDGETS['package']['max_kb']} KB",
                kb < BUDGETS["package"]["max_kb"],
                ("us",),
            )
        )
        rows.append(Row("  (ref) the same, zipped (KB)", {"us": package.zip_bytes / 1000}))
    if "local" in results:
        local = results["local"]
        for label, ours, thin in (
            ("embedded DynamoDB", local["serve"], local["thin-wsgi"]),
            ("store in memory", local["serve-memory"], local["thin-wsgi-memory"]),
        ):
            share = ours.rps / thin.rps if thin.rps else 0.0
            rows.append(
                Row(
                    f"local API getUser, 8 clients, {label}: req/s",
                    {"us": ours.rps, "thin-wsgi": thin.rps},
                    f"us/thin-wsgi {share:.2f}",
                    f">= {BUDGETS['local_api']['min_share_of_thin_wsgi']:g} of thin-wsgi's",
                    share >= BUDGETS["local_api"]["min_share_of_thin_wsgi"],
                    ("us", "thin-wsgi"),
                )
            )
            for stat, attribute in (("median", "median_ms"), ("p99", "p99_ms")):
                values = {"us": getattr(ours, attribute), "thin-wsgi": getattr(thin, attribute)}
                rows.append(
                    Row(
                        f"  latency {stat} (ms)",
                        values,
                        _ratio(values, "us", "thin-wsgi"),
                        required=("us", "thin-wsgi"),
                    )
                )
    return rows


def _cold_rows(cold: dict) -> list[Row]:
    names = tuple(cold)
    required = tuple(t.name for t in TARGETS)
    rows = []
    for label, key, stat in (
        ("cold start (import + first getUser), .venv: wall median (ms)", "total_ms", "median"),
        ("  wall p90 (ms)", "total_ms", "p90"),
        ("  CPU median (ms)", "cpu_ms", "median"),
    ):
        values = {name: cold[name].figure(key, stat) for name in names}
        rows.append(Row(label, values, _ratio(values, "us", "powertools"), required=required))
    for label, key in (("cold start overhead over the floor: wall (ms)", "total_ms"), ("  CPU (ms)", "cpu_ms")):
        over = {name: cold[name].over(cold["floor"], key) for name in names if name != "floor"}
        limit, budget = _over_floor_budget(over)
        if "us-built" in over:
            budget += f"; us-built {'holds' if over['us-built'] <= limit else 'MISSED'}"
        rows.append(
            Row(
                label,
                over,
                _share(over, "us", "powertools"),
                budget,
                over["us"] <= limit,
                ("us", "powertools", "fastapi"),
            )
        )
    rows.append(_spread_row(cold, "floor"))
    over_bc = {name: cold[name].over(cold["floor-botocore"], "total_ms") for name in names if name != "floor-botocore"}
    rows.append(Row("  (ref) over floor-botocore instead: wall (ms)", over_bc, _share(over_bc, "us", "powertools")))
    process = {name: cold[name].figure("process_ms") for name in names}
    rows.append(Row("  (ref) whole process, spawn to exit: median (ms)", process, _ratio(process, "us", "floor")))
    rss = {name: cold[name].peak_rss_mb for name in names}
    rows.append(Row("memory: peak RSS after first request (MB)", rss, _ratio(rss, "us", "floor"), required=required))
    rows.append(_rss_over_floor_row("  over the floor (MB)", rss))
    return rows


def _over_floor_budget(over: dict) -> tuple[float, str]:
    """The limit on a cold start's overhead over the boto3 floor (so many ms, and a share of
    Powertools' overhead, whichever is less), and the budget as the table words it."""
    budget = BUDGETS["cold_start"]
    share = over["powertools"] * budget["max_share_of_powertools"]
    text = f"<= {budget['max_over_floor_ms']:g} ms and <= {budget['max_share_of_powertools']:g} of "
    text += f"powertools' ({share:.1f})"
    return min(budget["max_over_floor_ms"], share), text


def _spread_row(cold: dict, floor: str) -> Row:
    """How widely the in-round CPU differences over `floor` spread (interquartile range): the noise
    the overheads above it are medians through."""
    spread = {name: result.spread_over(cold[floor], "cpu_ms") for name, result in cold.items() if name != floor}
    return Row("    spread: interquartile range of the in-round CPU differences (ms)", spread)


def _rss_over_floor_row(label: str, rss: dict) -> Row:
    """Each target's peak RSS over the boto3 floor's, against the memory budget."""
    limit = BUDGETS["memory"]["max_rss_over_floor_mb"]
    over = {name: value - rss["floor"] for name, value in rss.items() if name != "floor"}
    return Row(label, over, f"us-floor {over['us']:+.1f} MB", f"<= {limit:g} MB", over["us"] <= limit, ("us",))


def _lambda_cold_rows(cold: dict, after_floor: dict) -> list[Row]:
    """The cold start in the Lambda-like environment: over the botocore-only floor (the raised
    budget, judged after the floor: benchmarks/cold.py), and over the boto3 floor and against
    Powertools as in .venv."""
    names = tuple(cold)
    required = tuple(t.name for t in TARGETS)
    rows = []
    for label, key in (
        (f"cold start, {LAMBDA} environment: wall median (ms)", "total_ms"),
        ("  CPU median (ms)", "cpu_ms"),
    ):
        values = {name: cold[name].figure(key) for name in names}
        rows.append(Row(label, values, _ratio(values, "us", "powertools"), required=required))
    floor = "floor-botocore"
    limit = BUDGETS["cold_start"]["max_over_botocore_floor_ms"]
    for label, key in (("  over floor-botocore, after its work: CPU (ms)", "cpu_ms"), ("    wall (ms)", "total_ms")):
        over = {name: result.over(after_floor[floor], key) for name, result in after_floor.items() if name != floor}
        # The budget is for the function as Lambda runs it: us-built (the sam build artifact)
        # holds it as well as us, when the package benchmark ran.
        text = f"<= {limit:g} ms, us and us-built" if "us-built" in over else f"<= {limit:g} ms"
        holds = all(value <= limit for value in over.values())
        rows.append(Row(label, over, "", text, holds, ("us",)))
    rows.append(_spread_row(after_floor, floor))
    over = {name: cold[name].over(cold[floor], "cpu_ms") for name in names if name != floor}
    rows.append(Row("  (ref) over floor-botocore, whole processes: CPU (ms)", over, _share(over, "us", "powertools")))
    rows.append(_spread_row(cold, floor))
    over = {name: cold[name].over(cold["floor"], "total_ms") for name in names if name != "floor"}
    limit, text = _over_floor_budget(over)
    share = _share(over, "us", "powertools")
    rows.append(
        Row(
            "  over the floor (boto3): wall (ms)",
            over,
            share,
            text,
            over["us"] <= limit,
            ("us", "powertools", "fastapi"),
        )
    )
    rows.append(_spread_row(cold, "floor"))
    rss = {name: cold[name].peak_rss_mb for name in names}
    rows.append(_rss_over_floor_row("  peak RSS over the floor (MB)", rss))
    return rows


def _warm_rows(warm: dict, store_cost: dict) -> list[Row]:
    """Store excluded: the targets that take a store timed on the store that does no store work
    (benchmarks/memory_store.py, EchoUserStore), the peers' Powertools records, measured apart,
    taken off their createUser; the floors' fake client is part of them and stays in. The budget
    in microseconds scales by this run's Powertools getUser over the figure it was set against.
    The figure before EchoUserStore (the memory store's cost, measured apart, taken off) is kept
    as a reference."""
    from benchmarks.warm import ECHO

    budget = BUDGETS["warm"]
    uses_store = {t.name for t in API_TARGETS}
    peers = uses_store - {"us"}
    nets, apart = {}, {}
    for operation in ("createUser", "getUser"):
        nets[operation], apart[operation] = {}, {}
        for name, result in warm.items():
            if result.figure(operation) is None:
                continue
            if name not in uses_store:  # the floors: their fake client stays in
                nets[operation][name] = result.figure(operation)
                continue
            records = store_cost["records"] if operation == "createUser" and name in peers else 0
            nets[operation][name] = result.figure(operation, store=ECHO) - records
            apart[operation][name] = result.figure(operation) - store_cost[operation] - records
    scale = nets["getUser"]["powertools"] / budget["reference_powertools_getuser_us"]
    rows = []
    for operation in ("createUser", "getUser"):
        net = nets[operation]
        gross = {name: r.figure(operation) for name, r in warm.items() if r.figure(operation) is not None}
        wall = {name: r.figure(operation, "wall") for name, r in warm.items() if r.figure(operation) is not None}
        limit = budget["max_us"][operation] * scale
        share = net["powertools"] * budget["max_share_of_powertools"]
        rows.append(
            Row(
                f"warm {operation}: CPU per request, store excluded (us)",
                net,
                _ratio(net, "us", "powertools"),
                f"<= {budget['max_us'][operation]:g} us x {scale:.2f} = {limit:.1f} and "
                f"<= {budget['max_share_of_powertools']:g} of powertools' ({share:.1f})",
                net["us"] <= min(limit, share),
                tuple(uses_store),
            )
        )
        rows.append(
            Row(
                "  (ref) memory store, its cost measured apart taken off (us)",
                apart[operation],
                _ratio(apart[operation], "us", "powertools"),
            )
        )
        rows.append(Row("  (ref) with the in-memory store: CPU (us)", gross, _ratio(gross, "us", "powertools")))
        rows.append(Row("  (ref) with the in-memory store: wall (us)", wall, _ratio(wall, "us", "powertools")))
    return rows


def _share(values: dict, ours: str, theirs: str) -> str:
    if values.get(theirs) is None or values[theirs] <= 0:
        return ""
    return f"{ours}/{theirs} {values[ours] / values[theirs]:.2f}"


def _ratio(values: dict, ours: str, theirs: str) -> str:
    if values.get(theirs) in (None, 0) or values.get(ours) is None:
        return ""
    return f"{ours}/{theirs} {values[ours] / values[theirs]:.2f}"


def _is_figure(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _format(value) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def _table(rows: list[Row]) -> str:
    header = ["figure", *COLUMNS, "ratio", "budget", "verdict"]
    lines = [header]
    for row in rows:
        verdict = "" if row.holds is None else ("holds" if row.holds else "MISSED")
        lines.append([row.figure, *(_format(row.values.get(c)) for c in COLUMNS), row.ratio, row.budget, verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = range(1, 1 + len(COLUMNS))
    out = []
    for n, line in enumerate(lines):
        cells = [cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(line)]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n" + "\n".join(out)


def _notes(results: dict) -> list[str]:
    notes = [""]
    notes.append(PEER_WORK)
    if "cold" in results:
        from benchmarks import lambda_env

        runs = len(results["cold"][VENV]["us"].runs)
        runs_after = len(results["cold"][AFTER_FLOOR]["us"].runs)
        notes.append(
            f"cold: {runs} runs of each target in each environment ({runs_after} after the botocore floor), all "
            "interleaved; overheads are medians of in-round differences. All with cached .pyc except us-built: "
            "the sam build artifact with only the bytecode it ships, as Lambda runs it."
        )
        for env_name, cold in results["cold"].items():
            parts = ", ".join(
                f"{name} {r.figure('import_ms'):.0f}+{r.figure('first_ms'):.0f}" for name, r in cold.items()
            )
            notes.append(f"cold, {env_name}: median import + first request (ms): {parts}.")
        notes.append(
            f"cold, {LAMBDA} environment (benchmarks/lambda-runtime.txt, lambda-peers.txt): "
            + ", ".join(lambda_env.installed())
            + "."
        )
    if "warm" in results:
        from benchmarks.warm import MEMORY

        warm, store_cost = results["warm"]
        batches = len(warm["us"].cpu_us["getUser", MEMORY])
        notes.append(
            f"warm: median of {batches} interleaved batches, process CPU time per request; every createUser with "
            "a new Idempotency-Key. 'store excluded': on EchoUserStore, which does no store work (the peers' "
            "Powertools records, below, taken off). The in-memory store's own cost, measured apart, for the "
            "reference row: createUser "
            f"(a view acting as the caller, the key looked up, the user created with it) "
            f"{store_cost['createUser']:.2f} us, getUser (the view, the user read) "
            f"{store_cost['getUser']:.2f} us, the peers' Powertools records (put, update) "
            f"{store_cost['records']:.2f} us; the floors answer getUser only, through a fake DynamoDB client "
            "(kept in their figure)."
        )
    if "package" in results:
        package = results["package"]
        largest = ", ".join(f"{name} {size / 1000:.1f}" for name, size in package.largest[:6])
        notes.append(
            f"package: {package.bytes} bytes in {package.files} files (zipped {package.zip_bytes}); "
            f"__pycache__: {package.pycache_bytes} bytes; by top-level entry (KB): {largest}."
        )
    if "local" in results:
        local = results["local"]
        parts = ", ".join(
            f"{name} {one.requests} ok/{one.errors} errors in {one.seconds:.1f} s" for name, one in local.items()
        )
        notes.append(f"local API: {parts}. scripts/serve ran with --no-throttle.")
    return notes


def _header(quick: bool) -> str:
    versions = []
    for name in PINNED:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (missing)")
    load = os.getloadavg()
    return (
        f"scripts/bench ({'quick' if quick else 'full'}): Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n"
        f"peers: {', '.join(versions)}"
    )


if __name__ == "__main__":
    sys.exit(main())
