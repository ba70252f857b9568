"""Requests checked against openapi.yaml, through the validators generated from it."""

import re

from users_api.proxy import ApiError, Request
from users_api.spec_validators import MAX_ERRORS, OPERATIONS, PROBLEMS, JsonSchemaValuesException, validate

INTEGER = re.compile(r"-?[0-9]{1,11}")
# What the Error schema allows in a field's name: a property the client sent
# that it cannot hold is named as the body's fault instead.
SHOWABLE_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,256}")
UNSHOWABLE = "has a field name that is not allowed"


def validated_input(operation_id: str, request: Request) -> dict:
    """The operation's query, header and body input, checked and with defaults filled.

    Answers 400 naming every field at fault, each once (and 413/415 for bodies).
    """
    facts = OPERATIONS[operation_id]
    faults: dict[str, str] = {}
    data = {}
    for location, params in facts["parameters"].items():
        data[f"{operation_id}:{location}"] = (
            _query(request, params, faults) if location == "query" else _headers(request, params)
        )
    if facts["body"]:
        try:
            data[f"{operation_id}:body"] = request.json_body()
        except ApiError as error:
            if error.status != 400:
                raise
            faults.update(error.errors)
    try:
        validate(data)
    except JsonSchemaValuesException as invalid:
        for error in invalid.errors:
            for field, problem in _faults(error):
                faults.setdefault(field, problem)
    if faults:
        raise ApiError(400, "Invalid request", list(faults.items())[:MAX_ERRORS])
    return {key.partition(":")[2]: value for key, value in data.items()}


def _query(request: Request, params: dict[str, str], faults: dict[str, str]) -> dict:
    query = {}
    for name, json_type in params.items():
        values = request.query.get(name)
        if not values:
            continue
        if len(values) > 1:
            faults[name] = "must be given once"
            continue
        value = values[0]
        # Query strings are text; the spec's integer parameters are numbers.
        if json_type == "integer" and INTEGER.fullmatch(value):
            value = int(value)
        query[name] = value
    return query


def _headers(request: Request, params: dict[str, str]) -> dict:
    values = {name: request.header(name) for name in params}
    return {name: value for name, value in values.items() if value is not None}


def _faults(error) -> list[tuple[str, str]]:
    """(field, problem) for each field one validation error finds at fault."""
    # error.name is "data.<operationId>:<location>[.<field>]".
    place = error.name.removeprefix("data.")
    section, _, field = place.partition(".")
    problem = PROBLEMS[place][error.rule]
    if error.rule == "required":
        return [(name, problem) for name in error.definition["required"] if name not in error.value]
    if error.rule == "additionalProperties":
        allowed = error.definition.get("properties", {})
        extra = [name for name in error.value if name not in allowed]
        return [(name, problem) if SHOWABLE_NAME.fullmatch(name) else ("body", UNSHOWABLE) for name in extra]
    # A field's own fault, or the whole body's (not an object, no field to change).
    return [(field or section.partition(":")[2], problem)]
