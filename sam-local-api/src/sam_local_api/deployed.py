"""The template's APIs as AWS will deploy them.

Every way SAM declares an API (events on functions, AWS::Serverless::Api and
HttpApi, inline or included or separate definitions, Swagger 2.0 or OpenAPI 3,
Auth, Cors, Models, usage plans) comes out of SAM's transform as the one form
API Gateway imports: a REST API's or HTTP API's Body, with its stage and usage
plans beside it. Read from there, one reading serves them all, and it is the
API AWS will run. Before the transform, what CloudFormation does first is done
here (AWS::Include inlined) and what the local API cannot upload is set aside
(local code and definitions, which the transform wants in S3); after it, every
CloudFormation function is resolved as `sam local` resolves them, with the
template's user pool and client standing for the local ones.
"""

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sam_local_api.openapi import HTTP_METHODS
from sam_local_api.resources import http_body, rest_body
from sam_local_api.sam import (
    HTTP,
    REST,
    conditions_applied,
    resolve_intrinsics,
    resolve_value,
    transform,
    yaml_parse,
)

# What the transform wants in S3, and the local API does not need from it: functions run from their folders.
PLACEHOLDER_S3 = "s3://sam-local-api/{}"
UPLOADED = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Serverless::StateMachine": "DefinitionUri",
}
ANY = "x-amazon-apigateway-any-method"
ANY_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


class DefinitionError(Exception):
    """The template cannot be read as AWS would deploy it; the message says where and why."""


@dataclass
class Api:
    """One API as API Gateway runs it: its definition and its stage."""

    logical_id: str
    kind: str  # REST or HTTP
    body: dict
    stage_name: str
    stage_variables: dict = field(default_factory=dict)
    binary_media_types: list[str] = field(default_factory=list)
    # REST: the stage's MethodSettings; HTTP: [{"HttpMethod": "*", "ResourcePath": "/*", ...}] from its route settings.
    method_settings: list[dict] = field(default_factory=list)
    # The usage plans of the API's stage: (Throttle, Quota, [literal key values]).
    usage_plans: list[tuple[dict | None, dict | None, list[str]]] = field(default_factory=list)

    @property
    def cors(self) -> dict | None:
        """An HTTP API's CORS configuration (x-amazon-apigateway-cors), if it has one."""
        return self.body.get("x-amazon-apigateway-cors") if self.kind == HTTP else None


@dataclass
class ApiRoute:
    """One method of an API: where API Gateway sends a request for it."""

    api: Api
    path: str  # as API Gateway writes it (/pets/{petId}, /{proxy+}, $default)
    methods: tuple[str, ...]  # the HTTP methods it takes (ANY: all seven)
    operation: dict  # the OpenAPI operation, extensions included
    operation_key: str  # the key of the operation in its path item (get, x-amazon-apigateway-any-method ...)

    @property
    def key(self) -> tuple[str, str, str]:
        """What names the method among every API's: (API, path, operation key)."""
        return (self.api.logical_id, self.path, self.operation_key)

    @property
    def default(self) -> bool:
        """An HTTP API's $default route: what no other route takes."""
        return self.path == "$default"

    @property
    def integration(self) -> dict:
        return self.operation.get("x-amazon-apigateway-integration") or {}

    @property
    def integration_type(self) -> str:
        """aws_proxy, mock, http_proxy ...; an HTTP API's AWS service integration by its subtype (SQS-SendMessage)."""
        subtype = self.integration.get("integrationSubtype")
        return str(subtype) if subtype else str(self.integration.get("type", "")).lower()

    @property
    def function(self) -> str | None:
        """The Lambda function a proxy integration invokes, by the name its ARN gives it."""
        if self.integration_type != "aws_proxy":
            return None
        return function_name(self.integration.get("uri"))

    @property
    def payload_format_version(self) -> str | None:
        return self.integration.get("payloadFormatVersion") if self.api.kind == HTTP else None


