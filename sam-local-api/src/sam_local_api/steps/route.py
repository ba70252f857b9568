"""Route: the API's method for the request's path and HTTP method.

API Gateway answers a path or a method the API does not have with the
MISSING_AUTHENTICATION_TOKEN gateway response (403 "Missing Authentication
Token": https://repost.aws/knowledge-center/api-gateway-authentication-token-errors),
and a body over its 10 MB payload limit with REQUEST_TOO_LARGE
(https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
Paths match as SAM's local service matches them: werkzeug rules made from the
API Gateway paths by SAM's converter, `{proxy+}` taking one or more segments,
and a specific path before a greedy one.
"""

from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.routing import Map, Rule

from sam_local_api.context import Context, GatewayError, Method
from sam_local_api.openapi import operations
from sam_local_api.project import Project
from sam_local_api.sam import flask_path, path_converters

MAX_REQUEST_BYTES = 10 * 1024 * 1024


class Route:
    def __init__(self, project: Project):
        documented = {(path, verb): operation for path, verb, operation in operations(project.spec or {})}
        methods: dict[str, dict[str, Method]] = {}
        for route in project.sam.routes:
            rule = flask_path(route.path)
            for verb in route.methods:
                operation = documented.get((route.path, verb))
                methods.setdefault(rule, {})[verb] = Method(
                    path=route.path,
                    method=verb,
                    route=route,
                    operation=operation or {},
                    operation_path=route.path if operation is not None else None,
                )
        self.methods = methods
        # strict_slashes off, as SAM's service: /pets/ is /pets.
        self.map = Map(
            [Rule(rule, endpoint=rule, methods=list(verbs)) for rule, verbs in methods.items()],
            converters=path_converters(),
            strict_slashes=False,
        )

    def __call__(self, context: Context) -> None:
        request = context.request
        request.max_content_length = MAX_REQUEST_BYTES
        try:
            request.get_data()
        except RequestEntityTooLarge as error:
            raise GatewayError("REQUEST_TOO_LARGE", "Request Too Long") from error
        except (BadRequest, OSError) as error:
            # A body its framing breaks (cut short, a bad chunk size).
            raise GatewayError("DEFAULT_4XX") from error
        try:
            rule, arguments = self.map.bind_to_environ(request.environ).match(request.path, method=request.method)
        except HTTPException as error:
            # No such path, or no such method on it (a method no integration takes, TRACE included).
            raise GatewayError("MISSING_AUTHENTICATION_TOKEN") from error
        method = self.methods[rule].get(request.method)
        if method is None:
            # werkzeug lets HEAD through wherever GET goes; API Gateway does not.
            raise GatewayError("MISSING_AUTHENTICATION_TOKEN")
        request.endpoint, request.view_args = rule, arguments
        context.method = method
