"""AWS WAF in front of an API's stage: the web ACL the template associates with it
(AWS::WAFv2::WebACLAssociation), its rules evaluated before API Gateway sees the request.

What is emulated: rules in priority order, each Block (with its custom response, or
API Gateway's WAF_FILTERED gateway response), Allow or Count; the web ACL's default
action; rate-based rules keyed on the IP address, a constant, or custom keys (header,
query argument, method, URI path, query string, IP), counted over their evaluation
window, with their scope-down statement; and the statements that scope them: And, Or,
Not, SizeConstraint, ByteMatch and RegexMatch on a single header, the URI path, the
query string, a single query argument, the method, the body or parts of a JSON body,
after the text transformations NONE, LOWERCASE, URL_DECODE and COMPRESS_WHITE_SPACE.
https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-regex-match.html
A regular expression is PCRE's in WAF and Python's here; WAF refuses the constructs where
they differ most (backreferences, recursion, conditionals:
https://docs.aws.amazon.com/waf/latest/developerguide/waf-regex-pattern-support.html), and a
pattern Python cannot compile leaves its rule unapplied, named at start.

A rate counter keeps, per key, the times of its requests within the window (at most
twice the limit), under a 16-byte digest of the key rather than the key itself, and
forgets a key once its window has passed without a request: its memory is bounded by
the requests of the last window, whatever the keys' sizes.

What is not, each named at start (warnings()): managed and custom rule groups, IP sets,
regex sets, SQL injection and XSS detection, geography, labels, CAPTCHA and challenge.
A rate-based rule here blocks from the first request over its limit; AWS WAF counts
requests over the window and notices a rate above the limit within some seconds, so
a deployed burst gets a few more through before the block.

Written by hand: no Python library evaluates WAFv2 web ACLs.
"""

import bisect
import functools
import hashlib
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass

from werkzeug import Request

# The rule statements this module evaluates; a rule with any other is skipped, and named at start.
EVALUATED = {
    "RateBasedStatement",
    "AndStatement",
    "OrStatement",
    "NotStatement",
    "SizeConstraintStatement",
    "ByteMatchStatement",
    "RegexMatchStatement",
}
# COMPRESS_WHITE_SPACE: form feed, tab, newline, carriage return, vertical tab and the
# non-breaking space become spaces, then each run of spaces one space
# (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-transformation.html).
_WHITE_SPACE = {code: " " for code in (0x0C, 0x09, 0x0A, 0x0D, 0x0B, 0xA0)}
_SPACES = re.compile(" {2,}")
TRANSFORMATIONS = {
    "NONE": lambda text: text,
    "LOWERCASE": str.lower,
    "URL_DECODE": urllib.parse.unquote,
    "COMPRESS_WHITE_SPACE": lambda text: _SPACES.sub(" ", text.translate(_WHITE_SPACE)),
}
CONTENT_TYPES = {"APPLICATION_JSON": "application/json", "TEXT_PLAIN": "text/plain", "TEXT_HTML": "text/html"}
DEFAULT_WINDOW_SECONDS = 300
# How often a rate counter forgets the keys whose window has passed.
SWEEP_SECONDS = 10


@dataclass(frozen=True)
class Block:
    """A blocked request's answer: WAF's custom response, or (status None) the gateway's WAF_FILTERED."""

    rule: str
    status: int | None = None
    body: str = ""
    content_type: str = "text/plain"
    headers: tuple[tuple[str, str], ...] = ()


class WebAcl:
    def __init__(self, name: str, properties: dict):
        self.name = name
        self.default_block = "Block" in (properties.get("DefaultAction") or {})
        self.bodies = properties.get("CustomResponseBodies") or {}
        self.rules = []
        self.skipped = []  # (rule name, why)
        for rule in sorted(properties.get("Rules") or [], key=lambda rule: rule.get("Priority", 0)):
            unknown = _unevaluated(rule.get("Statement") or {})
            if unknown or not rule.get("Action"):
                self.skipped.append((rule.get("Name", "?"), unknown or "a rule group's override action"))
            else:
                self.rules.append(Rule(rule))

    def evaluate(self, request: Request, rate_limits: bool = True) -> Block | None:
        """The block this request meets, if any: the first rule whose statement matches
        decides (Count rules only count), else the web ACL's default action. Without
        `rate_limits`, rate-based rules are skipped."""
        for rule in self.rules:
            if (rule.rate and not rate_limits) or not rule.matches(request):
                continue
            if "Allow" in rule.action:
                return None
            if "Block" in rule.action:
                return self._block(rule.name, rule.action["Block"] or {})
        return self._block("default action", {}) if self.default_block else None

    def _block(self, rule: str, block: dict) -> Block:
        custom = block.get("CustomResponse")
        if not custom:
            return Block(rule)
        body = self.bodies.get(custom.get("CustomResponseBodyKey"), {})
        return Block(
            rule,
            int(custom["ResponseCode"]),
            body.get("Content", ""),
            CONTENT_TYPES.get(body.get("ContentType"), "text/plain"),
            tuple((header["Name"], header["Value"]) for header in custom.get("ResponseHeaders") or []),
        )


