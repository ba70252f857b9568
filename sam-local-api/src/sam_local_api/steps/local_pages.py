"""Local pages: what the local API serves besides the API, before API Gateway's
steps: the user pool's token endpoint and JWKS and its SignUp and InitiateAuth
(deployed, the pool has endpoints of its own), and the files of --static-dir,
presented at / as `sam local start-api` presents them (a file of the folder before
any API route, with no header of the API's).
"""

from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.security import safe_join
from werkzeug.utils import send_file

from sam_local_api.cognito import IDP_TARGET, JWKS_PATH, TOKEN_PATH, UserPool
from sam_local_api.context import Context


class LocalPages:
    def __init__(self, pool: UserPool | None, static_dir: Path | None):
        self.pool = pool
        self.jwks_path = urlsplit(pool.issuer).path + JWKS_PATH if pool else None
        self.static_dir = static_dir if static_dir and static_dir.is_dir() else None

    def __call__(self, context: Context) -> None:
        request = context.request
        if self.pool and request.path == TOKEN_PATH and request.method == "POST":
            context.response = self.pool.token_endpoint(request)
        elif self.pool and request.path == self.jwks_path and request.method == "GET":
            context.response = self.pool.jwks_endpoint()
        elif self.pool and request.method == "POST" and request.headers.get("X-Amz-Target", "").startswith(IDP_TARGET):
            context.response = self.pool.identity_provider(request)
        elif self.static_dir and request.method in ("GET", "HEAD"):
            self._static_file(context)

    def _static_file(self, context: Context) -> None:
        found = safe_join(str(self.static_dir), context.request.path.lstrip("/"))
        if found is None or not Path(found).is_file():
            return
        response = send_file(found, context.request.environ, max_age=0)
        # werkzeug's server sends its own Date: one is enough (RFC 9110 allows one).
        response.headers.pop("Date", None)
        context.response = response
