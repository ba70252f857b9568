"""A function's answer, checked against the response the API's OpenAPI document
gives its operation and status: the status itself, the media type, the body's
schema and the documented headers (steps/check_response.py does it for every
answer; a program's tests can do it for theirs).

The schemas are checked by openapi-schema-validator (OpenAPI 3.0's dialect of
JSON Schema: nullable, formats); finding the documented response and reading a
Lambda proxy answer is what is written here. On every answer, a validator that
fastjsonschema compiles from the same schema says first whether there is
anything to report (a few microseconds, where openapi-schema-validator takes a
hundred or more); it is at least as strict, so openapi-schema-validator has the
last word on what it finds.
"""

import json

import fastjsonschema
from openapi_schema_validator import OAS30Validator

from sam_local_api.openapi import operations, resolve


class ResponseChecker:
    """The document's responses, by (path as the document writes it, METHOD)."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.operations = {(path, method): operation for path, method, operation in operations(spec)}
        self._validators: dict[int, tuple] = {}
        self._fast: dict[int, tuple] = {}
        self._documented: dict[tuple, dict | None] = {}
        self._headers: dict[tuple, dict] = {}

    def documents(self, path: str, method: str) -> bool:
        return (path, method) in self.operations

    def violations(
        self, path: str, method: str, status: int, headers, body: str, *, every_header: bool = False
    ) -> list[dict]:
        """Each way the answer breaks the spec, as {"field", "problem"}: a JSON pointer into
        the body, a header's name, or "status"; none when it keeps to the spec.
        `every_header` asks for every documented header, not only the required ones."""
        operation = self.operations[(path, method)]
        key = (path, method, status)
        if key not in self._documented:
            self._documented[key] = self.documented(operation, status)
        response = self._documented[key]
        if response is None:
            return [{"field": "status", "problem": f"{status} is not documented for {operation['operationId']}"}]
        problems = []
        present = {name.lower(): value for name, value in headers.items()}
        if key not in self._headers:
            self._headers[key] = resolve(response.get("headers", {}), self.spec)
        for name, header in self._headers[key].items():
            value = present.get(name.lower())
            if value is None:
                if header.get("required") or every_header:
                    problems.append({"field": name, "problem": "the documented header is missing"})
            elif "schema" in header:
                typed = _header_value(value, header["schema"])
                if not self._passes(header["schema"], typed):
                    problems += [
                        {"field": name, "problem": error.message}
                        for error in self._validator(header["schema"]).iter_errors(typed)
                    ]
        content = response.get("content")
        if not content:
            return problems
        media_type = (present.get("content-type") or "").split(";")[0].strip().lower()
        if media_type not in content:
            documented = ", ".join(content)
            return [*problems, {"field": "Content-Type", "problem": f"{media_type or 'none'}, not {documented}"}]
        schema = content[media_type].get("schema")
        if schema is None or not media_type.endswith("json"):
            return problems
        try:
            document = json.loads(body)
        except ValueError:
            return [*problems, {"field": "", "problem": "the body is not JSON"}]
        return problems + self.schema_violations(schema, document)

    def schema_violations(self, schema: dict, document) -> list[dict]:
        """Where the document breaks the schema: a JSON pointer and the problem for each."""
        if self._passes(schema, document):
            return []
        errors = sorted(self._validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        return [{"field": _pointer(e.absolute_path), "problem": e.message} for e in errors]

    def documented(self, operation: dict, status: int) -> dict | None:
        """The response the spec documents for this status: exact, else its range (4XX), else default."""
        responses = operation.get("responses", {})
        found = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
        return resolve(found, self.spec) if found is not None else None

    def _validator(self, schema: dict) -> OAS30Validator:
        return _compiled(
            self._validators,
            schema,
            lambda: OAS30Validator(resolve(schema, self.spec), format_checker=OAS30Validator.FORMAT_CHECKER),
        )

    def _passes(self, schema: dict, document) -> bool:
        """fastjsonschema's quick yes; no means ask openapi-schema-validator."""

        def compile_fast():
            try:
                return fastjsonschema.compile(resolve(schema, self.spec, strip_docs=True))
            except fastjsonschema.JsonSchemaDefinitionException:
                return None

        check = _compiled(self._fast, schema, compile_fast)
        if check is None:
            return False
        try:
            check(document)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


def _compiled(cache: dict, schema: dict, compile_it):
    """What `compile_it` makes of `schema`, made once for each schema object.

    Keyed by the object (the spec's own dicts, which live as long as the
    checker), and kept with it, so a reused id can never find another's."""
    kept = cache.get(id(schema))
    if kept is None or kept[0] is not schema:
        kept = cache[id(schema)] = (schema, compile_it())
    return kept[1]


def _pointer(path) -> str:
    """RFC 6901: each part escaped, ~ as ~0 and / as ~1."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _header_value(value: str, schema: dict):
    """A header's text as the type its schema expects."""
    if schema.get("type") in ("integer", "number"):
        try:
            return int(value) if schema["type"] == "integer" else float(value)
        except ValueError:
            return value
    return value
