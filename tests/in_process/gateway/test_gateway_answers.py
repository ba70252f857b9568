"""What API Gateway answers alone, the function never invoked (issue 18): a CORS
preflight, 405 for a method a path does not serve, 404 for a path the API does
not have. Sent to the local API's gateway in-process (its WSGI application), with
a function that records every invocation in place of ours."""

import time

import pytest
from sam_local_api.chain import LocalApi
from sam_local_api.config import Config
from sam_local_api.project import Project
from sam_local_api.runtime import InProcessRuntime
from werkzeug.test import Client

from tools.spec import TEMPLATE_PATH

ORIGIN = "https://app.example.com"


def gateway(template=TEMPLATE_PATH, **parameters):
    """The gateway in front of a function that records its events, and its user pool; the
    template's parameters overridden."""
    invoked = []

    def function(event, _context):
        invoked.append(event)
        return {"statusCode": 200, "body": "{}"}

    config = Config(template=template, parameter_overrides=parameters, client_id="client", client_secret="s")
    project = Project(template, parameter_overrides=parameters)
    app = LocalApi(project, config, InProcessRuntime(handlers={"UsersFunction": function}))
    return Client(app), invoked, app.user_pool


def preflight(client, path, method):
    return client.options(path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": method})


def test_preflights_405s_and_404s_never_invoke_the_function():
    client, invoked, _pool = gateway()
    answers = {
        "preflight": preflight(client, "/user/update", "PUT"),
        "405": client.patch("/user/update", query_string={"id": "A" * 22}, json={"name": "Ada"}),
        "404": client.post("/user/nowhere", json={}),
        "404 under no resource": client.get("/nowhere/at/all"),
    }
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "preflight": 204,
        "405": 405,
        "404": 404,
        "404 under no resource": 404,
    }
    assert answers["405"].json == {"message": "Method not allowed"}
    assert answers["405"].headers["Allow"] == "PUT"
    assert answers["404"].json == {"message": "Service not found"}
    assert answers["preflight"].headers["Access-Control-Allow-Methods"] == "PUT, OPTIONS"
    # CORS is closed by default: no origin may read, so none is named.
    assert "Access-Control-Allow-Origin" not in answers["preflight"].headers
    assert invoked == []


@pytest.mark.parametrize(("path", "method"), [("/user/create", "POST"), ("/user/get-user", "GET")])
def test_an_origin_the_deploy_allows_is_named_by_the_gateways_answers(path, method):
    client, invoked, _pool = gateway(CorsAllowedOrigins=f"https://other.example.com,{ORIGIN}")
    allowed = preflight(client, path, method)
    assert allowed.status_code == 204
    assert (allowed.headers["Access-Control-Allow-Origin"], allowed.headers["Vary"]) == (ORIGIN, "Origin")
    refused = client.options(path, headers={"Origin": "https://evil.example.com"})
    assert refused.headers["Vary"] == "Origin"
    assert "Access-Control-Allow-Origin" not in refused.headers
    wrong_method = client.delete(path, headers={"Origin": ORIGIN})
    assert (wrong_method.status_code, wrong_method.headers["Access-Control-Allow-Origin"]) == (405, ORIGIN)
    assert invoked == []


def test_only_a_whole_origin_the_deploy_allows_is_named():
    # Issue 27: the mock's template tested Origin by substring, and reflected a list of origins.
    client, _invoked, _pool = gateway(CorsAllowedOrigins=f"https://other.example.com,{ORIGIN}")
    for origin in (
        f"https://other.example.com,{ORIGIN}",  # the deploy's whole list: a substring of ",list,"
        f"{ORIGIN},https://evil.example.com",
        f"{ORIGIN}.evil.example.com",
    ):
        for answer in (
            client.options("/user/get-user", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}),
            client.delete("/user/get-user", headers={"Origin": origin}),
        ):
            assert "Access-Control-Allow-Origin" not in answer.headers, (origin, answer.status_code)
            assert answer.headers["Vary"] == "Origin"


def stage_limited_copy(tmp_path, rate: int, burst: int):
    """This API's template and document, the stage's limit lowered, in tmp_path."""
    for name in ("template.yaml", "openapi.yaml"):
        text = (TEMPLATE_PATH.parent / name).read_text()
        text = text.replace("ThrottlingRateLimit: 500", f"ThrottlingRateLimit: {rate}")
        (tmp_path / name).write_text(text.replace("ThrottlingBurstLimit: 1000", f"ThrottlingBurstLimit: {burst}"))
    return tmp_path / "template.yaml"


