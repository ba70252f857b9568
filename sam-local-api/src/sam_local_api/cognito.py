"""The template's Cognito user pool, as far as an API behind it sees it: the
token endpoint's client-credentials grant, the pool's JWKS, and the tokens API
Gateway's Cognito user-pool authorizer accepts.

Everything is read from the template: the scopes from its
AWS::Cognito::UserPoolResourceServer, the client's from its
AWS::Cognito::UserPoolClient (AllowedOAuthScopes, AccessTokenValidity,
ExplicitAuthFlows), whether users may sign themselves up from its
AWS::Cognito::UserPool (AdminCreateUserConfig.AllowAdminCreateUserOnly).

The JOSE work is joserfc's. The rest is written by hand: moto's Cognito signs
with a key published in its package and has no token endpoint, and SAM CLI
emulates no Cognito authorizer (SAM CLI issue #5131).
"""

import base64
import binascii
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass

from joserfc import jws, jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import KeySet, RSAKey
from joserfc.jwt import JWTClaimsRegistry
from werkzeug import Request, Response

from sam_local_api.project import Project

# Cognito's JWKS path under the issuer: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
JWKS_PATH = "/.well-known/jwks.json"
TOKEN_PATH = "/oauth2/token"  # noqa: S105 (a path, not a password)
# AccessTokenValidity's default (60 minutes) and units: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html
UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86_400}
DEFAULT_ACCESS_TOKEN_SECONDS = 3600
# The messages API Gateway's Cognito authorizer puts in $context.error.messageString:
# https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized
UNAUTHORIZED = "Unauthorized"
# Tokens remembered as signed at once: more than a test or a load run uses.
MAX_REMEMBERED_TOKENS = 1024
EXPIRED = "The incoming token has expired"


