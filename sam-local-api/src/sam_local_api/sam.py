"""Everything the local API takes from SAM CLI's internals, in one place.

SAM CLI has no public library API; these are the pieces `sam local start-api`
itself is built from: reading the template's stacks (parameters, Globals,
nested stacks, AWS::Include), its API routes, its functions' configuration
(code path, handler, environment with --env-vars), the proxy event a request
becomes, and the reading of a function's proxy answer. tests/test_sam_seam.py
exercises each of them, so a SAM upgrade that changes them fails there, loudly,
rather than at run time.
"""

import contextlib
import copy
import os
from pathlib import Path

# SAM CLI sends telemetry unless told not to; it has no business here.
os.environ.setdefault("SAM_CLI_TELEMETRY", "0")

from samcli.cli.types import CfnParameterOverridesType
from samcli.commands.local.lib.local_lambda import LocalLambdaRunner
from samcli.commands.local.lib.swagger.parser import SwaggerParser
from samcli.lib.config.samconfig import SamConfig
from samcli.lib.providers.api_provider import ApiProvider
from samcli.lib.providers.provider import Cors
from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.lib.telemetry.event import EventTracker
from samcli.local.apigw.event_constructor import construct_v1_event, construct_v2_event_http
from samcli.local.apigw.exceptions import LambdaResponseParseException
from samcli.local.apigw.local_apigw_service import CatchAllPathConverter, LocalApigwService
from samcli.local.apigw.path_converter import PathConverter
from samcli.local.apigw.route import Route
from samcli.local.lambdafn.config import FunctionConfig
from samcli.yamlhelper import yaml_parse
from werkzeug import Request

# SAM's service records a usage event on every request, telemetry off or not
# (60-70 us each, and a thread every 50 requests); nothing here reads them.
EventTracker.track_event = staticmethod(lambda *args, **kwargs: None)

# SAM reads an operation's security requirement as one Lambda authorizer's name and
# refuses any other shape (a Cognito scheme with scopes, an API key alongside):
# it parses routes from a copy whose requirements name only the Lambda
# authorizers. The authorizer and API key steps apply the whole requirement.
LAMBDA_AUTHORIZER_TYPES = {"token", "request"}
_sam_get_routes = SwaggerParser.get_routes


def _routes_with_lambda_authorizers_only(self, *args, **kwargs):
    whole = self.swagger
    self.swagger = lambda_authorizers_only(whole)
    try:
        return _sam_get_routes(self, *args, **kwargs)
    finally:
        self.swagger = whole


SwaggerParser.get_routes = _routes_with_lambda_authorizers_only

__all__ = [
    "HTTP",
    "REST",
    "FunctionConfig",
    "ProxyAnswerError",
    "Route",
    "SamProject",
    "api_gateway_path",
    "flask_path",
    "parameter_overrides",
    "path_converters",
    "sam_config",
    "yaml_parse",
]

# A route's kind, as SAM names them: a REST API (v1) or an HTTP API (v2).
REST, HTTP = Route.API, Route.HTTP
# A proxy answer API Gateway cannot read (not JSON, no statusCode, unknown keys).
ProxyAnswerError = LambdaResponseParseException


def lambda_authorizers_only(document: dict) -> dict:
    """The OpenAPI/Swagger document with every security requirement cut down to its Lambda authorizers."""
    schemes = {
        **document.get("securityDefinitions", {}),
        **document.get("components", {}).get("securitySchemes", {}),
    }
    lambdas = {
        name
        for name, scheme in schemes.items()
        if str(scheme.get("x-amazon-apigateway-authorizer", {}).get("type", "")).lower() in LAMBDA_AUTHORIZER_TYPES
    }
    document = copy.deepcopy(document)
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "security" in operation:
                requirements = [{k: v for k, v in r.items() if k in lambdas} for r in operation["security"]]
                operation["security"] = [r for r in requirements if r]
    return document


