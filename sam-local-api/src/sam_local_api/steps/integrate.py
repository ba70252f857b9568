"""Integrate: the method's integration.

- A Lambda proxy integration: the request becomes the proxy event SAM CLI
  builds (with what the authorizer found in requestContext.authorizer), the
  runtime runs the function, and its proxy answer becomes the HTTP answer as
  SAM reads it. A function that raises, times out, or answers what API Gateway
  cannot read is a 502 {"message": "Internal server error"} on a REST API
  (https://repost.aws/knowledge-center/malformed-502-api-gateway) and a 500
  {"message":"Internal Server Error"} on an HTTP API
  (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
  An integration that outlasts its timeout (29 s on REST, 30 s on HTTP, unless
  timeoutInMillis says otherwise) is a 504 "Endpoint request timed out" on REST
  (INTEGRATION_TIMEOUT) and a 503 {"message":"Service Unavailable"} on HTTP
  (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
  https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
- A mock integration (what SAM's Cors makes of a preflight, for one): mock.py's
  MockIntegration.
- Any other integration is not emulated: a 501 naming it, and a warning at start.
"""

import json

from werkzeug import Response

from sam_local_api.context import Context, GatewayError
from sam_local_api.mock_integration import MockIntegration
from sam_local_api.project import Project
from sam_local_api.runtime import FunctionError, FunctionTimeout, IntegrationTimeout
from sam_local_api.sam import HTTP, REST, FunctionConfig, ProxyAnswerError, proxy_answer, proxy_event

TENANT_PARAMETER = "integration.request.header.X-Amz-Tenant-Id"
# API Gateway's integration timeouts, in milliseconds, when the integration sets none.
INTEGRATION_TIMEOUT_MS = {REST: 29_000, HTTP: 30_000}


class Integrate:
    def __init__(self, project: Project, runtime, port: int):
        self.project = project
        self.runtime = runtime
        self.port = port
        self.mocks = {
            route.key: MockIntegration(route.integration)
            for route in project.routes
            if route.integration_type == "mock"
        }
        self._functions: dict[str, FunctionConfig] = {}
        shared = project.template.get("Globals", {}).get("Function", {}).get("TenancyConfig") or {}
        self.isolated = {
            name
            for name, resource in project.resources("AWS::Serverless::Function").items()
            if ((resource.get("Properties") or {}).get("TenancyConfig") or shared).get("TenantIsolationMode")
            == "PER_TENANT"
        }

    def __call__(self, context: Context) -> None:
        route = context.method.route
        kind = route.integration_type
        if kind == "aws_proxy":
            self._lambda(context)
        elif kind == "mock":
            context.response = self.mocks[route.key].answer(context.request)
        else:
            message = f"sam-local-api does not emulate {kind or 'this'} integrations ({route.path})"
            context.notes.append(f" not-emulated {kind} integration")
            context.response = Response(json.dumps({"message": message}), status=501, mimetype="application/json")

    def _lambda(self, context: Context) -> None:
        request, route, api = context.request, context.method.route, context.method.api
        if not _is_utf8(request.get_data()) and not api.binary_media_types:
            # No binary media types: a body must be text. (SAM's event builder would fail on it.)
            raise GatewayError("BAD_REQUEST_BODY", "Invalid request body", "[the body is not UTF-8 text]")
        event = proxy_event(
            request,
            kind=api.kind,
            payload_format_version=route.payload_format_version,
            operation_name=route.operation.get("operationId"),
            default_route=route.default,
            binary_types=api.binary_media_types,
            stage_name=api.stage_name,
            stage_variables=api.stage_variables,
            port=self.port,
        )
        if context.authorizer is not None:
            event["requestContext"]["authorizer"] = context.authorizer
        timeout_ms = route.integration.get("timeoutInMillis") or INTEGRATION_TIMEOUT_MS[api.kind]
        function = self._function(route.function)
        if not str(function.runtime or "python").startswith("python"):
            message = f"sam-local-api runs Python functions only, not {function.runtime} ({function.name})"
            context.response = Response(json.dumps({"message": message}), status=501, mimetype="application/json")
            return
        tenant = _tenant(context) if route.function in self.isolated else None
        if route.function in self.isolated and tenant is None:
            # Lambda refuses to invoke a tenant-isolated function without a tenant
            # (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-invoke.html):
            # the integration fails, which API Gateway answers with its own 500.
            context.notes.append(" no-tenant: the integration maps no X-Amz-Tenant-Id for a tenant-isolated function")
            if api.kind == HTTP:
                raise GatewayError("HTTP_INTERNAL_SERVER_ERROR")
            raise GatewayError("DEFAULT_5XX", "Internal server error", status=500)
        try:
            output = self.runtime.invoke(function, event, timeout_ms / 1000, tenant_id=tenant)
            status, headers, body = proxy_answer(
                output,
                request,
                kind=api.kind,
                payload_format_version=route.payload_format_version,
                binary_types=api.binary_media_types,
            )
        except IntegrationTimeout as error:
            context.notes.append(f" integration-timeout {error}")
            if api.kind == HTTP:
                raise GatewayError("HTTP_SERVICE_UNAVAILABLE") from error
            raise GatewayError("INTEGRATION_TIMEOUT", "Endpoint request timed out") from error
        except (FunctionError, FunctionTimeout, ProxyAnswerError) as error:
            context.notes.append(f" function-error {error}")
            if api.kind == HTTP:
                raise GatewayError("HTTP_INTERNAL_SERVER_ERROR") from error
            raise GatewayError("DEFAULT_5XX", "Internal server error", status=502) from error
        response = Response(body, status=status)
        response.headers.update(headers)
        context.response = response
        context.function_answered = True

    def _function(self, name: str) -> FunctionConfig:
        config = self._functions.get(name)
        if config is None:
            config = self._functions[name] = self.project.sam.function(name)
        return config


def _tenant(context: Context) -> str | None:
    """The tenant of a tenant-isolated invocation: the X-Amz-Tenant-Id header Lambda reads, as
    the integration maps it, and only so: "you must configure API Gateway to map client
    request properties to the X-Amz-Tenant-Id header" from a header, a query string or a
    path parameter (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-invoke.html),
    or another source a mapping may name: a 'static value', a stage variable, what the
    authorizer returned (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping-sources.html).
    None when it maps none, or its source is missing."""
    request, route = context.request, context.method.route
    source = (route.integration.get("requestParameters") or {}).get(TENANT_PARAMETER)
    if not isinstance(source, str):
        return None
    if len(source) >= 2 and source[0] == source[-1] == "'":
        return source[1:-1] or None
    for prefix, values in (
        ("method.request.header.", request.headers),
        ("method.request.querystring.", request.args),
        ("method.request.path.", request.view_args or {}),
        ("stageVariables.", route.api.stage_variables),
        ("context.authorizer.", context.authorizer or {}),
    ):
        if source.startswith(prefix):
            name = source.removeprefix(prefix)
            # What the authorizer returned is a tree (context.authorizer.claims.sub); the rest are flat.
            value = values
            for part in name.split(".") if prefix == "context.authorizer." else [name]:
                value = value.get(part) if hasattr(value, "get") else None
            return str(value) if value not in (None, "") else None
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
