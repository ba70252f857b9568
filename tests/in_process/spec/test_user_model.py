"""What a user holds comes from openapi.yaml (issue 26): the generated user model
(src/users_api/user_model.py) is what scripts/generate makes of the spec, its fast paths write
what the JSON encoder writes for users and bodies drawn from the spec's schemas (for
openapi.yaml as it is, and for a copy holding a property of every kind), and the generator
refuses, naming the property, what the function could not keep."""

import copy
import json
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.schema_values import EVERY_KIND, values, with_properties
from tools import user_model as generator
from tools.spec import openapi, resolve
from users_api import user_model


def generated(spec: dict) -> tuple[SimpleNamespace, dict]:
    """The user model generated from `spec`, run, and the spec's schemas (resolved)."""
    module: dict = {}
    exec(compile(generator.render(spec), "user_model", "exec"), module)
    schemas = {name: resolve(spec["components"]["schemas"][name], spec) for name in ("User", "UserCreate")}
    return SimpleNamespace(**module), schemas


MODELS = {"openapi.yaml": (user_model, generated(openapi())[1]), "every kind": generated(with_properties(openapi()))}
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_committed_model_is_what_the_spec_makes():
    assert generator.TARGET.read_text() == generator.render(openapi()), "run: scripts/generate"


def test_the_model_follows_a_change_in_the_spec():
    facts = generator.model(with_properties(openapi()))
    assert set(EVERY_KIND) <= set(facts["PROPERTIES"]) - facts["REQUIRED"]
    assert set(EVERY_KIND) <= set(facts["CREATE"]) & set(facts["UPDATE"])
    assert facts["CLEARABLE"] == frozenset(name for name, schema in EVERY_KIND.items() if schema.get("nullable"))
    assert facts["SHAPES"]["tags"] == ("array", "string")
    assert facts["SHAPES"]["address"] == ("object", {"city": "string", "postcode": "string"})
    assert facts["SERVER_SET"] == user_model.SERVER_SET  # what the client writes is no server's business


@pytest.mark.parametrize("spec", MODELS)
@EXAMPLES
@given(data=st.data())
def test_user_json_writes_what_the_encoder_writes(spec, data):
    model, schemas = MODELS[spec]
    user = data.draw(values(schemas["User"], null=False))
    in_order = {name: user[name] for name in model.PROPERTIES if name in user}
    assert model.user_json(in_order) == model.encode(in_order)
    # Whatever order the store gave the properties in, the answer's is the spec's.
    shuffled = dict(reversed(in_order.items()))
    assert model.user_json(shuffled) == model.encode(in_order)


@pytest.mark.parametrize("spec", MODELS)
@pytest.mark.parametrize(
    "change",
    [
        lambda user: user.pop("name"),
        lambda user: user.update(version="1"),
        lambda user: user.update(version=True),
        lambda user: user.update(name=None),
        lambda user: user.update(extra="not a property"),
    ],
    ids=["a required property missing", "a string version", "a bool version", "a null name", "another property"],
)
def test_user_json_leaves_anything_else_to_the_encoder(spec, change):
    model, _ = MODELS[spec]
    user = {name: 1 if name == "version" else "x" for name in model.PROPERTIES if name in model.REQUIRED}
    change(user)
    assert model.user_json(user) == model.encode(user)


@pytest.mark.parametrize("spec", MODELS)
@EXAMPLES
@given(data=st.data())
def test_the_fingerprint_is_the_sorted_json_dump(spec, data):
    model, schemas = MODELS[spec]
    body = data.draw(values(schemas["UserCreate"]))
    assert model.fingerprint_json(body) == json.dumps(body, sort_keys=True)


@pytest.mark.parametrize("spec", MODELS)
@EXAMPLES
@given(data=st.data())
def test_a_user_comes_back_from_its_item(spec, data):
    """item() and user() are each other's inverse for every user the spec allows, numbers of
    either kind included (Decimal never: DynamoDB's numbers come back as the spec's types)."""
    model, schemas = MODELS[spec]
    user = data.draw(values(schemas["User"], null=False))
    item = model.item(user)
    # As DynamoDB gives an item back: its numbers as text, nothing else but what was written.
    assert json.loads(json.dumps(item)) == item
    back = model.user(item)
    assert back == {**{name: user[name] for name in model.PROPERTIES if name in user}}
    assert list(back) == [name for name in model.PROPERTIES if name in back]


def spec_with(change) -> dict:
    spec = copy.deepcopy(openapi())
    change(spec["components"]["schemas"])
    return spec


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda s: s["UserCreate"]["properties"].update(nickname={"type": "string"}),
            "UserCreate.nickname is not in User",
        ),
        (
            lambda s: [s[n]["properties"].update(age={"type": "integer"}) for n in ("User", "UserCreate")],
            "needs a minimum and a maximum",
        ),
        (
            lambda s: [
                s[n]["properties"].update(big={"type": "number", "minimum": 0, "maximum": 1e40})
                for n in ("User", "UserCreate")
            ],
            "within ±(10^38 - 1)",
        ),
        (
            lambda s: [s[n]["properties"].update(meta={"type": "object"}) for n in ("User", "UserCreate")],
            "additionalProperties: false",
        ),
        (
            lambda s: [s[n]["properties"].update(x={"oneOf": [{"type": "string"}]}) for n in ("User", "UserCreate")],
            "must be a string, integer, number, boolean",
        ),
        (
            lambda s: s["UserCreate"]["properties"].update(version={"type": "string"}),
            "UserCreate.version has another type than User.version",
        ),
        (lambda s: s["UserCreate"].update(required=["name"]), "User.email is required, but a create may leave it out"),
        (
            lambda s: s["UserUpdate"]["properties"].update(name={"type": "string", "nullable": True}),
            "UserUpdate.name is nullable, but User.name is required",
        ),
        (
            lambda s: [s[n]["properties"].update(idempotencyKey={"type": "string"}) for n in ("User", "UserCreate")],
            "the store keeps an attribute of that name",
        ),
        (
            lambda s: [s[n]["properties"].update({"home-page": {"type": "string"}}) for n in ("User", "UserCreate")],
            "letters, digits and _",
        ),
    ],
    ids=[
        "written, never answered",
        "an unbounded integer",
        "a number DynamoDB cannot hold",
        "an open object",
        "no type",
        "another type on create",
        "a required property a create may leave out",
        "a required property cleared",
        "the store's own attribute",
        "a name that is no identifier",
    ],
)
def test_what_the_function_could_not_keep_stops_the_generator(change, words):
    with pytest.raises(generator.ModelError, match=words.replace("(", r"\(").replace(")", r"\)").replace("^", r"\^")):
        generator.render(spec_with(change))
