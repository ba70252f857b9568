"""The generated quick checks (spec_validators.ACCEPTS) say yes only where the validator that
names faults would find none and fill in nothing, and say yes to what that validator passes
as it is: a valid request skips nothing it should not, and does not fall through to the slow
validator for nothing (issue 20)."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools import codegen
from tools.spec import openapi
from users_api.spec_validators import ACCEPTS, JsonSchemaValuesException, validate

SECTIONS = codegen.request_contract(openapi())[0]["properties"]

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


def valid_values(schema: dict):
    if schema["type"] == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31))
    low, high = schema.get("minLength", 0), schema.get("maxLength", 300)
    text = st.from_regex(schema["pattern"], fullmatch=True) if "pattern" in schema else st.text(max_size=high)
    stretched_to_the_limit = text.map(lambda value: stretched(value, high))
    return st.one_of(text, stretched_to_the_limit).filter(lambda value: low <= len(value) <= high)


def stretched(text: str, size: int) -> str:
    """`text` made `size` characters long by repeating its first one: still matching
    most patterns, so that a check of the length itself is tried at its edge."""
    return text[:1] * (size - len(text)) + text


def edge_values(schema: dict):
    """Values just outside the schema, or of another type."""
    if schema["type"] == "integer":
        low, high = schema.get("minimum", -(2**31)), schema.get("maximum", 2**31)
        return st.one_of(st.integers(low - 2, low - 1), st.integers(high + 1, high + 2), ANY_VALUE)
    low, high = schema.get("minLength", 0), schema.get("maxLength", 300)
    return st.one_of(
        st.text(max_size=max(low - 1, 0)),
        st.text(min_size=high + 1, max_size=high + 2),
        valid_values(schema).map(lambda text: text + "\n"),
        valid_values(schema).map(lambda text: stretched(text, high + 1)),
        st.text(max_size=8),
        ANY_VALUE,
    )


@st.composite
def section_values(draw, schema: dict):
    """A valid value of the section, most often with one thing changed: a field made
    invalid, dropped, or added."""
    properties = schema["properties"]
    required = set(schema.get("required", []))
    value = {
        name: draw(valid_values(property_schema))
        for name, property_schema in properties.items()
        if name in required or draw(st.booleans())
    }
    change = draw(st.sampled_from(["none", "invalid", "drop", "add", "not an object"]))
    if change == "invalid":
        name = draw(st.sampled_from(sorted(properties)))
        value[name] = draw(edge_values(properties[name]))
    elif change == "drop" and value:
        del value[draw(st.sampled_from(sorted(value)))]
    elif change == "add":
        value[draw(st.sampled_from(["x", "Name", "id ", ""]))] = draw(ANY_VALUE)
    elif change == "not an object":
        return draw(ANY_VALUE)
    return value


def passes_unchanged(section: str, value) -> bool:
    """What the quick check stands for: `validate` finds nothing at fault and fills in nothing."""
    kept = copy.deepcopy(value)
    try:
        validate({section: value})
    except JsonSchemaValuesException:
        return False
    return value == kept and type(value) is type(kept)


@pytest.mark.parametrize("section", SECTIONS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_the_quick_check_answers_as_the_validator(section, data):
    value = data.draw(section_values(SECTIONS[section]))
    assert ACCEPTS[section](copy.deepcopy(value)) == passes_unchanged(section, value), value


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("listUsers:query", {}),  # the default limit, filled in by the validator
        ("listUsers:query", {"limit": 5.0}),  # an integer to the validator, not to the quick check
        ("createUser:body", {"name": "Ada", "email": "ada@example.com", "extra": 1}),
        # The pattern's yes, the email format's no.
        ("createUser:body", {"name": "Ada", "email": "ada..lovelace@example.com"}),
        ("updateUser:body", {}),
        ("getUser:query", {"id": True}),
    ],
)
def test_what_it_leaves_to_the_validator(section, value):
    assert not ACCEPTS[section](value)


def test_each_section_has_a_quick_check():
    assert set(ACCEPTS) == set(SECTIONS)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"n": {"type": "number"}}},
        {"type": "object", "properties": {"s": {"type": "string", "enum": ["a"]}}},
        {"type": "object", "properties": {"s": {"type": "string", "format": "uri"}}},
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "array"},
    ],
)
def test_a_keyword_without_a_quick_check_stops_the_generator(schema):
    with pytest.raises(RuntimeError, match="no quick check"):
        codegen.accepts_function("op:body", schema)
