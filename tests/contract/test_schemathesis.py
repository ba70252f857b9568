"""The running local API against openapi.yaml: schemathesis, every check and phase."""

import subprocess
import sys

from tools.contract import EVERY_SCOPE, JUNIT_REPORT, schemathesis_command
from tools.spec import ROOT


def test_local_api_honours_the_spec(local_api):
    run = subprocess.run(
        schemathesis_command(local_api.url, 100, local_api.token(EVERY_SCOPE), local_api.api_key),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert "failure" not in summary and "error" not in summary, summary
    assert JUNIT_REPORT.exists()