def read(template_path: Path, template: dict, values: dict, region: str, symbols: dict) -> dict:
    """The template as AWS will deploy it, every CloudFormation function resolved. `values` are
    the parameters' (sam.parameter_values); `symbols` names what a logical id stands for
    locally ({"UserPool": {"Ref": "us-east-1_local", "Arn": ...}})."""
    prepared = _prepared(template, template_path.parent, values)
    try:
        deployed = transform(prepared, values, region)
    except Exception as error:
        raise DefinitionError(f"the SAM transform refused it: {error}") from error
    # Once more after the transform: SAM writes a conditional function's events into the API's
    # definition as Fn::If branches of the function's condition.
    return resolve_intrinsics(conditions_applied(deployed, values), {**values, **symbols})


def apis(deployed: dict) -> list[Api]:
    resources = deployed.get("Resources", {})
    found = []
    for logical_id, resource in resources.items():
        kind = {"AWS::ApiGateway::RestApi": REST, "AWS::ApiGatewayV2::Api": HTTP}.get(resource.get("Type"))
        properties = resource.get("Properties", {})
        if kind is None or properties.get("ProtocolType") == "WEBSOCKET":
            continue
        body = properties.get("Body")
        if not isinstance(body, dict):
            # Methods or routes declared as resources (or an HTTP API's quick create).
            body = rest_body(resources, logical_id) if kind == REST else http_body(resources, logical_id)
        if kind == REST:
            stage = _stage(resources, "AWS::ApiGateway::Stage", "RestApiId", logical_id)
            settings = stage.get("MethodSettings", [])
            binary = properties.get("BinaryMediaTypes") or body.get("x-amazon-apigateway-binary-media-types", [])
        else:
            stage = _stage(resources, "AWS::ApiGatewayV2::Stage", "ApiId", logical_id)
            default = stage.get("DefaultRouteSettings") or {}
            settings = [{"HttpMethod": "*", "ResourcePath": "/*", **default}] if default else []
            binary = []
        found.append(
            Api(
                logical_id=logical_id,
                kind=kind,
                body=body,
                stage_name=stage.get("StageName", "$default" if kind == HTTP else "Prod"),
                stage_variables=stage.get("Variables") or stage.get("StageVariables") or {},
                binary_media_types=list(binary),
                method_settings=settings,
                usage_plans=_usage_plans(resources, logical_id),
            )
        )
    return found


def routes(api: Api) -> list[ApiRoute]:
    """Every method of the API that has an integration, in the order of its document."""
    found = []
    for path, item in api.body.get("paths", {}).items():
        for key, operation in item.items():
            if not isinstance(operation, dict) or "x-amazon-apigateway-integration" not in operation:
                continue
            if key == ANY:
                methods = ANY_METHODS
            elif key in HTTP_METHODS:
                methods = (key.upper(),)
            else:
                continue
            found.append(ApiRoute(api, path, methods, operation, key))
    return found


def function_name(uri) -> str | None:
    """A Lambda integration's function, from its URI
    (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations),
    or from a function ARN alone (an HTTP API's integration may give one); an alias or version dropped."""
    if not isinstance(uri, str):
        return None
    arn = uri.split("/functions/", 1)[1].removesuffix("/invocations") if "/functions/" in uri else uri
    parts = arn.split(":")
    if len(parts) >= 7 and parts[2] == "lambda" and parts[5] == "function":
        return parts[6]
    return None


