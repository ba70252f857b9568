"""Everything the local API takes from SAM CLI and its translator, in one place.

SAM CLI has no public library API; these are the pieces `sam local start-api`
itself is built from: reading the template (parameters, Globals, intrinsic
functions), its functions' configuration (code path, handler, environment with
--env-vars), the proxy event a request becomes, and the reading of a function's
proxy answer; and the SAM transform that CloudFormation runs, which turns every
SAM API into the one API Gateway imports. tests/test_sam_seam.py exercises each
of them, so an upgrade that changes them fails there, loudly, rather than at run time.
"""

import contextlib
import copy
import logging
import os
import tempfile
from pathlib import Path

import boto3

# SAM CLI sends telemetry unless told not to; it has no business here.
os.environ.setdefault("SAM_CLI_TELEMETRY", "0")

from samcli.cli.types import CfnParameterOverridesType
from samcli.commands.local.lib.local_lambda import LocalLambdaRunner
from samcli.lib.config.samconfig import SamConfig
from samcli.lib.intrinsic_resolver.intrinsic_property_resolver import IntrinsicResolver
from samcli.lib.intrinsic_resolver.intrinsics_symbol_table import IntrinsicsSymbolTable
from samcli.lib.providers.sam_base_provider import SamBaseProvider
from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.local.apigw.event_constructor import construct_v1_event, construct_v2_event_http
from samcli.local.apigw.exceptions import LambdaResponseParseException
from samcli.local.apigw.local_apigw_service import CatchAllPathConverter, LocalApigwService
from samcli.local.apigw.path_converter import PathConverter
from samcli.local.apigw.route import Route
from samcli.local.lambdafn.config import FunctionConfig
from samcli.yamlhelper import yaml_parse
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from werkzeug import Request

__all__ = [
    "HTTP",
    "REST",
    "FunctionConfig",
    "ProxyAnswerError",
    "Route",
    "SamProject",
    "TransformError",
    "api_gateway_path",
    "conditions_applied",
    "flask_path",
    "parameter_overrides",
    "parameter_values",
    "path_converters",
    "proxy_answer",
    "proxy_event",
    "resolve_intrinsics",
    "resolve_value",
    "sam_config",
    "transform",
    "yaml_parse",
]

# A route's kind, as SAM names them: a REST API (v1) or an HTTP API (v2).
REST, HTTP = Route.API, Route.HTTP
# A proxy answer API Gateway cannot read (not JSON, no statusCode, unknown keys).
ProxyAnswerError = LambdaResponseParseException


class SamProject:
    """A SAM template's functions as `sam local` runs them."""

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
        self.stacks = stacks
        self._runner = LocalLambdaRunner(
            local_runtime=None,
            function_provider=SamFunctionProvider(stacks),
            cwd=base_dir,
            real_path=base_dir,
            aws_region=region,
            env_vars_values=env_vars or {},
        )

    def function_names(self) -> list[str]:
        return [function.name for function in self._runner.provider.get_all()]

    def function(self, name: str) -> FunctionConfig:
        """What Lambda would run for the function (by its logical id or its FunctionName):
        code path, handler, runtime, timeout, memory, layers, environment."""
        function = self._runner.provider.get(name)
        if function is None:
            raise KeyError(name)
        if function.inlinecode and not function.codeuri:
            # InlineCode: a module of its own, named as the Handler says (SAM CLI refuses it).
            folder = Path(tempfile.mkdtemp(prefix=f"inline-{function.name}-"))
            module = (function.handler or "index.handler").rpartition(".")[0] or "index"
            (folder / f"{module}.py").write_text(function.inlinecode)
            function = function._replace(codeuri=str(folder), inlinecode=None)
        if not function.codeuri:
            return self._runner.get_invoke_config(function._replace(codeuri=".", packagetype="Image"))
        return self._runner.get_invoke_config(function)

    def environment(self, name: str) -> dict[str, str]:
        """The environment SAM gives the function, --env-vars applied."""
        return self.function(name).env_vars.resolve()


def proxy_event(
    request: Request,
    *,
    kind: str,
    payload_format_version: str | None,
    operation_name: str | None,
    default_route: bool,
    binary_types: list[str],
    stage_name: str,
    stage_variables: dict,
    port: int,
) -> dict:
    """The proxy event API Gateway hands a Lambda integration, as SAM builds it. `request`
    carries `endpoint` (the matched rule) and `view_args` (the path parameters), the two
    things SAM reads of a Flask request beyond werkzeug's."""
    if kind == HTTP and payload_format_version in (None, "2.0"):
        path = PathConverter.convert_path_to_api_gateway(request.endpoint)
        event = construct_v2_event_http(
            flask_request=request,
            port=port,
            binary_types=binary_types,
            stage_name=stage_name,
            stage_variables=stage_variables or None,
            route_key="$default" if default_route else f"{request.method} {path}",
        )
        # Payload 2.0 has its header names lower-cased, which SAM's builder does not do:
        # https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
        event["headers"] = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
        return event
    return construct_v1_event(
        flask_request=request,
        port=port,
        binary_types=binary_types,
        stage_name=stage_name,
        stage_variables=stage_variables or None,
        operation_name=operation_name if kind == REST else None,
        api_type=kind,
    )


def proxy_answer(
    output: str, request: Request, *, kind: str, payload_format_version: str | None, binary_types: list[str]
) -> tuple[int, dict, str | bytes | None]:
    """(status, headers, body) of a function's proxy answer, as SAM reads it; else ProxyAnswerError."""
    if kind == HTTP and payload_format_version in (None, "2.0"):
        return LocalApigwService._parse_v2_payload_format_lambda_output(output, binary_types, request)
    return LocalApigwService._parse_v1_payload_format_lambda_output(output, binary_types, request, kind)


