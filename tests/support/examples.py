"""openapi.yaml's error examples, each the answer to the request its summary names."""

from tools.spec import openapi, resolve

# The examples only API Gateway answers (the function never sees their requests).
GATEWAY_ANSWERED = {
    ("Forbidden", "noApiKey"),
    ("ForbiddenWrite", "noApiKeyOnUpdate"),
    ("MethodNotAllowed", "wrongMethod"),
    ("TooManyRequests", "overStageRate"),
}


def error_examples() -> dict[tuple[str, str], dict]:
    """(response, example name) -> example body, for every response whose schema is Error."""
    spec = openapi()
    found = {}
    for name, response in spec["components"]["responses"].items():
        content = response.get("content", {}).get("application/json", {})
        if content.get("schema") != {"$ref": "#/components/schemas/Error"}:
            continue
        assert "example" not in content, f"{name}: name the example's request (examples, with a summary)"
        for example_name, example in content.get("examples", {}).items():
            found[name, example_name] = resolve(example, spec)["value"]
    return found
