"""src/users_api/user_model.py, generated from openapi.yaml (scripts/generate runs it).

What a user holds is openapi.yaml's to say: User lists its properties (their types, which
are required, the order of an answer's keys), UserCreate and UserUpdate those a client
writes, and the rest of User's are the server's. This writes that down for the function,
with the code that reads and writes a user: its DynamoDB item, through small functions
that walk each property's shape, and its JSON, generated as straight-line code, property
by property, because it runs on every answer with a user.

The generator refuses, with a sentence naming the property, what the function could not
keep: a written property that User does not answer, a required one a create may leave out,
a type DynamoDB or this code cannot hold.
"""

import json
import pprint
import re
import textwrap

from tools.spec import ROOT, resolve

TARGET = ROOT / "src" / "users_api" / "user_model.py"
USER, CREATE, UPDATE = "User", "UserCreate", "UserUpdate"
# Attributes the store keeps in a user's item for itself (store.py): no property may take their names.
STORE_ATTRIBUTES = ("idempotencyKey",)
STORE_ATTRIBUTE_PREFIX = "write:"
SCALARS = ("string", "integer", "number", "boolean")
# DynamoDB holds numbers of up to 38 significant digits, at most 9.9999999999999999999999999999999999999E+125
# in size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
# Bounded by 10^38, every integer fits, and every float (17 digits at most); the smallest sizes
# are refused by the validators (tools/codegen.py, storable_numbers).
LARGEST_BOUND = 10**38 - 1
# A property's name, written into the generated code as it is.
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


class ModelError(RuntimeError):
    """openapi.yaml describes a user the function cannot keep."""


def user_schemas(spec: dict) -> tuple[dict, dict, dict]:
    schemas = spec["components"]["schemas"]
    return tuple(resolve(schemas[name], spec, strip_docs=True) for name in (USER, CREATE, UPDATE))


def shape(schema: dict, place: str):
    """What the code needs of a value's schema: its JSON type, or ("array", item shape) or
    ("object", {property: shape})."""
    kind = schema.get("type")
    if kind in SCALARS:
        if kind in ("integer", "number"):
            bounds = [schema.get(bound) for bound in ("minimum", "maximum")]
            if any(bound is None or abs(bound) > LARGEST_BOUND for bound in bounds):
                raise ModelError(
                    f"{place}: a {kind} property needs a minimum and a maximum within ±(10^38 - 1), "
                    "so that DynamoDB can store every value the schema allows"
                )
        return kind
    if kind == "array" and isinstance(schema.get("items"), dict):
        return ("array", shape(schema["items"], f"{place}[]"))
    if kind == "object" and schema.get("additionalProperties") is False:
        properties = schema.get("properties", {})
        return ("object", {name: shape(child, f"{place}.{name}") for name, child in properties.items()})
    raise ModelError(
        f"{place}: a user property must be a string, integer, number, boolean, an array of one "
        "of those, or an object with additionalProperties: false"
    )


def model(spec: dict) -> dict:
    """The facts user_model.py holds, each checked against the others."""
    user, create, update = user_schemas(spec)
    properties = user["properties"]
    required = set(user.get("required", []))
    shapes = {name: shape(schema, f"{USER}.{name}") for name, schema in properties.items()}
    for name, written in ((CREATE, create), (UPDATE, update)):
        for prop, schema in written["properties"].items():
            if prop not in properties:
                raise ModelError(f"{name}.{prop} is not in {USER}: it would be written and never answered")
            if shape(schema, f"{name}.{prop}") != shapes[prop]:
                raise ModelError(f"{name}.{prop} has another type than {USER}.{prop}")
    defaults = {name: schema["default"] for name, schema in properties.items() if "default" in schema}
    for prop in required & create["properties"].keys():
        if prop not in create.get("required", []) and prop not in defaults:
            raise ModelError(f"{USER}.{prop} is required, but a create may leave it out: make it required in {CREATE}")
    clearable = [prop for prop, schema in update["properties"].items() if schema.get("nullable")]
    for prop in clearable:
        if prop in required:
            raise ModelError(f"{UPDATE}.{prop} is nullable, but {USER}.{prop} is required: it cannot be cleared")
    for prop in properties:
        if not NAME.fullmatch(prop):
            raise ModelError(f"{USER}.{prop}: a property's name must be letters, digits and _, a letter first")
        if prop in STORE_ATTRIBUTES or prop.startswith(STORE_ATTRIBUTE_PREFIX):
            raise ModelError(f"{USER}.{prop}: the store keeps an attribute of that name for itself")
    writable = create["properties"].keys() | update["properties"].keys()
    return {
        "PROPERTIES": tuple(properties),
        "REQUIRED": frozenset(required),
        "CREATE": tuple(create["properties"]),
        "CREATE_REQUIRED": tuple(create.get("required", [])),
        "UPDATE": tuple(update["properties"]),
        "CLEARABLE": frozenset(clearable),
        "SERVER_SET": tuple(name for name in properties if name not in writable),
        "DEFAULTS": defaults,
        "SHAPES": shapes,
    }


