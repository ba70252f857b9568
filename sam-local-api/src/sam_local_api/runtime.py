"""Runs a template's function in this process, where SAM would start a container.

SAM resolves the function, its code path and its environment from the template
(and --env-vars); the integration step calls `invoke` here with that and the
proxy event. The handler runs on a worker thread, so that its Timeout (and the
integration's) can be held: past it, the caller gets Lambda's timeout, as
API Gateway would (the thread itself cannot be stopped, and finishes in the
background). Written by hand: SAM only ships Docker-based runtimes.
"""

import concurrent.futures
import importlib
import json
import os
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sam_local_api.sam import FunctionConfig

# Requests served at once, each holding a worker while its function runs.
WORKERS = 64


class FunctionError(Exception):
    """The function raised: Lambda logs the error and answers an error document."""


class FunctionTimeout(FunctionError):
    """The function ran past its Timeout: Lambda stops it ("Task timed out after N seconds")."""


class IntegrationTimeout(Exception):
    """The function ran past the integration's timeout: API Gateway stops waiting."""


class LambdaContext:
    """The context object Lambda passes to a handler, with the fields handlers read
    (https://docs.aws.amazon.com/lambda/latest/dg/python-context.html)."""

    def __init__(self, function_config: FunctionConfig, tenant_id: str | None = None, region: str = "us-east-1"):
        self.function_name = function_config.name
        # A tenant-isolated function's tenant (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html).
        self.tenant_id = tenant_id
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = function_config.memory
        self.aws_request_id = str(uuid.uuid4())
        self.invoked_function_arn = f"arn:aws:lambda:{region}:123456789012:function:{function_config.name}"
        self.log_group_name = f"/aws/lambda/{function_config.name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + (function_config.timeout or 3)

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class Runtime(Protocol):
    """What the integration step asks of whatever runs the functions (InProcessRuntime, the
    mock, or a program's own): the function's answer to the event, as Lambda's JSON."""

    def invoke(
        self, function_config: FunctionConfig, event: dict, integration_timeout: float = 29.0, tenant_id=None
    ) -> str: ...


class InProcessRuntime:
    """Imports each function's handler once and calls it for every request.

    The function is imported anew (a cold start) when any file under its code
    directory changes, or for every request with `fresh_each_request`, as
    `sam local start-api` does with its one container per request. `paths`
    gives the folders a function imports from besides its own code (its
    installed requirements, its layers).
    """

    def __init__(
        self,
        fresh_each_request: bool = False,
        handlers: dict[str, Callable] | None = None,
        paths: Callable[[FunctionConfig], list[str]] = lambda _config: [],
    ):
        self.fresh_each_request = fresh_each_request
        # Handlers given by the program that embeds the local API, by the
        # template's function name, called as they are instead of importing the
        # function's Handler (e.g. one over a stand-in store, for a benchmark).
        self._given = handlers or {}
        self._paths = paths
        self._handlers: dict[tuple[str, str | None], tuple[object, CodeStamp]] = {}
        self._lock = threading.Lock()
        self._workers = concurrent.futures.ThreadPoolExecutor(WORKERS, thread_name_prefix="function")

    def invoke(
        self,
        function_config: FunctionConfig,
        event: dict,
        integration_timeout: float = 29.0,
        tenant_id: str | None = None,
    ) -> str:
        """The function's answer to the event, as the JSON Lambda would return it.
        FunctionError if it raised, FunctionTimeout past its Timeout, IntegrationTimeout
        past the integration's. A tenant's requests get an environment of their own, as
        tenant isolation gives them: the function imported once for each tenant."""
        timeout = function_config.timeout or 3
        sent = time.monotonic()
        started = threading.Event()
        running = self._workers.submit(self._run, function_config, event, tenant_id, started)
        # The gateway's clock runs from the request; the function's from its start, as on
        # Lambda, where a burst finds instances of its own instead of waiting for a worker.
        if not started.wait(integration_timeout):
            running.cancel()
            raise IntegrationTimeout(f"{function_config.name} did not start within {integration_timeout:g} s")
        left = integration_timeout - (time.monotonic() - sent)
        try:
            return running.result(timeout=min(timeout, left))
        except concurrent.futures.TimeoutError:
            if left < timeout:
                raise IntegrationTimeout(f"{function_config.name} ran past {integration_timeout:g} s") from None
            # As Lambda reports it: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
            message = f"Task timed out after {timeout:.2f} seconds"
            print(f"{function_config.name}: {message}", file=sys.stderr, flush=True)
            raise FunctionTimeout(message) from None

    def _run(self, function_config: FunctionConfig, event: dict, tenant_id: str | None, started) -> str:
        started.set()
        try:
            handler = self._handler(function_config, tenant_id)
            return json.dumps(handler(event, LambdaContext(function_config, tenant_id)))
        except Exception as error:
            # What Lambda does with an unhandled exception: log it (in the function's log).
            traceback.print_exc()
            raise FunctionError(f"{type(error).__name__}: {error}") from error

    def _handler(self, config, tenant_id: str | None = None):
        if config.name in self._given:
            return self._given[config.name]
        key = (config.name, tenant_id)
        loaded = self._handlers.get(key)
        if loaded and not self.fresh_each_request and not loaded[1].changed():
            return loaded[0]
        with self._lock:
            loaded = self._handlers.get(key)
            if loaded and not self.fresh_each_request and not loaded[1].changed():
                return loaded[0]
            code_dir = Path(config.code_abs_path)
            stamp = CodeStamp(code_dir)
            handler = _import_handler(config, code_dir, self._paths(config))
            self._handlers[key] = (handler, stamp)
            return handler


class CodeStamp:
    """When a function's code last changed: its .py files' and folders' times.

    A folder's time changes when a file in it is added, removed or replaced, so
    checking the known paths (a few stats) catches every change without walking
    the tree on each request.
    """

    def __init__(self, code_dir: Path):
        paths = [code_dir, *code_dir.rglob("*.py"), *(p for p in code_dir.rglob("*") if p.is_dir())]
        # Plain strings and os.stat: Path.stat costs several times more, on every request.
        self._times = [(str(path), _mtime(str(path))) for path in paths]

    def changed(self) -> bool:
        return any(_mtime(path) != time for path, time in self._times)


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def _import_handler(config, code_dir: Path, extra_paths: list[str]):
    """A cold start: the function's environment set, its modules imported afresh."""
    os.environ.update(config.env_vars.resolve())
    module_name, _, function_name = config.handler.rpartition(".")
    top_level = module_name.partition(".")[0]
    # Functions share this process, and often a module name (each its own app.py):
    # the function's own code must be found first, and nobody else's module reused.
    for name, module in list(sys.modules.items()):
        ours = (getattr(module, "__file__", None) or "").startswith(str(code_dir))
        if ours or name == top_level or name.startswith(top_level + "."):
            del sys.modules[name]
    for path in [str(code_dir), *extra_paths][::-1]:
        if path in sys.path:
            sys.path.remove(path)
        sys.path.insert(0, path)
    importlib.invalidate_caches()
    return getattr(importlib.import_module(module_name.replace("/", ".")), function_name)
