"""Generate src/users_api/spec_validators.py from openapi.yaml.

The function validates requests with code that fastjsonschema generates here,
ahead of time: the rules stay written only in openapi.yaml, and a cold start
pays neither for parsing the spec nor for compiling schemas.

    python -m tools.codegen          # write the module
    python -m tools.codegen --check  # fail if the committed module is stale
"""

import argparse
import pprint
import sys

import fastjsonschema

from tools.spec import ROOT, openapi, operations, resolve

TARGET = ROOT / "src" / "users_api" / "spec_validators.py"
HEADER = '''\
"""Request validators generated from openapi.yaml by `python -m tools.codegen`. Do not edit.

`validate` checks one object whose keys are "<operationId>:<location>" (location:
query, header or body) against the schemas openapi.yaml gives them, and raises
`JsonSchemaValueException`. `OPERATIONS` lists, per operationId, each
parameter's JSON type, whether the operation takes a body, and the scopes its
access token needs.
"""

'''


def request_contract(spec: dict) -> tuple[dict, dict]:
    """The combined request schema and the per-operation parameter facts."""
    sections: dict[str, dict] = {}
    facts: dict[str, dict] = {}
    for _path, _method, operation in operations(spec):
        op_id = operation["operationId"]
        op = resolve(operation, spec, strip_docs=True)
        parameters: dict[str, dict] = {}
        for param in op.get("parameters", []):
            location = param["in"]
            section = sections.setdefault(f"{op_id}:{location}", {"type": "object", "properties": {}, "required": []})
            section["properties"][param["name"]] = param["schema"]
            if param.get("required"):
                section["required"].append(param["name"])
            parameters.setdefault(location, {})[param["name"]] = param["schema"]["type"]
        body = op.get("requestBody")
        if body:
            sections[f"{op_id}:body"] = body["content"]["application/json"]["schema"]
        facts[op_id] = {"parameters": parameters, "body": bool(body), "scopes": authorizer_scopes(spec, operation)}
    return {"type": "object", "properties": sections}, facts


def authorizer_scopes(spec: dict, operation: dict) -> list[str]:
    """The scopes API Gateway's Cognito authorizer requires of the operation's token."""
    schemes = spec.get("components", {}).get("securitySchemes", {})
    cognito = {
        name for name, scheme in schemes.items() if scheme.get("x-amazon-apigateway-authtype") == "cognito_user_pools"
    }
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
LOCAL_EXCEPTION = '''

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
'''


def render(spec: dict) -> str:
    schema, facts = request_contract(spec)
    code = fastjsonschema.compile_to_code(schema)
    if FASTJSONSCHEMA_IMPORT not in code:
        raise RuntimeError("fastjsonschema's generated code changed its import: update tools/codegen.py")
    code = code.replace(FASTJSONSCHEMA_IMPORT, LOCAL_EXCEPTION)
    return f"{HEADER}{code.rstrip()}\n\n\nOPERATIONS = {pprint.pformat(facts, sort_dicts=True)}\n"


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
