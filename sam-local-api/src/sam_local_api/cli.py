"""sam-local-api: a SAM template's API on http://127.0.0.1:3000, as `sam local start-api`
serves it, without Docker, with what API Gateway does in front of the functions."""

import argparse
import contextlib
import dataclasses
import logging
import os
import signal
import socket
import sys
import threading
from pathlib import Path

import boto3
from werkzeug.serving import WSGIRequestHandler, make_server

from sam_local_api import config as settings
from sam_local_api import fidelity
from sam_local_api.chain import LocalApi
from sam_local_api.cognito import JWKS_PATH, TOKEN_PATH
from sam_local_api.config import Config, ConfigError
from sam_local_api.dependencies import Dependencies
from sam_local_api.dynamodb import EmbeddedDynamoDB, StoreError, ensure_tables
from sam_local_api.mock import MockRuntime
from sam_local_api.persistence import Snapshots
from sam_local_api.project import Project, ProjectError, find_template
from sam_local_api.runtime import InProcessRuntime
from sam_local_api.sam import sam_config
from sam_local_api.seed import SeedError, seed

# The line that says the API is up, and where: what a program that starts it waits for.
READY = "{title} running on {url} (Ctrl-C to stop)"


# `sam local start-api`'s samconfig keys that are flags here too (the others do not apply).
SAM_CONFIG_KEYS = {
    "template_file": "template",
    "template": "template",
    "host": "host",
    "port": "port",
    "env_vars": "env_vars",
    "parameter_overrides": "parameter_overrides",
    "static_dir": "static_dir",
    "region": "region",
    "disable_authorizer": "disable_authorizer",
    "debug": "debug",
}


def parse_args(argv) -> argparse.Namespace:
    """The command line, over the defaults the project's samconfig file gives
    `sam local start-api` (its directory: the template's, else this one)."""
    parser = _parser()
    first, _ = parser.parse_known_args(argv)
    directory = first.template.resolve().parent if first.template else Path.cwd()
    try:
        configured = sam_config(directory, first.config_file, first.config_env)
    except Exception as error:
        parser.error(f"--config-file: {error}")
    defaults = {SAM_CONFIG_KEYS[key]: value for key, value in configured.items() if key in SAM_CONFIG_KEYS}
    for key in ("template", "env_vars", "static_dir"):
        if key in defaults:
            defaults[key] = directory / defaults[key]
    if isinstance(defaults.get("parameter_overrides"), str):
        defaults["parameter_overrides"] = [defaults["parameter_overrides"]]
    parser.set_defaults(**defaults)
    return parser.parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sam-local-api",
        description=__doc__,
        epilog="Flags named as sam local start-api's take the same values.",
    )
    sam = parser.add_argument_group("as sam local start-api")
    sam.add_argument("-t", "--template", "--template-file", type=Path, help="the SAM template (default: as sam's)")
    sam.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    sam.add_argument("-p", "--port", type=int, default=3000, help="port to listen on, 0 for any (default: %(default)s)")
    sam.add_argument("-n", "--env-vars", type=Path, metavar="FILE", help="JSON of the functions' environment variables")
    sam.add_argument("--parameter-overrides", nargs="+", metavar="KEY=VALUE", help="template parameters: Key=Value ...")
    sam.add_argument("-s", "--static-dir", type=Path, help="files served at / (default: the template's public/)")
    sam.add_argument("--region", help="the AWS region the API seems to run in (default: $AWS_REGION, else us-east-1)")
    sam.add_argument("--disable-authorizer", action="store_true", help="let every request past the authorizers")
    sam.add_argument("--debug", action="store_true", help="SAM CLI's and the local API's debug logging")
    sam.add_argument("--config-file", help="the samconfig file whose local_start_api parameters are defaults")
    sam.add_argument("--config-env", default="default", help="its environment (default: %(default)s)")
    gateway = parser.add_argument_group("API Gateway")
    gateway.add_argument(
        "--api-keys-file",
        type=Path,
        metavar="FILE",
        help=f"API keys of the usage plan, one a line (default: ${settings.KEYS_VARIABLE}, comma-separated; "
        f"else {settings.KEYS_FILE}, made with a random key when missing)",
    )
    gateway.add_argument(
        "--client-file",
        type=Path,
        metavar="FILE",
        help=f"the user pool client's id and secret (default: ${settings.CLIENT_VARIABLES[0]} and "
        f"${settings.CLIENT_VARIABLES[1]}; else {settings.CLIENT_FILE}, made when missing)",
    )
    gateway.add_argument(
        "--signing-key",
        type=Path,
        metavar="FILE",
        help="the user pool's RSA private key (PEM or JWK), made there when FILE is missing, so that tokens "
        "outlive restarts (default: a new key each start)",
    )
    gateway.add_argument(
        "--no-throttle",
        action="store_true",
        help="do not apply the stage throttle, usage plans or WAF rate-based rules",
    )
    gateway.add_argument(
        "--strict-responses",
        action="store_true",
        help="answer 502 in place of a function's answer that breaks the API's OpenAPI document (default: log it)",
    )
    functions = parser.add_argument_group("functions and data")
    functions.add_argument(
        "--mock",
        action="store_true",
        help="answer from the OpenAPI document's examples and schemas instead of running the functions; "
        "Prefer: code=404 or example=NAME chooses the answer",
    )
    functions.add_argument("--fresh", action="store_true", help="a cold start for every request, as sam's containers")
    functions.add_argument(
        "--dynamodb-endpoint",
        metavar="URL",
        default=os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"),
        help="a DynamoDB endpoint instead of the embedded in-memory one (default: $AWS_ENDPOINT_URL_DYNAMODB)",
    )
    functions.add_argument("--data", type=Path, metavar="DIR", help="keep the embedded store's tables in DIR")
    functions.add_argument(
        "--seed",
        type=Path,
        metavar="FILE",
        help='send the requests in FILE at start, a JSON list of {"method", "path", "query", "headers", "body"}; '
        "with --data, only into a new store",
    )
    return parser


