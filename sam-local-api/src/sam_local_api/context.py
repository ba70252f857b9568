"""What the steps of the chain share about one request: the request, what each
step found (the route, the caller), and the answer once there is one."""

import time
from dataclasses import dataclass, field

from werkzeug import Request, Response

from sam_local_api.deployed import Api, ApiRoute


class ApiRequest(Request):
    """A request as SAM's event builder reads it: werkzeug's, with the matched
    rule (`endpoint`, e.g. "/pets/<petId>") and the path parameters (`view_args`)."""

    endpoint: str | None = None
    view_args: dict[str, str] | None = None


@dataclass
class Method:
    """The API's method a request is for, and the request's own HTTP method."""

    route: ApiRoute
    http_method: str

    @property
    def api(self) -> Api:
        return self.route.api


@dataclass
class Context:
    """One request's passage through the chain."""

    request: ApiRequest
    started: float = field(default_factory=time.perf_counter)
    # The API's method the route step found; None for the local pages and for paths no method has.
    method: Method | None = None
    # What the authorizer hands the function in requestContext.authorizer ({"claims": ...}).
    authorizer: dict | None = None
    # An API key an authorizer returned (usageIdentifierKey), for an API whose keys come from it.
    authorizer_api_key: str | None = None
    # Set by the step that answers; the steps after it do not run, the response steps do.
    response: Response | None = None
    # The response is the function's own proxy answer (not a refusal, not a failure).
    function_answered: bool = False
    # Said on the request's access-log line (a response violation, a function error).
    notes: list[str] = field(default_factory=list)

    @property
    def caller(self) -> str:
        """Who called, as the deployed access log's principal ($context.authorizer.claims.sub)."""
        return ((self.authorizer or {}).get("claims") or {}).get("sub", "-")


class GatewayError(Exception):
    """API Gateway answering in place of the integration: a gateway response type
    (UNAUTHORIZED, THROTTLED ...), its $context.error.message, and for the request
    validator its $context.error.validationErrorString. The gateway response step
    renders it as the API's document defines that type."""

    def __init__(
        self, response_type: str, message: str | None = None, validation_error: str = "", status: int | None = None
    ):
        super().__init__(response_type)
        self.response_type = response_type
        self.message = message
        self.validation_error = validation_error
        # For DEFAULT_5XX, which has no status of its own: the error's.
        self.status = status
