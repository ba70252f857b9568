"""The generated quick checks (spec_validators.ACCEPTS) say yes only where the validator that
names faults would find none and fill in nothing, and say yes to what that validator passes
as it is: a valid request skips nothing it should not, and does not fall through to the slow
validator for nothing (issue 20). For openapi.yaml as it is, and for a copy holding a user
property of every kind the generator takes (issue 26)."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.schema_values import per_schema, values, with_properties
from tools import codegen
from tools.codegen import SMALLEST_STORABLE
from tools.spec import openapi
from users_api import spec_validators


def generated(spec: dict) -> dict:
    """The validators module generated from `spec`, run: its names."""
    module: dict = {}
    exec(compile(codegen.render(spec), "spec_validators", "exec"), module)
    return module


SPECS = {
    "openapi.yaml": (openapi(), vars(spec_validators)),
    "every kind": (with_properties(openapi()), generated(with_properties(openapi()))),
}
SECTIONS = {name: codegen.request_contract(spec)[0]["properties"] for name, (spec, _) in SPECS.items()}
# Each section of openapi.yaml, and each the added properties changed.
CASES = [
    (spec_name, section)
    for spec_name, sections in SECTIONS.items()
    for section, schema in sections.items()
    if spec_name == "openapi.yaml" or schema != SECTIONS["openapi.yaml"][section]
]

# Values of every JSON type (no float that stands for an integer: the quick check leaves
# those to the validator, below), and short text of any kind.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda number: not number.is_integer()),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def kind_of(schema: dict) -> str:
    kind = schema["type"]
    return next(k for k in kind if k != "null") if isinstance(kind, list) else kind


@per_schema
def valid_values(schema: dict):
    """The schema's values, strings often stretched to their longest, so that a check of the
    length itself is tried at its edge."""
    drawn = values(schema)
    if kind_of(schema) != "string" or "enum" in schema:
        return drawn
    low, high = schema.get("minLength", 0), schema.get("maxLength", 300)
    stretched_to_the_limit = drawn.map(lambda value: value if value is None else stretched(value, high))
    return st.one_of(drawn, stretched_to_the_limit.filter(lambda value: value is None or low <= len(value) <= high))


def stretched(text: str, size: int) -> str:
    """`text` made `size` characters long by repeating its first one: still matching
    most patterns."""
    return text[:1] * (size - len(text)) + text


@per_schema
def edge_values(schema: dict):
    """Values just outside the schema, or of another type."""
    kind = kind_of(schema)
    if kind == "integer" or kind == "number":
        low, high = schema.get("minimum", -(2**31)), schema.get("maximum", 2**31)
        near = [st.integers(int(low) - 2, int(low) - 1), st.integers(int(high) + 1, int(high) + 2)]
        if kind == "number":
            near.append(st.sampled_from([SMALLEST_STORABLE / 10, -5e-324, low - 0.5, high + 0.5]))
        return st.one_of(*near, ANY_VALUE)
    if kind == "string":
        low, high = schema.get("minLength", 0), schema.get("maxLength", 300)
        return st.one_of(
            st.text(max_size=max(low - 1, 0)),
            st.text(min_size=high + 1, max_size=high + 2),
            valid_values(schema).map(lambda text: text + "\n" if text is not None else "\n"),
            valid_values(schema).map(lambda text: stretched(text or "x", high + 1)),
            st.text(max_size=8),
            ANY_VALUE,
        )
    if kind == "array":
        longest = schema.get("maxItems", 5)
        item = valid_values(schema["items"])
        return st.one_of(
            st.lists(item, min_size=longest + 1, max_size=longest + 2),
            st.lists(st.one_of(item, edge_values(schema["items"])), min_size=1, max_size=3),
            item.map(lambda value: [value, value]),
            ANY_VALUE,
        )
    if kind == "object":
        return st.one_of(section_values(schema), ANY_VALUE)
    return ANY_VALUE


@st.composite
def section_values(draw, schema: dict):
    """A valid value of the object, most often with one thing changed: a field made
    invalid, dropped, or added."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    value = {
        name: draw(valid_values(property_schema))
        for name, property_schema in properties.items()
        if name in required or draw(st.booleans())
    }
    change = draw(st.sampled_from(["none", "invalid", "drop", "add", "not an object"]))
    if change == "invalid" and properties:
        name = draw(st.sampled_from(sorted(properties)))
        value[name] = draw(edge_values(properties[name]))
    elif change == "drop" and value:
        del value[draw(st.sampled_from(sorted(value)))]
    elif change == "add":
        value[draw(st.sampled_from(["x", "Name", "id ", ""]))] = draw(ANY_VALUE)
    elif change == "not an object":
        return draw(ANY_VALUE)
    return value


