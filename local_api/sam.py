"""Everything the local API takes from SAM CLI's internals, in one place.

SAM CLI has no public library API; these are the classes `sam local start-api`
itself is built from. tests/local_api/test_sam_seam.py exercises each of them, so a
SAM upgrade that changes them fails there, loudly, rather than here at run time.
"""

import copy
import os
from collections.abc import Callable
from pathlib import Path

# SAM CLI sends telemetry unless told not to; it has no business here.
os.environ.setdefault("SAM_CLI_TELEMETRY", "0")

from flask import Flask
from samcli.commands.local.lib.local_lambda import LocalLambdaRunner
from samcli.commands.local.lib.swagger.parser import SwaggerParser
from samcli.lib.providers.api_provider import ApiProvider
from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.lib.telemetry.event import EventTracker
from samcli.lib.utils.stream_writer import StreamWriter
from samcli.local.apigw.local_apigw_service import LocalApigwService
from samcli.local.apigw.path_converter import PathConverter

# SAM's service records a usage event on every request, telemetry off or not
# (60-70 us each, and a thread every 50 requests); nothing here reads them.
EventTracker.track_event = staticmethod(lambda *args, **kwargs: None)

# SAM reads an operation's security requirement as one Lambda authorizer's name and
# refuses any other shape (a Cognito scheme with scopes, an API key alongside):
# it parses routes from a copy whose requirements name only the Lambda
# authorizers it emulates. The gateway here applies the whole requirement.
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


__all__ = ["LocalApi", "StreamWriter", "flask_path"]


class LocalApi:
    """The routes of template.yaml (and the OpenAPI document it imports), served as
    `sam local start-api` serves them, with `runtime` standing in for Docker."""

    def __init__(
        self,
        template: Path,
        runtime,
        env_vars: dict | None = None,
        authorizer_context: Callable[[], dict | None] = lambda: None,
    ):
        stacks, _ = SamLocalStackProvider.get_stacks(str(template))
        base_dir = str(template.resolve().parent)
        api = ApiProvider(stacks, cwd=base_dir).api
        self.routes = api.routes
        if not self.routes:
            raise ValueError(f"{template} defines no API routes")
        self._runner = LocalLambdaRunner(
            local_runtime=runtime,
            function_provider=SamFunctionProvider(stacks),
            cwd=base_dir,
            real_path=base_dir,
            env_vars_values=env_vars or {},
        )
        self._service = LocalApigwService(api=api, lambda_runner=self._runner)
        self._with_authorizer_context(authorizer_context)
        self._service.create()

    def _with_authorizer_context(self, authorizer_context: Callable[[], dict | None]) -> None:
        """Puts what the authorizer verified for this request (`{"claims": {...}}`)
        where API Gateway puts it, `requestContext.authorizer`, in the event SAM
        builds. SAM fills it only for its Lambda authorizers; this wraps the one
        method that builds proxy events."""
        build_event = self._service._generate_lambda_event

        def event_with_authorizer(flask_request, route, method, endpoint):
            event = build_event(flask_request, route, method, endpoint)
            context = authorizer_context()
            if context is not None:
                event["requestContext"]["authorizer"] = context
            return event

        self._service._generate_lambda_event = event_with_authorizer

    def function_environment(self) -> dict[str, str]:
        """The environment SAM gives the template's function, --env-vars applied."""
        function = next(iter(self._runner.provider.get_all()))
        return self._runner.get_invoke_config(function).env_vars.resolve()

    @property
    def app(self) -> Flask:
        """The Flask app SAM builds: one rule per route, each invoking the runtime."""
        return self._service._app


def flask_path(api_path: str) -> str:
    """The Flask rule SAM makes of an API Gateway path ("/{proxy+}" -> "/<path:proxy>")."""
    return PathConverter.convert_path_to_flask(api_path)