def configure(args: argparse.Namespace) -> Config:
    if args.mock and (args.data or args.seed):
        raise ConfigError("--mock runs no function and keeps no data: --data and --seed do not apply")
    if args.data and args.dynamodb_endpoint:
        raise ConfigError("--data keeps the embedded store's tables; an external endpoint keeps its own")
    client_id, client_secret = settings.read_client(args.client_file)
    template = args.template or find_template(Path.cwd())
    return Config(
        template=template,
        host=args.host,
        port=args.port,
        region=args.region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        env_vars=settings.read_env_vars(args.env_vars),
        parameter_overrides=settings.read_parameter_overrides(args.parameter_overrides),
        # sam's default, public, is the template's folder's; a folder named here is where it says.
        static_dir=args.static_dir or template.resolve().parent / "public",
        api_keys=settings.read_api_keys(args.api_keys_file),
        client_id=client_id,
        client_secret=client_secret,
        signing_key=settings.read_signing_key(args.signing_key),
        throttle=not args.no_throttle,
        disable_authorizer=args.disable_authorizer,
        strict_responses=args.strict_responses,
        mock=args.mock,
        fresh=args.fresh,
        dynamodb_endpoint=args.dynamodb_endpoint,
        data=args.data,
        seed=args.seed,
    )


def main(argv=None, runtime=None) -> int:
    """The command; a program that embeds the local API may pass the functions' `runtime`."""
    args = parse_args(argv)
    _quiet_logging(args.debug)
    # Caught from the start, so that a stop during start-up still stops cleanly. SIGHUP
    # too: a closed terminal sends it to its session, and it stops as Ctrl-C does.
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: stop.set())
    try:
        with contextlib.ExitStack() as resources:
            serve(args, runtime, resources, stop)
    except (ConfigError, ProjectError, StoreError, SeedError) as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 1
    print("Stopped.", flush=True)
    return 0


def serve(args: argparse.Namespace, runtime, resources: contextlib.ExitStack, stop: threading.Event) -> None:
    """Start everything, each with its stop on `resources` (undone last first), and serve until `stop`."""
    config = configure(args)
    try:
        # Bound here, not by werkzeug, which prints its own advice and exits on failure.
        listener = resources.enter_context(socket.create_server((config.host, config.port)))
    except OSError as error:
        raise ConfigError(f"cannot listen on {config.host}:{config.port}: {error.strerror}") from error
    config = dataclasses.replace(config, port=listener.getsockname()[1])
    project = Project(config.template, config.parameter_overrides, config.env_vars, config.region, config.client_id)
    _local_credentials()
    endpoint = config.dynamodb_endpoint
    if endpoint is None and not config.mock:
        endpoint = resources.enter_context(EmbeddedDynamoDB()).endpoint
    if endpoint:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    snapshots = Snapshots(endpoint, config.data) if config.data else None
    restored = snapshots.restore() if snapshots else []
    if snapshots:
        # After the server stops and before the store does: every answered write is in it.
        resources.callback(_final_snapshot, snapshots)
    created = _tables(endpoint, project) if endpoint else []
    if runtime is None and config.mock:
        runtime = MockRuntime(project.apis)
    elif runtime is None:
        dependencies = Dependencies(project.directory, built=".aws-sam" in project.template_path.parts)
        _install(dependencies, project)
        runtime = InProcessRuntime(config.fresh, paths=dependencies.paths)
    app = LocalApi(project, config, runtime)
    if config.seed and restored:
        # A seed fills a new store, as a database image's init scripts fill only an empty data directory.
        print(f"Seed skipped: {config.data} holds an earlier run's data (delete it to start clean and seed again)")
    elif config.seed:
        print(f"Seeded: {seed(app, config.seed, config.api_keys[0])} requests from {config.seed}")
    server = make_server(
        config.host, config.port, app, threaded=True, fd=listener.fileno(), request_handler=JsonErrorsRequestHandler
    )
    _banner(config, project, app, endpoint, created, snapshots, restored)
    if snapshots:
        snapshots.start_timer()
        resources.callback(snapshots.stop_timer)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    resources.callback(server.server_close)
    resources.callback(serving.join)
    resources.callback(server.shutdown)
    stop.wait()