def passes_unchanged(validate, error, section: str, value) -> bool:
    """What the quick check stands for: `validate` finds nothing at fault and fills in nothing."""
    kept = copy.deepcopy(value)
    try:
        validate({section: value})
    except error:
        return False
    return value == kept and type(value) is type(kept)


@pytest.mark.parametrize(("spec_name", "section"), CASES)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_the_quick_check_answers_as_the_validator(spec_name, section, data):
    module = SPECS[spec_name][1]
    value = data.draw(section_values(SECTIONS[spec_name][section]))
    validated = passes_unchanged(module["validate"], module["JsonSchemaValuesException"], section, copy.deepcopy(value))
    assert module["ACCEPTS"][section](copy.deepcopy(value)) == validated, value


@pytest.mark.parametrize(
    ("spec_name", "section", "value"),
    [
        ("openapi.yaml", "listUsers:query", {}),  # the default limit, filled in by the validator
        ("openapi.yaml", "listUsers:query", {"limit": 5.0}),  # an integer to the validator, not to the quick check
        ("openapi.yaml", "createUser:body", {"name": "Ada", "email": "ada@example.com", "extra": 1}),
        # The pattern's yes, the email format's no.
        ("openapi.yaml", "createUser:body", {"name": "Ada", "email": "ada..lovelace@example.com"}),
        ("openapi.yaml", "updateUser:body", {}),
        ("openapi.yaml", "getUser:query", {"id": True}),
        ("every kind", "updateUser:body", {"age": 5.0}),
        ("every kind", "updateUser:body", {"newsletter": 1}),
        ("every kind", "updateUser:body", {"score": 1e-200}),  # no DynamoDB number
        ("every kind", "updateUser:body", {"tags": ["a", "a"]}),
        ("every kind", "updateUser:body", {"address": {"postcode": "12345"}}),
        ("every kind", "updateUser:body", {"plan": "gold"}),
        ("every kind", "createUser:body", {"name": "Ada", "email": "ada@example.com", "newsletter": None}),
    ],
)
def test_what_it_leaves_to_the_validator(spec_name, section, value):
    assert not SPECS[spec_name][1]["ACCEPTS"][section](value)


@pytest.mark.parametrize(
    ("spec_name", "section", "value"),
    [
        ("every kind", "updateUser:body", {"phone": None}),  # nullable: null clears it
        ("every kind", "updateUser:body", {"score": 0}),
        ("every kind", "updateUser:body", {"score": -12.5, "tags": [], "address": {"city": "Paris"}}),
    ],
)
def test_what_it_passes_at_once(spec_name, section, value):
    assert SPECS[spec_name][1]["ACCEPTS"][section](value)


def test_each_section_has_a_quick_check():
    assert set(spec_validators.ACCEPTS) == set(SECTIONS["openapi.yaml"])


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"n": {"type": ["number", "string"]}}},
        {"type": "object", "properties": {"s": {"oneOf": [{"type": "string"}]}}},
        {"type": "object", "properties": {"s": {"type": "string", "contentEncoding": "base64"}}},
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "array"},
    ],
)
def test_a_keyword_without_a_quick_check_stops_the_generator(schema):
    with pytest.raises(codegen.SpecError, match="no quick check"):
        codegen.QuickChecks(set()).object_check("op:body", schema, "op:body")
