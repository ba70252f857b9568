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


def caller(event: dict, operation_id: str) -> str:
    """The token's subject (for a service's token, its client id), if the token may run the operation."""
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
    # API Gateway hands the claims over as strings; "scope" is space-separated.
    granted = str(claims.get("scope", "")).split()
    who = claims.get("sub") or claims.get("client_id")
    # As API Gateway's authorizer: any one of the method's scopes opens it
    # (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html#cfn-apigateway-method-authorizationscopes).
    if (
        claims.get("token_use") != "access"
        or not who
        or not any(s in granted for s in OPERATIONS[operation_id]["scopes"])
    ):
        raise ApiError(401, "Unauthorized", [UNAUTHORIZED], CHALLENGE)
    return str(who)
