"""The Lambda entry point: route an API Gateway proxy event to its operation."""

import logging
import random
from collections.abc import Callable
from functools import cache

from users_api import metrics
from users_api.auth import caller
from users_api.operations import create_user, delete_user, get_user, list_users, update_user
from users_api.proxy import ApiError, Request, allow_origin, allowed_origins, json_response, preflight_response
from users_api.snapstart import register_after_restore, register_before_snapshot
from users_api.store import StoreUnavailable, UserStore
from users_api.validation import validated_input

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

# path -> method -> (operationId, operation). Kept in step with openapi.yaml and
# template.yaml by tests/in_process/template/test_drift.py.
ROUTES = {
    "/user/get-details": {"GET": ("listUsers", list_users)},
    "/user/create": {"POST": ("createUser", create_user)},
    "/user/get-user": {"GET": ("getUser", get_user)},
    "/user/update": {"PUT": ("updateUser", update_user)},
    "/user/delete": {"DELETE": ("deleteUser", delete_user)},
}
RETRY_AFTER_SECONDS = "1"


@cache
def store() -> UserStore:
    """One store, and so one DynamoDB client, per container."""
    return UserStore.from_environment()


# With SnapStart (template.yaml), build the DynamoDB client before the snapshot,
# so that no restored copy pays for it. No request is made: a connection opened
# now would be stale in every copy. Credentials stay fresh after a restore: with
# SnapStart, botocore gets them from Lambda's container credentials endpoint and
# refreshes them (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials).
register_before_snapshot(store)
# Every copy restored from one snapshot would otherwise draw the same sequence
# from `random`: the same retry jitter (ours in the store, and botocore's), so
# copies that collide once would retry in lockstep. Ids and write tokens need nothing:
# they come from os.urandom (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html).
register_after_restore(random.seed)


def lambda_handler(event: dict, context=None) -> dict:
    return handle(event, store, context)


def handle(event: dict, store_factory: Callable[[], UserStore], context=None) -> dict:
    """Answer one API Gateway proxy event, with the store `store_factory` gives
    (called only for an operation): tests and benchmarks pass their own. `context`
    is Lambda's, or None (tests): the metrics read the function's name from it."""
    operation_id = request = None
    try:
        request = Request.from_event(event)
        methods = ROUTES.get(request.path)
        if methods is None:
            raise ApiError(404, "Service not found")
        if request.method == "OPTIONS":
            return allow_origin(preflight_response(methods), _origin(request))
        if request.method not in methods:
            raise ApiError(405, "Method not allowed", headers={"Allow": ", ".join(methods)})
        operation_id, operation = methods[request.method]
        # API Gateway's order: the authorizer, then the request validator.
        acting = store_factory().acting_as(*caller(event, operation_id))
        inputs = validated_input(operation_id, request)
        response = operation(acting, **inputs)
    except ApiError as error:
        response = error.response()
    except StoreUnavailable:
        response = json_response(503, {"message": "Service unavailable"}, {"Retry-After": RETRY_AFTER_SECONDS})
    except Exception:
        # A bug: log it for us, and tell the caller nothing about it.
        logger.exception("unhandled error for %s %s", event.get("httpMethod"), event.get("path"))
        response = json_response(500, {"message": "Internal server error"})
    metrics.count(operation_id, response["statusCode"], getattr(context, "function_name", None))
    return allow_origin(response, _origin(request))


def _origin(request: Request | None) -> str | None:
    """The request's Origin, for CORS; not looked up when the deploy allows no origin (the default)."""
    return request.header("Origin") if request is not None and allowed_origins() else None
