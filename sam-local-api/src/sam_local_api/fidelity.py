"""What the template or its APIs ask of API Gateway and Lambda that the local API
does not do: one warning each, printed at start, so nobody takes a local answer
for what the deployed API would say.

Written by hand: no library lists what a local emulator leaves out. The list
follows the REST API features in API Gateway's developer guide
(https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-develop.html)
and SAM's AWS::Serverless::Api and AWS::Serverless::Function properties
(https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html).
"""

import sys

from sam_local_api.authorizers import IAM, authorizer_kind, unemulated
from sam_local_api.deployed import ANY
from sam_local_api.openapi import HTTP_METHODS, security_schemes
from sam_local_api.project import Project
from sam_local_api.waf import web_acls

# AWS::Serverless::Api and HttpApi properties: what API Gateway does with them, which the local API does not.
API_PROPERTIES = {
    "CacheClusterEnabled": "the stage cache: every request reaches the function",
    "Domain": "the custom domain (and its base path, mutual TLS): serve on 127.0.0.1 only",
    "MinimumCompressionSize": "response compression: answers are never gzip-encoded",
    "TracingEnabled": "X-Ray tracing: no trace header, no segments",
    "AccessLogSetting": "the stage's access log format: the local API prints its own line",
    "AccessLogSettings": "the stage's access log format: the local API prints its own line",
    "CanarySetting": "the stage canary: every request goes to one version",
    "DisableExecuteApiEndpoint": "disabling the execute-api endpoint",
    "FailOnWarnings": "the import's warnings: the local API reads the definition as it is",
    "SecurityPolicy": "the TLS security policy: served over plain HTTP",
    "EndpointAccessMode": "the endpoint access mode: every request is taken, whatever its Host",
}
# The same features declared in an API's definition.
SPEC_EXTENSIONS = {
    "x-amazon-apigateway-policy": "the resource policy: every caller is allowed",
    "x-amazon-apigateway-minimum-compression-size": "response compression: answers are never gzip-encoded",
}
# Resources that change what a caller of the API sees, none of which the local API has.
RESOURCE_TYPES = {
    "AWS::WAFRegional::WebACLAssociation": "the WAF web ACL: no request is filtered",
    "AWS::ApiGateway::DomainName": "the custom domain: serve on 127.0.0.1 only",
    "AWS::ApiGateway::BasePathMapping": "the base path mapping: paths are served from /",
    "AWS::ApiGatewayV2::DomainName": "the custom domain: serve on 127.0.0.1 only",
    "AWS::Serverless::Application": "a nested application: not served",
    # Cognito's request rate quotas are per account and Region, by operation category
    # (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations).
    "AWS::Cognito::UserPool": "its request rate quotas: the local token endpoint and InitiateAuth are never throttled",
}
# The events that reach a function through API Gateway; the local API serves no other.
API_EVENTS = ("Api", "HttpApi")


def warnings(project: Project) -> list[str]:
    """One line for each feature of the template or its APIs the local API does not emulate."""
    template = project.template
    found = []
    for kind in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi"):
        for name, api in project.resources(kind).items():
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
    for name, resource in template.get("Resources", {}).items():
        if resource.get("Type") in RESOURCE_TYPES:
            found.append(f"{name} ({resource['Type']}): {RESOURCE_TYPES[resource['Type']]}")
    found += _firewalls(project)
    found += _functions(project)
    for api in project.apis:
        found += [f"{api.logical_id} {key}: {what}" for key, what in SPEC_EXTENSIONS.items() if key in api.body]
        found += _endpoint(api, project)
        found += _authorizers(api, project)
        found += _integrations(api)
    return found


def _endpoint(api, project: Project) -> list[str]:
    """x-amazon-apigateway-endpoint-configuration's VPC endpoints, and its disabled default endpoint
    unless the API's DisableExecuteApiEndpoint, which SAM writes there, was named already
    (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html)."""
    endpoint = api.body.get("x-amazon-apigateway-endpoint-configuration") or {}
    written = project.template.get("Resources", {}).get(api.logical_id, {}).get("Properties", {})
    found = []
    if endpoint.get("vpcEndpointIds"):
        found.append(
            f"{api.logical_id} x-amazon-apigateway-endpoint-configuration: VPC endpoints: served as a local one"
        )
    if endpoint.get("disableExecuteApiEndpoint") and not written.get("DisableExecuteApiEndpoint"):
        what = API_PROPERTIES["DisableExecuteApiEndpoint"]
        found.append(f"{api.logical_id} x-amazon-apigateway-endpoint-configuration: {what}")
    return found


