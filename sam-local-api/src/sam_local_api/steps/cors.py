"""CORS of an HTTP API (its CorsConfiguration, x-amazon-apigateway-cors):
API Gateway answers a preflight itself, whatever the routes, and puts the CORS
headers on every answer to an allowed origin, ignoring the integration's own
(https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
A REST API's CORS is not here: SAM's transform makes it OPTIONS methods with
mock integrations, which the integrate step answers, and the function adds
its own headers to its answers.
"""

from werkzeug import Response

from sam_local_api.context import Context
from sam_local_api.project import Project


class Cors:
    """One HTTP API's CORS configuration."""

    def __init__(self, configuration: dict):
        self.origins = [origin.lower() for origin in configuration.get("allowOrigins", [])]
        self.methods = configuration.get("allowMethods", [])
        self.headers = configuration.get("allowHeaders", [])
        self.expose = configuration.get("exposeHeaders", [])
        self.max_age = configuration.get("maxAge")
        self.credentials = configuration.get("allowCredentials")

    def allowed(self, origin: str | None) -> str | None:
        """The Access-Control-Allow-Origin value for this origin, or None when it is not allowed."""
        if not origin:
            return None
        if "*" in self.origins:
            return "*" if not self.credentials else origin
        return origin if origin.lower() in self.origins else None

    def preflight(self, origin: str) -> Response:
        headers = {}
        allowed = self.allowed(origin)
        if allowed:
            headers["Access-Control-Allow-Origin"] = allowed
            if self.methods:
                headers["Access-Control-Allow-Methods"] = ",".join(self.methods)
            if self.headers:
                headers["Access-Control-Allow-Headers"] = ",".join(self.headers)
            if self.max_age is not None:
                headers["Access-Control-Max-Age"] = str(self.max_age)
            if self.credentials:
                headers["Access-Control-Allow-Credentials"] = "true"
        return Response(status=204, headers=headers)

    def decorate(self, response: Response, origin: str | None) -> None:
        for name in list(response.headers.keys()):
            if name.lower().startswith("access-control-"):
                del response.headers[name]
        allowed = self.allowed(origin)
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = allowed
            if self.expose:
                response.headers["Access-Control-Expose-Headers"] = ",".join(self.expose)
            if self.credentials:
                response.headers["Access-Control-Allow-Credentials"] = "true"


def _configured(project: Project) -> Cors | None:
    """The CORS of the project's HTTP APIs (the first that has one: one port serves them all)."""
    return next((Cors(api.cors) for api in project.apis if api.cors), None)


class CorsPreflight:
    """Before routing: a preflight (OPTIONS with Origin and Access-Control-Request-Method) is the gateway's."""

    def __init__(self, project: Project):
        self.cors = _configured(project)

    def __call__(self, context: Context) -> None:
        request = context.request
        if (
            self.cors
            and request.method == "OPTIONS"
            and request.headers.get("Origin")
            and request.headers.get("Access-Control-Request-Method")
        ):
            context.response = self.cors.preflight(request.headers["Origin"])


class CorsHeaders:
    """On every answer of the API: its own CORS headers, the integration's dropped."""

    def __init__(self, project: Project):
        self.cors = _configured(project)

    def __call__(self, context: Context) -> None:
        if self.cors and context.method is not None and context.method.api.cors:
            self.cors.decorate(context.response, context.request.headers.get("Origin"))
