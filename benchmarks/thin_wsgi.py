"""The ceiling for the local API's design: the same handler behind the thinnest WSGI adapter.

`python -m benchmarks.thin_wsgi --port N`: a WSGI app that turns each request into
an API Gateway proxy event and calls users_api.app.lambda_handler in-process,
served by the same kind of server as scripts/serve (werkzeug, threaded). No route
table, no request validation, no gateway responses, no access log, no token
verification: what is left is the least any local API of this design must do.
The bearer token's claims go into the event unverified, shaped as API Gateway's
Cognito authorizer hands them over, so the function does the same work as behind
scripts/serve. The store is whatever
AWS_ENDPOINT_URL_DYNAMODB names, as for the function itself, or with
--memory-store an in-memory one (as benchmarks.serve_memory gives scripts/serve).
"""

import argparse
import base64
import json
import logging
from http import HTTPStatus
from urllib.parse import parse_qs

from sam_local_api.cognito import event_claims
from werkzeug.serving import make_server

from users_api import app as function


def application_over(store_factory):
    """The WSGI application, its function answering with the store `store_factory` gives."""

    def application(environ, start_response):
        return _answer(environ, start_response, store_factory)

    return application


def _answer(environ, start_response, store_factory):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else None
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")}
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    event = {
        "requestContext": {"authorizer": {"claims": _claims(environ.get("HTTP_AUTHORIZATION", ""))}},
        "httpMethod": environ["REQUEST_METHOD"],
        "path": environ.get("PATH_INFO") or "/",
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "queryStringParameters": {name: values[-1] for name, values in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "body": None,
        "isBase64Encoded": False,
    }
    if raw is not None:
        try:
            event["body"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            event["body"], event["isBase64Encoded"] = base64.b64encode(raw).decode(), True
    response = function.handle(event, store_factory)
    status = response["statusCode"]
    body = response.get("body") or ""
    body = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode("utf-8")
    out = list((response.get("headers") or {}).items())
    out += [(name, value) for name, values in (response.get("multiValueHeaders") or {}).items() for value in values]
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    start_response(f"{status} {reason}".rstrip(), out)
    return [body]


def _claims(authorization: str) -> dict[str, str]:
    """The JWT's payload, not verified: only its shape matters here."""
    try:
        payload = authorization.removeprefix("Bearer ").split(".")[1]
        return event_claims(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    except (IndexError, ValueError):
        return {}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.thin_wsgi", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--memory-store", action="store_true", help="the function's store in memory, with user 0000000000000000000001"
    )
    args = parser.parse_args()
    store_factory = function.store
    if args.memory_store:
        from benchmarks.memory_store import MemoryUserStore

        memory = MemoryUserStore()
        memory.create({"name": "Ada Lovelace", "email": "ada@example.com"})
        store_factory = lambda: memory  # noqa: E731 (a factory, as users_api.app.handle takes it)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server(args.host, args.port, application_over(store_factory), threaded=True)
    print(f"Thin WSGI adapter running on http://{args.host}:{server.socket.getsockname()[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
