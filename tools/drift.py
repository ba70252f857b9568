"""Find where openapi.yaml, template.yaml and the handler's route table disagree."""

import re

from tools.spec import HTTP_METHODS, operations, resources

# An integration invokes a function's alias, not $LATEST: ${Function.Arn}:alias.
ALIAS_ARN = re.compile(r"\$\{(\w+)\.Arn\}:([\w-]+)/invocations")


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _gateway_answers(path: str, item: dict, methods: dict) -> list[str]:
    """What is wrong with the path's ANY method: a mock answering 405 with `Allow`
    naming the route table's methods, and OPTIONS with a preflight allowing them."""
    integration = item.get("x-amazon-apigateway-any-method", {}).get("x-amazon-apigateway-integration", {})
    if integration.get("type") != "mock":
        return [f"{path} has no mock x-amazon-apigateway-any-method: other methods would not be API Gateway's 405"]
    responses = integration.get("responses", {})
    allow = responses.get("default", {}).get("responseParameters", {}).get("method.response.header.Allow")
    preflight = responses.get("204", {}).get("responseParameters", {})
    problems = []
    if allow != f"'{', '.join(methods)}'":
        problems.append(f"{path}'s 405 allows {allow}, not the route table's {list(methods)}")
    if preflight.get("method.response.header.Access-Control-Allow-Methods") != f"'{', '.join([*methods, 'OPTIONS'])}'":
        problems.append(f"{path}'s preflight does not allow the route table's {list(methods)}")
    return problems


def drift(spec: dict, template: dict, routes: dict) -> list[str]:
    """Every disagreement, as a sentence; empty when the three agree."""
    problems = []
    functions = resources(template, "AWS::Serverless::Function")
    tables = resources(template, "AWS::DynamoDB::Table")

    in_spec = {(path, method): op["operationId"] for path, method, op in operations(spec)}
    in_routes = {(path, method): entry[0] for path, methods in routes.items() for method, entry in methods.items()}
    for route in sorted(in_spec.keys() - in_routes.keys()):
        problems.append(f"{route} is in openapi.yaml but not in the route table")
    for route in sorted(in_routes.keys() - in_spec.keys()):
        problems.append(f"{route} is in the route table but not in openapi.yaml")
    for route in sorted(in_spec.keys() & in_routes.keys()):
        if in_spec[route] != in_routes[route]:
            problems.append(f"{route} is {in_spec[route]} in openapi.yaml but {in_routes[route]} in the route table")
    for path, methods in routes.items():
        for method, (operation_id, function) in methods.items():
            if function.__name__ != snake_case(operation_id):
                problems.append(f"{method} {path} runs {function.__name__}, not {snake_case(operation_id)}")

    # Every operation reaches the function; every other method of a path, OPTIONS
    # included, is API Gateway's mock: 405 naming the route table's methods, or a preflight.
    for path, item in spec["paths"].items():
        for method in (m for m in item if m in HTTP_METHODS):
            integration = item[method].get("x-amazon-apigateway-integration", {})
            uri = str(integration.get("uri", {}).get("Fn::Sub", ""))
            target = ALIAS_ARN.search(uri)
            if integration.get("type") != "aws_proxy" or not target or target[1] not in functions:
                problems.append(f"{path} has an integration that does not proxy to a function alias in template.yaml")
            elif target[2] != functions[target[1]]["Properties"].get("AutoPublishAlias"):
                problems.append(f"{path} invokes alias {target[2]}, not the one {target[1]} publishes")
        problems += _gateway_answers(path, item, routes.get(path, {}))
    if any("+}" in path for path in spec["paths"]):
        problems.append("openapi.yaml has a greedy path: unknown paths would not be API Gateway's 404")
    unknown_path = spec.get("x-amazon-apigateway-gateway-responses", {}).get("MISSING_AUTHENTICATION_TOKEN", {})
    if str(unknown_path.get("statusCode")) != "404":
        problems.append("MISSING_AUTHENTICATION_TOKEN (an unknown path) is not answered 404 in openapi.yaml")

    apis = resources(template, "AWS::Serverless::Api")
    includes = [
        api["Properties"].get("DefinitionBody", {}).get("Fn::Transform", {}).get("Parameters", {}).get("Location")
        for api in apis.values()
    ]
    if includes != ["openapi.yaml"]:
        problems.append("template.yaml's API does not import openapi.yaml with AWS::Include")
    for name, function in functions.items():
        props = function["Properties"]
        if props.get("Handler") != "users_api.app.lambda_handler" or props.get("CodeUri") != "src/":
            problems.append(f"{name} does not run users_api.app.lambda_handler from src/")
        refs = [value.get("Ref") for value in props.get("Environment", {}).get("Variables", {}).values()]
        env_tables = {ref for ref in refs if ref not in template.get("Parameters", {})}
        if env_tables != tables.keys():
            problems.append(f"{name} is not given exactly the template's tables: {sorted(env_tables)}")
    return problems
