"""The local API over real HTTP, as developers and clients use it.

Every answer from an operation is checked against openapi.yaml.
"""

import functools
import socket
import time
from urllib.parse import urlsplit

import pytest
import requests

from tests.support.contract import check
from tests.support.local_api import project_copy, this_api
from tools.spec import ROOT

JSON = {"Content-Type": "application/json"}


@functools.cache
def bearer(local_api) -> str:
    """An access token with every scope, from the server's own token endpoint."""
    return local_api.token()


def call(
    local_api, method: str, path: str, *, api_key: str | None = "", token: str | None = "", **kwargs
) -> requests.Response:
    """One request, with the server's API key and an access token with every scope
    unless told otherwise, its answer checked against the spec."""
    headers = kwargs.pop("headers", {})
    if api_key is not None:
        headers["x-api-key"] = api_key or local_api.api_key
    if token is not None:
        headers["Authorization"] = f"Bearer {token or bearer(local_api)}"
    response = requests.request(method, local_api.url + path, headers=headers, timeout=30, **kwargs)
    check(urlsplit(response.url).path, method, response.status_code, response.headers, response.json())
    return response


def create(local_api, email: str, name: str = "Ada Lovelace") -> dict:
    response = call(local_api, "POST", "/user/create", json={"name": name, "email": email})
    assert response.status_code == 201, response.text
    return response.json()["user"]


def unique_email(tag: str) -> str:
    return f"{tag}-{time.monotonic_ns()}@example.com"


def test_the_life_of_a_user(local_api):
    email = unique_email("life")
    created = call(local_api, "POST", "/user/create", json={"name": "Ada Lovelace", "email": email})
    assert created.status_code == 201
    user = created.json()["user"]
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == f"/user/get-user?id={user['id']}"

    fetched = call(local_api, "GET", "/user/get-user", params={"id": user["id"]})
    assert (fetched.status_code, fetched.json()) == (200, {"message": "Single User Details", "user": user})

    seen, token = [], None
    while True:
        page = call(local_api, "GET", "/user/get-details", params={"limit": 2, "nextToken": token})
        seen += [u["id"] for u in page.json()["users"]]
        token = page.json().get("nextToken")
        if not token:
            break
    assert user["id"] in seen

    updated = call(
        local_api,
        "PUT",
        "/user/update",
        params={"id": user["id"]},
        json={"name": "Ada King"},
        headers={"If-Match": fetched.headers["ETag"]},
    )
    assert updated.status_code == 200
    assert (updated.json()["user"]["name"], updated.json()["user"]["version"]) == ("Ada King", 2)
    assert updated.headers["ETag"] == '"2"'

    deleted = call(local_api, "DELETE", "/user/delete", params={"id": user["id"]})
    assert deleted.json() == {"message": "User Delete"}
    assert call(local_api, "GET", "/user/get-user", params={"id": user["id"]}).status_code == 404
    assert create(local_api, email)["email"] == email


def test_every_documented_error_status(local_api):
    user = create(local_api, unique_email("errors"))
    other = create(local_api, unique_email("other"))
    query = {"id": user["id"]}

    bad_id = call(local_api, "GET", "/user/get-user", params={"id": "nope"})
    assert (bad_id.status_code, bad_id.json()["errors"][0]["field"]) == (400, "id")
    assert call(local_api, "GET", "/user/get-user", params={"id": "A" * 22}).status_code == 404
    taken = call(local_api, "PUT", "/user/update", params=query, json={"email": other["email"].upper()})
    assert taken.status_code == 409
    stale = call(local_api, "PUT", "/user/update", params=query, json={"name": "X"}, headers={"If-Match": '"9"'})
    assert stale.status_code == 412
    padded = '{"name": "Ada", "email": "ada@example.com"' + " " * 9000 + "}"
    assert call(local_api, "POST", "/user/create", data=padded, headers=JSON).status_code == 413
    form = call(local_api, "POST", "/user/create", data="name=Ada", headers={"Content-Type": "text/plain"})
    assert form.status_code == 415
    assert call(local_api, "GET", "/user/get-user", params=query).json()["user"] == user


