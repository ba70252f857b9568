"""Who is calling: the claims API Gateway's Cognito authorizer verified, checked again.

The authorizer has already checked the token's signature, issuer, expiry and
scope before the function runs. The function checks the claims it is handed
once more and fails closed: a stage deployed without the authorizer, or a
method without its scope, must not open the data to anyone. It reads claims
only; it verifies no signature (that would cost every cold start a crypto import).
"""

from users_api.proxy import ApiError
from users_api.spec_validators import OPERATIONS

# As openapi.yaml's Unauthorized response and UNAUTHORIZED gateway response say it.
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="users-api"'}
UNAUTHORIZED = ("Authorization", "must be a valid access token with the scope of the operation")
# With users/write, lets a client update and delete users other clients created
# (openapi.yaml: "Who may touch which user"). It opens no operation by itself.
ANY_OWNER_SCOPE = "users/admin"
# Each operation's scopes (openapi.yaml, through the generated validators).
SCOPES = {operation_id: frozenset(facts["scopes"]) for operation_id, facts in OPERATIONS.items()}


def caller(event: dict, operation_id: str) -> tuple[str, bool]:
    """Who calls, if the token may run the operation: the token's subject (for a service's
    token, its client id), and whether it may write users other clients created."""
    claims = _claims(event)
    # API Gateway hands the claims over as strings; "scope" is space-separated.
    granted = claims.get("scope", "").split()
    who = claims.get("sub") or claims.get("client_id")
    # As API Gateway's authorizer: any one of the method's scopes opens it
    # (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html#cfn-apigateway-method-authorizationscopes).
    if claims.get("token_use") != "access" or not who or SCOPES[operation_id].isdisjoint(granted):
        raise _unauthorized()
    return who, ANY_OWNER_SCOPE in granted


def _claims(event: dict) -> dict[str, str]:
    """requestContext.authorizer.claims, as API Gateway's Cognito authorizer hands them
    over: an object of strings. Anything else (none, a string or a list where an object
    belongs, a claim that is not a string) is no token the function can trust: 401."""
    try:
        # An event is JSON: where an object belongs, anything else fails to index (TypeError)
        # or has no values (AttributeError).
        claims = event["requestContext"]["authorizer"]["claims"]
        # Every claim a string: str.join takes nothing else (and is the cheapest way to ask).
        "".join(claims.values())
    except (KeyError, TypeError, AttributeError):
        raise _unauthorized() from None
    return claims


def _unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized", [UNAUTHORIZED], CHALLENGE)
