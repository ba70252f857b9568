"""Import openapi.yaml into API Gateway, offline, with LocalStack's importer, and check what it creates.

    .venv-import/bin/python -m tools.import_check      (scripts/test installs .venv-import)

The document is resolved as CloudFormation resolves it after AWS::Include (each
`Fn::Sub` becomes an ARN of the right shape), then imported in-process through
LocalStack's API Gateway provider (`ImportRestApi` with failOnWarnings), the same
request parser and handlers its server runs. Exit 1 when what it creates is not
what the document means:

- one COGNITO_USER_POOLS authorizer, from the CognitoUserPool scheme, with the
  template's pool ARN and the Authorization header as identity source; the
  oauth2 scheme makes no authorizer and does not fail the import;
- every operation's method: that authorizer, the scopes of its requirement,
  an API key exactly where the requirement names ApiKey, its request validator;
- every path's ANY method: no authorizer, no key, a MOCK integration answering
  OPTIONS 204 and every other method 405 with `Allow`;
- the request validators; every gateway response a valid PutGatewayResponse.

What it cannot prove: LocalStack is not AWS. Its importer warns about nothing,
where AWS warns about the oauth2 scheme (its import takes only apiKey-typed
schemes: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html,
quoted in https://github.com/stoplightio/spectral/issues/475; of oauth2, "a warning
message is displayed but can be ignored and the definition can be imported
successfully": https://help.talend.com/r/qKRY3I02Gk4ak5ZGUlkVTQ/7Oku255DEbONxCepEHVfOA)
and drops `example` and `readOnly` from models. A warning fails a deployment only
with FailOnWarnings, false unless set (ImportRestApi's failOnWarnings in AWS's
service model; SAM sets the RestApi's FailOnWarnings only when the template
does, and ours does not). LocalStack does not import
`x-amazon-apigateway-gateway-responses` at all, so those are checked against
AWS's service model (PutGatewayResponse's shape) and put one by one. Only a
deployment shows what AWS itself makes of the document.
"""

import json
import logging
import os
import re
import sys
from pathlib import Path

# Before LocalStack reads its configuration: it reports usage events unless told not to.
os.environ.setdefault("DISABLE_EVENTS", "1")

import yaml
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from localstack.aws.forwarder import create_aws_request_context
from localstack.aws.skeleton import Skeleton
from localstack.aws.spec import load_service
from localstack.services.apigateway.next_gen.provider import ApigatewayNextGenProvider
from localstack.services.cloudformation.engine.yaml_parser import parse_yaml
from localstack.services.moto import MotoFallbackDispatcher
from moto.core import DEFAULT_ACCOUNT_ID

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
PSEUDO_PARAMETERS = {"AWS::Partition": "aws", "AWS::Region": REGION, "AWS::AccountId": DEFAULT_ACCOUNT_ID}
# The ARN each resource type's Fn::GetAtt Arn returns, in the documented formats:
# https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html
# https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
ARN_FORMATS = {
    "AWS::Cognito::UserPool": "arn:aws:cognito-idp:{region}:{account}:userpool/{region}_{name}",
    "AWS::Serverless::Function": "arn:aws:lambda:{region}:{account}:function:{name}",
}
SUB_VARIABLE = re.compile(r"\$\{([\w:]+)(?:\.Arn)?\}")
ANY_METHOD = "x-amazon-apigateway-any-method"
# tools.spec's list; that module needs SAM CLI, which this environment does not have.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
AUTHORIZER_FIELDS = ("name", "type", "providerARNs", "identitySource")


def resolved(node, template: dict):
    """The document as CloudFormation passes it on: every Fn::Sub replaced by its value.

    Written here because no library resolves intrinsics offline; the spec uses
    only Fn::Sub of pseudo parameters, template parameters (their defaults) and
    resources' Arn.
    """
    if isinstance(node, list):
        return [resolved(item, template) for item in node]
    if not isinstance(node, dict):
        return node
    if node.keys() == {"Fn::Sub"}:
        return SUB_VARIABLE.sub(lambda match: value_of(match[1], template), node["Fn::Sub"])
    return {key: resolved(value, template) for key, value in node.items()}


def value_of(name: str, template: dict) -> str:
    if name in PSEUDO_PARAMETERS:
        return PSEUDO_PARAMETERS[name]
    if name in template.get("Parameters", {}):
        return str(template["Parameters"][name].get("Default", ""))
    resource_type = template["Resources"][name]["Type"]
    return ARN_FORMATS[resource_type].format(region=REGION, account=DEFAULT_ACCOUNT_ID, name=name)


