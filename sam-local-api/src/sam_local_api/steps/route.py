"""Route: the API's method for the request's path and HTTP method.

A path or method no API has is API Gateway's own answer: on a REST API the
MISSING_AUTHENTICATION_TOKEN gateway response, 403 "Missing Authentication
Token" (https://repost.aws/knowledge-center/api-gateway-authentication-token-errors);
on an HTTP API 404 {"message":"Not Found"}
(https://dev.to/aws-builders/better-error-messages-for-non-existing-api-resources-with-amazon-api-gateway-50pb). A body
over API Gateway's 10 MB payload limit is REQUEST_TOO_LARGE
(https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html), as is a request
line and header values over its 10,240 bytes ("Total combined size of request line and
header values", same page): "HTTP header is larger than 10240 bytes." is the message
clients report (https://ntsblog.homedev.com.au/index.php/2021/03/09/aws-api-gateway-http-header-is-larger-than-10240-bytes/);
the status is documented nowhere, so the local API answers RFC 6585's 431.
Paths match as routing.py's RouteTable says.
"""

from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from sam_local_api.context import Context, GatewayError, Method
from sam_local_api.project import Project
from sam_local_api.routing import RouteTable
from sam_local_api.sam import HTTP

MAX_REQUEST_BYTES = 10 * 1024 * 1024
MAX_HEADER_BYTES = 10240


class Route:
    def __init__(self, project: Project, table: RouteTable):
        self.project = project
        self.table = table

    def __call__(self, context: Context) -> None:
        request = context.request
        if _request_line_and_header_bytes(request.environ) > MAX_HEADER_BYTES:
            raise GatewayError("DEFAULT_4XX", f"HTTP header is larger than {MAX_HEADER_BYTES} bytes.", status=431)
        request.max_content_length = MAX_REQUEST_BYTES
        try:
            request.get_data()
        except RequestEntityTooLarge as error:
            raise GatewayError("REQUEST_TOO_LARGE", "Request Too Long") from error
        except (BadRequest, OSError) as error:
            # A body its framing breaks (cut short, a bad chunk size).
            raise GatewayError("DEFAULT_4XX") from error
        route, rule, arguments = self.table.match(request)
        if route is None:
            # No such path, or no such method on it (TRACE, which no API Gateway method takes, included);
            # werkzeug lets HEAD through wherever GET goes, API Gateway does not.
            raise self.not_found()
        # A $default route's event has no path parameters (SAM's would name its rule's).
        request.endpoint, request.view_args = rule, {} if route.default else arguments
        context.method = Method(route, request.method)

    def not_found(self) -> GatewayError:
        api = self.project.default_api
        if api is not None and api.kind == HTTP:
            return GatewayError("NOT_FOUND", "Not Found")
        return GatewayError("MISSING_AUTHENTICATION_TOKEN")


def _request_line_and_header_bytes(environ: dict) -> int:
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "")
    line = f"{environ['REQUEST_METHOD']} {target} {environ.get('SERVER_PROTOCOL', '')}"
    values = [value for key, value in environ.items() if key.startswith("HTTP_")]
    values += [environ[key] for key in ("CONTENT_TYPE", "CONTENT_LENGTH") if environ.get(key)]
    return len(line.encode("latin-1", "replace")) + sum(len(value.encode("latin-1", "replace")) for value in values)