def test_without_waf_the_anonymous_flood_of_issue_18_spends_the_stage_limit(tmp_path):
    """The issue's experiment, WAF's per-address limit (100 in 5 minutes) not reached: on a
    copy with the stage's limit at 5 a second (burst 10), 15 anonymous requests to methods
    the gateway answers alone make the next legitimate request a 429. API Gateway throttles
    every request to a method of the stage, token or not
    (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)."""
    client, invoked, _pool = gateway(stage_limited_copy(tmp_path, rate=5, burst=10))
    flood = [client.patch("/user/get-details").status_code for _ in range(15)]
    assert flood[:10] == [405] * 10 and flood[-1] == 429
    legitimate = client.get("/user/get-details", headers={"Authorization": "Bearer a-token"})
    assert (legitimate.status_code, legitimate.json) == (429, {"message": "Too many requests"})
    assert invoked == []


def test_waf_stops_one_addresss_anonymous_flood_before_it_spends_the_stage_limit(tmp_path):
    """The same, with WAF's per-address limit for requests without a token at its least
    (10): the flood's requests past the 10th are WAF's 429 and do not reach the stage, so
    once the stage's bucket refills (a token each 0.2 s) the legitimate client is served
    while the flood goes on."""
    client, invoked, pool = gateway(stage_limited_copy(tmp_path, rate=5, burst=10), WafAnonymousRequestsPerIp="10")
    token = {"Authorization": f"Bearer {pool.issue('users/read')}"}
    flood = [client.patch("/user/get-details") for _ in range(15)]
    assert [answer.status_code for answer in flood] == [405] * 10 + [429] * 5
    assert (flood[-1].json, flood[-1].headers["Retry-After"]) == ({"message": "Too many requests"}, "60")
    served = []
    for _ in range(5):
        time.sleep(0.25)
        assert client.patch("/user/get-details").status_code == 429  # the flood, still blocked
        served.append(client.get("/user/get-details", headers=token).status_code)
    assert served == [200] * 5
    assert len(invoked) == 5


# What the web ACL counts as anonymous, per token and as a preflight (issue 27), with its
# limits at WAF's least (10) where a test needs to reach one.


def test_any_authorization_that_is_not_a_bearer_token_counts_as_anonymous():
    """Issue 27's flood: `Authorization: junk-<n>`, a new value each time, took a caller past
    the anonymous limit. Junk, the bare token and an oversized bearer token all count."""
    client, invoked, pool = gateway(WafAnonymousRequestsPerIp="10")
    token = pool.issue("users/read")
    spellings = [f"junk-{n}" for n in range(8)] + [token, f"Bearer {token}.{'x' * 4096}"]
    assert [client.options("/user/get-details", headers={"Authorization": a}).status_code for a in spellings] == [
        204
    ] * 10
    blocked = client.options("/user/get-details", headers={"Authorization": "junk-10"})
    assert (blocked.status_code, blocked.json) == (429, {"message": "Too many requests"})
    # A bearer token is not anonymous: served.
    assert client.get("/user/get-details", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert len(invoked) == 1


def test_every_spelling_of_one_bearer_token_is_one_count():
    """Issue 27: Bearer, bearer, BEARER and extra spaces each got the per-token limit. WAF's
    text transformations make them one key; the authorizer takes only 'Bearer <token>'."""
    client, _invoked, pool = gateway(WafRequestsPerToken="10")
    token = pool.issue("users/read")
    spellings = ["Bearer {}", "bearer {}", "BEARER {}", "Bearer   {}", "Bearer\t{}"] * 2
    answers = [client.get("/user/get-details", headers={"Authorization": s.format(token)}) for s in spellings]
    assert [answer.status_code for answer in answers] == [200, 401, 401, 401, 401] * 2
    over = client.get("/user/get-details", headers={"Authorization": f"Bearer {token}"})
    assert (over.status_code, over.json) == (429, {"message": "Too many requests"})
    # Another token is another client's count.
    another = {"Authorization": f"Bearer {pool.issue('users/read')}"}
    assert client.get("/user/get-details", headers=another).status_code == 200


def test_forged_bearer_tokens_new_each_time_meet_the_per_address_limit():
    client, _invoked, _pool = gateway(WafRequestsPerIp="10")
    forged = [client.get("/user/get-details", headers={"Authorization": f"Bearer a.b.{n}"}) for n in range(11)]
    assert [answer.status_code for answer in forged] == [401] * 10 + [429]


def test_cors_preflights_are_counted_apart_from_anonymous_requests():
    client, invoked, _pool = gateway(WafAnonymousRequestsPerIp="10", WafPreflightsPerIp="20")
    assert [preflight(client, "/user/get-user", "GET").status_code for _ in range(15)] == [204] * 15
    # The anonymous limit is still whole ...
    assert [client.patch("/user/get-details").status_code for _ in range(11)] == [405] * 10 + [429]
    # ... and preflights have their own.
    assert [preflight(client, "/user/get-user", "GET").status_code for _ in range(6)] == [204] * 5 + [429]
    assert invoked == []
