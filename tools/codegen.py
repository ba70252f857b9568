"""src/users_api/spec_validators.py, generated from openapi.yaml (scripts/generate runs it).

The function validates requests with code that fastjsonschema generates here,
ahead of time: the rules stay written only in openapi.yaml, and a cold start
pays neither for parsing the spec nor for compiling schemas.
"""

import ast
import json
import pprint
import re

import fastjsonschema
from sam_local_api.problems import NEVER_FAIL, problem

from tools.spec import ROOT, cognito_schemes, operations, resolve

TARGET = ROOT / "src" / "users_api" / "spec_validators.py"


class SpecError(RuntimeError):
    """openapi.yaml asks for a check this generator cannot write: it names the place and the keyword."""


HEADER = '''\
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

'''


def request_contract(spec: dict) -> tuple[dict, dict, dict]:
    """The combined request schema, the per-operation parameter facts, and the problem texts."""
    sections: dict[str, dict] = {}
    facts: dict[str, dict] = {}
    for _path, _method, operation in operations(spec):
        op_id = operation["operationId"]
        op = resolve(operation, spec, strip_docs=True)
        parameters: dict[str, dict] = {}
        for param in op.get("parameters", []):
            location = param["in"]
            section = sections.setdefault(f"{op_id}:{location}", {"type": "object", "properties": {}})
            section["properties"][param["name"]] = json_schema(param["schema"])
            if param.get("required"):
                # Only where some parameter is required: an empty list would make the
                # generated code check for no missing names on every request.
                section.setdefault("required", []).append(param["name"])
            parameters.setdefault(location, {})[param["name"]] = param["schema"]["type"]
        body = op.get("requestBody")
        if body:
            sections[f"{op_id}:body"] = storable_numbers(json_schema(body["content"]["application/json"]["schema"]))
        facts[op_id] = {"parameters": parameters, "body": bool(body), "scopes": authorizer_scopes(spec, operation)}
    problems = {}
    for place, section in sections.items():
        problems.update(problem_texts(section, place))
    schema = {"type": "object", "properties": sections}
    return without_problem_texts(schema), facts, problems


def json_schema(schema: dict) -> dict:
    """An OpenAPI 3.0 schema (its $refs resolved) as the JSON Schema fastjsonschema reads (draft 7):
    `nullable` becomes a "null" type, a true `exclusiveMinimum` or `exclusiveMaximum` takes its
    bound's value. `x-problem` stays, for problem_texts."""
    converted = {}
    for keyword, value in schema.items():
        if keyword == "properties":
            converted[keyword] = {name: json_schema(child) for name, child in value.items()}
        elif keyword in ("items", "additionalProperties") and isinstance(value, dict):
            converted[keyword] = json_schema(value)
        elif keyword in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            bound = "minimum" if keyword == "exclusiveMinimum" else "maximum"
            if value:
                converted[keyword] = schema[bound]
        elif (keyword != "nullable" and not keyword.startswith("x-")) or keyword == "x-problem":
            converted[keyword] = value
    for keyword in ("exclusiveMinimum", "exclusiveMaximum"):
        if schema.get(keyword) is True:
            converted.pop("minimum" if keyword == "exclusiveMinimum" else "maximum", None)
    if schema.get("nullable") is True:
        if "type" not in schema:
            raise SpecError(f"nullable without a type: {schema!r} (OpenAPI 3.0.3 gives it no meaning then)")
        converted["type"] = [schema["type"], "null"]
        if "enum" in schema:
            converted["enum"] = [*schema["enum"], None]
    return converted


# DynamoDB stores numbers from 1E-130 to 9.9999999999999999999999999999999999999E+125 in size, and 0
# (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
# A body's number nearer to 0 than that would fail its write: it is refused as the client's fault
# instead, in words of its own. (The largest numbers are the spec's to bound: tools/user_model.py.)
SMALLEST_STORABLE = 1e-130
UNSTORABLE_NUMBER = {
    "not": {"exclusiveMinimum": -SMALLEST_STORABLE, "exclusiveMaximum": SMALLEST_STORABLE, "not": {"const": 0}}
}
UNSTORABLE_NUMBER_PROBLEM = f"must be 0 or at least {SMALLEST_STORABLE:g} away from 0"


