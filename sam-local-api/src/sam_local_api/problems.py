"""The plain words an error gives for each JSON Schema keyword a value can fail.

One table, for the local API's request checks (spec_requests.py) and for any tool that
generates validators and wants to answer in the same words. Written by hand: the
validators' own messages quote the value (which may be long or hostile) and the
schema (a regular expression is no answer a client can act on).

A pattern, a format or an enum says nothing a client can read, so the schema carrying
one may give its words in `x-problem`; this table gives a default.
"""

from collections.abc import Callable

# The keywords whose words a schema's own `x-problem` replaces.
OVERRIDDEN_BY_X_PROBLEM = frozenset({"pattern", "format", "enum"})

# Keywords that describe or hold other schemas, and so fail no value themselves.
NEVER_FAIL = frozenset(
    {
        "default",
        "description",
        "example",
        "examples",
        "title",
        "readOnly",
        "writeOnly",
        "deprecated",
        "properties",
        "items",
        "x-problem",
        "$schema",
        "$id",
    }
)

_TYPE_NAMES = {
    "object": "a JSON object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _plural(count, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _types(kind) -> str:
    kinds = kind if isinstance(kind, list) else [kind]
    return "must be " + " or ".join(_TYPE_NAMES.get(k, f"a {k}") for k in kinds)


def _minimum(value, schema: dict) -> str:
    # Draft 4 and OpenAPI 3.0: a true exclusiveMinimum makes `minimum` exclusive.
    return f"must be greater than {value}" if schema.get("exclusiveMinimum") is True else f"must be at least {value}"


def _maximum(value, schema: dict) -> str:
    return f"must be less than {value}" if schema.get("exclusiveMaximum") is True else f"must be at most {value}"


def _exclusive(word: str, value, schema: dict) -> str:
    # Draft 6 on: the bound itself; draft 4: a flag on minimum or maximum.
    bound = schema.get("minimum" if word == "greater" else "maximum") if value is True else value
    return f"must be {word} than {bound}"


WORDS: dict[str, Callable[[object, dict], str]] = {
    "type": lambda v, s: _types(v),
    "nullable": lambda v, s: "must not be null",
    "required": lambda v, s: "is required",
    "additionalProperties": lambda v, s: "is not allowed",
    "minLength": lambda v, s: "must not be empty" if v == 1 else f"must be at least {_plural(v, 'character')}",
    "maxLength": lambda v, s: f"must be at most {_plural(v, 'character')}",
    "minimum": _minimum,
    "maximum": _maximum,
    "exclusiveMinimum": lambda v, s: _exclusive("greater", v, s),
    "exclusiveMaximum": lambda v, s: _exclusive("less", v, s),
    "multipleOf": lambda v, s: f"must be a multiple of {v}",
    "minItems": lambda v, s: f"must have at least {_plural(v, 'item')}",
    "maxItems": lambda v, s: f"must have at most {_plural(v, 'item')}",
    "uniqueItems": lambda v, s: "must not repeat an item",
    "minProperties": lambda v, s: f"must name at least {_plural(v, 'field')}",
    "maxProperties": lambda v, s: f"must name at most {_plural(v, 'field')}",
    "enum": lambda v, s: "must be one of the allowed values",
    "const": lambda v, s: "must be the allowed value",
    "pattern": lambda v, s: "does not have the expected form",
    "format": lambda v, s: f"must be a valid {v}",
}


def problem(keyword: str, schema: dict) -> str | None:
    """The words for a value failing `schema`'s `keyword`; None for a keyword this table does not know."""
    if keyword in OVERRIDDEN_BY_X_PROBLEM and "x-problem" in schema:
        return schema["x-problem"]
    say = WORDS.get(keyword)
    return say(schema.get(keyword), schema) if say else None


def field_name(path) -> str:
    """A body field's name as an error gives it: the names and list positions on its way, dotted
    (`address.city`, `tags.0`)."""
    return ".".join(str(part) for part in path)
