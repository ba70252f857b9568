"""The Users API as AWS Lambda Powertools users write it: APIGatewayRestResolver with enable_validation=True.

Same five operations, same UserStore, the spec's rules as pydantic models (models.py),
the same check of the authorizer's claims and the writer recorded. The same work
beyond the API too, with Powertools' own utilities: Metrics counts what
users_api.metrics counts (CloudWatch EMF, one flush per invocation, by
@metrics.log_metrics), and Idempotency makes createUser with an Idempotency-Key
answer a retry with the first answer and the key with another body with a 422
(idempotent_function, its records on the store the benchmark gives: persistence.py).
"""

import warnings
from functools import cache
from typing import Annotated

from aws_lambda_powertools import Metrics
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Query
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.idempotency import idempotent_function
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyValidationError

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

app = APIGatewayRestResolver(enable_validation=True)
metrics = Metrics(namespace=NAMESPACE)
metrics.set_default_dimensions(FunctionName=FUNCTION_NAME)
# Reads count nothing, so their flush finds no metric: quiet, as users_api is.
warnings.filterwarnings("ignore", "No application metrics to publish")

UserId = Annotated[str, Query(alias="id", min_length=22, max_length=22, pattern=USER_ID_PATTERN)]


@cache
def store() -> UserStore:
    return UserStore.from_environment()


persistence = persistence_layer(lambda: store())


def acting(scope: str) -> tuple[str, UserStore]:
    who = caller(app.current_event.request_context.authorizer.claims, scope)
    return who, store().acting_as(who)


@idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=CONFIG)
def create_once(request: dict, users: UserStore) -> dict:
    return users.create(request["body"])


def _json(status: int, body: dict, headers: dict | None = None) -> Response[dict]:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body, headers=headers)


def _user(status: int, message: str, user: dict, headers: dict | None = None) -> Response[dict]:
    return _json(status, {"message": message, "user": user}, {"ETag": etag(user), **(headers or {})})


@app.get("/user/get-details")
def list_users(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    next_token: Annotated[
        str | None, Query(alias="nextToken", min_length=22, max_length=22, pattern=USER_ID_PATTERN)
    ] = None,
) -> Response[dict]:
    users, last_id = acting("users/read")[1].page(limit, next_token)
    payload = {"message": "user details", "users": users}
    if last_id:
        payload["nextToken"] = last_id
    return _json(200, payload)


@app.post("/user/create")
def create_user(
    new: Annotated[UserCreate, Body()],
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=130, pattern=IDEMPOTENCY_KEY_PATTERN)
    ] = None,
) -> Response[dict]:
    who, users = acting("users/write")
    if idempotency_key is None:
        user = users.create(new.model_dump(exclude_unset=True))
    else:
        user = create_once(request=request_once(who, idempotency_key, new.model_dump(exclude_unset=True)), users=users)
    return _user(201, "Create user", user, {"Location": f"/user/get-user?id={user['id']}"})


@app.get("/user/get-user")
def get_user(user_id: UserId) -> Response[dict]:
    return _user(200, "Single User Details", acting("users/read")[1].get(user_id))


@app.put("/user/update")
def update_user(
    user_id: UserId,
    changes: Annotated[UserUpdate, Body()],
    if_match: Annotated[str | None, Header(alias="If-Match", min_length=1, max_length=200)] = None,
) -> Response[dict]:
    users = acting("users/write")[1]
    expected = expected_version(users, user_id, if_match)
    user = users.update(user_id, changes.model_dump(exclude_unset=True), expected)
    return _user(200, "Update user details", user)


@app.delete("/user/delete")
def delete_user(user_id: UserId) -> Response[dict]:
    acting("users/write")[1].delete(user_id)
    return _json(200, {"message": "User Delete"})


@app.exception_handler(RequestValidationError)
def _invalid(error: RequestValidationError) -> Response[dict]:
    return _json(400, {"message": "Invalid request", "errors": errors_from(error.errors())})


@app.exception_handler(Unauthorized)
def _unauthorized(_error) -> Response[dict]:
    return _json(401, UNAUTHORIZED_BODY, UNAUTHORIZED_HEADERS)


@app.not_found
def _not_found(_error: NotFoundError) -> Response[dict]:
    return _json(404, {"message": "Service not found"})


@app.exception_handler(UserNotFound)
def _no_user(_error) -> Response[dict]:
    return _json(404, {"message": "User not found"})


@app.exception_handler(EmailTaken)
def _taken(_error) -> Response[dict]:
    return _json(
        409, {"message": "Email already in use", "errors": [{"field": "email", "problem": "is already in use"}]}
    )


@app.exception_handler([VersionMismatch, PreconditionFailed])
def _stale(_error) -> Response[dict]:
    return _json(412, {"message": "User was changed by someone else"})


@app.exception_handler(IdempotencyValidationError)
def _key_reused(_error) -> Response[dict]:
    return _json(
        422,
        {
            "message": "Idempotency-Key already used with another request",
            "errors": [{"field": "Idempotency-Key", "problem": "was already used with another request body"}],
        },
    )


@app.exception_handler(StoreUnavailable)
def _unavailable(_error) -> Response[dict]:
    return _json(503, {"message": "Service unavailable"}, {"Retry-After": "1"})


@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    # Powertools' documented use with idempotent_function: the remaining time bounds an in-progress record.
    CONFIG.register_lambda_context(context)
    response = refusal(event) or app.resolve(event, context)
    name = metric_name(event, response["statusCode"])
    if name:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
    return response
