"""Read openapi.yaml and template.yaml, the two files everything else derives from."""

from functools import cache
from pathlib import Path

import yaml
from samcli.yamlhelper import yaml_parse

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_PATH = ROOT / "openapi.yaml"
TEMPLATE_PATH = ROOT / "template.yaml"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords that document a schema but take no part in validating it.
DOC_KEYWORDS = frozenset({"description", "example", "title", "readOnly", "writeOnly"})


@cache
def openapi() -> dict:
    return yaml.safe_load(OPENAPI_PATH.read_text())


@cache
def template() -> dict:
    # SAM's own parser understands CloudFormation's short forms (!Ref, !Sub ...).
    return yaml_parse(TEMPLATE_PATH.read_text())


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    """(path, METHOD, operation) for every operation the spec declares."""
    return [
        (path, method.upper(), item[method])
        for path, item in spec["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


def resolve(node, spec: dict, *, strip_docs: bool = False):
    """The node with every local $ref replaced by what it points at."""
    if isinstance(node, list):
        return [resolve(item, spec, strip_docs=strip_docs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return resolve(target, spec, strip_docs=strip_docs)
    return {
        key: resolve(value, spec, strip_docs=strip_docs)
        for key, value in node.items()
        if not (strip_docs and key in DOC_KEYWORDS)
    }


def resources(template_doc: dict, resource_type: str) -> dict[str, dict]:
    return {name: resource for name, resource in template_doc["Resources"].items() if resource["Type"] == resource_type}


def create_tables(client, table_names: dict[str, str]) -> None:
    """Create each DynamoDB table template.yaml defines, named by logical id."""
    for logical_id, resource in resources(template(), "AWS::DynamoDB::Table").items():
        props = resource["Properties"]
        client.create_table(
            TableName=table_names[logical_id],
            AttributeDefinitions=props["AttributeDefinitions"],
            KeySchema=props["KeySchema"],
            BillingMode=props["BillingMode"],
        )


def function_environment() -> dict[str, dict]:
    """Which template resource each of the function's environment variables names."""
    function = next(iter(resources(template(), "AWS::Serverless::Function").values()))
    return function["Properties"]["Environment"]["Variables"]
