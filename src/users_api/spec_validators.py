"""Request validators generated from openapi.yaml by scripts/generate. Do not edit.

`validate` checks one object whose keys are "<operationId>:<location>" (location:
query, header or body) against the schemas openapi.yaml gives them, and raises
`JsonSchemaValuesException` with every error. `ACCEPTS` answers sooner, per key:
True when `validate` would find that key's value valid as it is, False when it must look.
`PROBLEMS` gives the problem text of each (place, schema keyword), place being
"<operationId>:<location>", "<operationId>:<location>.<field>", a nested field's
("...<field>.<field>") or a list's items' ("...<field>[]"). `OPERATIONS`
lists, per operationId, each parameter's JSON type, whether the operation takes
a body, and the scopes its access token needs. `MAX_ERRORS` is the most entries
an Error's `errors` holds.
"""

VERSION = "2.22.3"
from decimal import Decimal
import re


class JsonSchemaValueException(ValueError):
    """fastjsonschema's validation error, with the same fields."""

    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.definition = definition
        self.rule = rule

    @property
    def path(self):
        return [item for item in re.split(r"[.\[\]]+", self.name or "") if item]


class JsonSchemaValuesException(ValueError):
    """fastjsonschema's error when it collects every error (fast_fail=False)."""

    def __init__(self, errors):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


class _Patterns(dict):
    """Each of REGEX_SOURCES compiled on first use, then kept."""

    def __missing__(self, pattern):
        compiled = self[pattern] = re.compile(REGEX_SOURCES[pattern])
        return compiled


REGEX_SOURCES = {'^[A-Za-z0-9_-]{22}$': '^[A-Za-z0-9_-]{22}\\Z',
 '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})\\Z',
 '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+\\Z',
 "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$": "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\\Z",
 'email_re_pattern': '^[^@.](?:\\.?[^@.])*@[^@][^@.]*\\.[^@]+\\Z'}
