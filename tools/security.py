"""Find where openapi.yaml's two descriptions of the access token and template.yaml's pool disagree.

API Gateway builds its Cognito authorizer from the `CognitoUserPool` scheme and
takes each method's scopes from that scheme's entry in the requirement; SDK
generators, schemathesis and Redoc read the `OAuth2` scheme. One token, two
readers: the scopes must be the same in both, the ones the template's resource
server defines, and the only ones its clients may ask for. Every declared scope
opens an operation, but users/admin, which the function reads (users_api.auth):
with users/write it lets a client write users other clients created.
"""

import re

from tools.spec import operations, resource_server_scopes, resources
from users_api.auth import ANY_OWNER_SCOPE

COGNITO = "CognitoUserPool"
OAUTH2 = "OAuth2"
API_KEY = "ApiKey"
RESOURCE_ARN = re.compile(r"^\$\{(\w+)\.Arn\}$")
# The rule: reads need only the read scope, writes only the write scope.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def security_problems(spec: dict, template: dict) -> list[str]:
    """Every disagreement, as a sentence; empty when the schemes and the template agree."""
    problems = []
    schemes = spec.get("components", {}).get("securitySchemes", {})
    cognito, oauth2 = schemes.get(COGNITO, {}), schemes.get(OAUTH2, {})

    # The shape API Gateway imports a Cognito authorizer from: an apiKey scheme
    # in the Authorization header with x-amazon-apigateway-authtype
    # (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html)
    # and an authorizer of type cognito_user_pools with the pools' ARNs
    # (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html).
    shape = {"type": "apiKey", "in": "header", "name": "Authorization"}
    if {key: cognito.get(key) for key in shape} != shape:
        problems.append(f"{COGNITO} is not an apiKey scheme in the Authorization header")
    authorizer = cognito.get("x-amazon-apigateway-authorizer", {})
    if (
        cognito.get("x-amazon-apigateway-authtype") != "cognito_user_pools"
        or authorizer.get("type") != "cognito_user_pools"
    ):
        problems.append(f"{COGNITO} does not declare a cognito_user_pools authorizer")
    pools = resources(template, "AWS::Cognito::UserPool")
    arns = [
        RESOURCE_ARN.match(str(arn.get("Fn::Sub", "")) if isinstance(arn, dict) else "")
        for arn in authorizer.get("providerARNs", [])
    ]
    if not arns or not all(arn and arn[1] in pools for arn in arns):
        problems.append(f"{COGNITO}'s providerARNs are not ${{<pool>.Arn}} of a user pool in template.yaml")

    declared = set(oauth2.get("flows", {}).get("clientCredentials", {}).get("scopes", {}))
    if oauth2.get("type") != "oauth2" or not declared:
        problems.append(f"{OAUTH2} is not an oauth2 scheme with client-credentials scopes")
    defined = resource_server_scopes(template)
    if declared != defined:
        problems.append(
            f"{OAUTH2} declares scopes {sorted(declared)}, the template's resource server {sorted(defined)}"
        )
    if ANY_OWNER_SCOPE not in declared:
        problems.append(f"{OAUTH2} does not declare {ANY_OWNER_SCOPE}, which the function reads")
    for name, client in resources(template, "AWS::Cognito::UserPoolClient").items():
        allowed = set(client["Properties"].get("AllowedOAuthScopes", []))
        if not allowed <= declared:
            problems.append(f"{name} may ask for {sorted(allowed - declared)}, which {OAUTH2} does not declare")
        if not declared - {ANY_OWNER_SCOPE} <= allowed:
            problems.append(f"{name} may not ask for {sorted(declared - {ANY_OWNER_SCOPE} - allowed)}")

    used = set()
    for path, method, operation in operations(spec):
        where = operation.get("operationId", f"{method} {path}")
        requirements = operation.get("security", spec.get("security", []))
        if len(requirements) != 1:
            problems.append(f"{where} has {len(requirements)} security requirements, not one")
            continue
        requirement = requirements[0]
        cognito_scopes, oauth2_scopes = requirement.get(COGNITO), requirement.get(OAUTH2)
        if cognito_scopes is None or oauth2_scopes is None:
            problems.append(f"{where} does not require both {COGNITO} and {OAUTH2}")
            continue
        if set(cognito_scopes) != set(oauth2_scopes):
            problems.append(
                f"{where} requires {sorted(cognito_scopes)} of {COGNITO} but {sorted(oauth2_scopes)} of {OAUTH2}"
            )
        used |= set(cognito_scopes) | set(oauth2_scopes)
        for scope in sorted((set(cognito_scopes) | set(oauth2_scopes)) - declared):
            problems.append(f"{where} requires {scope}, which {OAUTH2} does not declare")
        reads = method in READ_METHODS
        kind = "read" if reads else "write"
        wanted = {scope for scope in defined if scope.endswith(f"/{kind}")}
        if set(cognito_scopes) != wanted:
            problems.append(f"{where} requires {sorted(cognito_scopes)}; a {kind} needs exactly {sorted(wanted)}")
        if (API_KEY in requirement) == reads:
            problems.append(f"{where} {'asks' if reads else 'does not ask'} for an API key; only writes do")
        if "401" not in operation.get("responses", {}):
            problems.append(f"{where} does not document 401")
    for scope in sorted(declared - used - {ANY_OWNER_SCOPE}):
        problems.append(f"{OAUTH2} declares {scope}, which no operation requires")
    return problems