# A client's sign-in flows when its ExplicitAuthFlows names none
# (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html).
DEFAULT_AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
# The ExplicitAuthFlows values that open USER_PASSWORD_AUTH: today's, and the legacy one (same page).
USER_PASSWORD_FLOWS = {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"}
# The largest date Java's Date holds (Long.MAX_VALUE milliseconds), in seconds: API Gateway
# renders exp and iat as Java dates (event_claims), and no later one.
JAVA_DATE_SECONDS = (2**63 - 1) // 1000


@dataclass(frozen=True)
class Client:
    client_id: str
    secret: str
    scopes: tuple[str, ...]
    token_seconds: int
    auth_flows: tuple[str, ...] = DEFAULT_AUTH_FLOWS


class Refused(Exception):
    """A token the authorizer does not accept; the message is API Gateway's messageString."""


class UserPool:
    """One user pool: issues access tokens to its client, ID tokens to its users, and verifies them."""

    def __init__(
        self,
        issuer: str,
        client: Client,
        scopes: set[str],
        key: RSAKey | None = None,
        deployed_issuer: str = "",
        *,
        pool_id: str = "",
        arn: str = "",
        sign_up: bool = True,
    ):
        self.issuer = issuer
        # The issuer the template names for this pool (https://cognito-idp.{region}.amazonaws.com/{pool id}):
        # an authorizer configured with it takes this pool's tokens.
        self.deployed_issuer = deployed_issuer
        self.client = client
        self.scopes = scopes
        # The pool as the template's functions and authorizers name it locally: its id and ARN.
        self.pool_id = pool_id
        self.arn = arn
        # Whether users may sign themselves up (SignUp), or only an administrator creates them.
        self.sign_up = sign_up
        # Users signed up or created locally, by name: their password's hash, their sub, and
        # whether that password is the temporary one of AdminCreateUser.
        self.users: dict[str, tuple[bytes, str, bool]] = {}
        # Without a key of its own, a fresh one each start: tokens do not outlive the process.
        self.key = key or new_signing_key()
        self.jwks = KeySet([self.key])
        # Tokens whose signature was checked, with their claims: a client sends one
        # token many times, and the RSA check is most of an authorizer's work.
        # Issuer, expiry and scope are checked every time.
        self._signed: dict[str, dict] = {}

    # Cognito's token endpoint: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
    # Every error is a 400 with {"error": ...} in application/json;charset=UTF-8
    # (https://github.com/awsdocs/amazon-cognito-developer-guide/blob/master/doc_source/token-endpoint.md,
    # "Examples of negative responses"), codes from RFC 6749 section 5.2; a scope the
    # client may not have is invalid_scope (https://repost.aws/questions/QUnhrxb08MRJaH7hIRtUnCKA).
    def token_endpoint(self, request: Request) -> Response:
        if request.mimetype != "application/x-www-form-urlencoded":
            return _oauth_error("invalid_request")
        grant_type = request.form.get("grant_type")
        if not grant_type:
            return _oauth_error("invalid_request")
        credentials = _client_credentials(request)
        if credentials is None:
            return _oauth_error("invalid_request")
        client_id, secret = credentials
        # Both compared in constant time, as bytes (any text, ASCII or not), so the
        # answer's timing tells a known client id from an unknown one no more than its body.
        known = hmac.compare_digest(client_id.encode(), self.client.client_id.encode())
        if not (hmac.compare_digest(secret.encode(), self.client.secret.encode()) and known):
            return _oauth_error("invalid_client")
        if grant_type in ("authorization_code", "refresh_token"):
            # Grants Cognito has, which this client (client_credentials only) may not use.
            return _oauth_error("unauthorized_client")
        if grant_type != "client_credentials":
            return _oauth_error("unsupported_grant_type")
        # No scope asked for: every scope the client has (the token endpoint page, "scope").
        asked = request.form.get("scope", "").split() or list(self.client.scopes)
        if any(scope not in self.client.scopes for scope in asked):
            return _oauth_error("invalid_scope")
        body = {
            "access_token": self.issue(scope=" ".join(asked)),
            "expires_in": self.client.token_seconds,
            "token_type": "Bearer",
        }
        return Response(json.dumps(body), status=200, headers=_NO_STORE, mimetype="application/json")

    def jwks_endpoint(self) -> Response:
        body = json.dumps(self.jwks.as_dict(private=False))
        return Response(body, status=200, mimetype="application/json")

    def issue(self, scope: str, **overrides) -> str:
        """An access token shaped as Cognito's client-credentials tokens are:
        https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html"""
        now = int(time.time())
        claims = {
            "sub": self.client.client_id,
            "token_use": "access",
            "scope": scope,
            "auth_time": now,
            "iss": self.issuer,
            "exp": now + self.client.token_seconds,
            "iat": now,
            "version": 2,
            "jti": str(uuid.uuid4()),
            "client_id": self.client.client_id,
            **overrides,
        }
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)

    def issue_id_token(self, username: str) -> str:
        """An ID token of a user of the pool, shaped as Cognito's:
        https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html"""
        now = int(time.time())
        claims = {
            "sub": self.users[username][1],
            "aud": self.client.client_id,
            "token_use": "id",
            "auth_time": now,
            "iss": self.issuer,
            "cognito:username": username,
            "exp": now + self.client.token_seconds,
            "iat": now,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)

    def identity_provider(self, request: Request) -> Response:
        """Cognito's user pool API as far as a user gets an ID token, as boto3's cognito-idp
        client and Amplify call it (POST / with X-Amz-Target:
        https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html):
        SignUp (confirmed at once, locally), where the pool lets users sign themselves up;
        AdminCreateUser and AdminSetUserPassword, as an administrator creates a user (not
        signed, locally); and InitiateAuth with USER_PASSWORD_AUTH, where the client's
        ExplicitAuthFlows allow it."""
        operation = request.headers.get("X-Amz-Target", "").removeprefix(IDP_TARGET)
        try:
            body = json.loads(request.get_data() or b"{}")
        except ValueError:
            return _idp_error("InvalidParameterException", "The request body is not JSON")
        if not isinstance(body, dict):
            return _idp_error("InvalidParameterException", "The request body is not a JSON object")
        if operation in ("AdminCreateUser", "AdminSetUserPassword"):
            if body.get("UserPoolId") != self.pool_id:
                return _idp_error("ResourceNotFoundException", "User pool does not exist.")
            return self._admin_create_user(body) if operation == "AdminCreateUser" else self._set_password(body)
        if body.get("ClientId") != self.client.client_id:
            return _idp_error("ResourceNotFoundException", "User pool client does not exist.")
        if operation == "SignUp":
            return self._sign_up(body)
        if operation == "InitiateAuth" and body.get("AuthFlow") == "USER_PASSWORD_AUTH":
            return self._initiate_auth(body.get("AuthParameters") or {})
        return _idp_error("InvalidParameterException", f"{operation} is not emulated locally")

    def _sign_up(self, body: dict) -> Response:
        if not self.sign_up:
            # As Cognito answers a pool whose AllowAdminCreateUserOnly is true
            # (https://github.com/aws-amplify/amplify-js/issues/6415).
            return _idp_error("NotAuthorizedException", "SignUp is not permitted for this user pool")
        return self._new_user(str(body.get("Username", "")), str(body.get("Password", "")), temporary=False)

    def _admin_create_user(self, body: dict) -> Response:
        return self._new_user(str(body.get("Username", "")), str(body.get("TemporaryPassword", "")), temporary=True)

    def _new_user(self, username: str, password: str, temporary: bool) -> Response:
        if not username or len(password) < MIN_PASSWORD_LENGTH:
            return _idp_error("InvalidPasswordException", "Password did not conform with policy")
        if username in self.users:
            return _idp_error("UsernameExistsException", "User already exists")
        sub = str(uuid.uuid4())
        self.users[username] = (_password_hash(username, password), sub, temporary)
        if temporary:
            return _idp_answer({"User": {"Username": username, "UserStatus": "FORCE_CHANGE_PASSWORD"}})
        return _idp_answer({"UserConfirmed": True, "UserSub": sub})

    def _set_password(self, body: dict) -> Response:
        username, password = str(body.get("Username", "")), str(body.get("Password", ""))
        if username not in self.users:
            return _idp_error("UserNotFoundException", "User does not exist.")
        if len(password) < MIN_PASSWORD_LENGTH:
            return _idp_error("InvalidPasswordException", "Password did not conform with policy")
        sub = self.users[username][1]
        self.users[username] = (_password_hash(username, password), sub, body.get("Permanent") is not True)
        return _idp_answer({})

    def _initiate_auth(self, parameters: dict) -> Response:
        if not USER_PASSWORD_FLOWS & set(self.client.auth_flows):
            # https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
            # (InvalidParameterException), worded as Cognito does: https://github.com/floci-io/floci/pull/3974
            return _idp_error("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")
        username, password = str(parameters.get("USERNAME", "")), str(parameters.get("PASSWORD", ""))
        known = self.users.get(username)
        if known is None or not hmac.compare_digest(known[0], _password_hash(username, password)):
            return _idp_error("NotAuthorizedException", "Incorrect username or password.")
        if known[2]:
            # Cognito answers the NEW_PASSWORD_REQUIRED challenge, which the local pool does not emulate.
            return _idp_error(
                "InvalidParameterException",
                "NEW_PASSWORD_REQUIRED is not emulated locally: set a permanent password (AdminSetUserPassword)",
            )
        result = {
            "IdToken": self.issue_id_token(username),
            "AccessToken": self.issue(scope="aws.cognito.signin.user.admin", sub=known[1], username=username),
            "ExpiresIn": self.client.token_seconds,
            "TokenType": "Bearer",
        }
        return _idp_answer({"AuthenticationResult": result, "ChallengeParameters": {}})

    def decode(self, token: str) -> dict:
        """The claims of a token this pool signed, not expired, else Refused."""
        try:
            claims = self._signed.get(token) or self._check_signature(token)
            JWTClaimsRegistry(iss={"essential": True, "value": self.issuer}, exp={"essential": True}).validate(claims)
        except ExpiredTokenError as error:
            raise Refused(EXPIRED) from error
        except (JoseError, ValueError, UnicodeError) as error:
            raise Refused(UNAUTHORIZED) from error
        if any(isinstance(claims.get(name), int) and abs(claims[name]) > JAVA_DATE_SECONDS for name in ("exp", "iat")):
            # A date API Gateway could not hand over (event_claims); what it answers is
            # documented nowhere, so the token is refused.
            raise Refused(UNAUTHORIZED)
        return claims

    def verify(self, token: str, scopes: list[str]) -> dict:
        """The claims of a token API Gateway's Cognito authorizer would accept for a
        method needing any one of `scopes` (none: an ID token), else Refused."""
        claims = self.decode(token)
        # A method with scopes takes access tokens holding any one of them; one
        # without takes ID tokens (https://repost.aws/questions/QUrEQW0PtJTZm34jx0UrnLlw,
        # https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html).
        if scopes:
            granted = claims.get("scope", "").split() if isinstance(claims.get("scope"), str) else []
            if claims.get("token_use") != "access" or not set(scopes) & set(granted):
                raise Refused(UNAUTHORIZED)
        elif claims.get("token_use") != "id":
            raise Refused(UNAUTHORIZED)
        return claims

    def _check_signature(self, token: str) -> dict:
        """The claims of a token signed by this pool's key; remembered for the next time."""
        # The kid only picks the key; the signature is then checked with it, RS256 only.
        kid = jws.extract_compact(token.encode("ascii")).headers().get("kid")
        key = self.jwks.get_by_kid(kid) if isinstance(kid, str) else None
        if key is None:
            raise Refused(UNAUTHORIZED)
        claims = jwt.decode(token, key, algorithms=["RS256"]).claims
        if len(self._signed) >= MAX_REMEMBERED_TOKENS:
            self._signed.clear()
        self._signed[token] = claims
        return claims