REGEX_PATTERNS = _Patterns()

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    errors = []
    if not isinstance(data, (dict)):
        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'properties': {'listUsers:query': {'type': 'object', 'properties': {'limit': {'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20, 'format': 'int32'}, 'nextToken': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}}, 'createUser:header': {'type': 'object', 'properties': {'Idempotency-Key': {'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}}}, 'createUser:body': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'email'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, 'getUser:query': {'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, 'updateUser:query': {'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, 'updateUser:header': {'type': 'object', 'properties': {'If-Match': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, 'updateUser:body': {'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, 'deleteUser:query': {'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}}}, rule='type'))
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "listUsers:query" in data_keys:
            data_keys.remove("listUsers:query")
            data__listUsersquery = data["listUsers:query"]
            if not isinstance(data__listUsersquery, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query must be object", value=data__listUsersquery, name="" + (name_prefix or "data") + ".listUsers:query", definition={'type': 'object', 'properties': {'limit': {'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20, 'format': 'int32'}, 'nextToken': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}}, rule='type'))
            data__listUsersquery_is_dict = isinstance(data__listUsersquery, dict)
            if data__listUsersquery_is_dict:
                data__listUsersquery_keys = set(data__listUsersquery.keys())
                if "limit" in data__listUsersquery_keys:
                    data__listUsersquery_keys.remove("limit")
                    data__listUsersquery__limit = data__listUsersquery["limit"]
                    if not isinstance(data__listUsersquery__limit, (int)) and not (isinstance(data__listUsersquery__limit, float) and data__listUsersquery__limit.is_integer()) or isinstance(data__listUsersquery__limit, bool):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.limit must be integer", value=data__listUsersquery__limit, name="" + (name_prefix or "data") + ".listUsers:query.limit", definition={'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20, 'format': 'int32'}, rule='type'))
                    if isinstance(data__listUsersquery__limit, (int, float, Decimal)) and not isinstance(data__listUsersquery__limit, bool):
                        if data__listUsersquery__limit < 1:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.limit must be bigger than or equal to 1", value=data__listUsersquery__limit, name="" + (name_prefix or "data") + ".listUsers:query.limit", definition={'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20, 'format': 'int32'}, rule='minimum'))
                        if data__listUsersquery__limit > 100:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.limit must be smaller than or equal to 100", value=data__listUsersquery__limit, name="" + (name_prefix or "data") + ".listUsers:query.limit", definition={'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20, 'format': 'int32'}, rule='maximum'))
                else: data__listUsersquery["limit"] = 20
                if "nextToken" in data__listUsersquery_keys:
                    data__listUsersquery_keys.remove("nextToken")
                    data__listUsersquery__nextToken = data__listUsersquery["nextToken"]
                    if not isinstance(data__listUsersquery__nextToken, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.nextToken must be string", value=data__listUsersquery__nextToken, name="" + (name_prefix or "data") + ".listUsers:query.nextToken", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='type'))
                    if isinstance(data__listUsersquery__nextToken, str):
                        data__listUsersquery__nextToken_len = len(data__listUsersquery__nextToken)
                        if data__listUsersquery__nextToken_len < 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.nextToken must be longer than or equal to 22 characters", value=data__listUsersquery__nextToken, name="" + (name_prefix or "data") + ".listUsers:query.nextToken", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='minLength'))
                        if data__listUsersquery__nextToken_len > 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.nextToken must be shorter than or equal to 22 characters", value=data__listUsersquery__nextToken, name="" + (name_prefix or "data") + ".listUsers:query.nextToken", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(data__listUsersquery__nextToken):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".listUsers:query.nextToken must match pattern ^[A-Za-z0-9_-]{22}$", value=data__listUsersquery__nextToken, name="" + (name_prefix or "data") + ".listUsers:query.nextToken", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='pattern'))
        if "createUser:header" in data_keys:
            data_keys.remove("createUser:header")
            data__createUserheader = data["createUser:header"]
            if not isinstance(data__createUserheader, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:header must be object", value=data__createUserheader, name="" + (name_prefix or "data") + ".createUser:header", definition={'type': 'object', 'properties': {'Idempotency-Key': {'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}}}, rule='type'))
            data__createUserheader_is_dict = isinstance(data__createUserheader, dict)
            if data__createUserheader_is_dict:
                data__createUserheader_keys = set(data__createUserheader.keys())
                if "Idempotency-Key" in data__createUserheader_keys:
                    data__createUserheader_keys.remove("Idempotency-Key")
                    data__createUserheader__IdempotencyKey = data__createUserheader["Idempotency-Key"]
                    if not isinstance(data__createUserheader__IdempotencyKey, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:header.Idempotency-Key must be string", value=data__createUserheader__IdempotencyKey, name="" + (name_prefix or "data") + ".createUser:header.Idempotency-Key", definition={'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}, rule='type'))
                    if isinstance(data__createUserheader__IdempotencyKey, str):
                        data__createUserheader__IdempotencyKey_len = len(data__createUserheader__IdempotencyKey)
                        if data__createUserheader__IdempotencyKey_len < 1:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:header.Idempotency-Key must be longer than or equal to 1 characters", value=data__createUserheader__IdempotencyKey, name="" + (name_prefix or "data") + ".createUser:header.Idempotency-Key", definition={'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}, rule='minLength'))
                        if data__createUserheader__IdempotencyKey_len > 130:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:header.Idempotency-Key must be shorter than or equal to 130 characters", value=data__createUserheader__IdempotencyKey, name="" + (name_prefix or "data") + ".createUser:header.Idempotency-Key", definition={'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}, rule='maxLength'))
                        if not REGEX_PATTERNS['^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'].search(data__createUserheader__IdempotencyKey):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:header.Idempotency-Key must match pattern ^(\"[A-Za-z0-9._~:+/=-]{1,128}\"|[A-Za-z0-9._~:+/=-]{1,128})$", value=data__createUserheader__IdempotencyKey, name="" + (name_prefix or "data") + ".createUser:header.Idempotency-Key", definition={'type': 'string', 'minLength': 1, 'maxLength': 130, 'pattern': '^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'}, rule='pattern'))
        if "createUser:body" in data_keys:
            data_keys.remove("createUser:body")
            data__createUserbody = data["createUser:body"]
            if not isinstance(data__createUserbody, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body must be object", value=data__createUserbody, name="" + (name_prefix or "data") + ".createUser:body", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'email'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='type'))
            data__createUserbody_is_dict = isinstance(data__createUserbody, dict)
            if data__createUserbody_is_dict:
                data__createUserbody__missing_keys = set(['name', 'email']) - data__createUserbody.keys()
                if data__createUserbody__missing_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body must contain " + (str(sorted(data__createUserbody__missing_keys)) + " properties"), value=data__createUserbody, name="" + (name_prefix or "data") + ".createUser:body", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'email'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='required'))
                data__createUserbody_keys = set(data__createUserbody.keys())
                if "name" in data__createUserbody_keys:
                    data__createUserbody_keys.remove("name")
                    data__createUserbody__name = data__createUserbody["name"]
                    if not isinstance(data__createUserbody__name, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.name must be string", value=data__createUserbody__name, name="" + (name_prefix or "data") + ".createUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='type'))
                    if isinstance(data__createUserbody__name, str):
                        data__createUserbody__name_len = len(data__createUserbody__name)
                        if data__createUserbody__name_len < 1:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.name must be longer than or equal to 1 characters", value=data__createUserbody__name, name="" + (name_prefix or "data") + ".createUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='minLength'))
                        if data__createUserbody__name_len > 100:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.name must be shorter than or equal to 100 characters", value=data__createUserbody__name, name="" + (name_prefix or "data") + ".createUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'].search(data__createUserbody__name):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.name must match pattern ^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$", value=data__createUserbody__name, name="" + (name_prefix or "data") + ".createUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='pattern'))
                if "email" in data__createUserbody_keys:
                    data__createUserbody_keys.remove("email")
                    data__createUserbody__email = data__createUserbody["email"]
                    if not isinstance(data__createUserbody__email, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.email must be string", value=data__createUserbody__email, name="" + (name_prefix or "data") + ".createUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='type'))
                    if isinstance(data__createUserbody__email, str):
                        data__createUserbody__email_len = len(data__createUserbody__email)
                        if data__createUserbody__email_len < 3:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.email must be longer than or equal to 3 characters", value=data__createUserbody__email, name="" + (name_prefix or "data") + ".createUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='minLength'))
                        if data__createUserbody__email_len > 254:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.email must be shorter than or equal to 254 characters", value=data__createUserbody__email, name="" + (name_prefix or "data") + ".createUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='maxLength'))
                        if not REGEX_PATTERNS["^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"].search(data__createUserbody__email):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.email must match pattern ^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", value=data__createUserbody__email, name="" + (name_prefix or "data") + ".createUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='pattern'))
                        if not REGEX_PATTERNS["email_re_pattern"].match(data__createUserbody__email):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body.email must be email", value=data__createUserbody__email, name="" + (name_prefix or "data") + ".createUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='format'))
                if data__createUserbody_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".createUser:body must not contain "+str(data__createUserbody_keys)+" properties", value=data__createUserbody, name="" + (name_prefix or "data") + ".createUser:body", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'email'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='additionalProperties'))
        if "getUser:query" in data_keys:
            data_keys.remove("getUser:query")
            data__getUserquery = data["getUser:query"]
            if not isinstance(data__getUserquery, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query must be object", value=data__getUserquery, name="" + (name_prefix or "data") + ".getUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='type'))
            data__getUserquery_is_dict = isinstance(data__getUserquery, dict)
            if data__getUserquery_is_dict:
                data__getUserquery__missing_keys = set(['id']) - data__getUserquery.keys()
                if data__getUserquery__missing_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query must contain " + (str(sorted(data__getUserquery__missing_keys)) + " properties"), value=data__getUserquery, name="" + (name_prefix or "data") + ".getUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='required'))
                data__getUserquery_keys = set(data__getUserquery.keys())
                if "id" in data__getUserquery_keys:
                    data__getUserquery_keys.remove("id")
                    data__getUserquery__id = data__getUserquery["id"]
                    if not isinstance(data__getUserquery__id, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query.id must be string", value=data__getUserquery__id, name="" + (name_prefix or "data") + ".getUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='type'))
                    if isinstance(data__getUserquery__id, str):
                        data__getUserquery__id_len = len(data__getUserquery__id)
                        if data__getUserquery__id_len < 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query.id must be longer than or equal to 22 characters", value=data__getUserquery__id, name="" + (name_prefix or "data") + ".getUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='minLength'))
                        if data__getUserquery__id_len > 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query.id must be shorter than or equal to 22 characters", value=data__getUserquery__id, name="" + (name_prefix or "data") + ".getUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(data__getUserquery__id):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".getUser:query.id must match pattern ^[A-Za-z0-9_-]{22}$", value=data__getUserquery__id, name="" + (name_prefix or "data") + ".getUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='pattern'))
        if "updateUser:query" in data_keys:
            data_keys.remove("updateUser:query")
            data__updateUserquery = data["updateUser:query"]
            if not isinstance(data__updateUserquery, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query must be object", value=data__updateUserquery, name="" + (name_prefix or "data") + ".updateUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='type'))
            data__updateUserquery_is_dict = isinstance(data__updateUserquery, dict)
            if data__updateUserquery_is_dict:
                data__updateUserquery__missing_keys = set(['id']) - data__updateUserquery.keys()
                if data__updateUserquery__missing_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query must contain " + (str(sorted(data__updateUserquery__missing_keys)) + " properties"), value=data__updateUserquery, name="" + (name_prefix or "data") + ".updateUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='required'))
                data__updateUserquery_keys = set(data__updateUserquery.keys())
                if "id" in data__updateUserquery_keys:
                    data__updateUserquery_keys.remove("id")
                    data__updateUserquery__id = data__updateUserquery["id"]
                    if not isinstance(data__updateUserquery__id, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query.id must be string", value=data__updateUserquery__id, name="" + (name_prefix or "data") + ".updateUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='type'))
                    if isinstance(data__updateUserquery__id, str):
                        data__updateUserquery__id_len = len(data__updateUserquery__id)
                        if data__updateUserquery__id_len < 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query.id must be longer than or equal to 22 characters", value=data__updateUserquery__id, name="" + (name_prefix or "data") + ".updateUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='minLength'))
                        if data__updateUserquery__id_len > 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query.id must be shorter than or equal to 22 characters", value=data__updateUserquery__id, name="" + (name_prefix or "data") + ".updateUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(data__updateUserquery__id):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:query.id must match pattern ^[A-Za-z0-9_-]{22}$", value=data__updateUserquery__id, name="" + (name_prefix or "data") + ".updateUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='pattern'))
        if "updateUser:header" in data_keys:
            data_keys.remove("updateUser:header")
            data__updateUserheader = data["updateUser:header"]
            if not isinstance(data__updateUserheader, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:header must be object", value=data__updateUserheader, name="" + (name_prefix or "data") + ".updateUser:header", definition={'type': 'object', 'properties': {'If-Match': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, rule='type'))
            data__updateUserheader_is_dict = isinstance(data__updateUserheader, dict)
            if data__updateUserheader_is_dict:
                data__updateUserheader_keys = set(data__updateUserheader.keys())
                if "If-Match" in data__updateUserheader_keys:
                    data__updateUserheader_keys.remove("If-Match")
                    data__updateUserheader__IfMatch = data__updateUserheader["If-Match"]
                    if not isinstance(data__updateUserheader__IfMatch, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:header.If-Match must be string", value=data__updateUserheader__IfMatch, name="" + (name_prefix or "data") + ".updateUser:header.If-Match", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='type'))
                    if isinstance(data__updateUserheader__IfMatch, str):
                        data__updateUserheader__IfMatch_len = len(data__updateUserheader__IfMatch)
                        if data__updateUserheader__IfMatch_len < 1:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:header.If-Match must be longer than or equal to 1 characters", value=data__updateUserheader__IfMatch, name="" + (name_prefix or "data") + ".updateUser:header.If-Match", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='minLength'))
                        if data__updateUserheader__IfMatch_len > 200:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:header.If-Match must be shorter than or equal to 200 characters", value=data__updateUserheader__IfMatch, name="" + (name_prefix or "data") + ".updateUser:header.If-Match", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='maxLength'))
        if "updateUser:body" in data_keys:
            data_keys.remove("updateUser:body")
            data__updateUserbody = data["updateUser:body"]
            if not isinstance(data__updateUserbody, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body must be object", value=data__updateUserbody, name="" + (name_prefix or "data") + ".updateUser:body", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='type'))
            data__updateUserbody_is_dict = isinstance(data__updateUserbody, dict)
            if data__updateUserbody_is_dict:
                data__updateUserbody_len = len(data__updateUserbody)
                if data__updateUserbody_len < 1:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body must contain at least 1 properties", value=data__updateUserbody, name="" + (name_prefix or "data") + ".updateUser:body", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='minProperties'))
                data__updateUserbody_keys = set(data__updateUserbody.keys())
                if "name" in data__updateUserbody_keys:
                    data__updateUserbody_keys.remove("name")
                    data__updateUserbody__name = data__updateUserbody["name"]
                    if not isinstance(data__updateUserbody__name, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.name must be string", value=data__updateUserbody__name, name="" + (name_prefix or "data") + ".updateUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='type'))
                    if isinstance(data__updateUserbody__name, str):
                        data__updateUserbody__name_len = len(data__updateUserbody__name)
                        if data__updateUserbody__name_len < 1:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.name must be longer than or equal to 1 characters", value=data__updateUserbody__name, name="" + (name_prefix or "data") + ".updateUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='minLength'))
                        if data__updateUserbody__name_len > 100:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.name must be shorter than or equal to 100 characters", value=data__updateUserbody__name, name="" + (name_prefix or "data") + ".updateUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'].search(data__updateUserbody__name):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.name must match pattern ^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$", value=data__updateUserbody__name, name="" + (name_prefix or "data") + ".updateUser:body.name", definition={'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, rule='pattern'))
                if "email" in data__updateUserbody_keys:
                    data__updateUserbody_keys.remove("email")
                    data__updateUserbody__email = data__updateUserbody["email"]
                    if not isinstance(data__updateUserbody__email, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.email must be string", value=data__updateUserbody__email, name="" + (name_prefix or "data") + ".updateUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='type'))
                    if isinstance(data__updateUserbody__email, str):
                        data__updateUserbody__email_len = len(data__updateUserbody__email)
                        if data__updateUserbody__email_len < 3:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.email must be longer than or equal to 3 characters", value=data__updateUserbody__email, name="" + (name_prefix or "data") + ".updateUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='minLength'))
                        if data__updateUserbody__email_len > 254:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.email must be shorter than or equal to 254 characters", value=data__updateUserbody__email, name="" + (name_prefix or "data") + ".updateUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='maxLength'))
                        if not REGEX_PATTERNS["^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"].search(data__updateUserbody__email):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.email must match pattern ^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", value=data__updateUserbody__email, name="" + (name_prefix or "data") + ".updateUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='pattern'))
                        if not REGEX_PATTERNS["email_re_pattern"].match(data__updateUserbody__email):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body.email must be email", value=data__updateUserbody__email, name="" + (name_prefix or "data") + ".updateUser:body.email", definition={'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}, rule='format'))
                if data__updateUserbody_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".updateUser:body must not contain "+str(data__updateUserbody_keys)+" properties", value=data__updateUserbody, name="" + (name_prefix or "data") + ".updateUser:body", definition={'type': 'object', 'additionalProperties': False, 'minProperties': 1, 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 100, 'pattern': '^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'}, 'email': {'type': 'string', 'format': 'email', 'minLength': 3, 'maxLength': 254, 'pattern': "^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"}}}, rule='additionalProperties'))
        if "deleteUser:query" in data_keys:
            data_keys.remove("deleteUser:query")
            data__deleteUserquery = data["deleteUser:query"]
            if not isinstance(data__deleteUserquery, (dict)):
                errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query must be object", value=data__deleteUserquery, name="" + (name_prefix or "data") + ".deleteUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='type'))
            data__deleteUserquery_is_dict = isinstance(data__deleteUserquery, dict)
            if data__deleteUserquery_is_dict:
                data__deleteUserquery__missing_keys = set(['id']) - data__deleteUserquery.keys()
                if data__deleteUserquery__missing_keys:
                    errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query must contain " + (str(sorted(data__deleteUserquery__missing_keys)) + " properties"), value=data__deleteUserquery, name="" + (name_prefix or "data") + ".deleteUser:query", definition={'type': 'object', 'properties': {'id': {'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}}, 'required': ['id']}, rule='required'))
                data__deleteUserquery_keys = set(data__deleteUserquery.keys())
                if "id" in data__deleteUserquery_keys:
                    data__deleteUserquery_keys.remove("id")
                    data__deleteUserquery__id = data__deleteUserquery["id"]
                    if not isinstance(data__deleteUserquery__id, (str)):
                        errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query.id must be string", value=data__deleteUserquery__id, name="" + (name_prefix or "data") + ".deleteUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='type'))
                    if isinstance(data__deleteUserquery__id, str):
                        data__deleteUserquery__id_len = len(data__deleteUserquery__id)
                        if data__deleteUserquery__id_len < 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query.id must be longer than or equal to 22 characters", value=data__deleteUserquery__id, name="" + (name_prefix or "data") + ".deleteUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='minLength'))
                        if data__deleteUserquery__id_len > 22:
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query.id must be shorter than or equal to 22 characters", value=data__deleteUserquery__id, name="" + (name_prefix or "data") + ".deleteUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='maxLength'))
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(data__deleteUserquery__id):
                            errors.append(JsonSchemaValueException("" + (name_prefix or "data") + ".deleteUser:query.id must match pattern ^[A-Za-z0-9_-]{22}$", value=data__deleteUserquery__id, name="" + (name_prefix or "data") + ".deleteUser:query.id", definition={'type': 'string', 'pattern': '^[A-Za-z0-9_-]{22}$', 'minLength': 22, 'maxLength': 22}, rule='pattern'))
    if errors: raise JsonSchemaValuesException(errors)
    return data