HEADER = '''\
"""What a user holds, generated from openapi.yaml by scripts/generate. Do not edit.

PROPERTIES are User's, in the order an answer gives them; REQUIRED, those every user
has; DEFAULTS, what a stored user without one of them reads as (a user written before
the property existed). CREATE and UPDATE are the properties a client writes
(UserCreate's, UserUpdate's), CREATE_REQUIRED those a create must give; CLEARABLE,
the properties an update removes when it gives them as null (nullable in UserUpdate);
SERVER_SET, the rest of User's, which the store sets. SHAPES gives each property's
JSON type: a name, or ("array", shape) or ("object", {property: shape}).

`item(user)` and `user(item)` turn a user into its DynamoDB item and back; `attribute`
and `value` do it for one property. `user_json(user)` is the user as the function's
answers write it, with `encode`, the function's JSON encoder; `fingerprint_json(body)` is
json.dumps(body, sort_keys=True).
"""

import json
from json.encoder import encode_basestring, encode_basestring_ascii

'''

ENCODER = """\
# The function's JSON encoder, for every answer (proxy.py): compact, not ASCII-escaped. Made
# once: json.dumps builds a new encoder per call whenever it is given options.
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode"""

# Written by hand, once: a user's item is read and written beside a DynamoDB call, whose time
# dwarfs a walk through its shape; only the JSON (user_json, fingerprint_json) is on the path
# the warm budgets time, and written out property by property above.
NESTED = '''

def item(user):
    """The DynamoDB item of a user (a required property it lacks raises KeyError)."""
    return {
        name: _to_attribute(user[name], SHAPES[name]) for name in PROPERTIES if name in REQUIRED or name in user
    }


def user(item):
    """The user a DynamoDB item holds, in PROPERTIES' order: what it lacks of them absent, or its
    default (a required property without one raises KeyError)."""
    user = {}
    for name in PROPERTIES:
        if name in item:
            user[name] = _from_attribute(item[name], SHAPES[name])
        elif name in DEFAULTS:
            user[name] = DEFAULTS[name]
        elif name in REQUIRED:
            raise KeyError(name)
    return user


def attribute(name, value):
    """The DynamoDB value of the property `name`."""
    return _to_attribute(value, SHAPES[name])


def value(name, attribute):
    """The property `name`'s value held in a DynamoDB `attribute`."""
    return _from_attribute(attribute, SHAPES[name])


def _to_attribute(value, shape):
    if value is None:  # inside a list or an object: a nullable value
        return {"NULL": True}
    if shape == "string":
        return {"S": value}
    if shape == "integer":
        return {"N": str(int(value))}  # an integer the validator took as 5.0 is stored as 5
    if shape == "number":
        return {"N": _number_text(value)}
    if shape == "boolean":
        return {"BOOL": value}
    kind, inner = shape
    if kind == "array":
        return {"L": [_to_attribute(item, inner) for item in value]}
    return {"M": {name: _to_attribute(item, inner[name]) for name, item in value.items()}}


def _from_attribute(attribute, shape):
    if "NULL" in attribute:
        return None
    if shape == "string":
        return attribute["S"]
    if shape == "integer":
        return int(attribute["N"])
    if shape == "number":
        return _number(attribute["N"])
    if shape == "boolean":
        return attribute["BOOL"]
    kind, inner = shape
    if kind == "array":
        return [_from_attribute(item, inner) for item in attribute["L"]]
    held = attribute["M"]
    # In the schema's order, as every answer is.
    return {name: _from_attribute(held[name], inner[name]) for name in inner if name in held}


def _number_text(number):
    # JSON's numbers: an int as its digits, a float as its shortest repr (1e-05, 2.5), which DynamoDB reads.
    return repr(number) if type(number) is float else str(int(number))


def _number(text):
    """A number as the spec's JSON gives it: an integer where DynamoDB's text is one, else a float."""
    return int(text) if text.lstrip("-").isdigit() else float(text)
'''


