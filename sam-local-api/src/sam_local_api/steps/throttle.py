"""Throttle: the stage's rate (MethodSettings), counted for every request the stage routes."""

from sam_local_api.context import Context, GatewayError
from sam_local_api.limits import Limits


class Throttle:
    def __init__(self, limits: Limits):
        self.limits = limits

    def __call__(self, context: Context) -> None:
        if not self.limits.stage_allows():
            raise GatewayError("THROTTLED")