_ABSENT = object()


def _accepts_listUsers_query(value):
    if type(value) is not dict:
        return False
    found = value.get('limit')
    if type(found) is not int or not 1 <= found <= 100:
        return False
    found = value.get('nextToken', _ABSENT)
    if found is not _ABSENT and (type(found) is not str or len(found) != 22 or not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(found)):
        return False
    return True


def _accepts_createUser_header(value):
    if type(value) is not dict:
        return False
    found = value.get('Idempotency-Key', _ABSENT)
    if found is not _ABSENT and (type(found) is not str or not 1 <= len(found) <= 130 or not REGEX_PATTERNS['^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'].search(found)):
        return False
    return True


_NAMES_createUser_body = frozenset(('email', 'name'))


def _accepts_createUser_body(value):
    if type(value) is not dict or not value.keys() <= _NAMES_createUser_body:
        return False
    found = value.get('name')
    if type(found) is not str or not 1 <= len(found) <= 100 or not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'].search(found):
        return False
    found = value.get('email')
    if type(found) is not str or not 3 <= len(found) <= 254 or not REGEX_PATTERNS["^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"].search(found) or not REGEX_PATTERNS['email_re_pattern'].match(found):
        return False
    return True


def _accepts_getUser_query(value):
    if type(value) is not dict:
        return False
    found = value.get('id')
    if type(found) is not str or len(found) != 22 or not REGEX_PATTERNS['^[A-Za-z0-9_-]{22}$'].search(found):
        return False
    return True


