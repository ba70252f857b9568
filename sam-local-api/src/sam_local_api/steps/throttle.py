"""Throttle: the stage's rate (its MethodSettings, the most specific that matches
the method), counted for every request the stage routes, anonymous or not."""

from sam_local_api.context import Context, GatewayError
from sam_local_api.limits import Limits
from sam_local_api.sam import HTTP


class Throttle:
    def __init__(self, limits: Limits):
        self.limits = limits

    def __call__(self, context: Context) -> None:
        route = context.method.route
        if not self.limits.allows(route.api, route.path, context.method.http_method):
            raise GatewayError("HTTP_TOO_MANY_REQUESTS" if route.api.kind == HTTP else "THROTTLED")
