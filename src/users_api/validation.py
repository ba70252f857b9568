"""Requests checked against openapi.yaml, through the validators generated from it."""

import re

from users_api.proxy import Request, bad_request
from users_api.spec_validators import OPERATIONS, JsonSchemaValueException, validate

INTEGER = re.compile(r"-?[0-9]{1,11}")


def validated_input(operation_id: str, request: Request) -> dict:
    """The operation's query, header and body input, checked and with defaults filled.

    Answers 400 naming the first field at fault (and 413/415 for bodies).
    """
    facts = OPERATIONS[operation_id]
    data = {}
    for location, params in facts["parameters"].items():
        data[f"{operation_id}:{location}"] = (
            _query(request, params) if location == "query" else _headers(request, params)
        )
    if facts["body"]:
        data[f"{operation_id}:body"] = request.json_body()
    try:
        validate(data)
    except JsonSchemaValueException as error:
        raise bad_request(*_field_and_problem(error)) from None
    return {key.partition(":")[2]: value for key, value in data.items()}


def _query(request: Request, params: dict[str, str]) -> dict:
    query = {}
    for name, json_type in params.items():
        values = request.query.get(name)
        if not values:
            continue
        if len(values) > 1:
            raise bad_request(name, "must be given once")
        value = values[0]
        # Query strings are text; the spec's integer parameters are numbers.
        if json_type == "integer" and INTEGER.fullmatch(value):
            value = int(value)
        query[name] = value
    return query


def _headers(request: Request, params: dict[str, str]) -> dict:
    values = {name: request.header(name) for name in params}
    return {name: value for name, value in values.items() if value is not None}


def _field_and_problem(error: JsonSchemaValueException) -> tuple[str, str]:
    # error.path is ["data", "<operationId>:<location>", field, ...].
    location = error.path[1].partition(":")[2]
    field = ".".join(str(part) for part in error.path[2:])
    if error.rule == "required":
        missing = [name for name in error.definition["required"] if name not in error.value]
        return _join(field, missing[0]), "is required"
    if error.rule == "additionalProperties":
        allowed = error.definition.get("properties", {})
        extra = sorted(name for name in error.value if name not in allowed)
        return _join(field, extra[0]), "is not allowed"
    if error.rule == "pattern" and "format" in error.definition:
        # The pattern narrows a format (no control characters in an email): name the format.
        return field, f"must be {error.definition['format']}"
    problem = error.message.removeprefix(error.name).strip()
    return field or location, problem


def _join(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name
