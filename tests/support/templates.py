"""SAM templates other than this API's, for the local API's tests (tests/local_api/fixtures)."""

from tools.spec import ROOT

FIXTURES = ROOT / "tests" / "local_api" / "fixtures"
# Two functions, a path parameter, a greedy path, a table, no API key.
PETS = FIXTURES / "pets" / "template.yaml"
# A function that breaks its spec on purpose.
BROKEN = FIXTURES / "broken" / "template.yaml"
# What the local API does not emulate.
UNEMULATED = FIXTURES / "unemulated" / "template.yaml"
