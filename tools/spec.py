"""Read openapi.yaml and template.yaml, the two files everything else derives from.

The function's own tests read them through here too, so nothing here needs SAM
CLI (the import contract in pyproject.toml holds that). What any OpenAPI document
is read for (its operations, its $refs, its Cognito schemes) is the local API's
reader, sam_local_api.openapi, which imports nothing: one reader for both.
"""

from functools import cache
from pathlib import Path

import yaml
from sam_local_api.openapi import DOC_KEYWORDS, HTTP_METHODS, cognito_schemes, operations, resolve

__all__ = ["DOC_KEYWORDS", "HTTP_METHODS", "cognito_schemes", "operations", "resolve"]

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_PATH = ROOT / "openapi.yaml"
TEMPLATE_PATH = ROOT / "template.yaml"


@cache
def openapi(path: Path = OPENAPI_PATH) -> dict:
    return yaml.safe_load(path.read_text())


@cache
def template(path: Path = TEMPLATE_PATH) -> dict:
    # cfn-lint's parser understands CloudFormation's short forms (!Ref, !Sub ...). Imported here:
    # cfn-lint's import takes seconds, and what reads openapi.yaml alone need not pay them.
    from cfnlint.decode.cfn_yaml import loads as cfn_yaml

    return cfn_yaml(path.read_text())


def waf_rates_lifted(path: Path = TEMPLATE_PATH) -> list[str]:
    """sam-local-api's flags that lift the template's WAF rate limits (its Waf* number
    parameters, at WAF's largest limit, 2,000,000,000), the stage's throttle kept. WAF
    counts over 5 minutes per address, token and API key, and a test session or a
    contract run sends thousands of requests from one address with one key; what is
    not about those rates lifts them."""
    parameters = template(path).get("Parameters", {})
    rates = [name for name, parameter in parameters.items() if name.startswith("Waf") and parameter["Type"] == "Number"]
    lifted = [f"{name}=2000000000" for name in rates]
    return ["--parameter-overrides", " ".join(lifted)]


def included_openapi(template_path: Path) -> Path:
    """The OpenAPI document the template's API imports with AWS::Include."""
    for api in resources(template(template_path), "AWS::Serverless::Api").values():
        include = api["Properties"].get("DefinitionBody", {}).get("Fn::Transform", {})
        if include.get("Name") == "AWS::Include":
            return template_path.parent / include["Parameters"]["Location"]
    raise ValueError(f"{template_path.name} has no API whose DefinitionBody is an AWS::Include")


def resources(template_doc: dict, resource_type: str) -> dict[str, dict]:
    return {name: resource for name, resource in template_doc["Resources"].items() if resource["Type"] == resource_type}


def resource_server_scopes(template_doc: dict) -> set[str]:
    """`identifier/scope` for every scope the template's Cognito resource servers define."""
    return {
        f"{server['Properties']['Identifier']}/{scope['ScopeName']}"
        for server in resources(template_doc, "AWS::Cognito::UserPoolResourceServer").values()
        for scope in server["Properties"].get("Scopes", [])
    }


def function_environment(template_doc: dict | None = None) -> dict[str, dict]:
    """The environment variables template.yaml gives its function, as written there."""
    function = next(iter(resources(template_doc or template(), "AWS::Serverless::Function").values()))
    return function["Properties"]["Environment"]["Variables"]