def _json_value(name: str, kind) -> tuple[str, str | None]:
    """(an f-string part writing the value as the JSON encoder does, a check that it may). The
    f-string is written between single quotes: what it reads, between double ones (Python 3.11)."""
    read = f"user[{json.dumps(name)}]"
    if kind == "string":
        return f"{{q({read})}}", None  # q raises TypeError for what is no string
    if kind == "integer":
        return f"{{{read}}}", f"type({read}) is int"
    if kind == "number":
        return f"{{{read}!r}}", f"type({read}) in (int, float)"
    if kind == "boolean":
        return f'{{"true" if {read} else "false"}}', f"type({read}) is bool"
    return f"{{encode({read})}}", None


def json_function(facts: dict) -> str:
    """user_json: exactly what the encoder writes for a user whose properties are PROPERTIES in
    their order, and the encoder's own output for anything else. The required properties are
    written in runs of one f-string each, an optional one appended where present; without
    optional properties, the whole user is one f-string."""
    statements, checks, run = ["text = '{'"], [], ""
    leading = True  # no required property written yet: an optional one ends with the comma
    for name in facts["PROPERTIES"]:
        part, check = _json_value(name, facts["SHAPES"][name])
        if name in facts["REQUIRED"]:
            run += f"{'' if leading else ','}{json.dumps(name)}:{part}"
            checks += [check] if check else []
            leading = False
            continue
        if run:
            statements.append(f"text += f'{run}'")
            run = ""
        written = f"{json.dumps(name)}:{part}," if leading else f",{json.dumps(name)}:{part}"
        condition = f"{name!r} in user" + (f" and {check}" if check else "")
        statements += [f"if {condition}:", f"    text += f'{written}'", "    size += 1"]
    if leading:
        raise ModelError(f"{USER} requires no property: the store needs at least its id")
    size = sum(1 for name in facts["PROPERTIES"] if name in facts["REQUIRED"])
    guard = " and ".join(checks)
    if len(statements) == 1:
        written = f"""        if len(user) == {size}{f" and {guard}" if guard else ""}:  # no property but PROPERTIES
            return f'{{{{{run}}}}}'"""
    else:
        statements.append(f"text += f'{run}}}}}'" if run else "text += '}'")
        inner = textwrap.indent("\n".join([f"size = {size}", *statements]), " " * 12)
        written = f"""        if {guard or "True"}:
{inner}
            if len(user) == size:  # no property but PROPERTIES
                return text"""
    return f'''def user_json(user, q=encode_basestring):
    """The user as JSON, as `encode` writes it, properties in PROPERTIES' order: written out (a
    third of the encoder's time, on every answer with a user); anything else, by the encoder."""
    try:
{written}
    except (KeyError, TypeError):  # a required property missing, or a string that is none
        pass
    return encode(user)'''


def fingerprint_function(facts: dict) -> str:
    """fingerprint_json: json.dumps(body, sort_keys=True), written out for the usual create (its
    required properties, all strings; the encoder made anew for sort_keys costs more than the
    hash); anything else, dumped."""
    required = sorted(facts["CREATE_REQUIRED"])
    strings = required and all(facts["SHAPES"][name] == "string" for name in required)
    lines = [
        "def fingerprint_json(body, q=encode_basestring_ascii):",
        '    """json.dumps(body, sort_keys=True): what an Idempotency-Key\'s fingerprint hashes, so that',
        '    keys stored by earlier releases keep matching."""',
    ]
    if strings:
        names = [f"_{index}" for index in range(len(required))]
        tests = " and ".join(
            f"type({var} := body.get({name!r})) is str" for var, name in zip(names, required, strict=True)
        )
        text = " + ', ' + ".join(
            f"'{json.dumps(name)}: ' + q({var})" for var, name in zip(names, required, strict=True)
        )
        lines += [f"    if len(body) == {len(required)} and {tests}:", f"        return '{{' + {text} + '}}'"]
    lines.append("    return json.dumps(body, sort_keys=True)")
    return "\n".join(lines)


def _literal(value) -> str:
    if isinstance(value, frozenset):  # in a fixed order: a set's changes with the hash seed
        return f"frozenset({sorted(value)!r})"
    return pprint.pformat(value, sort_dicts=False, width=100)


def render(spec: dict) -> str:
    facts = model(spec)
    constants = "\n".join(f"{name} = {_literal(value)}" for name, value in facts.items())
    functions = "\n\n\n".join([json_function(facts), fingerprint_function(facts)])
    return f"{HEADER}{constants}\n\n{ENCODER}\n\n\n{functions}\n{NESTED}"
