"""openapi.yaml's schemas and rules as pydantic models, shared by the Powertools and FastAPI peers.

The body models are generated from openapi.yaml (spec_models.py, by scripts/generate), as a
spec-first user of those frameworks would make them; the parameters' constraints, which no
model holds, are written into the frameworks' Query and Header types as their users write them,
from the values below (tests/in_process/spec/test_peer_models.py holds them to the spec's). What
users_api does beyond these (duplicate JSON keys, unpaired surrogates, NaN rejected) the peers
skip, which only makes them cheaper. Also shared: which answers the metrics count, as
users_api.metrics counts them.
"""

import json
import os
import re

from pydantic import model_validator

from benchmarks.peers import spec_models
from users_api.metrics import BY_OPERATION, BY_STATUS
from users_api.store import UserStore

# openapi.yaml: components/parameters and the 413 response.
USER_ID_PATTERN = r"^[A-Za-z0-9_-]{22}$"
MAX_BODY_BYTES = 8192
ENTITY_TAG = re.compile(r'(W/)?"([\x21\x23-\x7e]*)"')

UserCreate = spec_models.UserCreate


class UserUpdate(spec_models.UserUpdate):
    # minProperties, which pydantic's models do not hold.
    @model_validator(mode="after")
    def _at_least_one_field(self):
        if not self.model_fields_set:
            raise ValueError("must change at least one field")
        return self


class PreconditionFailed(Exception):
    pass


class Unauthorized(Exception):
    pass


# The Idempotency-Key header, as openapi.yaml gives it (quoted or not).
IDEMPOTENCY_KEY_PATTERN = r'^("[A-Za-z0-9._~:+/=-]{1,128}"|[A-Za-z0-9._~:+/=-]{1,128})$'
# Each operation by method and path, for the metrics.
OPERATION_IDS = {
    ("GET", "/user/get-details"): "listUsers",
    ("POST", "/user/create"): "createUser",
    ("GET", "/user/get-user"): "getUser",
    ("PUT", "/user/update"): "updateUser",
    ("DELETE", "/user/delete"): "deleteUser",
}
FUNCTION_NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "local")

# openapi.yaml's Unauthorized response, as users_api answers it.
UNAUTHORIZED_BODY = {
    "message": "Unauthorized",
    "errors": [{"field": "Authorization", "problem": "must be a valid access token with the scope of the operation"}],
}
UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'Bearer realm="users-api"'}


def caller(claims: dict, scope: str) -> str:
    """The token's subject, if the authorizer's claims grant `scope`: the check users_api.auth makes."""
    who = claims.get("sub") or claims.get("client_id")
    if claims.get("token_use") != "access" or not who or scope not in str(claims.get("scope", "")).split():
        raise Unauthorized
    return str(who)


def metric_name(event: dict, status: int) -> str | None:
    """What users_api.metrics counts for this answer: a write that succeeded, a 409, 412 or 503; None for the rest."""
    operation_id = OPERATION_IDS.get((event.get("httpMethod"), event.get("path")))
    return BY_OPERATION.get((operation_id, status)) or BY_STATUS.get(status)


def request_once(who: str, key: str, body: dict) -> dict:
    """What Powertools' Idempotency keys a create by (the caller's own key: keys are each caller's,
    as in users_api) and validates the payload of (the body; another body is a 422)."""
    return {"key": who + " " + key.strip('"'), "body": body}


def refusal(event: dict) -> dict | None:
    """The 413 and 415 answers users_api gives before validation, checked on the raw event."""
    body = event.get("body")
    if body is None or event.get("httpMethod") not in ("POST", "PUT"):
        return None
    if len(body.encode()) > MAX_BODY_BYTES:
        return _proxy_response(413, "Request body too large")
    headers = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
    if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return _proxy_response(415, "Unsupported media type")
    return None


def _proxy_response(status: int, message: str) -> dict:
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": message}),
    }


def errors_from(pydantic_errors: list[dict]) -> list[dict]:
    """Pydantic's errors in the spec's Error schema: the field at fault and the problem."""
    return [
        {"field": ".".join(str(part) for part in error["loc"][1:]) or str(error["loc"][0]), "problem": error["msg"]}
        for error in pydantic_errors
    ]


def etag(user: dict) -> str:
    return f'"{user["version"]}"'


def expected_version(store: UserStore, user_id: str, if_match: str | None) -> int | None:
    """The version If-Match asks for (None: any); PreconditionFailed when none can match."""
    if if_match is None or if_match.strip() == "*":
        return None
    versions = {int(tag) for weak, tag in ENTITY_TAG.findall(if_match) if not weak and tag.isdigit() and len(tag) < 16}
    if len(versions) == 1:
        return versions.pop()
    if store.get(user_id)["version"] in versions:
        return store.get(user_id)["version"]
    raise PreconditionFailed(user_id)
