"""--mock: answers from the API's OpenAPI document alone, before any function exists.

The mock stands where the functions' runtime stands: the request is routed and
becomes its proxy event, so the whole gateway chain (authorizer, API keys,
throttling, request validators, gateway responses) stays in front of it, and
the response check behind. What it answers, as Prism's mock server does:

- a request the document does not allow (a parameter or a body field at fault)
  gets the documented 400 (else 422, else the 4XX range or default), its body
  the documented one naming every field at fault, with its problem, where the
  error schema has a list of field and problem (a body of another media type
  gets the documented 415 first);
- otherwise the documented success with the lowest status, or the one
  `Prefer: code=404` asks for, or the one holding the named example
  `Prefer: example=NAME` asks for; that example, else its first, else one made
  from its schema. A status or an example name the document does not give for
  the operation is a 400 naming `Prefer` (an example name, with those it gives).

Written by hand: Prism is a Node server with no gateway in front, and
hypothesis-jsonschema (the schema-to-data library) does not run with the
hypothesis that schemathesis pins. Schemas here give examples for most values;
patterns without one are filled by hypothesis' own regex strategy.
"""

import copy
import json
from functools import cache

from hypothesis import find
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator

from sam_local_api.openapi import HTTP_METHODS, resolve
from sam_local_api.spec_requests import Problem, request_problems

# What a format's value looks like when its schema gives no example.
FORMAT_VALUES = {
    "date-time": "2026-01-01T00:00:00.000Z",
    "date": "2026-01-01",
    "email": "someone@example.com",
    "uri": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
}
# The statuses that can refuse a bad request, in the order the mock looks for them.
REFUSALS = ("400", "422", "4XX", "default")
# Property names an error schema uses for the field at fault, and for what is wrong with it.
FIELD_KEYS = ("field", "name", "parameter", "param", "path", "pointer", "location", "loc")
PROBLEM_KEYS = ("problem", "message", "detail", "reason", "msg", "description", "error")


class MockRuntime:
    """A runtime for the integration step that answers each event from its API's OpenAPI 3 document."""

    def __init__(self, apis: list):
        self.documents = [api.body for api in apis if str(api.body.get("openapi", "")).startswith("3.")]

    def invoke(self, function_config, event: dict, integration_timeout: float | None = None, tenant_id=None) -> str:
        return json.dumps(self.answer(event))

    def answer(self, event: dict) -> dict:
        resource = event.get("resource") or str(event.get("routeKey", "")).partition(" ")[2]
        self.spec = next((doc for doc in self.documents if resource in doc.get("paths", {})), {"paths": {}})
        item = self.spec["paths"].get(resource, {})
        method = (event.get("httpMethod") or event.get("requestContext", {}).get("http", {}).get("method", "")).lower()
        operation = item.get(method)
        if operation is None:
            # A path, or a method on it, the document gives no operation (a catch-all integration).
            allowed = [m.upper() for m in HTTP_METHODS if m in item]
            if allowed:
                return _proxy(405, {"message": "Method not allowed"}, {"Allow": ", ".join(allowed)})
            return _proxy(404, {"message": "Not found"})
        responses = resolve(operation.get("responses", {}), self.spec)
        problems = request_problems(self.spec, item, operation, event)
        if problems:
            return self._refusal(responses, problems)
        prefer = _preferences(_header(event, "Prefer"))
        name = operation.get("operationId", method)
        wanted = prefer.get("example")
        # An example named alone chooses the answer that holds it, as a status named alone does.
        status = (
            prefer.get("code")
            or _holding(responses, wanted)
            or min((s for s in responses if s.startswith("2")), default=None)
        )
        if status not in responses:
            return _unmockable(f"must name a status the document gives {name}")
        response = responses[status]
        content = response.get("content", {}).get("application/json")
        if wanted is not None and wanted not in _named(response):
            # Refused as an unknown status is, never answered with another example in silence.
            if "code" in prefer:
                where, known = f"{name}'s {status} answer", sorted(_named(response))
            else:
                where, known = name, sorted({example for answer in responses.values() for example in _named(answer)})
            return _unmockable(f"must name an example the document gives {where} ({', '.join(known) or 'none'})")
        if content is None:
            return {"statusCode": int(status), "headers": _headers(response), "body": ""}
        return _proxy(int(status), _body(content, wanted), _headers(response))

    def _refusal(self, responses: dict, problems: list[Problem]) -> dict:
        media_type = any(p.kind == "media type" for p in problems)
        wanted = ("415", *REFUSALS) if media_type else REFUSALS
        status = next((s for s in wanted if s in responses), None)
        if status is None:
            # Nothing documented: Prism's own answer, 422 with the problems.
            errors = [{"field": p.field, "problem": p.problem} for p in problems]
            return _proxy(422, {"message": "Invalid request", "errors": errors})
        code = int(status) if status.isdigit() else 400
        response = responses[status]
        content = response.get("content", {}).get("application/json")
        if content is None:
            return {"statusCode": code, "headers": _headers(response), "body": ""}
        return _proxy(code, _naming(content, problems), _headers(response))


def _holding(responses: dict, example: str | None) -> str | None:
    """The lowest status whose answer has the named example."""
    return next((status for status in sorted(responses) if example in _named(responses[status])), None)


def _named(response: dict) -> dict:
    return (response.get("content", {}).get("application/json") or {}).get("examples", {})


def _unmockable(problem: str) -> dict:
    return _proxy(400, {"message": "Cannot mock this answer", "errors": [{"field": "Prefer", "problem": problem}]})


def _headers(response: dict) -> dict[str, str]:
    return {
        name: str(_value(header.get("schema", {}), header.get("example")))
        for name, header in response.get("headers", {}).items()
    }


def _naming(content: dict, problems: list[Problem]):
    """The documented error body, naming each field at fault where its schema has room for them."""
    schema = content.get("schema", {})
    documented = _body(content, None)
    if not isinstance(documented, dict):
        return documented
    named = copy.deepcopy(documented)
    for name, prop in schema.get("properties", {}).items():
        items = prop.get("items", {}) if prop.get("type") == "array" else {}
        keys = {key for key, value in items.get("properties", {}).items() if value.get("type") == "string"}
        field_key = next((key for key in FIELD_KEYS if key in keys), None)
        problem_key = next((key for key in PROBLEM_KEYS if key in keys and key != field_key), None)
        if field_key and problem_key:
            limit = prop.get("maxItems", len(problems))
            named[name] = [{field_key: p.field, problem_key: p.problem} for p in problems[:limit]]
            break
    if "message" in schema.get("properties", {}) and "message" not in documented:
        named["message"] = "Invalid request"
    return named if not list(OAS30Validator(schema).iter_errors(named)) else documented


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
