"""Authorize: API Gateway's Cognito user-pool authorizer, for the methods whose
security requirement names a scheme with `x-amazon-apigateway-authtype:
cognito_user_pools`: the token in the scheme's header, verified against the
local user pool, with any one of the requirement's scopes. What it verified goes
to the function as requestContext.authorizer.claims.
"""

from sam_local_api.cognito import Refused, UserPool, bearer_token, event_claims
from sam_local_api.context import Context, GatewayError
from sam_local_api.openapi import operations, requirements, security_schemes
from sam_local_api.project import Project


class Authorize:
    def __init__(self, project: Project, pool: UserPool | None, enabled: bool = True):
        spec = project.spec or {}
        scheme = project.cognito_scheme()
        self.pool = pool
        self.header = security_schemes(spec)[scheme].get("name", "Authorization") if scheme else "Authorization"
        # (OpenAPI path, METHOD) -> the scopes of which a token must hold one (none: an ID token).
        self.method_scopes: dict[tuple[str, str], list[str]] = {}
        if scheme and pool and enabled:
            for path, method, operation in operations(spec):
                for requirement in requirements(spec, operation):
                    if scheme in requirement:
                        self.method_scopes[(path, method)] = list(requirement[scheme])

    def __call__(self, context: Context) -> None:
        scopes = self.method_scopes.get((context.method.operation_path, context.method.method))
        if scopes is None:
            return
        try:
            token = bearer_token(context.request.headers.get(self.header, ""))
            context.authorizer = {"claims": event_claims(self.pool.verify(token, scopes))}
        except Refused as refused:
            raise GatewayError("UNAUTHORIZED", str(refused)) from refused
