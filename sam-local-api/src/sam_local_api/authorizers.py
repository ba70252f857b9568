"""API Gateway's authorizers, each as its API's document declares it.

- CognitoUserPools (REST): a token of the template's user pool in the scheme's
  header. A method with scopes takes an access token holding one of them; one
  without scopes takes an ID token
  (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html).
  Every refusal is 401 (UNAUTHORIZED).
- Jwt (HTTP API): the token in the identity source, its issuer the template's
  user pool; iss, exp, and aud or client_id against the audience; any one of
  the route's scopes, else 403 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html,
  https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html).
- LambdaAuthorizer (REST TOKEN and REQUEST, HTTP REQUEST): the authorizer
  function called with the identity sources (none present: 401 without a
  call), its answer cached for the result TTL by those sources, its policy
  evaluated against the method ARN (an explicit Deny wins; no Allow: 403), its
  context handed to the function
  (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html,
  https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
- Unemulated: an authorizer the local API cannot check (why() says which, and the start
  names each): a Cognito user pool that is not the template's, or with no app client in
  it; a Lambda authorizer whose function is not in the template; IAM (SigV4); a type it
  does not know. It refuses every request, as a missing credential is refused: nothing
  the local API cannot check passes unchecked (--disable-authorizer lets everything by).

Written by hand: SAM CLI runs Lambda authorizers without caching, and without
an explicit Deny, and no Cognito or JWT authorizer (SAM CLI issue #5131).
"""

import json
import re
import threading
import time

from sam_local_api.cognito import Refused, UserPool, bearer_token, event_claims
from sam_local_api.context import Context, GatewayError
from sam_local_api.deployed import Api, function_name
from sam_local_api.project import Project
from sam_local_api.sam import HTTP, proxy_event

# The made-up API id and account of the method ARNs, as SAM's events have them.
API_ID, ACCOUNT = "1234567890", "123456789012"
REST_DEFAULT_TTL = 300


class CognitoUserPools:
    def __init__(self, pool: UserPool, header: str):
        self.pool = pool
        self.header = header

    def authorize(self, context: Context, scopes: list[str]) -> None:
        try:
            token = bearer_token(context.request.headers.get(self.header, ""))
            context.authorizer = {"claims": event_claims(self.pool.verify(token, scopes))}
        except Refused as refused:
            raise GatewayError("UNAUTHORIZED", str(refused)) from refused


class Jwt:
    """The token in the identity source, alone or after "Bearer " as Cognito's authorizer takes
    it (bearer_token): "The identitySource can include only the token, or the token prefixed
    with Bearer" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html)."""

    def __init__(self, pool: UserPool | None, authorizer: dict):
        self.pool = pool
        configuration = authorizer.get("jwtConfiguration") or {}
        self.issuer = configuration.get("issuer")
        self.audience = configuration.get("audience") or []
        self.sources = _sources(authorizer.get("identitySource") or ["$request.header.Authorization"])

    def authorize(self, context: Context, scopes: list[str]) -> None:
        values = _values(self.sources, context)
        if not values or self.pool is None or self.issuer not in (self.pool.issuer, self.pool.deployed_issuer):
            raise GatewayError("HTTP_UNAUTHORIZED")
        try:
            claims = self.pool.decode(bearer_token(values[0]))
        except Refused as refused:
            raise GatewayError("HTTP_UNAUTHORIZED") from refused
        # API Gateway checks client_id only when there is no aud.
        audience = claims.get("aud", claims.get("client_id"))
        audiences = audience if isinstance(audience, list) else [audience]
        if not set(audiences) & set(self.audience):
            raise GatewayError("HTTP_UNAUTHORIZED")
        granted = claims.get("scope", "").split() if isinstance(claims.get("scope"), str) else claims.get("scp") or []
        if scopes and not set(scopes) & set(granted):
            raise GatewayError("HTTP_FORBIDDEN")
        # As deployed HTTP APIs hand them over: every claim a string, scopes null without a scope claim.
        context.authorizer = {"jwt": {"claims": event_claims(claims), "scopes": granted or None}}


