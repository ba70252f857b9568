"""API Gateway's request limits, from the deployed template: each stage's
throttle (its MethodSettings, the most specific that matches a method) and each
API key's usage plan (throttle and quota).
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html

Written by hand: token buckets are a dozen lines, and no library models
API Gateway's usage plans.
"""

import threading
import time

from sam_local_api.deployed import Api

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
    """The stages' throttles and the usage plans of every API, applied locally.
    `api_keys` are the local API's own keys, valid in every usage plan."""

    def __init__(self, apis: list[Api], api_keys: tuple[str, ...], throttle: bool = True):
        self.throttle = throttle
        # (API, resource path or *, HTTP method or *) -> its bucket.
        self.stage: dict[tuple[str, str, str], TokenBucket] = {}
        # API -> key -> [(bucket, quota) for each of the API's usage plans that has the key].
        self.keys: dict[str, dict[str, list[tuple[TokenBucket | None, Quota | None]]]] = {}
        for api in apis:
            for setting in api.method_settings:
                if "ThrottlingRateLimit" in setting or "ThrottlingBurstLimit" in setting:
                    path = _decoded(setting.get("ResourcePath", "/*"))
                    key = (api.logical_id, "*" if path == "/*" else path, setting.get("HttpMethod", "*"))
                    rate, burst = setting.get("ThrottlingRateLimit", 10_000), setting.get("ThrottlingBurstLimit", 5_000)
                    self.stage[key] = TokenBucket(float(rate), int(burst))
            plans = api.usage_plans or [(None, None, [])]
            keys = self.keys.setdefault(api.logical_id, {})
            for throttled, quota, values in plans:
                for key in (*api_keys, *values):
                    keys.setdefault(key, []).append(
                        (
                            TokenBucket(throttled["RateLimit"], throttled["BurstLimit"])
                            if throttled and throttle and "RateLimit" in throttled
                            else None,
                            Quota(quota["Limit"], quota["Period"]) if quota and throttle and "Limit" in quota else None,
                        )
                    )

    def allows(self, api: Api, path: str, method: str) -> bool:
        """Whether the stage's throttle lets a request for the method through (and counts it)."""
        if not self.throttle:
            return True
        for key in ((api.logical_id, path, method), (api.logical_id, path, "*"),
                    (api.logical_id, "*", method), (api.logical_id, "*", "*")):  # fmt: skip
            bucket = self.stage.get(key)
            if bucket is not None:
                return bucket.take()
        return True

    def key_problem(self, api: Api, key: str | None) -> str | None:
        """The gateway response type that refuses this key, or None to let it through."""
        plans = self.keys.get(api.logical_id, {}).get(key)
        if not plans:
            return "INVALID_API_KEY"
        for bucket, quota in plans:
            if bucket and not bucket.take():
                return "THROTTLED"
            if quota and not quota.take():
                return "QUOTA_EXCEEDED"
        return None


def _decoded(path: str) -> str:
    """A MethodSettings ResourcePath, whose slashes after the first are written ~1."""
    return path.replace("~1", "/").replace("//", "/")
