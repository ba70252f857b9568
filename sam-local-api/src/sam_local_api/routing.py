"""The route table: which API method a request's path and HTTP method reach.

Paths match as SAM's local service matches them: werkzeug rules made from the
API Gateway paths by SAM's converter, `{proxy+}` taking one or more segments, a
specific path before a greedy one, and an HTTP API's $default route last.
"""

from werkzeug import Request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

from sam_local_api.deployed import ANY_METHODS, ApiRoute
from sam_local_api.project import Project
from sam_local_api.sam import flask_path, path_converters

# What SAM's service calls a $default route's rules.
DEFAULT_RULES = ("/", "/<path:any_path>")


class RouteTable:
    def __init__(self, project: Project):
        self.methods: dict[str, dict[str, ApiRoute]] = {}
        defaults = []
        for route in project.routes:
            if route.default:
                defaults.append(route)
                continue
            verbs = self.methods.setdefault(flask_path(route.path), {})
            for verb in route.methods:
                # An explicit method wins over ANY on the same path, as in API Gateway; the first API over a later one.
                if verb not in verbs or verbs[verb].operation_key == "x-amazon-apigateway-any-method":
                    verbs[verb] = route
        rules = [Rule(rule, endpoint=rule, methods=list(verbs)) for rule, verbs in self.methods.items()]
        for route in defaults[:1]:
            for rule in DEFAULT_RULES:
                self.methods[rule] = dict.fromkeys(ANY_METHODS, route)
                rules.append(Rule(rule, endpoint=rule, methods=list(ANY_METHODS)))
        # strict_slashes off, as SAM's service: /pets/ is /pets.
        self.map = Map(rules, converters=path_converters(), strict_slashes=False)

    def match(self, request: Request) -> tuple[ApiRoute | None, str | None, dict]:
        """(the route, its rule, the path's arguments); no route for a path or method no API has."""
        try:
            rule, arguments = self.map.bind_to_environ(request.environ).match(request.path, method=request.method)
        except HTTPException:
            return None, None, {}
        return self.methods[rule].get(request.method), rule, arguments