def bearer_token(header_value: str) -> str:
    """The token of an Authorization header, in the two spellings Cognito's authorizer is
    documented to take: after "Bearer " (the Cognito guide sends it as a bearer token,
    https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-accessing-resources-api-gateway-and-lambda.html;
    AWS's API Gateway workshop types "Bearer", one space, and the token:
    https://dcj71ciaiav4i.cloudfront.net/0A4DEB20-C89E-11ED-A834-5D52D9748576/chapter4/content2.html),
    or alone (what the authorizer took first: https://github.com/postmanlabs/postman-app-support/issues/6987).
    Nothing else: a token with spaces added is invalid
    (https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized), and no page
    says that another case of "Bearer" is taken, so a client that works locally works deployed."""
    token = header_value.strip(" \t").removeprefix("Bearer ")
    if not token or any(character.isspace() for character in token):
        raise Refused(UNAUTHORIZED)
    return token


def event_claims(claims: dict) -> dict[str, str]:
    """Claims as requestContext.authorizer.claims carries them: every value a string,
    exp and iat as Java's Date.toString in UTC, other numbers as digits. A sample
    from a deployed API: "exp": "Sun Dec 17 07:28:12 UTC 2017", "auth_time": "1513492092"
    (https://github.com/eeg3/workspaces-portal/blob/master/lambda/workspaces-control/sample_events/se-wc-rebuild.js)."""
    dates = {"exp", "iat"}
    return {
        name: _java_date(value) if name in dates and isinstance(value, int) else _as_string(value)
        for name, value in claims.items()
    }


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _java_date(seconds: int) -> str:
    # Names spelled out: strftime's %a and %b follow the process's locale.
    t = time.gmtime(seconds)
    clock = f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"
    return f"{_DAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} {clock} UTC {t.tm_year}"