class Rule:
    def __init__(self, rule: dict):
        self.name = rule.get("Name", "?")
        self.action = rule["Action"]
        self.statement = rule["Statement"]
        rate = self.statement.get("RateBasedStatement")
        self.rate = RateCounter(rate) if rate else None

    def matches(self, request: Request) -> bool:
        return self.rate.over(request) if self.rate else matches(self.statement, request)


class RateCounter:
    """Requests per aggregation key over the window; over the limit, the rule matches."""

    def __init__(self, statement: dict):
        self.limit = int(statement["Limit"])
        self.window = int(statement.get("EvaluationWindowSec") or DEFAULT_WINDOW_SECONDS)
        self.kind = statement.get("AggregateKeyType", "IP")
        self.custom_keys = statement.get("CustomKeys") or []
        self.scope = statement.get("ScopeDownStatement")
        # Per key's digest, the times of its requests, oldest first.
        self.seen: dict[bytes, list[float]] = {}
        self._swept = time.monotonic()
        self._lock = threading.Lock()

    def over(self, request: Request) -> bool:
        if self.scope and not matches(self.scope, request):
            return False
        key = self._key(request)
        if key is None:
            # A request without every part of a custom key is not counted
            # (https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatementCustomKey.html).
            return False
        digest = hashlib.blake2b(json.dumps(key).encode(), digest_size=16).digest()
        now = time.monotonic()
        with self._lock:
            if now - self._swept >= SWEEP_SECONDS:
                self._sweep(now)
            times = self.seen.setdefault(digest, [])
            times.append(now)
            if len(times) > 2 * (self.limit + 1):
                del times[: len(times) - self.limit - 1]
            # Over the limit when the limit + 1th latest request is within the window.
            return len(times) > self.limit and now - times[-self.limit - 1] < self.window

    def _sweep(self, now: float) -> None:
        """Forget the requests older than the window, and the keys left with none."""
        for digest, times in list(self.seen.items()):
            del times[: bisect.bisect_left(times, now - self.window)]
            if not times:
                del self.seen[digest]
        self._swept = now

    def _key(self, request: Request) -> tuple | None:
        if self.kind == "CONSTANT":
            return ()
        if self.kind == "IP":
            return (request.remote_addr,)
        parts = []
        for key in self.custom_keys:
            ((kind, spec),) = key.items()
            value = _key_part(kind, spec, request)
            if value is None:
                return None
            parts.append(_transformed(value, spec.get("TextTransformations")))
        return tuple(parts)


def _key_part(kind: str, spec: dict, request: Request) -> str | None:
    if kind == "Header":
        return request.headers.get(spec["Name"])
    if kind == "QueryArgument":
        return request.args.get(spec["Name"])
    return {
        "IP": request.remote_addr,
        "HTTPMethod": request.method,
        "UriPath": request.path,
        "QueryString": request.query_string.decode("latin-1") or None,
    }.get(kind)


def matches(statement: dict, request: Request) -> bool:
    ((kind, spec),) = statement.items()
    if kind == "AndStatement":
        return all(matches(inner, request) for inner in spec["Statements"])
    if kind == "OrStatement":
        return any(matches(inner, request) for inner in spec["Statements"])
    if kind == "NotStatement":
        return not matches(spec["Statement"], request)
    values = [_transformed(value, spec.get("TextTransformations")) for value in _fields(spec["FieldToMatch"], request)]
    if kind == "SizeConstraintStatement":
        size, operator = int(spec["Size"]), spec["ComparisonOperator"]
        return any(_compare(len(value.encode()), operator, size) for value in values)
    if kind == "RegexMatchStatement":
        pattern = _regex(spec["RegexString"])
        return any(pattern.search(value) for value in values)
    search, position = spec["SearchString"], spec["PositionalConstraint"]
    return any(_positioned(value, search, position) for value in values)


def _fields(field: dict, request: Request) -> list[str]:
    """The parts of the request a statement inspects; none when the request has no such part."""
    ((kind, spec),) = field.items()
    if kind == "SingleHeader":
        value = request.headers.get(spec["Name"])
        return [] if value is None else [value]
    if kind == "SingleQueryArgument":
        return request.args.getlist(spec["Name"])
    if kind == "JsonBody":
        return _json_values(request.get_data(as_text=True), spec)
    return {
        "UriPath": [request.path],
        "QueryString": [request.query_string.decode("latin-1")],
        "Method": [request.method],
        "Body": [request.get_data(as_text=True)],
    }[kind]


