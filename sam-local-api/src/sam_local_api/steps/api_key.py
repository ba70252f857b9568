"""API key: a method that requires one takes only a key of its API's usage
plans, within the plan's rate and quota: from the x-api-key header, or, where
the API's x-amazon-apigateway-api-key-source is AUTHORIZER, from its Lambda
authorizer's usageIdentifierKey. After the authorizer, for that reason
(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html);
LocalStack's REST API chain runs them in this order too.
"""

from sam_local_api.context import Context, GatewayError
from sam_local_api.limits import Limits
from sam_local_api.openapi import api_key_schemes, requirements
from sam_local_api.project import Project

HEADER = "x-api-key"


class ApiKey:
    def __init__(self, project: Project, limits: Limits):
        self.limits = limits
        self.keyed = set()
        for route in project.routes:
            schemes = api_key_schemes(route.api.body)
            if any(schemes & requirement.keys() for requirement in requirements(route.api.body, route.operation)):
                self.keyed.add(route.key)

    def __call__(self, context: Context) -> None:
        route = context.method.route
        if route.key not in self.keyed:
            return
        if route.api.body.get("x-amazon-apigateway-api-key-source") == "AUTHORIZER":
            key = context.authorizer_api_key
        else:
            key = context.request.headers.get(HEADER)
        refused = self.limits.key_problem(route.api, key)
        if refused:
            raise GatewayError(refused)
