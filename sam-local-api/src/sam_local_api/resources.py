"""APIs declared as CloudFormation resources rather than by a definition (what
CDK writes): a REST API's AWS::ApiGateway::Resource and Method resources, an
HTTP API's AWS::ApiGatewayV2::Route and Integration resources, or its quick
create (Target). Each becomes the definition API Gateway would export for it, so
that one reading (deployed.py) serves every API.

The properties are those of the CloudFormation resources
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html,
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html),
and the definition's extensions those API Gateway exports
(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html).
Written by hand: no library maps one onto the other.
"""

# RootResourceId, as sam local resolves it.
ROOT = "/"


def rest_body(resources: dict, api: str) -> dict:
    """The Swagger 2.0 definition of a REST API whose methods are resources."""
    mine = {n: r.get("Properties", {}) for n, r in resources.items() if r.get("Properties", {}).get("RestApiId") == api}
    of_type = {kind: {n: p for n, p in mine.items() if resources[n].get("Type") == kind} for kind in _REST_TYPES}
    parts = of_type["AWS::ApiGateway::Resource"]
    body = {
        "swagger": "2.0",
        "info": {"title": resources[api].get("Properties", {}).get("Name", api)},
        "paths": {},
        "securityDefinitions": {},
        "x-amazon-apigateway-request-validators": {
            name: {
                "validateRequestBody": bool(p.get("ValidateRequestBody")),
                "validateRequestParameters": bool(p.get("ValidateRequestParameters")),
            }
            for name, p in of_type["AWS::ApiGateway::RequestValidator"].items()
        },
        "x-amazon-apigateway-gateway-responses": {
            p["ResponseType"]: {
                **({"statusCode": p["StatusCode"]} if "StatusCode" in p else {}),
                "responseParameters": p.get("ResponseParameters", {}),
                "responseTemplates": p.get("ResponseTemplates", {}),
            }
            for p in of_type["AWS::ApiGateway::GatewayResponse"].values()
            if "ResponseType" in p
        },
    }
    models = {p.get("Name", n): p.get("Schema", {}) for n, p in of_type["AWS::ApiGateway::Model"].items()}
    authorizers = of_type["AWS::ApiGateway::Authorizer"]
    for method in of_type["AWS::ApiGateway::Method"].values():
        path = _path(method.get("ResourceId", ROOT), parts)
        verb = str(method.get("HttpMethod", "ANY")).lower()
        operation = {"x-amazon-apigateway-integration": _rest_integration(method.get("Integration") or {})}
        if method.get("OperationName"):
            operation["operationId"] = method["OperationName"]
        requirement = {}
        if method.get("AuthorizerId") in authorizers:
            name = method["AuthorizerId"]
            body["securityDefinitions"][name] = _rest_authorizer(authorizers[name])
            requirement[name] = method.get("AuthorizationScopes", [])
        if method.get("ApiKeyRequired"):
            body["securityDefinitions"]["api_key"] = {"type": "apiKey", "name": "x-api-key", "in": "header"}
            requirement["api_key"] = []
        if requirement:
            operation["security"] = [requirement]
        if method.get("RequestValidatorId"):
            operation["x-amazon-apigateway-request-validator"] = method["RequestValidatorId"]
        operation["parameters"] = [_parameter(name, bool(required)) for name, required in
                                   (method.get("RequestParameters") or {}).items()]  # fmt: skip
        model = (method.get("RequestModels") or {}).get("application/json")
        if model in models:
            operation["parameters"].append({"in": "body", "name": model, "required": True, "schema": models[model]})
        body["paths"].setdefault(path, {})["x-amazon-apigateway-any-method" if verb == "any" else verb] = operation
    return body


