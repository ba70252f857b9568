"""scripts/serve: the API on http://127.0.0.1:3000, as `sam local start-api` serves it, without Docker."""

import argparse
import json
import logging
import os
import secrets
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import boto3
from flask import Flask, Response, g, request, send_file
from openapi_spec_validator import validate as validate_spec
from werkzeug.serving import WSGIRequestHandler, make_server

from local_api import cognito, fidelity
from local_api.dynamodb import EmbeddedDynamoDB, StoreError, ensure_tables
from local_api.gateway import Gateway
from local_api.limits import Limits
from local_api.mock import MockRuntime
from local_api.persistence import Snapshots
from local_api.responses import ResponseChecker
from local_api.runtime import InProcessRuntime
from local_api.sam import LocalApi
from local_api.seed import SeedError, seed
from tools.spec import (
    ROOT,
    TEMPLATE_PATH,
    included_openapi,
    openapi,
    operations,
    resources,
    template,
)

DOCS_PAGE = ROOT / "docs" / "index.html"
LOCAL_KEYS_FILE = ROOT / ".local-api-keys"
LOCAL_CLIENT_FILE = ROOT / ".local-api-client"
CLIENT_VARIABLES = ("USERS_API_CLIENT_ID", "USERS_API_CLIENT_SECRET")


def create_app(
    template_path: Path = TEMPLATE_PATH,
    env_vars: dict | None = None,
    api_keys: list[str] = (),
    fresh_each_request: bool = False,
    throttle: bool = True,
    strict_responses: bool = False,
    mock: bool = False,
    client_credentials: tuple[str, str] | None = None,
    url: str = "http://127.0.0.1:3000",
    signing_key: cognito.RSAKey | None = None,
    runtime=None,
) -> tuple[Flask, LocalApi]:
    """SAM's local API Gateway for the template, with what API Gateway does
    before the function (throttling, the Cognito authorizer, API keys, request
    validation, gateway responses), the user pool's token endpoint and JWKS,
    the rendered reference at /docs, the raw spec at /openapi.yaml, an access
    log, and every function answer checked against the spec. The authorizer,
    if any, is `app.extensions["cognito"]`. `runtime` stands in for the
    functions' runtime (default: InProcessRuntime)."""
    spec_path = included_openapi(template_path)
    if runtime is None:
        runtime = MockRuntime(openapi(spec_path)) if mock else InProcessRuntime(fresh_each_request)
    local_api = LocalApi(template_path, runtime, env_vars, authorizer_context=lambda: g.get("authorizer"))
    app = local_api.app
    app.before_request(_start_timer)
    # Deployed, the issuer is https://cognito-idp.{region}.amazonaws.com/{userPoolId}; pool ids are {region}_{id}.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    issuer_path = f"/{region}_local"
    client_id, client_secret = client_credentials or _new_client_credentials()
    authorizer = cognito.authorizer_from(
        template(template_path), openapi(spec_path), url + issuer_path, client_id, client_secret, signing_key
    )
    if authorizer:
        cognito.install(app, authorizer, issuer_path)
        app.extensions["cognito"] = authorizer
    limits = Limits(template(template_path), list(api_keys), throttle)
    gateway = Gateway(openapi(spec_path), limits, authorizer)
    gateway.install(app)
    app.after_request(_log_access)
    ResponseChecker(openapi(spec_path)).install(app, strict_responses)
    # Served by the local API only: the deployed API has neither. With the
    # headers the API's other answers carry, so a page on another origin (an
    # API explorer) can fetch the spec as it fetches the API.
    edge_headers = gateway.edge_headers()
    app.add_url_rule(
        "/openapi.yaml",
        "openapi.yaml",
        _local_page(lambda: send_file(spec_path, mimetype="application/yaml"), edge_headers),
    )
    app.add_url_rule("/docs", "docs", _local_page(_docs, edge_headers))
    return app, local_api


def _local_page(view, headers: dict):
    def page():
        response = view()
        response.headers.update(headers)
        # send_file's conditional answers set a Date, and werkzeug's server
        # always sends its own: one is enough (RFC 9110 allows one Date).
        response.headers.pop("Date", None)
        return response

    return page


def _docs():
    if not DOCS_PAGE.exists():
        return Response("docs/index.html is missing: run scripts/docs\n", status=404, mimetype="text/plain")
    return send_file(DOCS_PAGE, mimetype="text/html")


def _start_timer():
    g.started = time.perf_counter()