@pytest.mark.parametrize("path", ["/", "/nope", "/user", "/user/create/extra", "/user/get-user/..%2f..%2fetc"])
@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_unknown_path_is_404_service_not_found(local_api, path, method):
    response = call(local_api, method, path)
    assert (response.status_code, response.json()) == (404, {"message": "Service not found"})


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/user/create", "POST"),
        ("POST", "/user/get-user", "GET"),
        ("PATCH", "/user/update", "PUT"),
        ("GET", "/user/delete", "DELETE"),
    ],
)
def test_known_path_with_another_method_is_405_with_allow(local_api, method, path, allow):
    response = call(local_api, method, path)
    assert (response.status_code, response.json()) == (405, {"message": "Method not allowed"})
    assert response.headers["Allow"] == allow


def test_a_method_api_gateway_has_no_integration_for_is_its_missing_authentication_token(local_api):
    # ANY covers DELETE, GET, HEAD, OPTIONS, PATCH, POST and PUT; a TRACE reaches no
    # method: API Gateway's MISSING_AUTHENTICATION_TOKEN, which openapi.yaml makes a 404.
    response = call(local_api, "TRACE", "/user/get-details")
    assert (response.status_code, response.json()) == (404, {"message": "Service not found"})


def test_bad_requests_get_the_functions_answer_whichever_check_fails(local_api):
    # openapi.yaml declares no request validators: the function answers every bad request.
    invalid = "Invalid request"
    missing = call(local_api, "GET", "/user/get-user")
    assert (missing.status_code, missing.json()) == (
        400,
        {"message": invalid, "errors": [{"field": "id", "problem": "is required"}]},
    )
    fields = call(local_api, "POST", "/user/create", json={"name": "", "email": "bad"})
    assert fields.json() == {
        "message": invalid,
        "errors": [
            {"field": "name", "problem": "must not be empty"},
            {"field": "email", "problem": "must be an email address"},
        ],
    }
    malformed = call(local_api, "POST", "/user/create", data='{"name": ', headers=JSON)
    assert malformed.json() == {"message": invalid, "errors": [{"field": "body", "problem": "must be valid JSON"}]}


def test_a_body_over_api_gateways_limit_gets_the_functions_413(local_api):
    over_ours = call(local_api, "POST", "/user/create", data=b"x" * (9 * 1024), headers=JSON)
    over_gateways = call(local_api, "POST", "/user/create", data=b"x" * (13 * 1024 * 1024), headers=JSON)
    assert over_ours.status_code == over_gateways.status_code == 413
    assert over_gateways.json() == over_ours.json()


def test_access_log_has_method_path_status_milliseconds_and_caller(local_api):
    call(local_api, "GET", "/user/get-details", params={"limit": 2})
    time.sleep(0.2)
    assert any(
        line.startswith("GET /user/get-details 200 ") and line.endswith(f"ms {local_api.client_id}")
        for line in local_api.stderr.splitlines()
    )


def test_serves_the_raw_spec(local_api):
    # samconfig.toml's static_dir, docs/, holds the reference (index.html) and a link to the spec.
    response = requests.get(local_api.url + "/openapi.yaml", timeout=10)
    assert response.status_code == 200
    assert response.text == (ROOT / "openapi.yaml").read_text()


@pytest.mark.parametrize("path", ["/openapi.yaml", "/index.html"])
def test_local_pages_carry_none_of_the_apis_headers_and_one_date(local_api, path):
    # The reference page runs scripts: the API's Content-Security-Policy (default-src 'none') is not for it.
    response = requests.get(local_api.url + path, timeout=10)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert len(response.raw.headers.getlist("Date")) == 1


def test_an_unreachable_store_answers_503_and_the_api_keeps_serving():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_endpoint = f"http://127.0.0.1:{closed.getsockname()[1]}"
    server = this_api("--dynamodb-endpoint", dead_endpoint).wait_ready()
    try:
        assert "warning: cannot reach or set up DynamoDB" in server.stderr
        response = call(server, "GET", "/user/get-user", params={"id": "A" * 22})
        assert (response.status_code, response.headers["Retry-After"]) == (503, "1")
        assert call(server, "GET", "/nope").status_code == 404
    finally:
        assert server.stop() == 0


@pytest.mark.parametrize("api_key", [None, "wrong-key", "x" * 300])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/user/create", {"name": "Ada", "email": "key@example.com"}), ("DELETE", "/user/delete", None)],
)
def test_write_operations_need_an_api_key(local_api, api_key, method, path, body):
    response = call(local_api, method, path, api_key=api_key, params={"id": "A" * 22}, json=body)
    assert response.status_code == 403
    assert response.json() == {
        "message": "Forbidden",
        "errors": [{"field": "x-api-key", "problem": "is missing or not a valid API key"}],
    }