def _as_string(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def new_signing_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"}, auto_kid=True)


def signing_key(data: str) -> RSAKey:
    """An RSA private key, as PEM or as a JWK; its kid is its thumbprint unless it has one."""
    try:
        key = RSAKey.import_key(json.loads(data) if data.lstrip().startswith("{") else data)
    except (JoseError, ValueError, TypeError) as error:
        raise ValueError(f"not an RSA key in PEM or JWK ({error})") from error
    if not key.is_private:
        raise ValueError("the signing key must be an RSA private key")
    key.ensure_kid()
    return key


def user_pool(project: Project, issuer: str, client_id: str, client_secret: str, key: RSAKey | None = None):
    """The template's user pool, as its first app client sees it; None when it has none."""
    clients = project.resources("AWS::Cognito::UserPoolClient", deployed=True)
    pools = project.resources("AWS::Cognito::UserPool", deployed=True)
    if not clients or not pools:
        return None
    pool = next(iter(pools.values())).get("Properties", {})
    client = next(iter(clients.values())).get("Properties", {})
    validity = client.get("AccessTokenValidity")
    unit = client.get("TokenValidityUnits", {}).get("AccessToken", "hours")
    seconds = validity * UNIT_SECONDS[unit] if isinstance(validity, int) else DEFAULT_ACCESS_TOKEN_SECONDS
    scopes = {
        f"{server['Properties']['Identifier']}/{scope['ScopeName']}"
        for server in project.resources("AWS::Cognito::UserPoolResourceServer", deployed=True).values()
        for scope in server["Properties"].get("Scopes", [])
    }
    allowed = tuple(s for s in client.get("AllowedOAuthScopes", []) if isinstance(s, str) and s in scopes)
    flows = tuple(client.get("ExplicitAuthFlows") or DEFAULT_AUTH_FLOWS)
    deployed = f"https://cognito-idp.{project.region}.amazonaws.com/{project.user_pool_id}"
    admin_only = (pool.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly") in (True, "true", "True")
    return UserPool(
        issuer,
        Client(client_id, client_secret, allowed, seconds, flows),
        scopes,
        key,
        deployed,
        pool_id=project.user_pool_id,
        arn=project.user_pool_arn,
        sign_up=not admin_only,
    )


def _client_credentials(request: Request) -> tuple[str, str] | None:
    """HTTP Basic (client_secret_basic) or the form (client_secret_post), not both."""
    header = request.headers.get("Authorization", "")
    in_form = "client_id" in request.form or "client_secret" in request.form
    if header:
        if in_form or not header.startswith("Basic "):
            return None
        try:
            client_id, _, secret = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return client_id, secret
    if in_form:
        return request.form.get("client_id", ""), request.form.get("client_secret", "")
    return "", ""


IDP_TARGET = "AWSCognitoIdentityProviderService."
# Cognito's default password policy: at least 8 characters.
MIN_PASSWORD_LENGTH = 8


def _password_hash(username: str, password: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), username.encode(), 10_000)


def _idp_answer(payload: dict) -> Response:
    return Response(json.dumps(payload), status=200, content_type="application/x-amz-json-1.1")


def _idp_error(kind: str, message: str) -> Response:
    body = json.dumps({"__type": kind, "message": message})
    return Response(body, status=400, content_type="application/x-amz-json-1.1", headers={"x-amzn-ErrorType": kind})


# RFC 6749 section 5.1: token answers are not to be cached.
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(code: str) -> Response:
    return Response(
        json.dumps({"error": code}), status=400, headers=_NO_STORE, content_type="application/json;charset=UTF-8"
    )
