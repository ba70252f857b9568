"""scripts/contract [URL] [-- SCHEMATHESIS OPTIONS]: schemathesis against a running API, every check and phase.

Every request carries an access token with both scopes (users/read users/write)
as `Authorization: Bearer ...`, and the API key in `x-api-key`. Both headers are
the ones openapi.yaml's security schemes name (CognitoUserPool, ApiKey), so
schemathesis' `ignored_auth` check counts them as the credentials: after an
operation succeeds with them, it sends it again without them and then with
invalid ones, and fails unless those answer 401 or 403.

With no URL it starts the local API (scripts/serve) on a free port, takes a token
from its token endpoint and its API key, and stops it afterwards. With a URL:
- the API key is $USERS_API_KEY;
- the token is $USERS_API_TOKEN as it is, or else one fetched by the
  client-credentials grant from $USERS_API_TOKEN_URL (the user pool domain's
  /oauth2/token) with $USERS_API_CLIENT_ID and $USERS_API_CLIENT_SECRET.

Exits non-zero on any failure; writes a JUnit report to reports/.
"""

import argparse
import os
import subprocess
import sys

from sam_local_api.testing import LocalApiServer, client_credentials_token

from tools.spec import OPENAPI_PATH, ROOT, waf_rates_lifted

JUNIT_REPORT = ROOT / "reports" / "schemathesis-junit.xml"
EVERY_SCOPE = "users/read users/write"


class MissingCredentials(Exception):
    pass


def schemathesis_command(url: str, max_examples: int, token: str, api_key: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(OPENAPI_PATH),
        "--url",
        url,
        "--checks",
        "all",
        # API Gateway routes seven methods (ANY: DELETE, GET, HEAD, OPTIONS, PATCH,
        # POST, PUT); TRACE, the one method this check sends, reaches none, and API
        # Gateway answers MISSING_AUTHENTICATION_TOKEN
        # (https://repost.aws/knowledge-center/api-gateway-authentication-token-errors),
        # which openapi.yaml's gateway responses make a 404, not the 405 the check
        # wants. The 405 with Allow for the routed methods: tests/over_http/api/test_http.py.
        "--exclude-checks",
        "unsupported_method",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(max_examples),
        "--report",
        "junit",
        "--report-junit-path",
        str(JUNIT_REPORT),
        # Headers rather than schemathesis.toml's [auth.openapi.*]: those need their
        # ${VARIABLES} set for every schemathesis run in the repository (the
        # local API's own tests run it on other specs).
        "--header",
        f"Authorization:Bearer {token}",
        "--header",
        f"x-api-key:{api_key}",
    ]


def token_from_environment() -> str:
    if os.environ.get("USERS_API_TOKEN"):
        return os.environ["USERS_API_TOKEN"]
    needed = ("USERS_API_TOKEN_URL", "USERS_API_CLIENT_ID", "USERS_API_CLIENT_SECRET")
    missing = [name for name in needed if not os.environ.get(name)]
    if missing:
        raise MissingCredentials(f"with a URL, set USERS_API_TOKEN, or {', '.join(needed)} (missing: {missing})")
    return client_credentials_token(*(os.environ[name] for name in needed), EVERY_SCOPE)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/contract",
        description=__doc__.splitlines()[0],
        epilog="Options after -- go to schemathesis run, after this run's own (the last of each wins).",
    )
    parser.add_argument("url", nargs="?", help="base URL of the API (default: start the local API)")
    parser.add_argument(
        "--max-examples",
        type=int,
        default=int(os.environ.get("CONTRACT_MAX_EXAMPLES", "100")),
        help="test cases per operation and phase (default: $CONTRACT_MAX_EXAMPLES or %(default)s)",
    )
    argv = sys.argv[1:] if argv is None else argv
    ours, extra = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    args = parser.parse_args(ours)
    server = None
    try:
        if args.url is None:
            server = LocalApiServer(*waf_rates_lifted(), cwd=ROOT).wait_ready()
            url, token, api_key = server.url, server.token(EVERY_SCOPE), server.api_key
        else:
            url, token, api_key = args.url, token_from_environment(), os.environ.get("USERS_API_KEY", "")
        # schemathesis reads schemathesis.toml from the working directory.
        command = schemathesis_command(url, args.max_examples, token, api_key) + extra
        return subprocess.call(command, cwd=ROOT)  # noqa: S603 (our interpreter, fixed arguments)
    except MissingCredentials as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
