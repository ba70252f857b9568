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

PROPERTIES = ('id', 'name', 'email', 'createdAt', 'updatedAt', 'version', 'createdBy', 'updatedBy')
REQUIRED = frozenset(['createdAt', 'createdBy', 'email', 'id', 'name', 'updatedAt', 'updatedBy', 'version'])
CREATE = ('name', 'email')
CREATE_REQUIRED = ('name', 'email')
UPDATE = ('name', 'email')
CLEARABLE = frozenset([])
SERVER_SET = ('id', 'createdAt', 'updatedAt', 'version', 'createdBy', 'updatedBy')
DEFAULTS = {'createdBy': 'unknown', 'updatedBy': 'unknown'}
SHAPES = {'id': 'string',
 'name': 'string',
 'email': 'string',
 'createdAt': 'string',
 'updatedAt': 'string',
 'version': 'integer',
 'createdBy': 'string',
 'updatedBy': 'string'}

# The function's JSON encoder, for every answer (proxy.py): compact, not ASCII-escaped. Made
# once: json.dumps builds a new encoder per call whenever it is given options.
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def user_json(user, q=encode_basestring):
    """The user as JSON, as `encode` writes it, properties in PROPERTIES' order: written out (a
    third of the encoder's time, on every answer with a user); anything else, by the encoder."""
    try:
        if len(user) == 8 and type(user["version"]) is int:  # no property but PROPERTIES
            return f'{{"id":{q(user["id"])},"name":{q(user["name"])},"email":{q(user["email"])},"createdAt":{q(user["createdAt"])},"updatedAt":{q(user["updatedAt"])},"version":{user["version"]},"createdBy":{q(user["createdBy"])},"updatedBy":{q(user["updatedBy"])}}}'
    except (KeyError, TypeError):  # a required property missing, or a string that is none
        pass
    return encode(user)


def fingerprint_json(body, q=encode_basestring_ascii):
    """json.dumps(body, sort_keys=True): what an Idempotency-Key's fingerprint hashes, so that
    keys stored by earlier releases keep matching."""
    if len(body) == 2 and type(_0 := body.get('email')) is str and type(_1 := body.get('name')) is str:
        return '{' + '"email": ' + q(_0) + ', ' + '"name": ' + q(_1) + '}'
    return json.dumps(body, sort_keys=True)


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
