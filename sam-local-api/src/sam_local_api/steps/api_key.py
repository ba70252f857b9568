"""API key: a method that requires one takes only a key of the usage plan, in the
header its document names (x-api-key), within the plan's rate and quota. After
the authorizer: a key can come from a Lambda authorizer
(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html),
and LocalStack's REST API chain runs them in this order too.
"""

from sam_local_api.context import Context, GatewayError
from sam_local_api.limits import Limits
from sam_local_api.openapi import api_key_schemes, operations, requirements, security_schemes
from sam_local_api.project import Project


class ApiKey:
    def __init__(self, project: Project, limits: Limits):
        spec = project.spec or {}
        self.limits = limits
        schemes = api_key_schemes(spec)
        names = [security_schemes(spec)[name].get("name", "x-api-key") for name in sorted(schemes)]
        self.header = names[0] if names else "x-api-key"
        self.keyed = {
            (path, method)
            for path, method, operation in operations(spec)
            if any(schemes & requirement.keys() for requirement in requirements(spec, operation))
        }

    def __call__(self, context: Context) -> None:
        if (context.method.operation_path, context.method.method) in self.keyed:
            refused = self.limits.key_problem(context.request.headers.get(self.header))
            if refused:
                raise GatewayError(refused)
