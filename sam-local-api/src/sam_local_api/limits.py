"""API Gateway's request limits, from the template: the stage's throttle and
each API key's usage plan (throttle and quota).

Written by hand: token buckets are a dozen lines, and no library models
API Gateway's usage plans.
"""

import threading
import time

from sam_local_api.project import Project

QUOTA_PERIOD_SECONDS = {"DAY": 86_400, "WEEK": 7 * 86_400, "MONTH": 30 * 86_400}


class TokenBucket:
    """`rate` requests a second on average, up to `burst` at once."""

    def __init__(self, rate: float, burst: int):
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._updated = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True


class Quota:
    """At most `limit` requests in each period."""

    def __init__(self, limit: int, period: str):
        self.limit = limit
        self.seconds = QUOTA_PERIOD_SECONDS[period]
        self._window = time.monotonic()
        self._used = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now - self._window >= self.seconds:
                self._window, self._used = now, 0
            if self._used >= self.limit:
                return False
            self._used += 1
            return True


class Limits:
    """The template's stage throttle and usage plan, applied to one local API."""

    def __init__(self, project: Project, api_keys: list[str], throttle: bool = True):
        settings = project.first_api().get("MethodSettings", [])
        stage = next((s for s in settings if "ThrottlingRateLimit" in s and s.get("HttpMethod") == "*"), None)
        self.stage = TokenBucket(stage["ThrottlingRateLimit"], stage["ThrottlingBurstLimit"]) if stage else None
        plans = list(project.resources("AWS::ApiGateway::UsagePlan").values())
        plan = plans[0]["Properties"] if plans else {}
        if not throttle:
            self.stage, plan = None, {}
        self.keys = {}
        for key in api_keys:
            throttle, quota = plan.get("Throttle"), plan.get("Quota")
            self.keys[key] = (
                TokenBucket(throttle["RateLimit"], throttle["BurstLimit"]) if throttle else None,
                Quota(quota["Limit"], quota["Period"]) if quota else None,
            )

    def stage_allows(self) -> bool:
        return self.stage is None or self.stage.take()

    def key_problem(self, key: str | None) -> str | None:
        """The gateway response type that refuses this key, or None to let it through."""
        if key not in self.keys:
            return "INVALID_API_KEY"
        bucket, quota = self.keys[key]
        if bucket and not bucket.take():
            return "THROTTLED"
        if quota and not quota.take():
            return "QUOTA_EXCEEDED"
        return None
