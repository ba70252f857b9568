"""Authorize: the method's authorizer, as its API's document declares it in the
method's security requirement (else the document's): a Cognito user pool
authorizer, an HTTP API's JWT authorizer, or a Lambda authorizer
(authorizers.py). What it found goes to the function in requestContext.authorizer.
An authorizer the local API cannot check (IAM's SigV4, a user pool or a function
outside the template, a type it does not know) refuses every request, and is named
at start (fidelity.py); --disable-authorizer lets every request by.
"""

from sam_local_api.authorizers import (
    CognitoUserPools,
    Jwt,
    LambdaAuthorizer,
    Unemulated,
    authorizer_kind,
    unemulated,
)
from sam_local_api.cognito import UserPool
from sam_local_api.context import Context
from sam_local_api.deployed import Api
from sam_local_api.openapi import requirements, security_schemes
from sam_local_api.project import Project


class Authorize:
    def __init__(self, project: Project, pool: UserPool | None, runtime, port: int, enabled: bool = True):
        self.authorizers: dict[tuple, tuple[object, list[str]]] = {}
        if not enabled:
            return
        made: dict[tuple[str, str], object] = {}

        def invoke(function: str, event: dict) -> str:
            return runtime.invoke(project.sam.function(function), event)

        for route in project.routes:
            schemes = security_schemes(route.api.body)
            for requirement in requirements(route.api.body, route.operation):
                name = next((n for n in requirement if authorizer_kind(schemes.get(n, {}))), None)
                if name is None:
                    continue
                key = (route.api.logical_id, name)
                if key not in made:
                    made[key] = _authorizer(route.api, name, schemes[name], project, pool, invoke, port)
                self.authorizers[route.key] = (made[key], list(requirement[name] or []))
                break

    def __call__(self, context: Context) -> None:
        found = self.authorizers.get(context.method.route.key)
        if found:
            authorizer, scopes = found
            authorizer.authorize(context, scopes)


def _authorizer(api: Api, name: str, scheme: dict, project: Project, pool: UserPool | None, invoke, port: int):
    kind = authorizer_kind(scheme)
    if unemulated(scheme, project) or (kind == "cognito_user_pools" and pool is None):
        return Unemulated(api, kind)
    authorizer = scheme.get("x-amazon-apigateway-authorizer") or {}
    if kind == "cognito_user_pools":
        return CognitoUserPools(pool, scheme.get("name", "Authorization"))
    if kind == "jwt":
        return Jwt(pool, authorizer)
    if kind == "token" and not authorizer.get("identitySource"):
        authorizer = {**authorizer, "identitySource": f"method.request.header.{scheme.get('name', 'Authorization')}"}
    return LambdaAuthorizer(api, name, authorizer, invoke, port, project.region)
