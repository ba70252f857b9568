"""The Users API as FastAPI users write it for Lambda: FastAPI behind Mangum.

Same five operations, same UserStore, the spec's rules as pydantic models (models.py),
the same check of the authorizer's claims and the writer recorded.
Path functions are `async def` although the store blocks: in Lambda a container
serves one request at a time, so blocking the event loop costs nothing, and a
plain `def` (what FastAPI's docs advise for blocking I/O) would add a thread-pool
hand-off to every request (about 0.6 ms here), which would flatter us.

The same work beyond the API, with well-kept libraries where there are some:
Powertools' Metrics (CloudWatch EMF, one flush per invocation) and Idempotency
(idempotent_function on createUser with an Idempotency-Key, its records on the
store the benchmark gives: persistence.py), which work outside Powertools' own
event handler. No FastAPI Idempotency-Key library is well kept (those on PyPI
are 0.x projects of one maintainer), and Powertools' EMF writer is the one AWS
keeps for Lambda.
"""

import warnings
from functools import cache
from typing import Annotated

from aws_lambda_powertools import Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.idempotency import idempotent_function
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyValidationError
from fastapi import Body, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from mangum import Mangum
from starlette.exceptions import HTTPException

from benchmarks.peers.models import (
    FUNCTION_NAME,
    IDEMPOTENCY_KEY_PATTERN,
    UNAUTHORIZED_BODY,
    UNAUTHORIZED_HEADERS,
    USER_ID_PATTERN,
    PreconditionFailed,
    Unauthorized,
    UserCreate,
    UserUpdate,
    caller,
    errors_from,
    etag,
    expected_version,
    metric_name,
    refusal,
    request_once,
)
from benchmarks.peers.persistence import CONFIG, persistence_layer
from users_api.metrics import NAMESPACE
from users_api.store import EmailTaken, StoreUnavailable, UserNotFound, UserStore, VersionMismatch

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
metrics = Metrics(namespace=NAMESPACE)
metrics.set_default_dimensions(FunctionName=FUNCTION_NAME)
# Reads count nothing, so their flush finds no metric: quiet, as users_api is.
warnings.filterwarnings("ignore", "No application metrics to publish")

UserId = Annotated[str, Query(alias="id", min_length=22, max_length=22, pattern=USER_ID_PATTERN)]


@cache
def store() -> UserStore:
    return UserStore.from_environment()


persistence = persistence_layer(lambda: store())


def acting(request: Request, scope: str) -> tuple[str, UserStore]:
    # Mangum hands the Lambda event over in the ASGI scope.
    claims = ((request.scope["aws.event"].get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
    who = caller(claims, scope)
    return who, store().acting_as(who)


@idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=CONFIG)
def create_once(request: dict, users: UserStore) -> dict:
    return users.create(request["body"])


def _json(status: int, body: dict, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def _user(status: int, message: str, user: dict, headers: dict | None = None) -> JSONResponse:
    return _json(status, {"message": message, "user": user}, {"ETag": etag(user), **(headers or {})})


@app.get("/user/get-details")
async def list_users(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    next_token: Annotated[
        str | None, Query(alias="nextToken", min_length=22, max_length=22, pattern=USER_ID_PATTERN)
    ] = None,
) -> JSONResponse:
    users, last_id = acting(request, "users/read")[1].page(limit, next_token)
    payload = {"message": "user details", "users": users}
    if last_id:
        payload["nextToken"] = last_id
    return _json(200, payload)


@app.post("/user/create")
async def create_user(
    request: Request,
    new: Annotated[UserCreate, Body()],
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=130, pattern=IDEMPOTENCY_KEY_PATTERN)
    ] = None,
) -> JSONResponse:
    who, users = acting(request, "users/write")
    if idempotency_key is None:
        user = users.create(new.model_dump(exclude_unset=True))
    else:
        user = create_once(request=request_once(who, idempotency_key, new.model_dump(exclude_unset=True)), users=users)
    return _user(201, "Create user", user, {"Location": f"/user/get-user?id={user['id']}"})


@app.get("/user/get-user")
async def get_user(request: Request, user_id: UserId) -> JSONResponse:
    return _user(200, "Single User Details", acting(request, "users/read")[1].get(user_id))


@app.put("/user/update")
async def update_user(
    request: Request,
    user_id: UserId,
    changes: Annotated[UserUpdate, Body()],
    if_match: Annotated[str | None, Header(alias="If-Match", min_length=1, max_length=200)] = None,
) -> JSONResponse:
    users = acting(request, "users/write")[1]
    expected = expected_version(users, user_id, if_match)
    user = users.update(user_id, changes.model_dump(exclude_unset=True), expected)
    return _user(200, "Update user details", user)


@app.delete("/user/delete")
async def delete_user(request: Request, user_id: UserId) -> JSONResponse:
    acting(request, "users/write")[1].delete(user_id)
    return _json(200, {"message": "User Delete"})


@app.exception_handler(RequestValidationError)
async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
    return _json(400, {"message": "Invalid request", "errors": errors_from(error.errors())})


@app.exception_handler(HTTPException)
async def _http(_request: Request, error: HTTPException) -> JSONResponse:
    if error.status_code == 404:
        return _json(404, {"message": "Service not found"})
    return _json(error.status_code, {"message": str(error.detail)}, error.headers)


@app.exception_handler(Unauthorized)
async def _unauthorized(_request: Request, _error: Exception) -> JSONResponse:
    return _json(401, UNAUTHORIZED_BODY, UNAUTHORIZED_HEADERS)


@app.exception_handler(UserNotFound)
async def _no_user(_request: Request, _error: Exception) -> JSONResponse:
    return _json(404, {"message": "User not found"})


@app.exception_handler(EmailTaken)
async def _taken(_request: Request, _error: Exception) -> JSONResponse:
    return _json(
        409, {"message": "Email already in use", "errors": [{"field": "email", "problem": "is already in use"}]}
    )


@app.exception_handler(VersionMismatch)
@app.exception_handler(PreconditionFailed)
async def _stale(_request: Request, _error: Exception) -> JSONResponse:
    return _json(412, {"message": "User was changed by someone else"})


@app.exception_handler(IdempotencyValidationError)
async def _key_reused(_request: Request, _error: Exception) -> JSONResponse:
    return _json(
        422,
        {
            "message": "Idempotency-Key already used with another request",
            "errors": [{"field": "Idempotency-Key", "problem": "was already used with another request body"}],
        },
    )


@app.exception_handler(StoreUnavailable)
async def _unavailable(_request: Request, _error: Exception) -> JSONResponse:
    return _json(503, {"message": "Service unavailable"}, {"Retry-After": "1"})


asgi_handler = Mangum(app, lifespan="off")


@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    # Powertools' documented use with idempotent_function: the remaining time bounds an in-progress record.
    CONFIG.register_lambda_context(context)
    response = refusal(event) or asgi_handler(event, context)
    name = metric_name(event, response["statusCode"])
    if name:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
    return response