class TransformError(Exception):
    """The SAM transform refused the template; the message is its own, as `sam validate` would say it."""


def parameter_values(template: dict, overrides: dict, region: str) -> dict:
    """The template's parameters as `sam local` gives them: overrides, else defaults; and the
    pseudo parameters (AWS::Region, AWS::AccountId 123456789012, AWS::StackName local ...)."""
    values = SamBaseProvider._get_parameter_values(template, overrides)
    values["AWS::Region"] = region
    return values


def transform(template: dict, parameters: dict, region: str) -> dict:
    """The CloudFormation template AWS will deploy: SAM's transform (samtranslator, the code
    CloudFormation runs for AWS::Serverless-2016-10-31) applied to the template."""
    # The transform warns of feature toggles it has no configuration for: nothing to act on here.
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    translator = Translator(managed_policy_map={}, sam_parser=Parser(), boto_session=boto3.Session(region_name=region))
    try:
        return translator.translate(copy.deepcopy(template), parameter_values=dict(parameters))
    except InvalidDocumentException as error:
        raise TransformError("; ".join(str(cause) for cause in error.causes)) from error


# The value that takes a property, or a list item, out of the template.
NO_VALUE = {"Ref": "AWS::NoValue"}


def conditions_applied(template: dict, values: dict) -> dict:
    """The template as CloudFormation creates it: a resource whose Condition is false left
    out, each Fn::If whose condition is known replaced by its branch, and AWS::NoValue taking
    its property away (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html,
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-novalue).
    By hand: SAM CLI's resolver evaluates a condition but keeps every resource, and leaves an
    Fn::If with an AWS::NoValue branch unresolved. A condition it cannot evaluate counts as true."""
    symbols = IntrinsicsSymbolTable(logical_id_translator=values, template=template)
    resolver = IntrinsicResolver(template=template, symbol_resolver=symbols)
    known = {}
    for name, expression in (template.get("Conditions") or {}).items():
        with contextlib.suppress(Exception):
            truth = resolver.intrinsic_property_resolver(copy.deepcopy(expression), ignore_errors=False)
            if isinstance(truth, bool):
                known[name] = truth
    applied = dict(template)
    applied["Resources"] = {
        name: _branches_chosen(resource, known)
        for name, resource in (template.get("Resources") or {}).items()
        if known.get(resource.get("Condition"), True)
    }
    return applied


def _branches_chosen(node, known: dict):
    if isinstance(node, list):
        return [chosen for item in node if (chosen := _branches_chosen(item, known)) != NO_VALUE]
    if not isinstance(node, dict):
        return node
    branches = node.get("Fn::If") if len(node) == 1 else None
    if isinstance(branches, list) and len(branches) == 3 and branches[0] in known:
        return _branches_chosen(branches[1] if known[branches[0]] else branches[2], known)
    return {key: chosen for key, value in node.items() if (chosen := _branches_chosen(value, known)) != NO_VALUE}


def resolve_intrinsics(template: dict, values: dict) -> dict:
    """Every Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If ... of the template's resources resolved
    as `sam local` resolves them: `values` first (parameters, pseudo parameters, and logical
    ids as {"Ref": ..., "Arn": ...}), then a resource's logical id for its Ref and a made-up ARN."""
    symbols = IntrinsicsSymbolTable(logical_id_translator=values, template=template)
    resolver = IntrinsicResolver(template=template, symbol_resolver=symbols)
    template["Resources"] = _sub_variables_given(template.get("Resources", {}), resolver)
    # A resolver reads the template's resources when it is made: another, for the ones just changed.
    return IntrinsicResolver(template=template, symbol_resolver=symbols).resolve_template(ignore_errors=True)


def _sub_variables_given(node, resolver):
    """Fn::Sub's second form, ["...${Name}...", {"Name": value}], with each variable's value put in.
    SAM CLI's resolver finds only names of letters, digits and dots, and takes a variable's
    resolved value for a logical id (so "${__FunctionArn__}" of SAM's own authorizers stays)."""
    if isinstance(node, list):
        return [_sub_variables_given(item, resolver) for item in node]
    if not isinstance(node, dict):
        return node
    sub = node.get("Fn::Sub") if len(node) == 1 else None
    if isinstance(sub, list) and len(sub) == 2 and isinstance(sub[0], str) and isinstance(sub[1], dict):
        text = sub[0]
        for name, value in sub[1].items():
            resolved = resolver.intrinsic_property_resolver(_sub_variables_given(value, resolver), ignore_errors=True)
            if isinstance(resolved, str | int | float):
                text = text.replace("${" + name + "}", str(resolved))
        return {"Fn::Sub": text}
    return {key: _sub_variables_given(value, resolver) for key, value in node.items()}


def resolve_value(value, values: dict):
    """One value (a document, say) with its CloudFormation functions resolved as resolve_intrinsics does."""
    return resolve_intrinsics({"Resources": {"Value": value}}, values)["Resources"]["Value"]


def sam_config(directory: Path, filename: str | None, env: str) -> dict:
    """The `sam local start-api` parameters of the project's samconfig file (global
    ones under them), as `sam` reads them; none when there is no such file."""
    config = SamConfig(str(directory), filename)
    return config.get_all(["local", "start-api"], "parameters", env) if config.exists() else {}


def parameter_overrides(text) -> dict[str, str]:
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