class ApiGateway:
    """LocalStack's API Gateway provider, called in-process through the request parser its server uses."""

    def __init__(self):
        # Operations the provider leaves to moto (GetResources, ...) go to moto, as in LocalStack.
        self.skeleton = Skeleton(load_service("apigateway"), MotoFallbackDispatcher(ApigatewayNextGenProvider()))

    def __call__(self, action: str, **parameters) -> dict:
        context = create_aws_request_context("apigateway", action, parameters=parameters, region=REGION)
        # Parse the serialized HTTP request as the server does, not the parameters as given.
        context.service_request = None
        # moto files what it creates under its default account; look there too.
        context.account_id, context.region = DEFAULT_ACCOUNT_ID, REGION
        response = self.skeleton.invoke(context)
        answer = json.loads(response.data or b"{}")
        if response.status_code >= 400:
            raise RuntimeError(f"{action}: {response.status_code} {answer}")
        return answer


def gateway_response_requests(spec: dict, api_id: str) -> list[dict]:
    """One PutGatewayResponse request per entry of x-amazon-apigateway-gateway-responses."""
    return [
        {"restApiId": api_id, "responseType": response_type}
        | {key: str(value) if key == "statusCode" else value for key, value in response.items()}
        for response_type, response in spec.get("x-amazon-apigateway-gateway-responses", {}).items()
    ]


def model_problems(request: dict, shape) -> list[str]:
    """Where request breaks its input shape in AWS's service model.

    botocore's validator checks types and required members; the enums and
    patterns AWS also enforces are checked here.
    """
    try:
        validate_parameters(request, shape)
    except ParamValidationError as error:
        return [str(error)]
    problems = []
    for name, value in request.items():
        constraints = shape.members[name].metadata
        if "enum" in constraints and value not in constraints["enum"]:
            problems.append(f"{name} {value!r} is not one of {constraints['enum']}")
        if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
            problems.append(f"{name} {value!r} does not match {constraints['pattern']}")
    return problems


def mock_problems(where: str, integration: dict) -> list[str]:
    """What is wrong with an ANY method's imported integration: a MOCK, answering 204 or (by default) 405."""
    statuses = {
        pattern: response.get("statusCode")
        for pattern, response in (integration.get("integrationResponses") or {}).items()
    }
    if integration.get("type") != "MOCK" or statuses.get("204") != "204" or "405" not in statuses.values():
        imported = f"{integration.get('type')} {statuses}"
        return [f"{where}: expected a MOCK integration answering 204 and 405, imported {imported}"]
    return []


