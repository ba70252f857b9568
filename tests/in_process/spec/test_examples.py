"""Every operation documents examples, and every example in openapi.yaml
validates against the schema it illustrates (OpenAPI 3.0 schema semantics,
formats included): request bodies, responses, parameters, headers, and the
`example` of every schema they use."""

import pytest
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, oas30_format_checker

from tools.spec import openapi, operations, resolve

SPEC = openapi()
OPERATIONS = {operation["operationId"]: operation for _, _, operation in operations(SPEC)}


def examples(node: dict) -> list:
    """The node's `example`, and the values of its `examples` (Example Objects)."""
    found = [node["example"]] if "example" in node else []
    found += [resolve(example, SPEC)["value"] for example in node.get("examples", {}).values()]
    return found


def schema_examples(schema, where: str):
    """(where, subschema, example) for every `example` inside a schema."""
    if isinstance(schema, dict):
        if "example" in schema:
            yield where, schema, schema["example"]
        for key, value in schema.items():
            if key != "example":
                yield from schema_examples(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from schema_examples(item, f"{where}/{index}")


def illustrated(node: dict, where: str, validator):
    """(where, schema, example, validator class) for the node's examples and those inside its schema."""
    for example in examples(node):
        yield where, node["schema"], example, validator
    for inner in schema_examples(node["schema"], where):
        yield *inner, validator


def cases(operation: dict):
    """(where, schema, example, validator class) for everything the operation illustrates."""
    operation = resolve(operation, SPEC)
    for parameter in operation.get("parameters", []):
        yield from illustrated(parameter, f"parameter {parameter['name']}", OAS30WriteValidator)
    for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
        yield from illustrated(content, f"requestBody {media_type}", OAS30WriteValidator)
    for status, response in operation["responses"].items():
        for name, header in response.get("headers", {}).items():
            yield from illustrated(header, f"{status} header {name}", OAS30ReadValidator)
        for media_type, content in response.get("content", {}).items():
            yield from illustrated(content, f"{status} {media_type}", OAS30ReadValidator)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_body_has_an_example(operation_id):
    operation = resolve(OPERATIONS[operation_id], SPEC)
    bodies = {f"requestBody {m}": c for m, c in operation.get("requestBody", {}).get("content", {}).items()}
    bodies |= {f"{s} {m}": c for s, r in operation["responses"].items() for m, c in r.get("content", {}).items()}
    assert bodies, "no request or response body at all"
    assert [where for where, content in bodies.items() if not examples(content)] == []


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_example_validates_against_its_schema(operation_id):
    problems, checked = [], 0
    for where, schema, example, validator in cases(OPERATIONS[operation_id]):
        checked += 1
        for error in validator(schema, format_checker=oas30_format_checker).iter_errors(example):
            problems.append(f"{where}: {error.message} (at {'/'.join(map(str, error.absolute_path)) or 'top'})")
    assert checked
    assert problems == []


def test_the_checker_catches_a_wrong_example():
    schema = resolve({"$ref": "#/components/schemas/User"}, SPEC)
    wrong = {"id": "short", "name": "Ada", "email": "not-an-email", "createdAt": "yesterday", "version": 0}
    messages = [
        error.message for error in OAS30ReadValidator(schema, format_checker=oas30_format_checker).iter_errors(wrong)
    ]
    assert len(messages) >= 4, messages
