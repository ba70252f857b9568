"""What API Gateway does in front of the functions, over HTTP, on two fixture
templates that declare it the way SAM writes it: `secured` (a REST API: Lambda
TOKEN and REQUEST authorizers, a Cognito authorizer under Auth, API keys and a
usage plan, a model, CORS, a function's Timeout) and `http-api` (an HTTP API: a
JWT authorizer on the template's user pool, a simple Lambda authorizer, payload
1.0 and 2.0, CORS). Each expectation is API Gateway's documented answer, cited."""

import os
import socket
import stat
from pathlib import Path

import pytest
import requests

from sam_local_api.testing import LocalApiServer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rest():
    server = LocalApiServer("--template", str(FIXTURES / "secured" / "template.yaml")).wait_ready()
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def http():
    server = LocalApiServer("--template", str(FIXTURES / "http-api" / "template.yaml")).wait_ready()
    yield server
    assert server.stop() == 0


def get(server, path: str, **headers) -> requests.Response:
    return requests.get(server.url + path, headers=headers, timeout=10)


# A TOKEN authorizer: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html


def test_a_token_authorizer_lets_in_what_its_policy_allows_with_its_context(rest):
    answer = get(rest, "/token", Authorization="Bearer allow")
    assert answer.status_code == 200
    authorizer = answer.json()["authorizer"]
    # The context, each value a string, and the principal, where API Gateway puts them.
    assert (authorizer["principalId"], authorizer["admin"]) == ("token-user", "false")


def test_a_token_authorizer_refuses_what_its_policy_denies(rest):
    answer = get(rest, "/token", Authorization="Bearer deny")
    # An explicit Deny: https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer
    assert (answer.status_code, answer.json()) == (
        403,
        {"message": "User is not authorized to access this resource with an explicit deny"},
    )


@pytest.mark.parametrize("header", [None, "", "not a bearer token", "Bearer unauthorized"])
def test_no_token_a_token_the_expression_refuses_or_the_authorizers_unauthorized_is_401(rest, header):
    headers = {} if header is None else {"Authorization": header}
    answer = requests.get(rest.url + "/token", headers=headers, timeout=10)
    assert (answer.status_code, answer.json()) == (401, {"message": "Unauthorized"})


def test_a_token_authorizers_answer_is_cached_for_its_ttl(rest):
    # ReauthorizeEvery 300: the second request with the same token reuses the first answer.
    first = get(rest, "/token", Authorization="Bearer cached")
    second = get(rest, "/token", Authorization="Bearer cached")
    assert first.status_code == second.status_code == 403
    allowed = [get(rest, "/token", Authorization="Bearer allow").json()["authorizer"]["calls"] for _ in range(2)]
    assert allowed[0] == allowed[1]


def test_a_request_authorizer_takes_its_identity_from_the_query(rest):
    assert get(rest, "/request?token=allow").json()["authorizer"]["via"] == "query"
    # Without its identity source, API Gateway refuses before calling it.
    assert (get(rest, "/request").status_code, get(rest, "/request").json()) == (401, {"message": "Unauthorized"})
    assert get(rest, "/request?token=deny").status_code == 403


# A Cognito authorizer declared under Auth:
# https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html


def test_a_method_with_scopes_takes_an_access_token_holding_one(rest):
    answer = get(rest, "/scoped", Authorization=f"Bearer {rest.token('items/read')}")
    assert answer.status_code == 200
    assert answer.json()["authorizer"]["claims"]["scope"] == "items/read"
    assert get(rest, "/scoped", Authorization=rest.id_token()).status_code == 401
    assert get(rest, "/scoped").status_code == 401


def test_a_signing_key_file_is_made_on_first_use_and_its_tokens_outlive_a_restart(tmp_path):
    """Each start signs with a new key unless --signing-key names one: a missing file is made, then kept."""
    key = tmp_path / "pool-key.pem"
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = str(probe.getsockname()[1])  # the same port both times: the issuer names it
    started = ("--template", str(FIXTURES / "secured" / "template.yaml"), "--port", port, "--signing-key", str(key))
    first = LocalApiServer(*started).wait_ready()
    try:
        token = first.token("items/read")
    finally:
        assert first.stop() == 0
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    second = LocalApiServer(*started).wait_ready()
    try:
        assert get(second, "/scoped", Authorization=f"Bearer {token}").status_code == 200
    finally:
        assert second.stop() == 0


def test_a_method_without_scopes_takes_the_pools_id_token(rest):
    answer = get(rest, "/profile", Authorization=rest.id_token("ada"))
    assert answer.status_code == 200
    assert answer.json()["authorizer"]["claims"]["cognito:username"] == "ada"
    assert get(rest, "/profile", Authorization=rest.token("items/read")).status_code == 401