def storable_numbers(schema: dict) -> dict:
    """A body's schema with every number it may hold refused where DynamoDB could not store it."""
    kinds = schema.get("type") if isinstance(schema.get("type"), list) else [schema.get("type")]
    guarded = {**schema, **UNSTORABLE_NUMBER} if "number" in kinds else dict(schema)
    if "properties" in schema:
        guarded["properties"] = {name: storable_numbers(child) for name, child in schema["properties"].items()}
    if isinstance(schema.get("items"), dict):
        guarded["items"] = storable_numbers(schema["items"])
    return guarded


# The problem an Error names for each schema keyword a request can fail: the local API's
# table (sam_local_api.problems), so that both answer a fault in the same words, each
# keyword's default or the schema's own `x-problem`. Every place a value can fail is named:
# a section ("createUser:body"), a field ("createUser:body.name"), a nested one
# ("createUser:body.address.city"), a list's items ("createUser:body.tags[]"). The words are
# listed in openapi.yaml (Error.errors.problem), by scripts/generate.
# Formats fastjsonschema checks only on strings; int32 and friends leave the range to minimum and maximum.
NUMBER_FORMATS = frozenset({"int32", "int64", "float", "double"})


def problem_texts(schema: dict, place: str) -> dict[str, dict[str, str]]:
    """{place: {keyword: problem}} for the schema and every schema inside it."""
    problems = {}
    for keyword in schema:
        if keyword in NEVER_FAIL or (keyword == "format" and schema[keyword] in NUMBER_FORMATS):
            continue
        if keyword == "not" and schema[keyword] == UNSTORABLE_NUMBER["not"]:
            problems[keyword] = UNSTORABLE_NUMBER_PROBLEM
            continue
        words = problem(keyword, schema)
        if words is None:
            raise SpecError(f"{place}: no problem words for {keyword}: {schema[keyword]!r} (update tools/codegen.py)")
        problems[keyword] = words
    found = {place: problems}
    for name, child in schema.get("properties", {}).items():
        found.update(problem_texts(child, f"{place}.{name}"))
    if isinstance(schema.get("items"), dict):
        found.update(problem_texts(schema["items"], f"{place}[]"))
    return found


def without_problem_texts(node):
    if isinstance(node, dict):
        return {key: without_problem_texts(value) for key, value in node.items() if key != "x-problem"}
    if isinstance(node, list):
        return [without_problem_texts(item) for item in node]
    return node


def authorizer_scopes(spec: dict, operation: dict) -> list[str]:
    """The scopes API Gateway's Cognito authorizer requires of the operation's token."""
    cognito = set(cognito_schemes(spec))
    return sorted(
        {
            scope
            for requirement in operation.get("security", [])
            for name in cognito & requirement.keys()
            for scope in requirement[name]
        }
    )


# The generated code imports its exception from fastjsonschema, whose import
# (its code generator comes with it) would cost every cold start 15-20 ms. The
# module defines the same exception itself instead, so the function needs no
# fastjsonschema at run time.
FASTJSONSCHEMA_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
LOCAL_EXCEPTIONS = '''

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
        return [item for item in re.split(r"[.\\[\\]]+", self.name or "") if item]


class JsonSchemaValuesException(ValueError):
    """fastjsonschema's error when it collects every error (fast_fail=False)."""

    def __init__(self, errors):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors
'''


# fastjsonschema compiles every pattern when the module is imported: about 0.6 ms of
# each cold start, most of it for patterns its first request (a getUser) never uses.
# The generated module compiles each on its first use instead, the same pattern
# objects from then on.
LAZY_PATTERNS = '''

class _Patterns(dict):
    """Each of REGEX_SOURCES compiled on first use, then kept."""

    def __missing__(self, pattern):
        compiled = self[pattern] = re.compile(REGEX_SOURCES[pattern])
        return compiled


REGEX_SOURCES = {sources}
REGEX_PATTERNS = _Patterns()
'''


