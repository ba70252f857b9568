"""Requests checked against openapi.yaml, through the validators generated from it."""

import re
from functools import cache

from users_api.proxy import ApiError, Request
from users_api.spec_validators import (
    ACCEPTS,
    MAX_ERRORS,
    OPERATIONS,
    PROBLEMS,
    JsonSchemaValuesException,
    validate,
)

# Both compiled on first use, not at import (a cold start's first getUser needs neither).
_integer = cache(lambda: re.compile(r"-?[0-9]{1,11}"))
# What the Error schema allows in a field's name: a property the client sent
# that it cannot hold is named as the body's fault instead.
_showable_name = cache(lambda: re.compile(r"[^\x00-\x1f\x7f]{1,256}"))
_item_index = cache(lambda: re.compile(r"\[[0-9]+\]"))
UNSHOWABLE = "has a field name that is not allowed"


# Per operation, made once: each parameter location with its parameters, whether it
# takes a body, and the quick check (spec_validators.ACCEPTS) of each location's input.
PLANS = {
    operation_id: (
        tuple(facts["parameters"].items()),
        facts["body"],
        tuple(
            (location, ACCEPTS[f"{operation_id}:{location}"])
            for location in [*facts["parameters"], *(["body"] if facts["body"] else [])]
        ),
    )
    for operation_id, facts in OPERATIONS.items()
}


def validated_input(operation_id: str, request: Request) -> dict:
    """The operation's query, header and body input, checked and with defaults filled.

    Answers 400 naming every field at fault, each once (and 413/415 for bodies).
    """
    parameters, takes_body, checks = PLANS[operation_id]
    faults: dict[str, str] = {}
    inputs = {}
    for location, params in parameters:
        inputs[location] = _query(request, params, faults) if location == "query" else _headers(request, params)
    if takes_body:
        try:
            inputs["body"] = request.json_body()
        except ApiError as error:
            if error.status != 400:
                raise
            faults.update(error.errors)
    if not faults:
        for location, accepts in checks:
            if not accepts(inputs[location]):
                break
        else:  # valid at a glance: nothing to name, no default to fill
            return inputs
    # The validator that names every fault, on "<operationId>:<location>" keys. Defaults
    # are filled in place: `inputs` holds the same objects.
    try:
        validate({f"{operation_id}:{location}": value for location, value in inputs.items()})
    except JsonSchemaValuesException as invalid:
        for error in invalid.errors:
            for field, problem in _faults(error):
                faults.setdefault(field, problem)
    if faults:
        raise ApiError(400, "Invalid request", list(faults.items())[:MAX_ERRORS])
    return inputs


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
        if json_type == "integer" and _integer().fullmatch(value):
            value = int(value)
        query[name] = value
    return query


def _headers(request: Request, params: dict[str, str]) -> dict:
    found = {}
    for name in params:
        value = request.header(name)
        if value is not None:
            found[name] = value
    return found


def _faults(error) -> list[tuple[str, str]]:
    """(field, problem) for each field one validation error finds at fault."""
    # error.name is "data.<operationId>:<location>[.<field>...]", a list's item "...<field>[<i>]".
    place = error.name.removeprefix("data.")
    section, _, field = place.partition(".")
    if "[" in field:  # PROBLEMS names a list's items "<field>[]"; the client, "<field>.<i>"
        place = _item_index().sub("[]", place)
        field = _item_index().sub(lambda index: "." + index[0][1:-1], field)
    problem = PROBLEMS[place][error.rule]
    if error.rule in ("required", "additionalProperties"):
        prefix = f"{field}." if field else ""
        if error.rule == "required":
            return [(prefix + name, problem) for name in error.definition["required"] if name not in error.value]
        allowed = error.definition.get("properties", {})
        extra = [prefix + name for name in error.value if name not in allowed]
        return [(name, problem) if _showable_name().fullmatch(name) else ("body", UNSHOWABLE) for name in extra]
    # A field's own fault, or the whole body's (not an object, no field to change).
    return [(field or section.partition(":")[2], problem)]
