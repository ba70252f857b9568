"""docs/local-api.md lists the example names `Prefer: example=NAME` can ask the
mock for: the table holds every named example openapi.yaml gives, each with its
status and the operations that document it."""

import re

from tools.spec import ROOT, openapi, operations, resolve

ROW = re.compile(r"^\| (`[^|]+`) \| (\d{3}) \| ([^|]+) \|$", re.MULTILINE)


def documented_in_the_page() -> dict[str, tuple[str, set[str]]]:
    page = (ROOT / "docs" / "local-api.md").read_text(encoding="utf-8")
    every = {operation["operationId"] for _, _, operation in operations(openapi())}
    table = {}
    for names, status, where in ROW.findall(page):
        operation_ids = every if where.strip() == "all" else {name.strip() for name in where.split(",")}
        for name in re.findall(r"`([^`]+)`", names):
            table[name] = (status, operation_ids)
    return table


def named_in_the_spec() -> dict[str, tuple[str, set[str]]]:
    spec = openapi()
    named = {}
    for _, _, operation in operations(spec):
        for status, response in resolve(operation["responses"], spec).items():
            for name in response.get("content", {}).get("application/json", {}).get("examples", {}):
                named.setdefault(name, (status, set()))[1].add(operation["operationId"])
    return named


def test_the_pages_table_of_example_names_is_the_specs():
    assert documented_in_the_page() == named_in_the_spec()
