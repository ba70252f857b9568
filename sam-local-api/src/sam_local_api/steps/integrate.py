"""Integrate: the method's Lambda proxy integration. The request becomes the
proxy event SAM CLI builds (with what the authorizer verified in
requestContext.authorizer), the runtime runs the function, and its proxy answer
becomes the HTTP answer as SAM reads it. A function that raises, or answers what
API Gateway cannot read, is API Gateway's 502 "Internal server error"
(https://repost.aws/knowledge-center/malformed-502-api-gateway).
"""

from werkzeug import Response

from sam_local_api.context import Context, GatewayError
from sam_local_api.project import Project
from sam_local_api.runtime import FunctionError
from sam_local_api.sam import FunctionConfig, ProxyAnswerError


class Integrate:
    def __init__(self, project: Project, runtime, port: int):
        self.sam = project.sam
        self.runtime = runtime
        self.port = port
        self._functions: dict[str, FunctionConfig] = {}

    def __call__(self, context: Context) -> None:
        request, route = context.request, context.method.route
        cors = self.sam.cors_headers(route, request.headers.get("Origin"))
        if request.method == "OPTIONS" and cors:
            # The preflight of an API with Cors: answered without the function, as SAM does.
            context.response = Response("", status=200, headers=cors)
            return
        if not _is_utf8(request.get_data()):
            # No binary media types are configured: a body must be text. (SAM's
            # local service would fail to build the event and answer 502.)
            raise GatewayError("BAD_REQUEST_BODY", "Invalid request body", "[the body is not UTF-8 text]")
        event = self.sam.event(request, route, self.port)
        if context.authorizer is not None:
            event["requestContext"]["authorizer"] = context.authorizer
        try:
            output = self.runtime.invoke(self._function(route.function_name), event)
            status, headers, body = self.sam.answer(output, route, request)
        except (FunctionError, ProxyAnswerError) as error:
            context.notes.append(f" function-error {error}")
            raise GatewayError("DEFAULT_5XX", "Internal server error", status=502) from error
        response = Response(body, status=status)
        response.headers.update(headers)
        response.headers.update(cors)
        context.response = response
        context.function_answered = True

    def _function(self, name: str) -> FunctionConfig:
        config = self._functions.get(name)
        if config is None:
            config = self._functions[name] = self.sam.function(name)
        return config


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