class LambdaAuthorizer:
    """A Lambda authorizer; `invoke(function, event) -> str` runs its function as the integrations' do."""

    def __init__(self, api: Api, name: str, authorizer: dict, invoke, port: int, region: str):
        self.api, self.name, self.invoke, self.port, self.region = api, name, invoke, port, region
        self.function = function_name(authorizer.get("authorizerUri"))
        self.token = str(authorizer.get("type", "request")).lower() == "token"
        default_ttl = 0 if api.kind == HTTP else REST_DEFAULT_TTL
        self.ttl = int(authorizer.get("authorizerResultTtlInSeconds", default_ttl) or 0)
        self.version = str(authorizer.get("authorizerPayloadFormatVersion", "1.0"))
        self.simple = bool(authorizer.get("enableSimpleResponses"))
        self.sources = _sources(authorizer.get("identitySource") or "method.request.header.Authorization")
        validation = authorizer.get("identityValidationExpression")
        self.validation = re.compile(validation) if validation else None
        self._cache: dict[tuple, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def authorize(self, context: Context, _scopes: list[str]) -> None:
        values = _values(self.sources, context)
        if self.sources and len(values) < len(self.sources):
            self._refuse()
        if self.token and self.validation and not self.validation.fullmatch(values[0]):
            self._refuse()
        arn = self._method_arn(context)
        key = tuple(values)
        answer = self._cached(key) if self.sources and self.ttl else None
        if answer is None:
            answer = self._call(context, values, arn)
            if self.sources and self.ttl:
                with self._lock:
                    self._cache[key] = (time.monotonic() + self.ttl, answer)
        self._apply(context, answer, arn)

    def _call(self, context: Context, values: list[str], arn: str) -> dict:
        if self.token:
            event = {"type": "TOKEN", "authorizationToken": values[0], "methodArn": arn}
        else:
            event = self._request_event(context, values, arn)
        try:
            output = self.invoke(self.function, event)
            answer = json.loads(output)
        except Exception as error:
            # The function's own "Unauthorized" error is API Gateway's 401; anything else its 500.
            if "Unauthorized" in str(error):
                self._refuse()
            self._fail(error)
        if not isinstance(answer, dict):
            self._fail(ValueError("the authorizer's answer is not a JSON object"))
        return answer

    def _apply(self, context: Context, answer: dict, arn: str) -> None:
        given = answer.get("context") or {}
        if self.simple and self.api.kind == HTTP and self.version == "2.0":
            if not isinstance(answer.get("isAuthorized"), bool):
                self._fail(ValueError("isAuthorized is not a boolean"))
            allowed = answer["isAuthorized"]
        else:
            verdict = _policy_verdict(answer.get("policyDocument"), arn)
            allowed = verdict == "Allow"
            if verdict == "Deny" and self.api.kind != HTTP:
                # As API Gateway words an explicit Deny:
                # https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer
                raise GatewayError(
                    "ACCESS_DENIED", "User is not authorized to access this resource with an explicit deny"
                )
        if not allowed:
            raise GatewayError("HTTP_FORBIDDEN" if self.api.kind == HTTP else "ACCESS_DENIED")
        if self.api.kind == HTTP and self.version == "2.0":
            context.authorizer = {"lambda": given}
        else:
            # A REST API hands the context over with each value a string, and the principal beside it.
            context.authorizer = {name: _string(value) for name, value in given.items()}
            if answer.get("principalId") is not None:
                context.authorizer["principalId"] = str(answer["principalId"])
        if answer.get("usageIdentifierKey"):
            context.authorizer_api_key = str(answer["usageIdentifierKey"])

    def _request_event(self, context: Context, values: list[str], arn: str) -> dict:
        route = context.method.route
        event = proxy_event(
            context.request,
            kind=self.api.kind,
            payload_format_version=self.version if self.api.kind == HTTP else None,
            operation_name=None,
            default_route=route.default,
            binary_types=self.api.binary_media_types,
            stage_name=self.api.stage_name,
            stage_variables=self.api.stage_variables,
            port=self.port,
        )
        event["type"] = "REQUEST"
        if self.api.kind == HTTP and self.version == "2.0":
            event["routeArn"], event["identitySource"] = arn, values
        elif self.api.kind == HTTP:
            event["methodArn"] = arn
            event["identitySource"] = event["authorizationToken"] = ",".join(values)
        else:
            event["methodArn"] = arn
        return event

    def _method_arn(self, context: Context) -> str:
        path = context.request.path if not context.method.route.default else "$default"
        stage, method = self.api.stage_name, context.request.method
        return f"arn:aws:execute-api:{self.region}:{ACCOUNT}:{API_ID}/{stage}/{method}{path}"

    def _cached(self, key: tuple) -> dict | None:
        with self._lock:
            found = self._cache.get(key)
            if found and found[0] > time.monotonic():
                return found[1]
            self._cache.pop(key, None)
            return None

    def _refuse(self):
        raise GatewayError("HTTP_UNAUTHORIZED" if self.api.kind == HTTP else "UNAUTHORIZED")

    def _fail(self, error: Exception):
        if self.api.kind == HTTP:
            raise GatewayError("HTTP_INTERNAL_SERVER_ERROR") from error
        raise GatewayError("AUTHORIZER_CONFIGURATION_ERROR") from error


class Unemulated:
    """An authorizer the local API cannot check: every request refused. IAM's as API Gateway
    refuses a request it cannot authenticate: unsigned, 403 "Missing Authentication Token"
    (https://repost.aws/knowledge-center/api-gateway-authentication-token-errors), signed,
    INVALID_SIGNATURE, since no signature can be checked here; an HTTP API's 403
    {"message":"Forbidden"}. The others as a missing token: 401."""

    def __init__(self, api: Api, kind: str):
        self.api, self.iam = api, kind == IAM

    def authorize(self, context: Context, _scopes: list[str]) -> None:
        if self.api.kind == HTTP:
            raise GatewayError("HTTP_FORBIDDEN" if self.iam else "HTTP_UNAUTHORIZED")
        if not self.iam:
            raise GatewayError("UNAUTHORIZED")
        if "Authorization" not in context.request.headers:
            raise GatewayError("MISSING_AUTHENTICATION_TOKEN")
        raise GatewayError("INVALID_SIGNATURE", "the local API does not check IAM (SigV4) signatures")


# The authorizer types, as a security scheme declares them (x-amazon-apigateway-authorizer's
# type, else x-amazon-apigateway-authtype, lower-cased).
EMULATED = ("cognito_user_pools", "token", "request", "jwt")
IAM = "iam"
IAM_TYPES = ("awssigv4", "aws_iam")


def authorizer_kind(scheme: dict) -> str | None:
    """The kind of authorizer a security scheme is: one of EMULATED, IAM, or another type
    named in it; None for a scheme that is no authorizer (an API key, an oauth2 scheme that
    API Gateway does not import)."""
    authorizer = scheme.get("x-amazon-apigateway-authorizer") or {}
    kind = str(authorizer.get("type") or scheme.get("x-amazon-apigateway-authtype") or "").lower()
    if not kind:
        return None
    return IAM if kind in IAM_TYPES else kind


def unemulated(scheme: dict, project: Project) -> str | None:
    """Why the local API cannot check the authorizer a security scheme declares, or None."""
    kind = authorizer_kind(scheme)
    authorizer = scheme.get("x-amazon-apigateway-authorizer") or {}
    if kind == IAM:
        return "IAM (SigV4) authorization is not emulated"
    if kind == "cognito_user_pools":
        arns = authorizer.get("providerARNs") or []
        if not project.resources("AWS::Cognito::UserPool") or project.user_pool_arn not in arns:
            pools = ", ".join(map(str, arns)) or "(none)"
            return f"user pool {pools} is not in the template: its tokens cannot be checked"
        if not project.resources("AWS::Cognito::UserPoolClient"):
            return "the template's user pool has no app client: no token of it can be issued locally"
    elif kind in ("token", "request"):
        function = function_name(authorizer.get("authorizerUri"))
        if function not in project.sam.function_names():
            return f"its function {function or authorizer.get('authorizerUri')} is not in the template"
    elif kind not in EMULATED and kind is not None:
        return f"authorizer type {kind} is not emulated"
    return None


def _policy_verdict(policy, arn: str) -> str | None:
    """An IAM policy's verdict on execute-api:Invoke of `arn`: "Deny" (an explicit Deny wins),
    "Allow", or None (no statement allows it). Written by hand: a few lines of IAM's
    evaluation logic, for this one action."""
    if not isinstance(policy, dict):
        return None
    statements = policy.get("Statement") or []
    statements = statements if isinstance(statements, list) else [statements]
    verdicts = set()
    for statement in statements:
        if not isinstance(statement, dict) or not _matches(statement.get("Action"), "execute-api:Invoke"):
            continue
        if _matches(statement.get("Resource"), arn):
            verdicts.add(statement.get("Effect"))
    return "Deny" if "Deny" in verdicts else "Allow" if "Allow" in verdicts else None


def _matches(patterns, value: str) -> bool:
    patterns = patterns if isinstance(patterns, list) else [patterns]
    for pattern in patterns:
        if isinstance(pattern, str):
            expression = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
            if re.fullmatch(expression, value, re.IGNORECASE if pattern.startswith("execute-api") else 0):
                return True
    return False


def _sources(declared) -> list[str]:
    """Identity sources: a list, or one comma-separated string."""
    items = declared if isinstance(declared, list) else str(declared).split(",")
    return [item.strip() for item in items if item.strip()]


def _values(sources: list[str], context: Context) -> list[str]:
    """The values the identity sources name, those present."""
    request = context.request
    found = []
    for source in sources:
        name = source.split(".")[-1]
        if ".header." in source:
            value = request.headers.get(name)
        elif ".querystring." in source:
            value = request.args.get(name)
        elif source.startswith(("stageVariables.", "$stageVariables.")):
            value = context.method.api.stage_variables.get(name)
        else:
            value = None
        if value:
            found.append(value)
    return found


def _string(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)
