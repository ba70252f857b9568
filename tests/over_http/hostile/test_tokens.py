"""Token attacks as raw HTTP to the local API: each is refused by the authorizer
with 401 and the UNAUTHORIZED gateway response, and none reaches the function:
the store is unchanged and the function, which records every invocation here,
was not invoked."""

import json
import shutil
import time

import pytest
from joserfc.jwk import RSAKey

from tests.over_http.hostile.tokens import ATTACKS, Forge
from tests.support.hardening import StoreSnapshot, assert_rejected_properly, request_bytes, send_raw
from tests.support.local_api import this_api
from tools.spec import ROOT

RECORDING = """

_answer = lambda_handler


def lambda_handler(event, context):
    with open({record!r}, "a") as record:
        record.write(event["httpMethod"] + " " + event["path"] + "\\n")
    return _answer(event, context)
"""


@pytest.fixture(scope="module")
def token_target(tmp_path_factory):
    """A local API whose function records its invocations, signing with a key the test holds."""
    folder = tmp_path_factory.mktemp("tokens")
    for name in ("template.yaml", "openapi.yaml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__"))
    record = folder / "invocations.log"
    record.touch()
    app = folder / "src" / "users_api" / "app.py"
    app.write_text(app.read_text() + RECORDING.format(record=str(record)))
    key = RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"}, auto_kid=True)
    (folder / "pool-key.json").write_text(json.dumps(key.as_dict(private=True)))
    server = this_api(
        "--no-throttle", "--template", str(folder / "template.yaml"), "--signing-key", str(folder / "pool-key.json")
    ).wait_ready()
    try:
        forge = Forge(key, server.url + "/us-east-1_local", server.client_id)
        yield server, forge, record, StoreSnapshot(server.store_endpoint)
    finally:
        server.stop()


def create_request(server, authorization: str | None, query: str = "") -> bytes:
    headers = [(b"x-api-key", server.api_key.encode()), (b"Content-Type", b"application/json")]
    if authorization is not None:
        headers.append((b"Authorization", authorization.encode()))
    body = json.dumps({"name": "Mallory", "email": f"mallory-{time.monotonic_ns()}@example.com"}).encode()
    target = b"/user/create" + (b"?" + query.encode() if query else b"")
    return request_bytes(b"POST", target, headers, body)


def test_the_door_works_a_token_signed_with_the_pool_key_reaches_the_function(token_target):
    server, forge, record, _ = token_target
    answer = send_raw(server.port, create_request(server, f"Bearer {forge.sign(forge.claims())}"), "POST")
    assert answer.status == 201, answer.body[:300]
    assert record.read_text().splitlines()[-1] == "POST /user/create"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.id)
def test_refused_by_the_authorizer_before_the_function(token_target, attack):
    server, forge, record, store = token_target
    authorization, query = attack.build(forge)
    data = create_request(server, authorization, query)
    invocations = record.read_text()
    before = store.before()
    answer = send_raw(server.port, data, "POST")
    after = store.after(before)
    assert_rejected_properly("/user/create", "POST", answer.status, answer.headers, answer.body, data)
    assert answer.status == 401, answer.body[:300]
    assert json.loads(answer.body) == {
        "message": attack.message,
        "errors": [
            {"field": "Authorization", "problem": "must be a valid access token with the scope of the operation"}
        ],
    }
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="users-api"'
    assert after == before, "the store changed"
    assert record.read_text() == invocations, "the function was invoked"


def test_every_attack_the_issue_names_is_in_the_corpus():
    named = {
        "no-token",
        "bearer-and-nothing",
        "alg-none",
        "hs256-signed-with-the-public-key",
        "key-not-in-the-jwks",
        "kid-pointing-elsewhere",
        "claim-changed-after-signing",
        "expired",
        "another-issuer",
        "id-token-for-an-access-token",
        "token-in-the-query-string",
        "scope-under-another-claim-name",
    }
    assert named <= {attack.id for attack in ATTACKS}


def test_a_signing_key_that_is_not_an_rsa_private_key_is_a_one_line_error(tmp_path):
    public = RSAKey.generate_key(2048).as_dict(private=False)
    (tmp_path / "public.json").write_text(json.dumps(public))
    server = this_api("--signing-key", str(tmp_path / "public.json"))
    assert server.wait_exit() == 1
    assert server.stderr.startswith("error: --signing-key")
