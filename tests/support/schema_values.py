"""Values drawn from openapi.yaml's schemas, for the tests that hold the function to the spec
whatever properties it gains: Hypothesis strategies for an OpenAPI 3.0 schema ($refs resolved)
of every kind the generators take (tools/codegen.py, tools/user_model.py).

Written by hand: hypothesis-jsonschema does not run with the Hypothesis that schemathesis
pins (sam_local_api/mock.py says the same), and schemathesis' own generator is internal to it.
"""

import copy
import json
import math
from functools import cache

from hypothesis import strategies as st

from tools.codegen import SMALLEST_STORABLE

# Text as a JSON body carries it: no lone surrogate, which no UTF-8 body can hold.
TEXT = st.characters(exclude_categories=("Cs",))

# A property of every kind a user may hold, as a developer adds one to openapi.yaml
# (docs/changing-the-api.md): each optional, `phone` clearable with null.
EVERY_KIND = {
    "phone": {
        "type": "string",
        "nullable": True,
        "minLength": 8,
        "maxLength": 16,
        "pattern": r"^\+[1-9][0-9]{6,14}$",
        "x-problem": "must be a phone number in E.164 form, such as +14155550123",
    },
    "newsletter": {"type": "boolean"},
    "plan": {"type": "string", "enum": ["free", "team", "enterprise"], "x-problem": "must be free, team or enterprise"},
    "age": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 150},
    "score": {"type": "number", "minimum": -1000, "maximum": 1000},
    "tags": {
        "type": "array",
        "maxItems": 5,
        "uniqueItems": True,
        "items": {
            "type": "string",
            "minLength": 1,
            "maxLength": 20,
            "pattern": "^[a-z0-9-]+$",
            "x-problem": "must be lowercase letters, digits or -",
        },
    },
    "address": {
        "type": "object",
        "additionalProperties": False,
        "required": ["city"],
        "properties": {
            "city": {"type": "string", "minLength": 1, "maxLength": 50},
            "postcode": {"type": "string", "pattern": "^[0-9]{5}$", "x-problem": "must be five digits"},
        },
    },
}


def with_properties(spec: dict, properties: dict = EVERY_KIND) -> dict:
    """A copy of `spec` whose User, UserCreate and UserUpdate also hold `properties` (optional)."""
    spec = copy.deepcopy(spec)
    for name in ("User", "UserCreate", "UserUpdate"):
        spec["components"]["schemas"][name]["properties"].update(copy.deepcopy(properties))
    return spec


def per_schema(strategy_of):
    """`strategy_of(schema, **options)` made once per schema and options: Hypothesis checks
    each new strategy, which costs more than drawing from it."""
    made = cache(lambda schema_json, *options: strategy_of(json.loads(schema_json), **dict(options)))
    return lambda schema, **options: made(json.dumps(schema, sort_keys=True), *sorted(options.items()))


@per_schema
def values(schema: dict, *, null: bool = True) -> st.SearchStrategy:
    """Values the schema allows (null where it is nullable, unless `null` is False: what an
    answer holds, where a null written was a property removed). Takes
    JSON Schema's spelling of a nullable type too (["string", "null"], as tools/codegen.py
    writes it for the validators)."""
    kind = schema.get("type")
    if isinstance(kind, list):
        nullable = "null" in kind
        (kind,) = [k for k in kind if k != "null"]
        schema = {**schema, "type": kind, "nullable": nullable}
    if "enum" in schema:
        base = st.sampled_from(schema["enum"])
    elif kind == "string":
        base = strings(schema)
    elif kind == "integer":
        base = st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31 - 1))
    elif kind == "number":
        low, high = schema.get("minimum", -1e9), schema.get("maximum", 1e9)
        floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
        base = st.one_of(st.integers(math.ceil(low), math.floor(high)), floats).filter(
            lambda number: number == 0 or abs(number) >= SMALLEST_STORABLE
        )
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "array":
        base = st.lists(
            values(schema["items"]),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems", 5),
            unique=schema.get("uniqueItems", False),
        )
    elif kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        base = st.fixed_dictionaries(
            {name: values(child, null=null) for name, child in properties.items() if name in required},
            optional={name: values(child, null=null) for name, child in properties.items() if name not in required},
        )
    else:
        raise ValueError(f"no values for {schema!r}")
    return st.one_of(st.none(), base) if null and schema.get("nullable") else base


def strings(schema: dict) -> st.SearchStrategy:
    low, high = schema.get("minLength", 0), schema.get("maxLength", 300)
    if "pattern" in schema:
        text = st.from_regex(schema["pattern"], fullmatch=True, alphabet=TEXT)
    elif schema.get("format") in (None, "int32", "int64"):
        text = st.text(TEXT, min_size=low, max_size=high)
    elif schema["format"] == "date-time":  # as the function writes its timestamps
        text = st.datetimes().map(lambda moment: moment.isoformat(timespec="milliseconds") + "Z")
    else:
        raise ValueError(f"no values for the format of {schema!r}: give it a pattern")
    return text.filter(lambda value: low <= len(value) <= high)
