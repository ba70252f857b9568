"""Route: the API's method for the request's path and HTTP method.

A path or method no API has is API Gateway's own answer: on a REST API the
MISSING_AUTHENTICATION_TOKEN gateway response, 403 "Missing Authentication
Token" (https://repost.aws/knowledge-center/api-gateway-authentication-token-errors);
on an HTTP API 404 {"message":"Not Found"}
(https://dev.to/aws-builders/better-error-messages-for-non-existing-api-resources-with-amazon-api-gateway-50pb).
Paths match as routing.py's RouteTable says; the request's size was checked first
(steps/request_limits.py).
"""

from sam_local_api.context import Context, GatewayError, Method
from sam_local_api.project import Project
from sam_local_api.routing import RouteTable
from sam_local_api.sam import HTTP


class Route:
    def __init__(self, project: Project, table: RouteTable):
        self.project = project
        self.table = table

    def __call__(self, context: Context) -> None:
        request = context.request
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
