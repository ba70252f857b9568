"""Check an answer against what openapi.yaml documents for it."""

from openapi_schema_validator import OAS30Validator

from tools.spec import openapi, operations, resolve

NOT_AN_OPERATION = {404: "Service not found", 405: "Method not allowed"}


def documented_response(path: str, method: str, status: int) -> dict:
    spec = openapi()
    for op_path, op_method, operation in operations(spec):
        if (op_path, op_method) == (path, method):
            responses = operation["responses"]
            assert str(status) in responses, f"{method} {path} answered {status}, which openapi.yaml does not document"
            return resolve(responses[str(status)], spec)
    # Unknown paths and other methods are answered with the Error schema.
    assert status in NOT_AN_OPERATION, f"{method} {path} is not an operation, yet answered {status}"
    return {"content": {"application/json": {"schema": resolve(spec["components"]["schemas"]["Error"], spec)}}}


def check(path: str, method: str, status: int, headers: dict, body) -> None:
    """Fail unless the status is documented and the body and headers match the spec."""
    response = documented_response(path, method, status)
    schema = response["content"]["application/json"]["schema"]
    OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER).validate(body)
    lower = {name.lower() for name in headers}
    for name in response.get("headers", {}):
        assert name.lower() in lower, f"{method} {path} {status} lacks its documented {name} header"
    assert "content-type" in lower