def _firewalls(project: Project) -> list[str]:
    """What of the template's WAF web ACLs is not applied (waf.py applies the rest)."""
    resources = project.deployed.get("Resources", {})
    acls = web_acls(resources)
    found = [
        f"{name} (AWS::WAFv2::WebACLAssociation): a web ACL this template does not define: no request is filtered"
        for name, resource in resources.items()
        if resource.get("Type") == "AWS::WAFv2::WebACLAssociation"
        and not any(acl.name in str(resource.get("Properties", {}).get("WebACLArn")) for acl in acls.values())
    ]
    for acl in {acl.name: acl for acl in acls.values()}.values():
        found += [f"{acl.name} rule {rule}: {why}: the rule is not applied" for rule, why in acl.skipped]
        if any(rule.rate for rule in acl.rules):
            found.append(
                f"{acl.name} rate-based rules: block from the first request over the limit, where AWS WAF"
                " notices a rate above it within some seconds"
            )
    return found


def _functions(project: Project) -> list[str]:
    found = []
    host = f"python{sys.version_info.major}.{sys.version_info.minor}"
    globals_ = project.template.get("Globals", {}).get("Function", {})
    for name, function in project.resources("AWS::Serverless::Function").items():
        properties = function.get("Properties", {})
        runtime = str(properties.get("Runtime") or globals_.get("Runtime") or "")
        if properties.get("PackageType") == "Image":
            found.append(f"{name}: an image function: not run locally; its routes answer 501")
        elif not runtime.startswith("python"):
            found.append(
                f"{name}: runtime {runtime or 'unknown'}: only Python functions run locally; its routes answer 501"
            )
        elif runtime != host:
            found.append(f"{name}: runtime {runtime}: runs on this Python, {host}")
        for layer in [*(properties.get("Layers") or []), *(globals_.get("Layers") or [])]:
            if not (isinstance(layer, dict) and layer.get("Ref") in project.resources("AWS::Serverless::LayerVersion")):
                found.append(f"{name}.Layers: {layer}: a layer outside the template is not on the function's path")
        found += [
            f"{name}: {event.get('Type')} event {event_name}: only API events reach the function locally"
            for event_name, event in (properties.get("Events") or {}).items()
            if event.get("Type") not in API_EVENTS
        ]
    return found


def _authorizers(api, project: Project) -> list[str]:
    found = []
    for name, scheme in security_schemes(api.body).items():
        authorizer = scheme.get("x-amazon-apigateway-authorizer", {})
        kind = authorizer_kind(scheme)
        why = unemulated(scheme, project)
        if why:
            refusal = "403" if kind == IAM else "401"
            found.append(
                f"{api.logical_id} authorizer {name}: {why}: every request is refused ({refusal}),"
                " unless --disable-authorizer"
            )
        elif kind == "jwt":
            issuer = (authorizer.get("jwtConfiguration") or {}).get("issuer", "")
            if project.user_pool_id not in str(issuer):
                found.append(
                    f"{api.logical_id} authorizer {name}: issuer {issuer} is not the template's user pool: "
                    "its tokens cannot be checked locally, and every one is refused"
                )
    return found


def _integrations(api) -> list[str]:
    found = []
    for path, item in api.body.get("paths", {}).items():
        for method in (*HTTP_METHODS, ANY):
            integration = (item.get(method) or {}).get("x-amazon-apigateway-integration")
            if integration is None:
                continue
            where = f"{api.logical_id} {'ANY' if method == ANY else method.upper()} {path}"
            kind = str(integration.get("integrationSubtype") or str(integration.get("type", "")).lower())
            if kind not in ("aws_proxy", "mock"):
                found.append(
                    f"{where}: the {kind} integration is not served (501); only Lambda proxy and mock ones are"
                )
            parameters = set(integration.get("requestParameters") or {}) - {
                "integration.request.header.X-Amz-Tenant-Id"
            }
            if kind == "aws_proxy" and (integration.get("requestTemplates") or parameters):
                found.append(f"{where}: the integration's mapping templates and parameters are not applied")
    return found