def import_problems(spec: dict, template: dict) -> tuple[list[str], dict]:
    """Every way the imported API differs from what spec means, and what was imported."""
    document = resolved(spec, template)
    gateway = ApiGateway()
    api = gateway("ImportRestApi", body=json.dumps(document).encode(), failOnWarnings=True)
    authorizers = gateway("GetAuthorizers", restApiId=api["id"]).get("item", [])
    resources = gateway("GetResources", restApiId=api["id"], embed=["methods"]).get("item", [])
    validators = gateway("GetRequestValidators", restApiId=api["id"]).get("item", [])
    problems = [f"the import warned: {warning}" for warning in api.get("warnings", [])]

    schemes = document.get("components", {}).get("securitySchemes", {})
    authorizer_schemes = {
        name: scheme
        for name, scheme in schemes.items()
        if scheme.get("x-amazon-apigateway-authorizer", {}).get("type") == "cognito_user_pools"
    }
    expected_authorizers = [
        {
            "name": name,
            "type": "COGNITO_USER_POOLS",
            "providerARNs": scheme["x-amazon-apigateway-authorizer"]["providerARNs"],
            "identitySource": f"method.request.header.{scheme['name']}",
        }
        for name, scheme in authorizer_schemes.items()
    ]
    got_authorizers = [{key: authorizer.get(key) for key in AUTHORIZER_FIELDS} for authorizer in authorizers]
    if len(expected_authorizers) != 1 or got_authorizers != expected_authorizers:
        problems.append(f"authorizers: expected {expected_authorizers}, imported {got_authorizers}")
    authorizer_ids = {authorizer["name"]: authorizer["id"] for authorizer in authorizers}
    cognito = next(iter(authorizer_schemes), None)
    validator_names = {validator["id"]: validator["name"] for validator in validators}

    expected_validators = dict(sorted(document.get("x-amazon-apigateway-request-validators", {}).items()))
    got_validators = {v["name"]: {key: v[key] for key in v if key not in ("id", "name")} for v in validators}
    got_validators = dict(sorted(got_validators.items()))
    if got_validators != expected_validators:
        problems.append(f"request validators: expected {expected_validators}, imported {got_validators}")

    by_path = {resource["path"]: resource.get("resourceMethods", {}) for resource in resources}
    for path, item in document["paths"].items():
        methods = by_path.get(path)
        if methods is None:
            problems.append(f"{path}: no resource imported")
            continue
        for name, operation in item.items():
            if name not in HTTP_METHODS and name != ANY_METHOD:
                continue
            method_name = "ANY" if name == ANY_METHOD else name.upper()
            method = methods.get(method_name)
            if method is None:
                problems.append(f"{method_name} {path}: no method imported")
                continue
            # Every operation is behind the Cognito authorizer, with the scopes its requirement names
            # for it; the ANY methods are the gateway's own answers, without a token.
            guarded = name != ANY_METHOD
            requirement = next(iter(operation.get("security", document.get("security", [])) if guarded else []), {})
            expected = {
                "authorizationType": "COGNITO_USER_POOLS" if guarded else "NONE",
                "authorizerId": authorizer_ids.get(cognito) if guarded else None,
                "authorizationScopes": requirement.get(cognito) if guarded else None,
                "apiKeyRequired": any(
                    schemes.get(scheme, {}).get("type") == "apiKey" and schemes[scheme].get("name") == "x-api-key"
                    for scheme in requirement
                ),
                "requestValidator": operation.get("x-amazon-apigateway-request-validator"),
            }
            got = {key: method.get(key) for key in expected if key != "requestValidator"}
            got["requestValidator"] = validator_names.get(method.get("requestValidatorId"))
            if got != expected:
                problems.append(f"{method_name} {path}: expected {expected}, imported {got}")
            if not guarded:
                problems += mock_problems(f"{method_name} {path}", method.get("methodIntegration", {}))

    # AWS imports x-amazon-apigateway-gateway-responses as gateway responses
    # (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html);
    # LocalStack's importer skips them, so each is held to AWS's own model of
    # PutGatewayResponse and put the way the import would.
    put_gateway_response = load_service("apigateway").operation_model("PutGatewayResponse").input_shape
    for request in gateway_response_requests(document, api["id"]):
        invalid = model_problems(request, put_gateway_response)
        problems += [f"gateway response {request['responseType']}: {problem}" for problem in invalid]
        if not invalid:
            gateway("PutGatewayResponse", **request)
    gateway_responses = gateway("GetGatewayResponses", restApiId=api["id"]).get("item", [])
    got_responses = {
        response["responseType"]: {
            key: response.get(key) for key in ("statusCode", "responseParameters", "responseTemplates")
        }
        for response in gateway_responses
        if not response.get("defaultResponse")
    }
    for request in gateway_response_requests(document, api["id"]):
        wanted = {key: request.get(key) for key in ("statusCode", "responseParameters", "responseTemplates")}
        got = got_responses.get(request["responseType"])
        if got != wanted:
            problems.append(f"gateway response {request['responseType']}: expected {wanted}, got {got}")
    return problems, {
        "api": {key: api.get(key) for key in ("id", "name", "version", "apiKeySource", "warnings")},
        "authorizers": authorizers,
        "methods": {
            f"{name} {path}": {
                key: method.get(key)
                for key in ("authorizationType", "authorizerId", "authorizationScopes", "apiKeyRequired")
            }
            | {"requestValidator": validator_names.get(method.get("requestValidatorId"))}
            for path, methods in sorted(by_path.items())
            for name, method in methods.items()
        },
        "requestValidators": validators,
        "gatewayResponses": sorted(
            f"{response['responseType']} {response.get('statusCode', '-')}"
            for response in gateway_responses
            if not response.get("defaultResponse")
        ),
    }


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.ERROR)
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    template = parse_yaml((ROOT / "template.yaml").read_text())
    problems, imported = import_problems(spec, template)
    if "--show" in argv:
        print(json.dumps(imported, indent=2))
    for problem in problems:
        print(f"import-check: {problem}", file=sys.stderr)
    outcome = "differs from openapi.yaml" if problems else "matches openapi.yaml"
    print(
        f"API Gateway import (LocalStack's importer) {outcome}: {len(imported['methods'])} methods, "
        f"{len(imported['authorizers'])} authorizer, {len(imported['gatewayResponses'])} gateway responses"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
