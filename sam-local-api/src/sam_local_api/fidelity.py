"""What the template or its API's OpenAPI document asks of API Gateway and Lambda
that the local API does not do: one warning each, printed at start, so nobody
takes a local answer for what the deployed API would say.

Written by hand: no library lists what a local emulator leaves out. The list
follows the REST API features in API Gateway's developer guide
(https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-develop.html)
and SAM's AWS::Serverless::Api and AWS::Serverless::Function properties
(https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html).
"""

from sam_local_api.openapi import HTTP_METHODS, security_schemes
from sam_local_api.project import Project

# AWS::Serverless::Api properties: what API Gateway does with them, which the local API does not.
API_PROPERTIES = {
    "BinaryMediaTypes": "binary media types: a request body that is not UTF-8 text is refused with 400",
    "CacheClusterEnabled": "the stage cache: every request reaches the function",
    "Domain": "the custom domain (and its base path, mutual TLS): serve on 127.0.0.1 only",
    "MinimumCompressionSize": "response compression: answers are never gzip-encoded",
    "TracingEnabled": "X-Ray tracing: no trace header, no segments",
    "AccessLogSetting": "the stage's access log format: the local API prints its own line",
    "CanarySetting": "the stage canary: every request goes to one version",
    "GatewayResponses": "SAM's GatewayResponses property: only the spec's gateway responses apply",
    "Cors": "SAM's Cors property: CORS headers come only from the function or the spec's gateway responses",
    "Models": "SAM's Models property: request validation uses the spec's schemas only",
    "DisableExecuteApiEndpoint": "disabling the execute-api endpoint",
}
# The same features declared in the OpenAPI document.
SPEC_EXTENSIONS = {
    "x-amazon-apigateway-binary-media-types": API_PROPERTIES["BinaryMediaTypes"],
    "x-amazon-apigateway-policy": "the resource policy: every caller is allowed",
    "x-amazon-apigateway-minimum-compression-size": "response compression: answers are never gzip-encoded",
    "x-amazon-apigateway-endpoint-configuration": "the endpoint configuration (private or VPC endpoints)",
}
# Resources that change what a caller of the API sees, none of which the local API has.
RESOURCE_TYPES = {
    "AWS::WAFv2::WebACLAssociation": "the WAF web ACL: no request is filtered",
    "AWS::WAFRegional::WebACLAssociation": "the WAF web ACL: no request is filtered",
    "AWS::ApiGateway::DomainName": "the custom domain: serve on 127.0.0.1 only",
    "AWS::ApiGateway::BasePathMapping": "the base path mapping: paths are served from /",
    "AWS::Serverless::HttpApi": "HTTP APIs (API Gateway v2): not served; only the REST API is",
    "AWS::ApiGateway::RestApi": "REST APIs outside AWS::Serverless::Api: not served",
    "AWS::ApiGateway::Authorizer": "authorizer resources: not applied",
}


def warnings(project: Project) -> list[str]:
    """One line for each feature of the template or its API's document the local API does not emulate."""
    template_doc, spec = project.template, project.spec or {}
    found = []
    for name, api in resources(template_doc, "AWS::Serverless::Api").items():
        properties = api.get("Properties", {})
        found += [f"{name}.{key}: {API_PROPERTIES[key]}" for key in API_PROPERTIES if properties.get(key)]
        if properties.get("EndpointConfiguration", {}) not in ({}, "REGIONAL", {"Type": "REGIONAL"}):
            found.append(f"{name}.EndpointConfiguration: private and edge endpoints are served as a local one")
        if properties.get("Auth", {}).get("ResourcePolicy"):
            found.append(f"{name}.Auth.ResourcePolicy: the resource policy: every caller is allowed")
        found += [
            f"{name}.MethodSettings: {key} ({setting.get('HttpMethod', '*')} {setting.get('ResourcePath', '/*')})"
            for setting in properties.get("MethodSettings", [])
            for key in ("CachingEnabled", "DataTraceEnabled")
            if setting.get(key)
        ]
    for name, resource in template_doc.get("Resources", {}).items():
        if resource.get("Type") in RESOURCE_TYPES:
            found.append(f"{name} ({resource['Type']}): {RESOURCE_TYPES[resource['Type']]}")
    found += _functions(template_doc)
    found += [f"openapi {key}: {what}" for key, what in SPEC_EXTENSIONS.items() if key in spec]
    if spec.get("x-amazon-apigateway-api-key-source") == "AUTHORIZER":
        found.append("openapi x-amazon-apigateway-api-key-source AUTHORIZER: keys are read from the header only")
    found += _authorizers(spec)
    found += _integrations(spec)
    return found


def resources(template_doc: dict, resource_type: str) -> dict[str, dict]:
    return {name: r for name, r in template_doc.get("Resources", {}).items() if r.get("Type") == resource_type}


def _functions(template_doc: dict) -> list[str]:
    found = []
    for name, function in resources(template_doc, "AWS::Serverless::Function").items():
        properties = function.get("Properties", {})
        runtime = properties.get("Runtime") or template_doc.get("Globals", {}).get("Function", {}).get("Runtime", "")
        if not str(runtime).startswith("python"):
            found.append(f"{name}: runtime {runtime or 'unknown'}: only Python functions run locally")
        if properties.get("Layers") or template_doc.get("Globals", {}).get("Function", {}).get("Layers"):
            found.append(f"{name}.Layers: layers are not on the function's path locally")
        found += [
            f"{name}: {event.get('Type')} event {event_name}: only API events reach the function locally"
            for event_name, event in properties.get("Events", {}).items()
            if event.get("Type") not in ("Api",)
        ]
    return found


def _authorizers(spec: dict) -> list[str]:
    found = []
    for name, scheme in security_schemes(spec).items():
        authorizer = scheme.get("x-amazon-apigateway-authorizer", {})
        if scheme.get("x-amazon-apigateway-authtype") == "custom" or authorizer.get("type") in ("token", "request"):
            found.append(f"openapi securitySchemes.{name}: a Lambda authorizer: not run, every request passes it")
    return found


def _integrations(spec: dict) -> list[str]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in (*HTTP_METHODS, "x-amazon-apigateway-any-method"):
            integration = item.get(method, {}).get("x-amazon-apigateway-integration")
            if integration is None:
                continue
            where = f"{'ANY' if method.startswith('x-') else method.upper()} {path}"
            kind = integration.get("type", "")
            if kind.lower() != "aws_proxy":
                found.append(f"{where}: a {kind} integration is not served, only Lambda proxy ones are")
            elif integration.get("requestTemplates") or integration.get("requestParameters"):
                found.append(f"{where}: the integration's mapping templates and parameters are not applied")
    return found
