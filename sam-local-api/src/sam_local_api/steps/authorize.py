"""Authorize: the method's authorizer, as its API's document declares it in the
method's security requirement (else the document's): a Cognito user pool
authorizer, an HTTP API's JWT authorizer, or a Lambda authorizer
(authorizers.py). What it found goes to the function in requestContext.authorizer.
An IAM (SigV4) authorizer is not emulated: named at start, and let through.
"""

from sam_local_api.authorizers import CognitoUserPools, Jwt, LambdaAuthorizer
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
                name = next((n for n in requirement if _authorizer_kind(schemes.get(n, {}))), None)
                if name is None:
                    continue
                key = (route.api.logical_id, name)
                if key not in made:
                    made[key] = _authorizer(route.api, name, schemes[name], pool, invoke, port, project.region)
                if made[key] is not None:
                    self.authorizers[route.key] = (made[key], list(requirement[name] or []))
                break

    def __call__(self, context: Context) -> None:
        found = self.authorizers.get(context.method.route.key)
        if found:
            authorizer, scopes = found
            authorizer.authorize(context, scopes)


def _authorizer_kind(scheme: dict) -> str | None:
    authorizer = scheme.get("x-amazon-apigateway-authorizer") or {}
    kind = str(authorizer.get("type") or scheme.get("x-amazon-apigateway-authtype") or "").lower()
    return kind if kind in ("cognito_user_pools", "token", "request", "jwt") else None


def _authorizer(api: Api, name: str, scheme: dict, pool, invoke, port: int, region: str):
    authorizer = scheme.get("x-amazon-apigateway-authorizer") or {}
    kind = _authorizer_kind(scheme)
    if kind == "cognito_user_pools":
        return CognitoUserPools(pool, scheme.get("name", "Authorization")) if pool else None
    if kind == "jwt":
        return Jwt(pool, authorizer)
    if kind == "token" and not authorizer.get("identitySource"):
        authorizer = {**authorizer, "identitySource": f"method.request.header.{scheme.get('name', 'Authorization')}"}
    return LambdaAuthorizer(api, name, authorizer, invoke, port, region)