def http_body(resources: dict, api: str) -> dict:
    """The OpenAPI 3 definition of an HTTP API whose routes are resources, or made by quick create."""
    properties = resources[api].get("Properties", {})
    mine = {n: r.get("Properties", {}) for n, r in resources.items() if r.get("Properties", {}).get("ApiId") == api}
    integrations = {n: p for n, p in mine.items() if resources[n].get("Type") == "AWS::ApiGatewayV2::Integration"}
    authorizers = {n: p for n, p in mine.items() if resources[n].get("Type") == "AWS::ApiGatewayV2::Authorizer"}
    body = {"openapi": "3.0.1", "info": {"title": properties.get("Name", api)}, "paths": {}}
    schemes = {}
    routes = [(n, p) for n, p in mine.items() if resources[n].get("Type") == "AWS::ApiGatewayV2::Route"]
    if properties.get("Target"):
        # Quick create: one route to the target, $default unless RouteKey says otherwise.
        routes.append(("", {"RouteKey": properties.get("RouteKey", "$default"), "Target": properties["Target"]}))
    for _name, route in routes:
        verb, _, path = str(route.get("RouteKey", "$default")).partition(" ")
        if not path:
            verb, path = "ANY", verb
        target = str(route.get("Target", "")).removeprefix("integrations/")
        integration = integrations.get(target) or {"IntegrationType": "AWS_PROXY", "IntegrationUri": target}
        operation = {
            "x-amazon-apigateway-integration": {
                "type": str(integration.get("IntegrationType", "")).lower(),
                "uri": integration.get("IntegrationUri"),
                "payloadFormatVersion": str(integration.get("PayloadFormatVersion", "2.0")),
                **({"timeoutInMillis": integration["TimeoutInMillis"]} if "TimeoutInMillis" in integration else {}),
            }
        }
        if route.get("OperationName"):
            operation["operationId"] = route["OperationName"]
        if route.get("AuthorizerId") in authorizers:
            name = route["AuthorizerId"]
            schemes[name] = _http_authorizer(authorizers[name])
            operation["security"] = [{name: route.get("AuthorizationScopes", [])}]
        key = "x-amazon-apigateway-any-method" if verb == "ANY" else verb.lower()
        body["paths"].setdefault(path, {})[key] = operation
    if schemes:
        body["components"] = {"securitySchemes": schemes}
    cors = properties.get("CorsConfiguration")
    if cors:
        body["x-amazon-apigateway-cors"] = {key[0].lower() + key[1:]: value for key, value in cors.items()}
    return body


_REST_TYPES = (
    "AWS::ApiGateway::Resource",
    "AWS::ApiGateway::Method",
    "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGateway::Model",
    "AWS::ApiGateway::GatewayResponse",
)


def _path(resource: str, parts: dict) -> str:
    segments = []
    while resource in parts:
        segments.append(str(parts[resource].get("PathPart", "")))
        resource = parts[resource].get("ParentId", ROOT)
    return "/" + "/".join(reversed(segments))


def _rest_integration(integration: dict) -> dict:
    responses = {
        response.get("SelectionPattern") or "default": {
            "statusCode": str(response.get("StatusCode", "200")),
            "responseParameters": response.get("ResponseParameters", {}),
            "responseTemplates": response.get("ResponseTemplates", {}),
        }
        for response in integration.get("IntegrationResponses") or []
    }
    return {
        "type": str(integration.get("Type", "")).lower(),
        "uri": integration.get("Uri"),
        "httpMethod": integration.get("IntegrationHttpMethod"),
        "requestTemplates": integration.get("RequestTemplates", {}),
        "requestParameters": integration.get("RequestParameters", {}),
        "responses": responses,
        **({"timeoutInMillis": integration["TimeoutInMillis"]} if "TimeoutInMillis" in integration else {}),
    }


def _rest_authorizer(authorizer: dict) -> dict:
    kind = str(authorizer.get("Type", "")).lower()
    header = str(authorizer.get("IdentitySource", "method.request.header.Authorization")).split(",")[0]
    scheme = {
        "type": "apiKey",
        "name": header.rsplit(".", 1)[-1],
        "in": "header",
        "x-amazon-apigateway-authtype": "cognito_user_pools" if kind == "cognito_user_pools" else "custom",
        "x-amazon-apigateway-authorizer": {
            "type": kind,
            "identitySource": authorizer.get("IdentitySource"),
            "providerARNs": authorizer.get("ProviderARNs"),
            "authorizerUri": authorizer.get("AuthorizerUri"),
            "authorizerResultTtlInSeconds": authorizer.get("AuthorizerResultTtlInSeconds", 300),
            "identityValidationExpression": authorizer.get("IdentityValidationExpression"),
        },
    }
    scheme["x-amazon-apigateway-authorizer"] = {k: v for k, v in scheme["x-amazon-apigateway-authorizer"].items() if v}
    return scheme


def _http_authorizer(authorizer: dict) -> dict:
    kind = str(authorizer.get("AuthorizerType", "")).lower()
    details = {"type": "jwt" if kind == "jwt" else "request", "identitySource": authorizer.get("IdentitySource")}
    if kind == "jwt":
        configuration = authorizer.get("JwtConfiguration") or {}
        details["jwtConfiguration"] = {"issuer": configuration.get("Issuer"), "audience": configuration.get("Audience")}
    else:
        details |= {
            "authorizerUri": authorizer.get("AuthorizerUri"),
            "authorizerPayloadFormatVersion": authorizer.get("AuthorizerPayloadFormatVersion"),
            "enableSimpleResponses": authorizer.get("EnableSimpleResponses"),
            "authorizerResultTtlInSeconds": authorizer.get("AuthorizerResultTtlInSeconds", 0),
        }
    return {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authorizer": details}


def _parameter(name: str, required: bool) -> dict:
    """method.request.header.X (querystring.X, path.X) as a Swagger parameter."""
    _, _, rest = name.partition("method.request.")
    where, _, parameter = rest.partition(".")
    location = {"querystring": "query", "header": "header", "path": "path"}.get(where, "query")
    return {"name": parameter, "in": location, "required": required or location == "path", "type": "string"}