def _accepts_updateUser_header(value):
    if type(value) is not dict:
        return False
    found = value.get('If-Match', _ABSENT)
    if found is not _ABSENT and (type(found) is not str or not 1 <= len(found) <= 200):
        return False
    return True


_NAMES_updateUser_body = frozenset(('email', 'name'))


def _accepts_updateUser_body(value):
    if type(value) is not dict or not value.keys() <= _NAMES_updateUser_body or len(value) < 1:
        return False
    found = value.get('name', _ABSENT)
    if found is not _ABSENT and (type(found) is not str or not 1 <= len(found) <= 100 or not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]+$'].search(found)):
        return False
    found = value.get('email', _ABSENT)
    if found is not _ABSENT and (type(found) is not str or not 3 <= len(found) <= 254 or not REGEX_PATTERNS["^[A-Za-z0-9.!#\\$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"].search(found) or not REGEX_PATTERNS['email_re_pattern'].match(found)):
        return False
    return True


ACCEPTS = {
    'listUsers:query': _accepts_listUsers_query,
    'createUser:header': _accepts_createUser_header,
    'createUser:body': _accepts_createUser_body,
    'getUser:query': _accepts_getUser_query,
    'updateUser:query': _accepts_getUser_query,
    'updateUser:header': _accepts_updateUser_header,
    'updateUser:body': _accepts_updateUser_body,
    'deleteUser:query': _accepts_getUser_query,
}