def _json_values(text: str, spec: dict) -> list[str]:
    """A JSON body's values at the pattern's paths (JSON pointers), or everything; a body that
    is not JSON is inspected as a string when its fallback says so, else matches nothing."""
    try:
        document = json.loads(text)
    except ValueError:
        return [text] if spec.get("InvalidFallbackBehavior") == "EVALUATE_AS_STRING" else []
    pattern = spec.get("MatchPattern") or {}
    if "IncludedPaths" not in pattern:
        return [json.dumps(document)]
    found = []
    for pointer in pattern["IncludedPaths"]:
        node = document
        for part in pointer.strip("/").split("/") if pointer != "/" else []:
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            found.append(node if isinstance(node, str) else json.dumps(node))
    return found


@functools.cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _transformed(value: str, transformations) -> str:
    for transformation in sorted(transformations or [], key=lambda item: item.get("Priority", 0)):
        value = TRANSFORMATIONS[transformation["Type"]](value)
    return value


def _compare(size: int, operator: str, limit: int) -> bool:
    return {
        "EQ": size == limit,
        "NE": size != limit,
        "LE": size <= limit,
        "LT": size < limit,
        "GE": size >= limit,
        "GT": size > limit,
    }[operator]


def _positioned(value: str, search: str, position: str) -> bool:
    if position == "EXACTLY":
        return value == search
    if position == "STARTS_WITH":
        return value.startswith(search)
    if position == "ENDS_WITH":
        return value.endswith(search)
    if position == "CONTAINS_WORD":
        return search in value.replace("-", " ").replace("_", " ").split()
    return search in value


def _unevaluated(statement: dict) -> str | None:
    """What in the statement this module does not evaluate (its statement type, key,
    field or transformation), or None."""
    if len(statement) != 1:
        return f"a statement of {len(statement)} types"
    ((kind, spec),) = statement.items()
    if kind not in EVALUATED:
        return kind
    if kind == "RegexMatchStatement":
        try:
            _regex(spec["RegexString"])
        except re.error as error:
            return f"the regular expression {spec['RegexString']!r}, which Python cannot compile ({error})"
    inner = spec.get("Statements") or [spec[key] for key in ("Statement", "ScopeDownStatement") if key in spec]
    for found in filter(None, (_unevaluated(statement) for statement in inner)):
        return found
    if kind == "RateBasedStatement" and spec.get("AggregateKeyType", "IP") not in ("IP", "CONSTANT", "CUSTOM_KEYS"):
        return f"AggregateKeyType {spec['AggregateKeyType']}"
    for key in spec.get("CustomKeys") or []:
        ((key_kind, key_spec),) = key.items()
        if key_kind not in ("Header", "QueryArgument", "IP", "HTTPMethod", "UriPath", "QueryString"):
            return f"the custom key {key_kind}"
        for transformation in key_spec.get("TextTransformations") or []:
            if transformation["Type"] not in TRANSFORMATIONS:
                return f"the text transformation {transformation['Type']}"
    field = spec.get("FieldToMatch")
    if field and next(iter(field)) not in (
        "SingleHeader",
        "SingleQueryArgument",
        "JsonBody",
        "UriPath",
        "QueryString",
        "Method",
        "Body",
    ):
        return f"FieldToMatch {next(iter(field))}"
    for transformation in spec.get("TextTransformations") or []:
        if transformation["Type"] not in TRANSFORMATIONS:
            return f"the text transformation {transformation['Type']}"
    return None


def web_acls(resources: dict) -> dict[str, WebAcl]:
    """The web ACL of each API, by the API's logical id: the template's web ACLs that an
    AWS::WAFv2::WebACLAssociation puts on a REST API stage
    (arn:partition:apigateway:region::/restapis/api-id/stages/stage-name). An ACL the
    template does not define (an ARN of another stack's) is not known here."""
    found = {}
    for association in resources.values():
        if association.get("Type") != "AWS::WAFv2::WebACLAssociation":
            continue
        properties = association.get("Properties") or {}
        stage = re.search(r"/restapis/([^/]+)/stages/", str(properties.get("ResourceArn", "")))
        acl_name = re.split(r"[:/]", str(properties.get("WebACLArn", "")))[-1]
        acl = resources.get(acl_name, {})
        if stage and acl.get("Type") == "AWS::WAFv2::WebACL":
            found[stage[1]] = WebAcl(acl_name, acl.get("Properties") or {})
    return found
