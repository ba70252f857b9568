"""scripts/contract [URL]: schemathesis against a running API, every check and phase.

With no URL it starts the local API (scripts/serve) on a free port and stops it
afterwards; with one, $USERS_API_KEY is the key sent for the write operations.
Exits non-zero on any failure; writes a JUnit report to reports/.
"""

import argparse
import os
import subprocess
import sys

from local_api.process import LocalApiProcess
from tools.spec import OPENAPI_PATH, ROOT

JUNIT_REPORT = ROOT / "reports" / "schemathesis-junit.xml"


def schemathesis_command(url: str, max_examples: int, api_key: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(OPENAPI_PATH),
        "--url",
        url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(max_examples),
        "--report",
        "junit",
        "--report-junit-path",
        str(JUNIT_REPORT),
        # The key for the write operations; the ignored_auth check also tries without it.
        "--header",
        f"x-api-key:{api_key}",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/contract", description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", help="base URL of the API (default: start the local API)")
    parser.add_argument(
        "--max-examples",
        type=int,
        default=int(os.environ.get("CONTRACT_MAX_EXAMPLES", "100")),
        help="test cases per operation and phase (default: $CONTRACT_MAX_EXAMPLES or %(default)s)",
    )
    args = parser.parse_args(argv)
    server = None
    url, api_key = args.url, os.environ.get("USERS_API_KEY", "")
    if url is None:
        server = LocalApiProcess().wait_ready()
        url, api_key = server.url, server.api_key
    try:
        # schemathesis reads schemathesis.toml from the working directory.
        return subprocess.call(schemathesis_command(url, args.max_examples, api_key), cwd=ROOT)  # noqa: S603
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