OPERATIONS = {'createUser': {'body': True,
                'parameters': {'header': {'Idempotency-Key': 'string'}},
                'scopes': ['users/write']},
 'deleteUser': {'body': False,
                'parameters': {'query': {'id': 'string'}},
                'scopes': ['users/write']},
 'getUser': {'body': False,
             'parameters': {'query': {'id': 'string'}},
             'scopes': ['users/read']},
 'listUsers': {'body': False,
               'parameters': {'query': {'limit': 'integer',
                                        'nextToken': 'string'}},
               'scopes': ['users/read']},
 'updateUser': {'body': True,
                'parameters': {'header': {'If-Match': 'string'},
                               'query': {'id': 'string'}},
                'scopes': ['users/write']}}

PROBLEMS = {'createUser:body': {'additionalProperties': 'is not allowed',
                     'required': 'is required',
                     'type': 'must be a JSON object'},
 'createUser:body.email': {'format': 'must be an email address',
                           'maxLength': 'must be at most 254 characters',
                           'minLength': 'must be at least 3 characters',
                           'pattern': 'must be an email address',
                           'type': 'must be a string'},
 'createUser:body.name': {'maxLength': 'must be at most 100 characters',
                          'minLength': 'must not be empty',
                          'pattern': 'must not contain control characters',
                          'type': 'must be a string'},
 'createUser:header': {'type': 'must be a JSON object'},
 'createUser:header.Idempotency-Key': {'maxLength': 'must be at most 130 '
                                                    'characters',
                                       'minLength': 'must not be empty',
                                       'pattern': 'must be at most 128 '
                                                  'letters, digits or '
                                                  '._~:+/=-, quoted or not',
                                       'type': 'must be a string'},
 'deleteUser:query': {'required': 'is required',
                      'type': 'must be a JSON object'},
 'deleteUser:query.id': {'maxLength': 'must be at most 22 characters',
                         'minLength': 'must be at least 22 characters',
                         'pattern': 'must be an id this API issued',
                         'type': 'must be a string'},
 'getUser:query': {'required': 'is required', 'type': 'must be a JSON object'},
 'getUser:query.id': {'maxLength': 'must be at most 22 characters',
                      'minLength': 'must be at least 22 characters',
                      'pattern': 'must be an id this API issued',
                      'type': 'must be a string'},
 'listUsers:query': {'type': 'must be a JSON object'},
 'listUsers:query.limit': {'maximum': 'must be at most 100',
                           'minimum': 'must be at least 1',
                           'type': 'must be an integer'},
 'listUsers:query.nextToken': {'maxLength': 'must be at most 22 characters',
                               'minLength': 'must be at least 22 characters',
                               'pattern': 'must be a nextToken this API issued',
                               'type': 'must be a string'},
 'updateUser:body': {'additionalProperties': 'is not allowed',
                     'minProperties': 'must name at least 1 field',
                     'type': 'must be a JSON object'},
 'updateUser:body.email': {'format': 'must be an email address',
                           'maxLength': 'must be at most 254 characters',
                           'minLength': 'must be at least 3 characters',
                           'pattern': 'must be an email address',
                           'type': 'must be a string'},
 'updateUser:body.name': {'maxLength': 'must be at most 100 characters',
                          'minLength': 'must not be empty',
                          'pattern': 'must not contain control characters',
                          'type': 'must be a string'},
 'updateUser:header': {'type': 'must be a JSON object'},
 'updateUser:header.If-Match': {'maxLength': 'must be at most 200 characters',
                                'minLength': 'must not be empty',
                                'type': 'must be a string'},
 'updateUser:query': {'required': 'is required',
                      'type': 'must be a JSON object'},
 'updateUser:query.id': {'maxLength': 'must be at most 22 characters',
                         'minLength': 'must be at least 22 characters',
                         'pattern': 'must be an id this API issued',
                         'type': 'must be a string'}}

MAX_ERRORS = 20
