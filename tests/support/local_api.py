"""This API served by the local API (sam-local-api), as scripts/serve serves it:
from the repository's root, where samconfig.toml names the template."""

from sam_local_api.testing import LocalApiServer

from tools.spec import ROOT


def this_api(*args: str, **kwargs) -> LocalApiServer:
    """The local API on this API, started (call wait_ready); `args` are sam-local-api's flags."""
    return LocalApiServer(*args, cwd=ROOT, **kwargs)
