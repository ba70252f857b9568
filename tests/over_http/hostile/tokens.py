"""Token attacks: what a client may put where the authorizer looks for an access token.

Each builds the Authorization header (None: no header) and a query string for one
request, from the pool's own signing key where a forger would need it, so that
the one thing wrong with the token is the thing the case names. Every one must
be refused by the authorizer with 401 and never reach the function.
"""

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from joserfc import jwt
from joserfc.jwk import RSAKey

EXPIRED = "The incoming token has expired"
UNAUTHORIZED = "Unauthorized"


@dataclass(frozen=True)
class Forge:
    """What a case needs: the pool's key, and what its valid tokens say."""

    pool_key: RSAKey
    issuer: str
    client_id: str

    def claims(self, **changes) -> dict:
        now = int(time.time())
        claims = {
            "sub": self.client_id,
            "token_use": "access",
            "scope": "users/read users/write",
            "auth_time": now,
            "iss": self.issuer,
            "exp": now + 3600,
            "iat": now,
            "version": 2,
            "jti": str(uuid.uuid4()),
            "client_id": self.client_id,
            **changes,
        }
        return {name: value for name, value in claims.items() if value is not None}

    def sign(self, claims: dict, key: RSAKey | None = None, **header) -> str:
        key = key or self.pool_key
        return jwt.encode({"alg": "RS256", "kid": key.kid, **header}, claims, key)


@dataclass(frozen=True)
class Attack:
    id: str
    build: Callable[[Forge], tuple[str | None, str]]  # (Authorization header, query string)
    message: str = UNAUTHORIZED


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segment(value: dict) -> str:
    return _b64(json.dumps(value).encode())


def _other_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "attacker"})


def _alg_none(forge: Forge) -> tuple[str, str]:
    header = {"alg": "none", "kid": forge.pool_key.kid}
    return f"Bearer {_segment(header)}.{_segment(forge.claims())}.", ""


def _hs256_with_public_key(forge: Forge) -> tuple[str, str]:
    # The classic confusion: HMAC keyed with the RSA public key, as a verifier
    # that lets the token choose its algorithm would check it.
    secret = forge.pool_key.as_pem(private=False)
    signing_input = f"{_segment({'alg': 'HS256', 'kid': forge.pool_key.kid})}.{_segment(forge.claims())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"Bearer {signing_input}.{_b64(signature)}", ""


def _claim_changed_after_signing(forge: Forge) -> tuple[str, str]:
    header, _, signature = forge.sign(forge.claims(scope="users/read")).split(".")
    return f"Bearer {header}.{_segment(forge.claims(scope='users/read users/write'))}.{signature}", ""


ATTACKS = [
    Attack("no-token", lambda forge: (None, "")),
    Attack("bearer-and-nothing", lambda forge: ("Bearer", "")),
    Attack("bearer-and-spaces", lambda forge: ("Bearer    ", "")),
    Attack("not-a-jwt", lambda forge: ("Bearer not.a.jwt", "")),
    Attack("alg-none", _alg_none),
    Attack("hs256-signed-with-the-public-key", _hs256_with_public_key),
    Attack("key-not-in-the-jwks", lambda forge: (f"Bearer {forge.sign(forge.claims(), _other_key())}", "")),
    Attack(
        "pool-kid-other-key",
        lambda forge: (f"Bearer {forge.sign(forge.claims(), _other_key(), kid=forge.pool_key.kid)}", ""),
    ),
    Attack(
        "kid-pointing-elsewhere",
        lambda forge: (
            f"Bearer {forge.sign(forge.claims(), _other_key(), jku='http://127.0.0.1:9/.well-known/jwks.json')}",
            "",
        ),
    ),
    Attack("claim-changed-after-signing", _claim_changed_after_signing),
    Attack(
        "expired",
        lambda forge: (f"Bearer {forge.sign(forge.claims(exp=int(time.time()) - 60))}", ""),
        EXPIRED,
    ),
    Attack(
        "another-issuer",
        lambda forge: (
            f"Bearer {forge.sign(forge.claims(iss='https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other'))}",
            "",
        ),
    ),
    Attack(
        "id-token-for-an-access-token",
        lambda forge: (f"Bearer {forge.sign(forge.claims(token_use='id', aud=forge.client_id))}", ""),
    ),
    Attack("token-in-the-query-string", lambda forge: (None, f"access_token={forge.sign(forge.claims())}")),
    Attack(
        "scope-under-another-claim-name",
        lambda forge: (f"Bearer {forge.sign(forge.claims(scope=None, scp='users/read users/write'))}", ""),
    ),
    # exp past any date API Gateway's authorizer hands over (a Java Date): an HTML 500 once (issue 27).
    Attack("exp-past-any-date", lambda forge: (f"Bearer {forge.sign(forge.claims(exp=10**30))}", "")),
    # A valid token, spelt as no AWS page says Cognito's authorizer takes it (issue 27): only
    # "Bearer <token>" and the bare token are (sam_local_api.cognito.bearer_token cites them).
    Attack("lowercase-bearer", lambda forge: (f"bearer {forge.sign(forge.claims())}", "")),
    Attack("uppercase-bearer", lambda forge: (f"BEARER {forge.sign(forge.claims())}", "")),
    Attack("bearer-two-spaces", lambda forge: (f"Bearer  {forge.sign(forge.claims())}", "")),
]
assert len({attack.id for attack in ATTACKS}) == len(ATTACKS), "attack ids must be unique"