@pytest.mark.parametrize("spelling", ["Bearer {}", "{}"], ids=["bearer", "alone"])
def test_a_cognito_authorizer_takes_the_token_after_bearer_or_alone(rest, spelling):
    # The two spellings AWS documents: cognito.py's bearer_token cites them.
    token = rest.token("items/read")
    assert get(rest, "/scoped", Authorization=spelling.format(token)).status_code == 200


@pytest.mark.parametrize("spelling", ["bearer {}", "BEARER {}", "Bearer  {}", "Bearer\t{}", "Bearer {} x"])
def test_a_cognito_authorizer_refuses_every_other_spelling(rest, spelling):
    # Spaces added make a token invalid (https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized),
    # and no page says another case of "Bearer" is taken: refused, so that what works locally works deployed.
    answer = get(rest, "/scoped", Authorization=spelling.format(rest.token("items/read")))
    assert (answer.status_code, answer.json()) == (401, {"message": "Unauthorized"})


def identity_provider(server, operation: str, body: dict) -> requests.Response:
    target = {"X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}"}
    return requests.post(server.url + "/", json=body, headers=target, timeout=10)


def test_a_pool_that_lets_users_sign_up_and_a_client_that_allows_password_sign_in(rest):
    # secured's pool has no AdminCreateUserConfig, its client ExplicitAuthFlows ALLOW_USER_PASSWORD_AUTH.
    signed_up = identity_provider(rest, "SignUp", {"ClientId": rest.client_id, "Username": "bo", "Password": "a" * 12})
    assert (signed_up.status_code, signed_up.json()["UserConfirmed"]) == (200, True)
    parameters = {"USERNAME": "bo", "PASSWORD": "a" * 12}
    body = {"ClientId": rest.client_id, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": parameters}
    assert "IdToken" in identity_provider(rest, "InitiateAuth", body).json()["AuthenticationResult"]


def test_an_admin_only_pool_refuses_sign_up_and_a_client_without_password_flow_refuses_it(http):
    # http-api's pool: AllowAdminCreateUserOnly; its client names no ExplicitAuthFlows, which
    # are then SRP, custom and refresh only
    # (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html).
    refused = identity_provider(http, "SignUp", {"ClientId": http.client_id, "Username": "cy", "Password": "a" * 12})
    assert (refused.status_code, refused.json()["__type"]) == (400, "NotAuthorizedException")
    assert refused.json()["message"] == "SignUp is not permitted for this user pool"
    user = {"UserPoolId": http.user_pool_id, "Username": "cy"}
    assert identity_provider(http, "AdminCreateUser", {**user, "TemporaryPassword": "b" * 12}).status_code == 200
    permanent = {**user, "Password": "a" * 12, "Permanent": True}
    assert identity_provider(http, "AdminSetUserPassword", permanent).status_code == 200
    parameters = {"USERNAME": "cy", "PASSWORD": "a" * 12}
    body = {"ClientId": http.client_id, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": parameters}
    not_enabled = identity_provider(http, "InitiateAuth", body)
    assert (not_enabled.status_code, not_enabled.json()) == (
        400,
        {"__type": "InvalidParameterException", "message": "USER_PASSWORD_AUTH flow not enabled for this client"},
    )


# Authorizers the local API cannot check (fixtures/unchecked): each refuses every request, as a
# missing credential is refused, and is named at start, unless --disable-authorizer.


def test_an_authorizer_it_cannot_check_refuses_every_request_and_is_named_at_start():
    server = LocalApiServer("--template", str(FIXTURES / "unchecked" / "template.yaml")).wait_ready()
    junk = {"Authorization": "Bearer a.b.c"}
    try:
        answers = {
            path: [(answer.status_code, answer.json()) for answer in (get(server, path), get(server, path, **junk))]
            for path in ("/pool", "/function", "/iam")
        }
    finally:
        assert server.stop() == 0
    unauthorized = (401, {"message": "Unauthorized"})
    assert answers["/pool"] == answers["/function"] == [unauthorized] * 2
    # IAM: unsigned, as API Gateway answers it (https://repost.aws/knowledge-center/api-gateway-authentication-token-errors).
    assert answers["/iam"][0] == (403, {"message": "Missing Authentication Token"})
    assert answers["/iam"][1][0] == 403
    warned = [line for line in server.stderr.splitlines() if line.startswith("warning: not emulated: ")]
    for authorizer, why, status in (
        ("SharedPool", "user pool arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_SharedPool", 401),
        ("SharedFunction", "its function shared-authorizer is not in the template", 401),
        ("AWS_IAM", "IAM (SigV4) authorization is not emulated", 403),
    ):
        (line,) = [line for line in warned if f" authorizer {authorizer}: " in line]
        assert line.startswith(f"warning: not emulated: Api authorizer {authorizer}: {why}"), line
        assert line.endswith(f"every request is refused ({status}), unless --disable-authorizer"), line


# Auth.ApiKeyRequired and the usage plan; RequestModel with ValidateBody.


def test_a_method_that_requires_an_api_key_and_a_model(rest):
    body = {"name": "Rex"}
    assert requests.post(rest.url + "/items", json=body, timeout=10).status_code == 403
    keyed = {"x-api-key": rest.api_key}
    refused = requests.post(rest.url + "/items", json={"colour": "red"}, headers=keyed, timeout=10)
    assert (refused.status_code, refused.json()) == (400, {"message": "Invalid request body"})
    assert requests.post(rest.url + "/items", json=body, headers=keyed, timeout=10).status_code == 200


def test_the_cors_preflight_is_the_gateways(rest):
    answer = requests.options(
        rest.url + "/open",
        headers={"Origin": "https://example.com", "Access-Control-Request-Method": "GET"},
        timeout=10,
    )
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "https://example.com"
    assert answer.headers["Access-Control-Allow-Methods"] == "GET,POST,OPTIONS"


def test_a_function_past_its_timeout_is_api_gateways_502(rest):
    answer = get(rest, "/slow")
    assert (answer.status_code, answer.json()) == (502, {"message": "Internal server error"})
    assert "Task timed out after 1.00 seconds" in rest.stderr


def test_a_path_no_method_has_is_missing_authentication_token(rest):
    assert (get(rest, "/nowhere").status_code, get(rest, "/nowhere").json()) == (
        403,
        {"message": "Missing Authentication Token"},
    )


def test_a_request_line_and_headers_over_10240_bytes_are_refused_before_the_function(rest):
    # https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html: 10,240 bytes of request
    # line and header values. Under it the request is served; over it, refused (status: see steps/request_limits.py).
    served = get(rest, "/token", Authorization="Bearer allow", **{"X-Padding": "p" * 9800})
    assert served.status_code == 200, served.text
    refused = get(rest, "/token", Authorization="Bearer allow", **{"X-Padding": "p" * 10240})
    assert (refused.status_code, refused.json()) == (431, {"message": "HTTP header is larger than 10240 bytes."})


# An HTTP API's JWT authorizer: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html


def test_a_jwt_authorizer_takes_the_pools_token_with_the_routes_scope(http):
    answer = get(http, "/items", Authorization=f"Bearer {http.token('items/read')}")
    assert answer.status_code == 200
    jwt = answer.json()["authorizer"]["jwt"]
    assert (jwt["claims"]["client_id"], jwt["scopes"]) == (http.client_id, ["items/read"])


def test_a_jwt_authorizer_refuses_no_token_401_and_another_scope_403(http):
    assert (get(http, "/items").status_code, get(http, "/items").json()) == (401, {"message": "Unauthorized"})
    other_scope = get(http, "/items", Authorization=f"Bearer {http.token('items/write')}")
    assert (other_scope.status_code, other_scope.json()) == (403, {"message": "Forbidden"})


def test_a_simple_lambda_authorizer(http):
    allowed = get(http, "/simple", **{"x-token": "allow"})
    assert (allowed.status_code, allowed.json()["authorizer"]) == (200, {"lambda": {"token": "allow"}})
    assert get(http, "/simple", **{"x-token": "deny"}).status_code == 403
    assert get(http, "/simple").status_code == 401


def test_payload_format_versions(http):
    assert get(http, "/legacy").json()["version"] == "1.0"
    assert get(http, "/legacy").json()["httpMethod"] == "GET"
    assert get(http, "/simple", **{"x-token": "allow"}).json()["routeKey"] == "GET /simple"


def test_an_http_apis_own_answers(http):
    assert (get(http, "/nowhere").status_code, get(http, "/nowhere").json()) == (404, {"message": "Not Found"})
    assert (get(http, "/boom").status_code, get(http, "/boom").json()) == (500, {"message": "Internal Server Error"})


def test_an_http_apis_cors(http):
    origin = {"Origin": "https://example.com"}
    preflight = requests.options(
        http.url + "/items", headers={**origin, "Access-Control-Request-Method": "GET"}, timeout=10
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://example.com"
    assert preflight.headers["Access-Control-Max-Age"] == "600"
    assert get(http, "/legacy", **origin).headers["Access-Control-Allow-Origin"] == "https://example.com"
    assert "Access-Control-Allow-Origin" not in get(http, "/legacy", Origin="https://elsewhere.example").headers
