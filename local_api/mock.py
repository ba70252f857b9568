"""`scripts/serve --mock`: answers from the OpenAPI document alone, before any function exists.

The mock stands where the functions' runtime stands: SAM routes the request and
builds its proxy event, so the whole gateway layer (authorizer, API keys,
throttling, request validators, gateway responses) stays in front of it, and
the response checker behind. What it answers, as Prism's mock server does:
the documented success with the lowest status, or the one `Prefer: code=404`
asks for; its named example (`Prefer: example=NAME`), else its first, else one
made from its schema.

Written by hand: Prism is a Node server with no gateway in front, and
hypothesis-jsonschema (the schema-to-data library) does not run with the
hypothesis that schemathesis pins. Schemas here give examples for most values;
patterns without one are filled by hypothesis' own regex strategy.
"""

import json
from functools import cache

from hypothesis import find
from hypothesis import strategies as st

from tools.spec import HTTP_METHODS, resolve

# What a format's value looks like when its schema gives no example.
FORMAT_VALUES = {
    "date-time": "2026-01-01T00:00:00.000Z",
    "date": "2026-01-01",
    "email": "someone@example.com",
    "uri": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


class MockRuntime:
    """A runtime for SAM's LocalLambdaRunner that answers each event from the spec."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.paths = spec.get("paths", {})

    def invoke(self, function_config, event: str, tenant_id=None, *, stdout, stderr=None, **_container_options):
        stdout.write_str(json.dumps(self.answer(json.loads(event))))

    def answer(self, event: dict) -> dict:
        item = self.paths.get(event.get("resource"), {})
        method = event.get("httpMethod", "").lower()
        operation = item.get(method)
        if operation is None:
            # A path, or a method on it, the spec gives no operation (a catch-all integration).
            allowed = [m.upper() for m in HTTP_METHODS if m in item]
            if allowed:
                return _proxy(405, {"message": "Method not allowed"}, {"Allow": ", ".join(allowed)})
            return _proxy(404, {"message": "Not found"})
        prefer = _preferences(_header(event, "Prefer"))
        responses = resolve(operation.get("responses", {}), self.spec)
        status = prefer.get("code") or min((s for s in responses if s.startswith("2")), default=None)
        if status not in responses:
            problem = f"must name a status openapi.yaml documents for {operation.get('operationId', method)}"
            return _proxy(
                400, {"message": "Cannot mock this answer", "errors": [{"field": "Prefer", "problem": problem}]}
            )
        response = responses[status]
        headers = {
            name: str(_value(header.get("schema", {}), header.get("example")))
            for name, header in response.get("headers", {}).items()
        }
        content = response.get("content", {}).get("application/json")
        if content is None:
            return {"statusCode": int(status), "headers": headers, "body": ""}
        return _proxy(int(status), _body(content, prefer.get("example")), headers)


def _body(content: dict, wanted: str | None):
    examples = content.get("examples", {})
    if wanted in examples:
        return examples[wanted]["value"]
    if examples:
        return next(iter(examples.values()))["value"]
    if "example" in content:
        return content["example"]
    return _value(content.get("schema", {}))


def _value(schema: dict, example=None):
    """A value the schema accepts: its example, enum, default, else one made to fit it."""
    for given in (example, schema.get("example"), *schema.get("enum", [])[:1], schema.get("default")):
        if given is not None:
            return given
    kind = schema.get("type", "object" if "properties" in schema else "string")
    if kind == "object":
        return {name: _value(prop) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [_value(schema.get("items", {}))] * schema.get("minItems", 1)
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return True
    if "pattern" in schema:
        return _matching(schema["pattern"])
    if schema.get("format") in FORMAT_VALUES:
        return FORMAT_VALUES[schema["format"]]
    return "x" * max(1, schema.get("minLength", 1))


@cache
def _matching(pattern: str) -> str:
    """The simplest text the pattern matches (hypothesis shrinks to it, so it is the same every time)."""
    return find(st.from_regex(pattern, fullmatch=True), lambda _text: True)


def _preferences(prefer: str | None) -> dict:
    """Prism's preferences from a Prefer header: `code=404`, `example=NAME` (RFC 7240 syntax)."""
    found = {}
    for part in (prefer or "").replace(";", ",").split(","):
        name, _, value = part.strip().partition("=")
        if name in ("code", "example") and value:
            found[name] = value.strip('"')
    return found


def _header(event: dict, name: str) -> str | None:
    headers = event.get("headers") or {}
    return next((value for key, value in headers.items() if key.lower() == name.lower()), None)


def _proxy(status: int, payload, headers=None) -> dict:
    return {
        "statusCode": status,
        "headers": {**(headers or {}), "Content-Type": "application/json"},
        "body": json.dumps(payload),
    }