class JsonErrorsRequestHandler(WSGIRequestHandler):
    """Requests too malformed to reach the app (a bad request line, an overlong
    URL or header) are refused in JSON too, as the API's other errors are."""

    error_content_type = "application/json"
    error_message_format = '{"message": "%(explain)s"}'


def _quiet_logging(debug: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(message)s")
    if debug:
        return
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # SAM warns of what it cannot emulate (an API key scheme, a Cognito
    # authorizer); the local API's own steps do, and it names what it does not.
    for name in ("samcli.commands.local.lib.swagger.parser", "samcli.lib.providers.api_collector"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _local_credentials() -> None:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    if boto3.Session().get_credentials() is None:
        # Local stores take any credentials; AWS itself would refuse none too.
        os.environ["AWS_ACCESS_KEY_ID"] = os.environ["AWS_SECRET_ACCESS_KEY"] = "local"  # noqa: S105 (not a secret)


def _tables(endpoint: str, project: Project) -> list[str]:
    try:
        return ensure_tables(endpoint, project.tables())
    except StoreError as error:
        # Serve anyway: the functions' calls fail until the store is reachable, as deployed.
        print(f"warning: {error}", file=sys.stderr)
        return []


def _install(dependencies: Dependencies, project: Project) -> None:
    """Each function's requirements, installed before the first request needs them."""
    for name in project.sam.function_names():
        function = project.sam.function(name)
        if not str(function.runtime or "").startswith("python"):
            continue
        try:
            done = dependencies.install(function)
        except OSError as error:
            print(f"warning: {error}", file=sys.stderr, flush=True)
            continue
        if done:
            print(done, flush=True)


def _final_snapshot(snapshots: Snapshots) -> None:
    try:
        snapshots.save()
    except Exception as error:
        print(f"warning: --data {snapshots.directory}: the last snapshot could not be saved: {error}", flush=True)


def _banner(config, project, app, endpoint, created, snapshots, restored) -> None:
    for warning in project.warnings:
        print(f"warning: {warning}", file=sys.stderr, flush=True)
    for warning in fidelity.warnings(project):
        print(f"warning: not emulated: {warning}", file=sys.stderr, flush=True)
    for route in project.routes:
        verbs = "ANY" if len(route.methods) > 1 else route.methods[0]
        what = route.operation.get("operationId") or route.function or f"({route.integration_type} integration)"
        path = "/*" if route.default else route.path
        print(f"  {verbs:<8}{config.url}{path}  {what}  [{route.api.logical_id}]")
    if config.mock:
        print("Mock mode: answers from the OpenAPI document's examples and schemas; no function runs, no store")
    elif endpoint:
        kind = f"embedded, kept in {config.data}" if snapshots else "embedded, in memory"
        kind = kind if not config.dynamodb_endpoint else "external"
        print(f"DynamoDB: {endpoint} ({kind}); tables created: {', '.join(created) or 'none'}")
    if snapshots:
        print(f"Restored from {snapshots.path}: {', '.join(restored) or 'nothing yet'}")
    if app.api_key_required:
        print(f"API keys, for the methods that need one: {', '.join(config.api_keys)}")
    pool = app.user_pool
    if pool:
        client = pool.client
        print(f"User pool {pool.issuer} (JWKS: {pool.issuer}{JWKS_PATH})")
        print(f"  client id {client.client_id}, secret {client.secret}, scopes {' '.join(client.scopes)}")
        basic = f"{client.client_id}:{client.secret}"
        print(f"  a token: curl -s -u '{basic}' -d grant_type=client_credentials {config.url}{TOKEN_PATH}")
        if config.signing_key is None:
            print("  signing key: new this start, so tokens of an earlier start get 401 (--signing-key FILE keeps one)")
    titles = [api.body.get("info", {}).get("title") for api in project.apis]
    title = next((t for t in titles if isinstance(t, str) and t and t != "local"), project.template_path.parent.name)
    print(READY.format(title=title, url=config.url), flush=True)
