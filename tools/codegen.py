"""Generate src/users_api/spec_validators.py from openapi.yaml.

The function validates requests with code that fastjsonschema generates here,
ahead of time: the rules stay written only in openapi.yaml, and a cold start
pays neither for parsing the spec nor for compiling schemas.

    python -m tools.codegen          # write the module
    python -m tools.codegen --check  # fail if the committed module is stale
"""

import argparse
import ast
import json
import pprint
import sys

import fastjsonschema

from tools.spec import ROOT, cognito_schemes, openapi, operations, resolve

TARGET = ROOT / "src" / "users_api" / "spec_validators.py"
HEADER = '''\
"""Request validators generated from openapi.yaml by `python -m tools.codegen`. Do not edit.

`validate` checks one object whose keys are "<operationId>:<location>" (location:
query, header or body) against the schemas openapi.yaml gives them, and raises
`JsonSchemaValuesException` with every error. `ACCEPTS` answers sooner, per key:
True when `validate` would find that key's value valid as it is, False when it must look.
`PROBLEMS` gives the problem text of each (place, schema keyword), place being
"<operationId>:<location>" or "<operationId>:<location>.<field>". `OPERATIONS`
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
            section["properties"][param["name"]] = param["schema"]
            if param.get("required"):
                # Only where some parameter is required: an empty list would make the
                # generated code check for no missing names on every request.
                section.setdefault("required", []).append(param["name"])
            parameters.setdefault(location, {})[param["name"]] = param["schema"]["type"]
        body = op.get("requestBody")
        if body:
            sections[f"{op_id}:body"] = body["content"]["application/json"]["schema"]
        facts[op_id] = {"parameters": parameters, "body": bool(body), "scopes": authorizer_scopes(spec, operation)}
    problems = {}
    for place, section in sections.items():
        problems[place] = problem_texts(section, place)
        for name, schema in section.get("properties", {}).items():
            problems[f"{place}.{name}"] = problem_texts(schema, f"{place}.{name}")
    schema = {"type": "object", "properties": sections}
    return without_problem_texts(schema), facts, problems


# The problem an Error names for each schema keyword a request can fail, in
# words derived from the keyword's value. A pattern or a format says nothing a
# client can read, so the schema carrying one gives its words in `x-problem`.
# The list is documented in openapi.yaml (Error.errors.problem) and the README.
TYPE_PROBLEMS = {"object": "must be a JSON object", "string": "must be a string", "integer": "must be an integer"}
IGNORED_KEYWORDS = {"default", "properties", "x-problem"}


def problem_texts(schema: dict, place: str) -> dict[str, str]:
    problems = {}
    for keyword, value in schema.items():
        if keyword == "type":
            problems[keyword] = TYPE_PROBLEMS[value]
        elif keyword == "required":
            problems[keyword] = "is required"
        elif keyword == "additionalProperties" and value is False:
            problems[keyword] = "is not allowed"
        elif keyword == "minProperties":
            problems[keyword] = f"must name at least {value} field{'s' if value > 1 else ''}"
        elif keyword == "minLength":
            problems[keyword] = "must not be empty" if value == 1 else f"must be at least {value} characters"
        elif keyword == "maxLength":
            problems[keyword] = f"must be at most {value} characters"
        elif keyword == "minimum":
            problems[keyword] = f"must be at least {value}"
        elif keyword == "maximum":
            problems[keyword] = f"must be at most {value}"
        elif keyword in ("pattern", "format") and "x-problem" in schema:
            problems[keyword] = schema["x-problem"]
        elif keyword == "format" and value in ("int32", "int64"):
            continue  # the range is minimum and maximum's to say
        elif keyword not in IGNORED_KEYWORDS:
            raise RuntimeError(f"{place}: no problem text for {keyword}: {value!r} (add x-problem, or its words here)")
    return problems


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


def lazy_patterns(code: str) -> str:
    """`code` with its REGEX_PATTERNS dict of compiled patterns made a dict that compiles on first use."""
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
    return code[:start] + lazy + code[end + 2 :]


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
ACCEPTS_STRING_KEYWORDS = {"type", "minLength", "maxLength", "pattern", "format", "default"}
ACCEPTS_INTEGER_KEYWORDS = {"type", "minimum", "maximum", "format", "default"}
# Formats fastjsonschema checks, by the call its code makes; int32 and int64 it leaves to minimum and maximum.
ACCEPTS_FORMATS = {"email": 'REGEX_PATTERNS["email_re_pattern"].match({value})', "int32": None, "int64": None}


def accepts_function(section: str, schema: dict) -> str:
    """The source of a function answering whether `validate` finds `section`'s value valid as it is."""
    unknown = set(schema) - {"type", "properties", "required", "additionalProperties", "minProperties"}
    if schema.get("type") != "object" or unknown or schema.get("additionalProperties", False) is not False:
        raise RuntimeError(f"{section}: no quick check for {schema!r}: update tools/codegen.py")
    properties = schema.get("properties", {})
    # Statements, each returning False at a fault: fewer bytecodes than one `and` expression.
    object_faults = ["type(value) is not dict"]
    constant = ""
    if "additionalProperties" in schema:
        names = "_NAMES_" + section.replace(":", "_")
        constant = f"{names} = frozenset({tuple(sorted(properties))!r})\n\n\n"
        object_faults.append(f"not value.keys() <= {names}")
    if "minProperties" in schema:
        object_faults.append(f"len(value) < {schema['minProperties']}")
    lines = [f"if {' or '.join(object_faults)}:", "    return False"]
    required = set(schema.get("required", []))
    for name, property_schema in properties.items():
        faulty = " or ".join(value_faults(f"{section}.{name}", property_schema, "found"))
        if name in required or "default" in property_schema:
            # Absent, it is a fault, or a default for `validate` to fill in: no type's value is None.
            lines += [f"found = value.get({name!r})", f"if {faulty}:"]
        else:
            lines += [f"found = value.get({name!r}, _ABSENT)", f"if found is not _ABSENT and ({faulty}):"]
        lines.append("    return False")
    lines.append("return True")
    body = "".join(f"    {line}\n" for line in lines)
    return f"{constant}def {accepts_name(section)}(value):\n{body}"


def value_faults(place: str, schema: dict, value: str) -> list[str]:
    """Each condition true when `value` breaks one of the property's keywords."""
    kind = schema.get("type")
    known = {"string": ACCEPTS_STRING_KEYWORDS, "integer": ACCEPTS_INTEGER_KEYWORDS}.get(kind, set())
    if not known or set(schema) - known or schema.get("format", "int32") not in ACCEPTS_FORMATS:
        raise RuntimeError(f"{place}: no quick check for {schema!r}: update tools/codegen.py")
    if kind == "string":
        faults = [f"type({value}) is not str"]
        faults += outside(f"len({value})", schema.get("minLength"), schema.get("maxLength"))
    else:
        # A bool is no integer, nor is 5.0 to this check (`validate` takes it).
        faults = [f"type({value}) is not int"]
        faults += outside(value, schema.get("minimum"), schema.get("maximum"))
    if "pattern" in schema:
        faults.append(f"not REGEX_PATTERNS[{schema['pattern']!r}].search({value})")
    call = ACCEPTS_FORMATS.get(schema.get("format"))
    if call:
        faults.append(f"not {call.format(value=value)}")
    return faults


def outside(expression: str, low, high) -> list[str]:
    if low is not None and low == high:
        return [f"{expression} != {low!r}"]
    if low is not None and high is not None:
        return [f"not {low!r} <= {expression} <= {high!r}"]
    if low is not None:
        return [f"{expression} < {low!r}"]
    return [f"{expression} > {high!r}"] if high is not None else []


def accepts_name(section: str) -> str:
    return "_accepts_" + section.replace(":", "_")


def accepts_module(schema: dict) -> str:
    # One check per distinct schema: the sections with the same one (getUser's, updateUser's
    # and deleteUser's query: an id) share the first's.
    sections = schema["properties"]
    first_with: dict[str, str] = {}  # a schema, as JSON: the first section with it
    checked_as = {
        section: first_with.setdefault(json.dumps(section_schema, sort_keys=True), section)
        for section, section_schema in sections.items()
    }
    functions = "\n\n".join(accepts_function(section, sections[section]) for section in first_with.values())
    table = "".join(f"    {section!r}: {accepts_name(first)},\n" for section, first in checked_as.items())
    return f"{ACCEPTS_HEADER}\n\n{functions}\n\nACCEPTS = {{\n{table}}}\n"


def render(spec: dict) -> str:
    schema, facts, problems = request_contract(spec)
    # Every error, not the first: an Error names every field at fault.
    code = fastjsonschema.compile_to_code(schema, fast_fail=False)
    if FASTJSONSCHEMA_IMPORT not in code:
        raise RuntimeError("fastjsonschema's generated code changed its import: update tools/codegen.py")
    code = lazy_patterns(code.replace(FASTJSONSCHEMA_IMPORT, LOCAL_EXCEPTIONS))
    max_errors = spec["components"]["schemas"]["Error"]["properties"]["errors"]["maxItems"]
    return (
        f"{HEADER}{code.rstrip()}\n{accepts_module(schema)}\n\nOPERATIONS = {pprint.pformat(facts, sort_dicts=True)}\n"
        f"\nPROBLEMS = {pprint.pformat(problems, sort_dicts=True)}\n\nMAX_ERRORS = {max_errors}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the module is stale")
    args = parser.parse_args()
    source = render(openapi())
    if args.check:
        if TARGET.read_text() != source:
            print(f"{TARGET.relative_to(ROOT)} is stale: run python -m tools.codegen", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
