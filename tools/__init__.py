"""Development tooling: the readers of openapi.yaml and template.yaml, the code generators,
the checks and the commands behind scripts/. Never deployed.

Tools may import the function (ARCHITECTURE.md), whose package lives in src/: put on the
path here, after whatever is there already, for the commands run as `python -m tools.X`
from the repository's root (scripts/load, its Locust processes, tools.ledger), where
nothing else puts it.
"""

import sys
from pathlib import Path

_SRC = str(Path(__file__).resolve().parent.parent / "src")
if _SRC not in sys.path:
    sys.path.append(_SRC)