def lazy_patterns(code: str) -> tuple[str, set[str]]:
    """`code` with its REGEX_PATTERNS dict of compiled patterns made a dict that compiles on
    first use, and the patterns' keys."""
    start = code.find("REGEX_PATTERNS = {")
    end = code.find("\n}\n", start)
    if start < 0 or end < 0:
        raise RuntimeError("fastjsonschema's generated code changed its REGEX_PATTERNS: update tools/codegen.py")
    literal = ast.parse(code[start : end + 2]).body[0].value
    sources = {}
    for key, value in zip(literal.keys, literal.values, strict=True):
        call = value
        if not (
            isinstance(call, ast.Call)
            and ast.unparse(call.func) == "re.compile"
            and len(call.args) == 1
            and not call.keywords
        ):
            raise RuntimeError("fastjsonschema compiles a pattern with flags: update tools/codegen.py")
        sources[ast.literal_eval(key)] = ast.literal_eval(call.args[0])
    lazy = LAZY_PATTERNS.format(sources=pprint.pformat(sources, sort_dicts=False, width=120)).strip("\n")
    return code[:start] + lazy + code[end + 2 :], set(sources)


# fastjsonschema's validator collects every fault, to name each. A valid request needs
# only a yes: in the warm benchmark, a createUser takes 4 us of 30 less with the check
# below in front of it (getUser 1.6 of 10). fastjsonschema's fast_fail mode, one validator
# per operation, saved 0.6 us, and no library makes a check that only answers yes or no.
# So ACCEPTS is written here: per section, a check that is true only where `validate`
# would find no fault and fill in no default, making the same calls (the same compiled
# patterns, its email format). What it does not know for sure (a default to fill, a float
# standing for an integer) it answers False, for `validate` to look at.
ACCEPTS_HEADER = """

_ABSENT = object()
"""


class Unsure(Exception):
    """A schema the quick check cannot answer for: it says False wherever the value is present,
    and `validate` looks."""


# Per JSON type, the keywords the quick check answers for ("not" only as storable_numbers sets it).
QUICK_KEYWORDS = {
    "string": {"minLength", "maxLength", "pattern", "format"},
    "integer": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format", "not"},
    "boolean": set(),
    "array": {"items", "minItems", "maxItems", "uniqueItems"},
    "object": {"properties", "required", "additionalProperties", "minProperties", "maxProperties"},
}
QUICK_COMMON = {"type", "enum", "const", "default", "deprecated"}
# Python's type of each JSON type's values, as json.loads makes them: a bool is no integer, nor
# 5.0 to this check (`validate` takes it).
PYTHON_TYPES = {"string": "str", "integer": "int", "boolean": "bool", "array": "list", "object": "dict"}