def _prepared(template: dict, directory: Path, values: dict) -> dict:
    """The template as the transform takes it from CloudFormation: includes inlined,
    parameters given their values, local definitions read, local code set aside,
    what needs AWS left out."""
    prepared = _parameters_resolved(_inlined(copy.deepcopy(template), directory), values)
    shared = (prepared.get("Globals") or {}).get("Function") or {}
    if _local(shared.get("CodeUri")):
        shared["CodeUri"] = PLACEHOLDER_S3.format("Globals")
    resources = prepared.get("Resources", {})
    for name, resource in list(resources.items()):
        kind, properties = resource.get("Type"), resource.setdefault("Properties", {})
        code = properties.get(UPLOADED.get(kind, ""))
        no_code = kind == "AWS::Serverless::Function" and not any(
            properties.get(key) or shared.get(key) for key in ("CodeUri", "InlineCode", "ImageUri")
        )
        if kind in UPLOADED and (_local(code) or no_code):
            # `sam` takes a function without CodeUri from the template's folder.
            properties[UPLOADED[kind]] = PLACEHOLDER_S3.format(name)
        if kind == "AWS::Serverless::Function":
            # Roles and policies are IAM's business, not the API's; managed policies would need AWS to name them.
            properties.pop("Policies", None)
        if kind == "AWS::Serverless::HttpApi":
            for authorizer in ((properties.get("Auth") or {}).get("Authorizers") or {}).values():
                version = authorizer.get("AuthorizerPayloadFormatVersion") if isinstance(authorizer, dict) else None
                if isinstance(version, int | float):
                    # Written unquoted (2.0): CloudFormation hands the transform a string.
                    authorizer["AuthorizerPayloadFormatVersion"] = f"{float(version):.1f}"
        if kind in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi"):
            uri = properties.get("DefinitionUri")
            if isinstance(uri, str) and not uri.startswith("s3://"):
                properties["DefinitionBody"] = _document(directory / uri)
                del properties["DefinitionUri"]
        if kind == "AWS::Serverless::Application":
            # A nested application comes from the Serverless Application Repository or S3.
            del resources[name]
    return prepared


def _parameters_resolved(node, values: dict):
    """Every Ref to a parameter (or a pseudo parameter) given its value, as CloudFormation
    does before a transform runs; Refs to resources stay, for the transform to read."""
    if isinstance(node, list):
        return [_parameters_resolved(item, values) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1 and isinstance(node.get("Ref"), str) and node["Ref"] in values:
        return resolve_value(node, values)
    return {key: _parameters_resolved(value, values) for key, value in node.items()}


def _local(location) -> bool:
    """A code or definition location in this checkout (a path), not in S3."""
    return isinstance(location, str) and not location.startswith("s3://")


def _inlined(node, directory: Path):
    """Every AWS::Include replaced by the document it names, as CloudFormation does before the SAM transform."""
    if isinstance(node, list):
        return [_inlined(item, directory) for item in node]
    if not isinstance(node, dict):
        return node
    include = node.get("Fn::Transform") if len(node) == 1 else None
    if isinstance(include, dict) and include.get("Name") == "AWS::Include":
        location = include.get("Parameters", {}).get("Location")
        if not isinstance(location, str) or location.startswith("s3://"):
            raise DefinitionError(f"AWS::Include of {location}: only a local file can be included locally")
        return _inlined(_document(directory / location), directory)
    return {key: _inlined(value, directory) for key, value in node.items()}


def _document(path: Path) -> dict:
    try:
        document = yaml_parse(path.read_text())
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise DefinitionError(f"{path.name}: {str(error).strip().splitlines()[0]}") from error
    if not isinstance(document, dict):
        raise DefinitionError(f"{path.name}: not an OpenAPI document")
    return document


def _stage(resources: dict, kind: str, api_property: str, api: str) -> dict:
    return next(
        (
            resource.get("Properties", {})
            for resource in resources.values()
            if resource.get("Type") == kind and resource.get("Properties", {}).get(api_property) == api
        ),
        {},
    )


def _usage_plans(resources: dict, api: str) -> list[tuple[dict | None, dict | None, list[str]]]:
    keys = {
        name: r.get("Properties", {}) for name, r in resources.items() if r.get("Type") == "AWS::ApiGateway::ApiKey"
    }
    plans = []
    for name, resource in resources.items():
        properties = resource.get("Properties", {})
        if resource.get("Type") != "AWS::ApiGateway::UsagePlan":
            continue
        if not any(stage.get("ApiId") == api for stage in properties.get("ApiStages", [])):
            continue
        values = [
            keys[link["Properties"]["KeyId"]]["Value"]
            for link in resources.values()
            if link.get("Type") == "AWS::ApiGateway::UsagePlanKey"
            and link.get("Properties", {}).get("UsagePlanId") == name
            and isinstance(keys.get(link["Properties"].get("KeyId"), {}).get("Value"), str)
        ]
        plans.append((properties.get("Throttle"), properties.get("Quota"), values))
    return plans
