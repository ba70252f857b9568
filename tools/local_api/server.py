"""scripts/serve: the API on http://127.0.0.1:3000, as `sam local start-api` serves it, without Docker."""

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from flask import Flask, g, request
from openapi_spec_validator import validate as validate_spec
from werkzeug.serving import make_server

from tools.local_api.dynamodb import EmbeddedDynamoDB, StoreError, ensure_tables
from tools.local_api.gateway import Gateway
from tools.local_api.runtime import InProcessRuntime
from tools.local_api.sam import LocalApi
from tools.spec import OPENAPI_PATH, TEMPLATE_PATH, function_environment, openapi

log = logging.getLogger("local-api")


def create_app(env_vars: dict | None = None, fresh_each_request: bool = False) -> tuple[Flask, LocalApi]:
    """SAM's local API Gateway for template.yaml, with API Gateway's request
    validation and gateway responses from openapi.yaml, and an access log."""
    local_api = LocalApi(TEMPLATE_PATH, InProcessRuntime(fresh_each_request), env_vars)
    app = local_api.app
    app.before_request(_start_timer)
    Gateway(openapi()).install(app)
    app.after_request(_log_access)
    return app, local_api


def _start_timer():
    g.started = time.perf_counter()


def _log_access(response):
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    log.info("%s %s %d %.1fms", request.method, request.path, response.status_code, elapsed)
    return response


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=3000, help="port to listen on (default: %(default)s)")
    parser.add_argument(
        "--env-vars", type=Path, metavar="FILE", help="JSON of environment variables, in sam local's format"
    )
    parser.add_argument(
        "--dynamodb-endpoint",
        metavar="URL",
        default=os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"),
        help="a DynamoDB endpoint (DynamoDB Local, LocalStack, AWS) instead of the embedded in-memory one; "
        "default: $AWS_ENDPOINT_URL_DYNAMODB",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="import the function anew for every request (a cold start each time)"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    store = None
    try:
        env_vars = _read_env_vars(args.env_vars)
        _check_spec()
        try:
            app, local_api = create_app(env_vars, args.fresh)
        except Exception as error:
            raise StartupError(f"{TEMPLATE_PATH.name}: {error}") from error
        try:
            server = make_server(args.host, args.port, app, threaded=True)
        except OSError as error:
            raise StartupError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from error
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        if args.dynamodb_endpoint is None:
            # Any credentials do for the embedded store.
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
            store = EmbeddedDynamoDB()
            store.start()
        endpoint = args.dynamodb_endpoint or store.endpoint
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
        created = ensure_tables(endpoint, _table_names(local_api))
    except (StartupError, StoreError) as error:
        if store:
            store.stop()
        print(f"error: {error}", file=sys.stderr)
        return 1

    url = f"http://{args.host}:{server.server_port}"
    for route in sorted(local_api.routes, key=lambda r: r.path):
        print(f"  {url}{route.path}  [{', '.join(sorted(route.methods))}]")
    kind = "embedded, in memory" if store else "external"
    print(f"DynamoDB: {endpoint} ({kind}); tables created: {', '.join(created) or 'none'}")
    print(f"Users API running on {url} (Ctrl-C to stop)", flush=True)

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    stop.wait()
    server.shutdown()
    serving.join()
    if store:
        store.stop()
    print("Stopped.", flush=True)
    return 0


class StartupError(Exception):
    pass


def _read_env_vars(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        values = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise StartupError(f"--env-vars {path}: {error}") from error
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise StartupError(f'--env-vars {path}: expected {{"FunctionName": {{"VAR": "value"}}, ...}}')
    return values


def _check_spec() -> None:
    try:
        validate_spec(openapi())
    except Exception as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise StartupError(f"{OPENAPI_PATH.name} is invalid: {first_line}") from error


def _table_names(local_api: LocalApi) -> dict[str, str]:
    """The table each template table will be called, as the function will see it."""
    environment = local_api.function_environment()
    return {
        value["Ref"]: environment[name] for name, value in function_environment().items() if isinstance(value, dict)
    }
