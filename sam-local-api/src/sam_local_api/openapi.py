"""Reading an OpenAPI (3.0) or Swagger (2.0) document: its operations and its $refs."""

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords that document a schema but take no part in validating it.
DOC_KEYWORDS = frozenset({"description", "example", "title", "readOnly", "writeOnly"})


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    """(path, METHOD, operation) for every operation the document declares."""
    return [
        (path, method.upper(), item[method])
        for path, item in spec.get("paths", {}).items()
        for method in HTTP_METHODS
        if method in item
    ]


def resolve(node, spec: dict, *, strip_docs: bool = False):
    """The node with every local $ref replaced by what it points at."""
    if isinstance(node, list):
        return [resolve(item, spec, strip_docs=strip_docs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return resolve(target, spec, strip_docs=strip_docs)
    return {
        key: resolve(value, spec, strip_docs=strip_docs)
        for key, value in node.items()
        if not (strip_docs and key in DOC_KEYWORDS)
    }


def security_schemes(spec: dict) -> dict[str, dict]:
    """Every security scheme, from OpenAPI 3's components or Swagger 2's securityDefinitions."""
    return {**spec.get("securityDefinitions", {}), **spec.get("components", {}).get("securitySchemes", {})}


def requirements(spec: dict, operation: dict) -> list[dict]:
    """The operation's security requirements (its own, else the document's)."""
    return operation.get("security", spec.get("security", []))


def cognito_schemes(spec: dict) -> list[str]:
    """The security schemes API Gateway imports as Cognito user-pool authorizers."""
    return [
        name
        for name, scheme in security_schemes(spec).items()
        if scheme.get("x-amazon-apigateway-authtype") == "cognito_user_pools"
    ]


def api_key_schemes(spec: dict) -> set[str]:
    """The schemes that are API Gateway's API key: an apiKey scheme that is not an authorizer's
    header (one with x-amazon-apigateway-authtype, or an HTTP API's x-amazon-apigateway-authorizer)."""
    return {
        name
        for name, scheme in security_schemes(spec).items()
        if scheme.get("type") == "apiKey"
        and "x-amazon-apigateway-authtype" not in scheme
        and "x-amazon-apigateway-authorizer" not in scheme
    }
