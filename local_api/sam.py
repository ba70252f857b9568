"""Everything the local API takes from SAM CLI's internals, in one place.

SAM CLI has no public library API; these are the classes `sam local start-api`
itself is built from. tests/local_api/test_sam_seam.py exercises each of them, so a
SAM upgrade that changes them fails there, loudly, rather than here at run time.
"""

import contextlib
import os
from pathlib import Path

# SAM CLI sends telemetry unless told not to; it has no business here.
os.environ.setdefault("SAM_CLI_TELEMETRY", "0")

from flask import Flask
from samcli.commands.local.lib.local_lambda import LocalLambdaRunner
from samcli.lib.providers.api_provider import ApiProvider
from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.lib.telemetry.event import EventTracker
from samcli.lib.utils.stream_writer import StreamWriter
from samcli.local.apigw.local_apigw_service import LocalApigwService
from samcli.local.apigw.path_converter import PathConverter

# SAM's service records a usage event on every request, telemetry off or not
# (60-70 us each, and a thread every 50 requests); nothing here reads them.
EventTracker.track_event = staticmethod(lambda *args, **kwargs: None)

__all__ = ["LocalApi", "StreamWriter", "flask_path"]


class LocalApi:
    """The routes of template.yaml (and the OpenAPI document it imports), served as
    `sam local start-api` serves them, with `runtime` standing in for Docker."""

    def __init__(self, template: Path, runtime, env_vars: dict | None = None):
        template = template.resolve()
        base_dir = str(template.parent)
        # SAM resolves AWS::Include's Location against the working directory, not the template's.
        with contextlib.chdir(base_dir):
            stacks, _ = SamLocalStackProvider.get_stacks(str(template))
            api = ApiProvider(stacks, cwd=base_dir).api
        self.routes = api.routes
        if not self.routes:
            raise ValueError(f"{template} defines no API routes")
        self._runner = LocalLambdaRunner(
            local_runtime=runtime,
            function_provider=SamFunctionProvider(stacks),
            cwd=base_dir,
            real_path=base_dir,
            env_vars_values=env_vars or {},
        )
        self._service = LocalApigwService(api=api, lambda_runner=self._runner)
        self._service.create()

    def function_environment(self, name: str | None = None) -> dict[str, str]:
        """The environment SAM gives the named function (else the first), --env-vars applied."""
        function = self._runner.provider.get(name) if name else next(iter(self._runner.provider.get_all()))
        return self._runner.get_invoke_config(function).env_vars.resolve()

    @property
    def app(self) -> Flask:
        """The Flask app SAM builds: one rule per route, each invoking the runtime."""
        return self._service._app


def flask_path(api_path: str) -> str:
    """The Flask rule SAM makes of an API Gateway path ("/{proxy+}" -> "/<path:proxy>")."""
    return PathConverter.convert_path_to_flask(api_path)