def _log_access(response):
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    # The caller, as the deployed access log's principal ($context.authorizer.claims.sub).
    caller = g.get("authorizer", {}).get("claims", {}).get("sub", "-")
    # Written directly: the logging module costs tens of microseconds a line.
    note = g.get("log_note", "")
    sys.stderr.write(f"{request.method} {request.path} {response.status_code} {elapsed:.1f}ms {caller}{note}\n")
    return response


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=3000, help="port to listen on (default: %(default)s)")
    parser.add_argument(
        "-t", "--template", type=Path, default=TEMPLATE_PATH, help="the SAM template (default: template.yaml)"
    )
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
        "--api-keys-file",
        type=Path,
        metavar="FILE",
        help="API keys for the write operations, one a line (default: $USERS_API_KEYS, comma-separated; "
        f"else {LOCAL_KEYS_FILE.name}, made with a random key when missing)",
    )
    parser.add_argument(
        "--signing-key",
        type=Path,
        metavar="FILE",
        help="the user pool's RSA private key (PEM or JWK) that signs access tokens (default: a new one each start)",
    )
    parser.add_argument(
        "--no-throttle", action="store_true", help="do not apply the template's stage throttle and usage plan"
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="keep the embedded store's tables in DIR across restarts (default: in memory)",
    )
    parser.add_argument(
        "--seed", type=Path, metavar="FILE", help="send the JSON list of requests in FILE through the API at start"
    )
    parser.add_argument(
        "--strict-responses",
        action="store_true",
        help="answer 502 in place of a function's answer that breaks openapi.yaml (default: log the violation)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="import the function anew for every request (a cold start each time)"
    )
    parser.add_argument(
        "--mock",
        action="store_true",
        help="answer from openapi.yaml's examples and schemas instead of running the functions (no store); "
        "Prefer: code=404 or example=NAME chooses the answer",
    )
    return parser.parse_args(argv)


def main(argv=None, runtime=None) -> int:
    """scripts/serve; a program that embeds the local API may pass the functions' `runtime`."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    # Caught from the start, so a stop during start-up still stops the store.
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # SAM warns that it cannot emulate the spec's API key scheme; the gateway here does.
    for name in ("samcli.commands.local.lib.swagger.parser", "samcli.lib.providers.api_collector"):
        logging.getLogger(name).setLevel(logging.ERROR)
    store = None
    try:
        env_vars = _read_env_vars(args.env_vars)
        api_keys = _read_api_keys(args.api_keys_file)
        client_credentials = _read_client_credentials()
        signing_key = _read_signing_key(args.signing_key)
        spec_path = _check_template(args.template)
        _check_spec(spec_path)
        try:
            # Bound here, not by werkzeug, which prints its own advice and exits on failure.
            listener = socket.create_server((args.host, args.port))
        except OSError as error:
            raise StartupError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from error
        url = f"http://{args.host}:{listener.getsockname()[1]}"
        try:
            app, local_api = create_app(
                args.template,
                env_vars,
                api_keys,
                args.fresh,
                not args.no_throttle,
                args.strict_responses,
                args.mock,
                client_credentials,
                url,
                signing_key,
                runtime,
            )
        except Exception as error:
            raise StartupError(f"{args.template.name}: {error}") from error
        server = make_server(
            args.host, args.port, app, threaded=True, fd=listener.fileno(), request_handler=JsonErrorsRequestHandler
        )
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        if boto3.Session().get_credentials() is None:
            # Local stores take any credentials; AWS itself would refuse none too.
            os.environ["AWS_ACCESS_KEY_ID"] = os.environ["AWS_SECRET_ACCESS_KEY"] = "local"  # noqa: S105 (not a secret)
        if args.mock and (args.data or args.seed):
            raise StartupError("--mock runs no function and keeps no data: --data and --seed do not apply")
        if args.dynamodb_endpoint is None and not args.mock:
            store = EmbeddedDynamoDB()
            store.start()
        endpoint = args.dynamodb_endpoint or (store.endpoint if store else None)
        if endpoint:
            os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
        if args.data and not store:
            raise StartupError("--data keeps the embedded store's tables; an external endpoint keeps its own")
        snapshots = Snapshots(endpoint, args.data) if args.data else None
        restored = snapshots.restore() if snapshots else []
    except (StartupError, StoreError) as error:
        if store:
            store.stop()
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        created = (
            ensure_tables(endpoint, _table_names(local_api, template(args.template)), template(args.template))
            if endpoint
            else []
        )
    except StoreError as error:
        # Serve anyway: the API answers 503 until the store is reachable, as deployed.
        print(f"warning: {error}", file=sys.stderr)
        created = []
    if args.seed:
        try:
            print(f"Seeded: {seed(app, args.seed, api_keys[0])} requests from {args.seed}")
        except SeedError as error:
            print(f"error: {error}", file=sys.stderr)
            if store:
                store.stop()
            return 1

    for warning in fidelity.warnings(template(args.template), openapi(spec_path)):
        print(f"warning: not emulated: {warning}", file=sys.stderr, flush=True)
    for path, method, operation in operations(openapi(spec_path)):
        print(f"  {method:<7}{url}{path}  {operation['operationId']}")
    print(f"  {'ANY':<7}{url}/{{proxy+}}  (every other path: 404 Service not found)")
    print(f"  {'GET':<7}{url}/docs, {url}/openapi.yaml  (the reference, local only)")
    if args.mock:
        print(f"Mock mode: answers from {spec_path.name}'s examples and schemas; no function runs, no store")
    else:
        kind = f"embedded, kept in {args.data}" if snapshots else "embedded, in memory" if store else "external"
        print(f"DynamoDB: {endpoint} ({kind}); tables created: {', '.join(created) or 'none'}")
    if snapshots:
        print(f"Restored from {snapshots.path}: {', '.join(restored) or 'nothing yet'}")
        snapshots.start_timer()
    print(f"API keys, for the operations that need one: {', '.join(api_keys)}")
    authorizer = app.extensions.get("cognito")
    if authorizer:
        client = authorizer.pool.client
        print(f"User pool {authorizer.pool.issuer} (JWKS: {authorizer.pool.issuer}{cognito.JWKS_PATH})")
        print(f"  client id {client.client_id}, secret {client.secret}, scopes {' '.join(client.scopes)}")
        basic = f"{client.client_id}:{client.secret}"
        print(f"  a token: curl -s -u '{basic}' -d grant_type=client_credentials {url}{cognito.TOKEN_PATH}")
    print(f"{openapi(spec_path)['info']['title']} running on {url} (Ctrl-C to stop)", flush=True)

    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    stop.wait()
    server.shutdown()
    serving.join()
    if snapshots:
        snapshots.stop_timer()
        snapshots.save()
    if store:
        store.stop()
    print("Stopped.", flush=True)
    return 0


class JsonErrorsRequestHandler(WSGIRequestHandler):
    """Requests too malformed to reach the app (a bad request line, an overlong
    URL or header) are refused in JSON too, as the API's other errors are."""

    error_content_type = "application/json"
    error_message_format = '{"message": "%(explain)s"}'


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