def test_reads_need_no_api_key(local_api):
    assert call(local_api, "GET", "/user/get-details", api_key=None).status_code == 200


EDGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none';",
}


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/user/get-details", {}),
        ("GET", "/user/get-user", {}),
        ("POST", "/user/create", {"json": {"name": 1}}),
        ("POST", "/user/create", {"api_key": None}),
        ("GET", "/", {}),
        ("GET", "/nope", {}),
        ("TRACE", "/user/create", {}),
        ("GET", "/user/create", {}),
    ],
)
def test_every_answer_carries_the_security_headers_and_no_cors_by_default(local_api, method, path, kwargs):
    # CORS is closed unless the deploy names origins (template.yaml's CorsAllowedOrigins).
    response = call(local_api, method, path, headers={"Origin": "https://app.example"}, **kwargs)
    assert {name: response.headers.get(name) for name in EDGE_HEADERS} == EDGE_HEADERS
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize(("path", "method"), [("/user/create", "POST"), ("/user/update", "PUT")])
def test_cors_preflight(local_api, path, method):
    response = requests.options(
        local_api.url + path,
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": method},
        timeout=10,
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Methods"] == f"{method}, OPTIONS"
    assert "x-api-key" in response.headers["Access-Control-Allow-Headers"]
    # No origin is allowed by default: the browser refuses the request the preflight asks for.
    assert "Access-Control-Allow-Origin" not in response.headers


def with_usage_plan(tmp_path, old: str, new: str):
    return project_copy(tmp_path, {old: new})


def test_usage_plan_throttle_answers_429(tmp_path):
    template = with_usage_plan(
        tmp_path, "RateLimit: 100\n        BurstLimit: 200", "RateLimit: 0.01\n        BurstLimit: 2"
    )
    server = this_api("--template", str(template)).wait_ready()
    try:
        statuses = [call(server, "DELETE", "/user/delete", params={"id": "A" * 22}).status_code for _ in range(4)]
        assert statuses == [404, 404, 429, 429]
        assert call(server, "GET", "/user/get-details").status_code == 200
    finally:
        assert server.stop() == 0


def test_usage_plan_quota_answers_429(tmp_path):
    template = with_usage_plan(tmp_path, "Limit: 100000", "Limit: 3")
    server = this_api("--template", str(template)).wait_ready()
    try:
        responses = [call(server, "DELETE", "/user/delete", params={"id": "A" * 22}) for _ in range(4)]
        assert [r.status_code for r in responses] == [404, 404, 404, 429]
        assert responses[-1].json() == {"message": "Quota exceeded"}
    finally:
        assert server.stop() == 0


def test_stage_throttle_answers_429_for_every_method(tmp_path):
    template = with_usage_plan(
        tmp_path,
        "ThrottlingRateLimit: 500\n          ThrottlingBurstLimit: 1000",
        "ThrottlingRateLimit: 0.01\n          ThrottlingBurstLimit: 3",
    )
    server = this_api("--template", str(template)).wait_ready()
    try:
        statuses = [call(server, "GET", "/user/get-details").status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        assert call(server, "GET", "/user/get-details").json() == {"message": "Too many requests"}
    finally:
        assert server.stop() == 0


def test_a_create_retried_with_its_idempotency_key_gets_the_first_answer(local_api):
    """A client whose answer was lost sends the create again with the same Idempotency-Key: it
    gets the first answer, and one user exists; the key with another body is a 422."""
    headers = {"Authorization": f"Bearer {local_api.token(scope='users/write')}", "Idempotency-Key": '"retry-1"'}
    email = unique_email("idempotency-key")
    first = call(local_api, "POST", "/user/create", json={"name": "Ada Lovelace", "email": email}, headers={**headers})
    retry = call(local_api, "POST", "/user/create", json={"name": "Ada Lovelace", "email": email}, headers={**headers})
    assert first.status_code == 201, first.json()
    assert (retry.status_code, retry.json(), retry.headers["ETag"], retry.headers["Location"]) == (
        first.status_code,
        first.json(),
        first.headers["ETag"],
        first.headers["Location"],
    )
    other = call(local_api, "POST", "/user/create", json={"name": "Ada King", "email": email}, headers={**headers})
    assert other.status_code == 422
    assert other.json()["errors"] == [
        {"field": "Idempotency-Key", "problem": "was already used with another request body"}
    ]
