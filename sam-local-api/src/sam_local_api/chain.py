"""API Gateway's order, in one place: the steps every request goes through.

    request limits    API Gateway's size limits, before anything reads   431, 413 REQUEST_TOO_LARGE, 400
    local pages       the user pool's endpoints (token, JWKS, SignUp/InitiateAuth), the static files
    CORS preflight    an HTTP API's preflight, answered by the gateway
    firewall          the stage's AWS WAF web ACL                       its custom response, 403 WAF_FILTERED
    route             the API's method for the path and HTTP method    403 MISSING_AUTHENTICATION_TOKEN (REST),
                                                                         404 Not Found (HTTP)
    throttle          the stage's rate                                  429
    authorize         the method's Cognito, JWT or Lambda authorizer    401, 403
    API key           the method's API key and its usage plan           403 INVALID_API_KEY, 429
    validate request  the method's request validator                    400 BAD_REQUEST_PARAMETERS/BODY
    integrate         the function (or mock integration) and its answer 502/500, 504/503
  and then, whichever step answered:
    gateway response  a refusal above, as the API's document words it
    check response    the function's answer against the response its document gives it
    CORS headers      an HTTP API's CORS headers on every answer
    access log        one line a request

Each step is a small module of steps/ with one job; they share one Context a
request. A step answers by setting `context.response`, or refuses by raising
GatewayError, which the gateway response step renders as the method's API
words it; the steps after it do not run. A step that raises anything else is a
fault of the local API: the request gets the gateway's own 500 in the API's error
shape, and its access-log line names the fault; no request ever gets werkzeug's
HTML page. The layout follows LocalStack's REST API handler chain
(localstack-core/localstack/services/apigateway/next_gen/execute_api/gateway.py)
and connexion's middleware stack.
"""

import logging
import sys

from sam_local_api import cognito
from sam_local_api.config import Config
from sam_local_api.context import ApiRequest, Context, GatewayError
from sam_local_api.limits import Limits
from sam_local_api.project import Project
from sam_local_api.routing import RouteTable
from sam_local_api.sam import HTTP
from sam_local_api.steps.access_log import AccessLog
from sam_local_api.steps.api_key import ApiKey
from sam_local_api.steps.authorize import Authorize
from sam_local_api.steps.check_response import CheckResponse
from sam_local_api.steps.cors import CorsHeaders, CorsPreflight
from sam_local_api.steps.firewall import Firewall
from sam_local_api.steps.gateway_response import GatewayResponses
from sam_local_api.steps.integrate import Integrate
from sam_local_api.steps.local_pages import LocalPages
from sam_local_api.steps.request_limits import RequestLimits
from sam_local_api.steps.route import Route
from sam_local_api.steps.throttle import Throttle
from sam_local_api.steps.validate_request import ValidateRequest

logger = logging.getLogger(__name__)


class LocalApi:
    """The project's APIs as one WSGI application, API Gateway's steps in front of their functions."""

    def __init__(self, project: Project, config: Config, runtime):
        self.project = project
        self.user_pool = cognito.user_pool(
            project, config.issuer, config.client_id, config.client_secret, config.signing_key
        )
        limits = Limits(project.apis, config.api_keys, config.throttle)
        self.gateway_responses = {api.logical_id: GatewayResponses(api.body) for api in project.apis}
        default = project.default_api
        self.default_responses = GatewayResponses(default.body if default else None)
        table = RouteTable(project)
        api_keys = ApiKey(project, limits)
        self.api_key_required = bool(api_keys.keyed)
        self.request_steps = [
            RequestLimits(),
            LocalPages(self.user_pool, config.static_dir),
            CorsPreflight(project),
            Firewall(project, table, rate_limits=config.throttle),
            Route(project, table),
            Throttle(limits),
            Authorize(project, self.user_pool, runtime, config.port, enabled=not config.disable_authorizer),
            api_keys,
            ValidateRequest(project),
            Integrate(project, runtime, config.port),
        ]
        self.response_steps = [
            CheckResponse(project, strict=config.strict_responses),
            CorsHeaders(project),
            AccessLog(sys.stderr),
        ]

    def __call__(self, environ, start_response):
        context = Context(ApiRequest(environ))
        try:
            for step in self.request_steps:
                step(context)
                if context.response is not None:
                    break
        except GatewayError as refusal:
            context.response = self._render(context, refusal)
        except Exception as fault:
            self._fail(context, fault)
        for step in self.response_steps:
            try:
                step(context)
            except Exception as fault:
                self._fail(context, fault)
        return context.response(environ, start_response)

    def _render(self, context: Context, refusal: GatewayError):
        responses = self.gateway_responses[context.method.api.logical_id] if context.method else None
        return (responses or self.default_responses).render(refusal)

    def _fail(self, context: Context, fault: Exception) -> None:
        """A step's fault: the gateway's own 500, the fault named on the access-log line
        (and its traceback with --debug)."""
        logger.debug("a step failed on %s %s", context.request.method, context.request.path, exc_info=fault)
        context.notes.append(f" local-api-fault {type(fault).__name__}: {fault}")
        api = context.method.api if context.method else self.project.default_api
        kind = "HTTP_INTERNAL_SERVER_ERROR" if api is not None and api.kind == HTTP else "DEFAULT_5XX"
        context.response = self._render(context, GatewayError(kind))