def _read_api_keys(path: Path | None) -> list[str]:
    """The keys from --api-keys-file, else $USERS_API_KEYS, else .local-api-keys (made if missing)."""
    from_env = [key.strip() for key in os.environ.get("USERS_API_KEYS", "").split(",") if key.strip()]
    if path is None and from_env:
        return from_env
    if path is None:
        path = LOCAL_KEYS_FILE
        if not path.exists():
            path.write_text(f"# API keys of the local API, one a line (not committed).\n{secrets.token_urlsafe(24)}\n")
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise StartupError(f"--api-keys-file {path}: {error.strerror}") from error
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not keys:
        raise StartupError(f"--api-keys-file {path}: no key in it")
    return keys


def _read_client_credentials() -> tuple[str, str]:
    """The user pool client's id and secret: $USERS_API_CLIENT_ID and
    $USERS_API_CLIENT_SECRET, else .local-api-client (made if missing)."""
    from_env = tuple(os.environ.get(name, "") for name in CLIENT_VARIABLES)
    if all(from_env):
        return from_env
    if not LOCAL_CLIENT_FILE.exists():
        values = dict(zip(CLIENT_VARIABLES, _new_client_credentials(), strict=True))
        lines = "".join(f"{name}={value}\n" for name, value in values.items())
        note = f"# The local user pool's client (not committed), in sh syntax: . ./{LOCAL_CLIENT_FILE.name}\n"
        LOCAL_CLIENT_FILE.write_text(note + lines)
    values = {}
    for line in LOCAL_CLIENT_FILE.read_text().splitlines():
        name, _, value = line.partition("=")
        if name.strip() in CLIENT_VARIABLES:
            values[name.strip()] = value.strip()
    if not all(values.get(name) for name in CLIENT_VARIABLES):
        raise StartupError(f"{LOCAL_CLIENT_FILE}: expected {' and '.join(CLIENT_VARIABLES)}")
    return values[CLIENT_VARIABLES[0]], values[CLIENT_VARIABLES[1]]


def _read_signing_key(path: Path | None) -> cognito.RSAKey | None:
    if path is None:
        return None
    try:
        return cognito.signing_key(path.read_text())
    except (OSError, ValueError) as error:
        raise StartupError(f"--signing-key {path}: {getattr(error, 'strerror', None) or error}") from error


def _new_client_credentials() -> tuple[str, str]:
    # Shaped as Cognito's: a 26-character lowercase id, a long random secret.
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(26)), secrets.token_urlsafe(38)


def _check_template(template_path: Path) -> Path:
    """The template's OpenAPI document; a one-line error when either cannot be read."""
    try:
        return included_openapi(template_path)
    except Exception as error:
        raise StartupError(f"{template_path}: {_first_line(error)}") from error


def _check_spec(spec_path: Path) -> None:
    try:
        validate_spec(openapi(spec_path))
    except Exception as error:
        raise StartupError(f"{spec_path.name} is invalid: {_first_line(error)}") from error


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _table_names(local_api: LocalApi, template_doc: dict) -> dict[str, str]:
    """The name each template table will have, as the functions will see it."""
    tables = resources(template_doc, "AWS::DynamoDB::Table")
    names = {}
    for function, resource in resources(template_doc, "AWS::Serverless::Function").items():
        variables = resource["Properties"].get("Environment", {}).get("Variables", {})
        refs = {name: value["Ref"] for name, value in variables.items() if isinstance(value, dict) and "Ref" in value}
        refs = {name: ref for name, ref in refs.items() if ref in tables}
        if refs:
            environment = local_api.function_environment(function)
            names |= {ref: environment[name] for name, ref in refs.items()}
    return names