class QuickChecks:
    """The quick checks of one module: a function per object schema, and the constants they use."""

    def __init__(self, regex_sources: set[str]):
        self.regex_sources = regex_sources  # the keys of the generated REGEX_PATTERNS
        self.definitions: list[str] = []

    def object_check(self, name: str, schema: dict, place: str) -> str:
        """Define a function answering whether `validate` finds an object valid as it is; its name."""
        kinds = _kinds(schema, place)
        unknown = set(schema) - QUICK_KEYWORDS["object"] - QUICK_COMMON
        additional = schema.get("additionalProperties", True)
        if kinds != ["object"] or unknown or not isinstance(additional, bool):
            raise SpecError(f"{place}: no quick check for {schema!r}: update tools/codegen.py")
        properties = schema.get("properties", {})
        # Statements, each returning False at a fault: fewer bytecodes than one `and` expression.
        object_faults = ["type(value) is not dict"]
        constant = ""
        function = "_accepts_" + re.sub(r"\W", "_", name)
        if additional is False:
            names = "_NAMES_" + re.sub(r"\W", "_", name)
            constant = f"{names} = frozenset({tuple(sorted(properties))!r})\n\n\n"
            object_faults.append(f"not value.keys() <= {names}")
        if "minProperties" in schema:
            object_faults.append(f"len(value) < {schema['minProperties']}")
        if "maxProperties" in schema:
            object_faults.append(f"len(value) > {schema['maxProperties']}")
        lines = [f"if {' or '.join(object_faults)}:", "    return False"]
        required = set(schema.get("required", []))
        for property_name, property_schema in properties.items():
            faulty = " or ".join(self.faults(f"{place}.{property_name}", property_schema, "found"))
            if (property_name in required or "default" in property_schema) and "null" in _kinds(property_schema, place):
                # Absent, it is a fault, or a default for `validate` to fill in: _ABSENT is no value.
                lines += [f"found = value.get({property_name!r}, _ABSENT)", f"if found is _ABSENT or {faulty}:"]
            elif property_name in required or "default" in property_schema:
                # Absent, it is a fault, or a default to fill in: None fails every type but "null".
                lines += [f"found = value.get({property_name!r})", f"if {faulty}:"]
            else:
                lines += [f"found = value.get({property_name!r}, _ABSENT)", f"if found is not _ABSENT and ({faulty}):"]
            lines.append("    return False")
        lines.append("return True")
        body = "".join(f"    {line}\n" for line in lines)
        self.definitions.append(f"{constant}def {function}(value):\n{body}")
        return function

    def faults(self, place: str, schema: dict, value: str, depth: int = 0) -> list[str]:
        """Each condition true when `value` breaks one of the schema's keywords."""
        kinds = _kinds(schema, place)
        nullable = "null" in kinds
        kind = next((k for k in kinds if k != "null"), None)
        if kind not in QUICK_KEYWORDS or len(kinds) > 1 + nullable:
            raise SpecError(f"{place}: no quick check for {schema!r}: update tools/codegen.py")
        unknown = set(schema) - QUICK_KEYWORDS[kind] - QUICK_COMMON
        if unknown or ("not" in schema and schema["not"] != UNSTORABLE_NUMBER["not"]):
            raise SpecError(f"{place}: no quick check for {schema!r}: update tools/codegen.py")
        try:
            faults = self._kind_faults(place, kind, schema, value, depth)
        except Unsure:
            faults = ["True"]
        faults += [f"{value} not in {tuple(schema['enum'])!r}"] if "enum" in schema else []
        faults += [f"{value} != {schema['const']!r}"] if "const" in schema else []
        if nullable:
            return [f"{value} is not None and ({' or '.join(faults)})"]
        return faults

    def _kind_faults(self, place: str, kind: str, schema: dict, value: str, depth: int) -> list[str]:
        if kind == "number":
            faults = [f"type({value}) is not int and type({value}) is not float"]
        else:
            faults = [f"type({value}) is not {PYTHON_TYPES[kind]}"]
        if kind == "string":
            # Lengths before the pattern: a pattern's time can grow with its input.
            faults += outside(f"len({value})", schema.get("minLength"), schema.get("maxLength"))
            if "pattern" in schema:
                faults.append(f"not REGEX_PATTERNS[{schema['pattern']!r}].search({value})")
            if "format" in schema:
                regex = f"{schema['format']}_re_pattern"
                if regex not in self.regex_sources:
                    raise Unsure  # a format fastjsonschema checks with code of its own
                faults.append(f"not REGEX_PATTERNS[{regex!r}].match({value})")
        elif kind in ("integer", "number"):
            faults += outside(value, schema.get("minimum"), schema.get("maximum"))
            if "exclusiveMinimum" in schema:
                faults.append(f"{value} <= {schema['exclusiveMinimum']!r}")
            if "exclusiveMaximum" in schema:
                faults.append(f"{value} >= {schema['exclusiveMaximum']!r}")
            if "multipleOf" in schema:
                if kind == "number" or type(schema["multipleOf"]) is not int:
                    raise Unsure  # a float's remainder: fastjsonschema divides, and rounding decides
                faults.append(f"{value} % {schema['multipleOf']}")
            if "not" in schema:
                faults.append(f"({value} != 0 and {-SMALLEST_STORABLE!r} < {value} < {SMALLEST_STORABLE!r})")
        elif kind == "array":
            faults += outside(f"len({value})", schema.get("minItems"), schema.get("maxItems"))
            item = f"item{depth}"
            items = schema.get("items", {})
            item_faults = self.faults(f"{place}[]", items, item, depth + 1) if items else []
            if item_faults:
                faults.append(f"any({' or '.join(item_faults)} for {item} in {value})")
            if schema.get("uniqueItems"):
                if _kinds(items, place) not in (["string"], ["integer"], ["boolean"], ["number"]):
                    raise Unsure  # items a set cannot hold, or that compare otherwise than JSON's
                faults.append(f"len(set({value})) != len({value})")
        elif kind == "object":
            faults = [f"not {self.object_check(place, schema, place)}({value})"]
        return faults