class SamProject:
    """A SAM template as `sam local start-api` reads it: its routes and its functions."""

    def __init__(
        self,
        template: Path,
        parameter_overrides: dict | None = None,
        env_vars: dict | None = None,
        region: str | None = None,
    ):
        template = template.resolve()
        base_dir = str(template.parent)
        # SAM resolves AWS::Include's Location against the working directory, not the template's.
        with contextlib.chdir(base_dir):
            stacks, _ = SamLocalStackProvider.get_stacks(str(template), parameter_overrides=parameter_overrides)
            self.api = ApiProvider(stacks, cwd=base_dir).api
        self.stacks = stacks
        self.routes: list[Route] = self.api.routes
        self._runner = LocalLambdaRunner(
            local_runtime=None,
            function_provider=SamFunctionProvider(stacks),
            cwd=base_dir,
            real_path=base_dir,
            aws_region=region,
            env_vars_values=env_vars or {},
        )

    @property
    def template(self) -> dict:
        """The root stack's template, parameters and Globals applied, as SAM's providers read it."""
        return self.stacks[0].template_dict

    def function_names(self) -> list[str]:
        return [function.name for function in self._runner.provider.get_all()]

    def function(self, name: str) -> FunctionConfig:
        """What Lambda would run for the function: code path, handler, timeout, memory, environment."""
        function = self._runner.provider.get(name)
        if function is None:
            raise KeyError(name)
        return self._runner.get_invoke_config(function)

    def environment(self, name: str) -> dict[str, str]:
        """The environment SAM gives the function, --env-vars applied."""
        return self.function(name).env_vars.resolve()

    def event(self, request: Request, route: Route, port: int) -> dict:
        """The proxy event API Gateway hands the route's function, as SAM builds it.
        `request` carries `endpoint` (the matched rule) and `view_args` (the path
        parameters), the two things SAM reads of a Flask request beyond werkzeug's."""
        if route.event_type == HTTP and route.payload_format_version in (None, "2.0"):
            path = PathConverter.convert_path_to_api_gateway(request.endpoint)
            route_key = "$default" if route.is_default_route else f"{request.method} {path}"
            return construct_v2_event_http(
                flask_request=request,
                port=port,
                binary_types=self.api.binary_media_types,
                stage_name=self.api.stage_name,
                stage_variables=self.api.stage_variables,
                route_key=route_key,
            )
        return construct_v1_event(
            flask_request=request,
            port=port,
            binary_types=self.api.binary_media_types,
            stage_name=self.api.stage_name,
            stage_variables=self.api.stage_variables,
            operation_name=route.operation_name if route.event_type == REST else None,
            api_type=route.event_type,
        )

    def answer(self, output: str, route: Route, request: Request) -> tuple[int, dict, str | bytes | None]:
        """(status, headers, body) of a function's proxy answer, else ProxyAnswerError."""
        if route.event_type == HTTP and route.payload_format_version in (None, "2.0"):
            return LocalApigwService._parse_v2_payload_format_lambda_output(
                output, self.api.binary_media_types, request
            )
        return LocalApigwService._parse_v1_payload_format_lambda_output(
            output, self.api.binary_media_types, request, route.event_type
        )

    def cors_headers(self, route: Route, origin: str | None) -> dict[str, str]:
        """The CORS headers SAM adds for the route's (else the API's) Cors setting."""
        cors = route.cors if route.cors is not None else self.api.cors
        return Cors.cors_to_headers(cors, origin, route.event_type) if cors else {}


def sam_config(directory: Path, filename: str | None, env: str) -> dict:
    """The `sam local start-api` parameters of the project's samconfig file (global
    ones under them), as `sam` reads them; none when there is no such file."""
    config = SamConfig(str(directory), filename)
    return config.get_all(["local", "start-api"], "parameters", env) if config.exists() else {}


def parameter_overrides(text: str) -> dict[str, str]:
    """--parameter-overrides as `sam` reads it: "Key=Value ..." or
    "ParameterKey=Key,ParameterValue=Value ..."; ValueError naming what it cannot read."""
    try:
        return dict(CfnParameterOverridesType().convert(text, None, None))
    except Exception as error:
        raise ValueError(str(error).strip() or "expected Key=Value pairs") from error


class GreedyPathConverter(CatchAllPathConverter):
    """SAM's `path` converter, for {proxy+}: one or more characters of any kind. SAM's
    own regex (.+) stops at a line break (%0A), where API Gateway's greedy path does not."""

    regex = r"(?s:.+)"
    part_isolating = False


def path_converters() -> dict:
    """The converters for rules made by SAM's path converter: `path` is a greedy {proxy+}."""
    return {"path": GreedyPathConverter}


def flask_path(api_path: str) -> str:
    """The werkzeug rule SAM makes of an API Gateway path ("/{proxy+}" -> "/<path:proxy>")."""
    return PathConverter.convert_path_to_flask(api_path)


def api_gateway_path(rule: str) -> str:
    return PathConverter.convert_path_to_api_gateway(rule)
