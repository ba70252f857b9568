"""A request, as its proxy event carries it, checked against what the OpenAPI
document says of the operation's parameters and body: every field at fault,
each with a short plain-words problem, as Prism's mock server checks a request
before it mocks an answer.

Written by hand: openapi-core, the library that validates requests against a
document, pins openapi-schema-validator and openapi-spec-validator below the
versions this package needs; the schemas themselves are checked by
openapi-schema-validator (OpenAPI 3.0's dialect of JSON Schema).
"""

import json
from dataclasses import dataclass
from http.cookies import SimpleCookie

from openapi_schema_validator import OAS30Validator

from sam_local_api.openapi import resolve
from sam_local_api.problems import field_name, problem


@dataclass(frozen=True)
class Problem:
    field: str
    problem: str
    # "media type" when the body is not of a documented media type: answered 415 where documented.
    kind: str = "invalid"


def request_problems(spec: dict, path_item: dict, operation: dict, event: dict) -> list[Problem]:
    """Every parameter and body field of the event the document does not allow, in the
    order of the path, the query, the headers, the cookies and the body."""
    problems = []
    parameters = {(p["in"], p["name"]): p for p in resolve(path_item.get("parameters", []), spec)}
    parameters |= {(p["in"], p["name"]): p for p in resolve(operation.get("parameters", []), spec)}
    given = _given(event)
    for (location, name), parameter in sorted(parameters.items(), key=lambda item: LOCATIONS.index(item[0][0])):
        # A greedy path variable ({proxy+}) arrives as pathParameters.proxy.
        key = {"header": name.lower(), "path": name.removesuffix("+")}.get(location, name)
        values = given[location].get(key)
        if not values:
            if parameter.get("required"):
                problems.append(Problem(name, "is required"))
            continue
        schema = parameter.get("schema", {})
        value = values if schema.get("type") == "array" else values[0]
        problems += _schema_problems(name, schema, _typed(value, schema), spec, nest=False)
    body = resolve(operation.get("requestBody"), spec) if operation.get("requestBody") else None
    if body is not None:
        problems += _body_problems(body, event, spec)
    return problems


LOCATIONS = ("path", "query", "header", "cookie")


def _given(event: dict) -> dict[str, dict[str, list[str]]]:
    headers = {}
    for name, values in (event.get("multiValueHeaders") or {}).items():
        headers.setdefault(name.lower(), []).extend(values)
    for name, value in (event.get("headers") or {}).items():
        headers.setdefault(name.lower(), [value])
    cookies = SimpleCookie()
    for value in headers.get("cookie", []):
        cookies.load(value)
    query = dict(event.get("multiValueQueryStringParameters") or {})
    for name, value in (event.get("queryStringParameters") or {}).items():
        query.setdefault(name, [value])
    return {
        "path": {name: [value] for name, value in (event.get("pathParameters") or {}).items()},
        "query": query,
        "header": headers,
        "cookie": {name: [morsel.value] for name, morsel in cookies.items()},
    }


def _body_problems(body: dict, event: dict, spec: dict) -> list[Problem]:
    text = event.get("body")
    if text is None or text == "":
        return [Problem("body", "is required")] if body.get("required") else []
    content = body.get("content", {})
    media_type = (_header(event, "Content-Type") or "").split(";")[0].strip().lower()
    if content and media_type not in content and "*/*" not in content:
        return [Problem("Content-Type", f"must be {' or '.join(content)}", kind="media type")]
    schema = content.get(media_type, {}).get("schema")
    if schema is None or not media_type.endswith("json"):
        return []
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return [Problem("body", "must be valid JSON")]
    return _schema_problems("body", schema, document, spec, nest=True)


def _schema_problems(name: str, schema: dict, value, spec: dict, *, nest: bool) -> list[Problem]:
    """The first problem of each field at fault: a body's fields by their names
    (dotted for nested ones), a parameter by its own."""
    validator = OAS30Validator(resolve(schema, spec), format_checker=OAS30Validator.FORMAT_CHECKER)
    found: dict[str, str] = {}
    # By field, each field's in the schema's order; but a format's after the pattern that
    # says the same in the document's own words (x-problem), where there is one.
    ordered = sorted(
        validator.iter_errors(value),
        key=lambda e: ([str(p) for p in e.absolute_path], e.validator == "format" and "x-problem" in e.schema),
    )
    for error in ordered:
        if not nest:
            found.setdefault(name, _problem(error))
            continue
        for field in _fields(error) or [name]:
            found.setdefault(field, _problem(error))
    return [Problem(field, problem) for field, problem in found.items()]


def _fields(error) -> list[str]:
    """The body fields an error is about: the missing or unexpected ones, else where it failed."""
    where = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        return [field_name([*where, name]) for name in error.validator_value if name not in error.instance]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        return [field_name([*where, name]) for name in error.instance if name not in allowed]
    return [field_name(where)] if where else []


def _problem(error) -> str:
    return problem(error.validator, error.schema) or "is not allowed here"


def _typed(text, schema: dict):
    """A parameter's text as the type its schema wants (a value that is no such type stays text)."""
    if isinstance(text, list):
        items = schema.get("items", {})
        return [_typed(item, items) for item in text]
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def _header(event: dict, name: str) -> str | None:
    headers = event.get("headers") or {}
    return next((value for key, value in headers.items() if key.lower() == name.lower()), None)