def _kinds(schema: dict, place: str) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        raise SpecError(f"{place}: no quick check for a schema without a type: {schema!r}: update tools/codegen.py")
    return kind if isinstance(kind, list) else [kind]


def outside(expression: str, low, high) -> list[str]:
    if low is not None and low == high:
        return [f"{expression} != {low!r}"]
    if low is not None and high is not None:
        return [f"not {low!r} <= {expression} <= {high!r}"]
    if low is not None:
        return [f"{expression} < {low!r}"]
    return [f"{expression} > {high!r}"] if high is not None else []


def accepts_module(schema: dict, regex_sources: set[str]) -> str:
    # One check per distinct schema: the sections with the same one (getUser's, updateUser's
    # and deleteUser's query: an id) share the first's.
    sections = schema["properties"]
    first_with: dict[str, str] = {}  # a schema, as JSON: the first section with it
    checked_as = {
        section: first_with.setdefault(json.dumps(section_schema, sort_keys=True), section)
        for section, section_schema in sections.items()
    }
    checks = QuickChecks(regex_sources)
    names = {section: checks.object_check(section, sections[section], section) for section in first_with.values()}
    functions = "\n\n".join(checks.definitions)
    table = "".join(f"    {section!r}: {names[first]},\n" for section, first in checked_as.items())
    return f"{ACCEPTS_HEADER}\n\n{functions}\n\nACCEPTS = {{\n{table}}}\n"


# fastjsonschema's own email format, r'^(?!.*\.\..*@)[^@.][^@]*(?<!\.)@[^@]+\.[^@]+\Z', takes time
# quadratic in its input: 384 ms for a body's worth of 'a@' + 'a.' * 4070 + '@' here (issue 27).
# The same language, without a newline (which the spec's email pattern refuses anyway), in a
# regex no input makes backtrack more than once over: the local part one character at a
# time, a dot only before another character; the domain's first dot found, then its rest.
# (tests/in_process/spec/test_patterns.py holds it to fastjsonschema's.)
FORMATS = {"email": r"^[^@.](?:\.?[^@.])*@[^@][^@.]*\.[^@]+\Z"}


def render(spec: dict) -> str:
    schema, facts, problems = request_contract(spec)
    # Every error, not the first: an Error names every field at fault.
    code = fastjsonschema.compile_to_code(schema, formats=FORMATS, fast_fail=False)
    if FASTJSONSCHEMA_IMPORT not in code:
        raise RuntimeError("fastjsonschema's generated code changed its import: update tools/codegen.py")
    code, regex_sources = lazy_patterns(code.replace(FASTJSONSCHEMA_IMPORT, LOCAL_EXCEPTIONS))
    max_errors = spec["components"]["schemas"]["Error"]["properties"]["errors"]["maxItems"]
    return (
        f"{HEADER}{code.rstrip()}\n{accepts_module(schema, regex_sources)}\n\n"
        f"OPERATIONS = {pprint.pformat(facts, sort_dicts=True)}\n"
        f"\nPROBLEMS = {pprint.pformat(problems, sort_dicts=True)}\n\nMAX_ERRORS = {max_errors}\n"
    )
