"""This API served by the local API (sam-local-api), as scripts/serve serves it:
from the repository's root, where samconfig.toml names the template."""

import shutil
from pathlib import Path

from sam_local_api.testing import LocalApiServer

from tools.spec import ROOT


def this_api(*args: str, **kwargs) -> LocalApiServer:
    """The local API on this API, started (call wait_ready); `args` are sam-local-api's flags."""
    return LocalApiServer(*args, cwd=ROOT, **kwargs)


def project_copy(folder: Path, replacements: dict[str, str] | None = None) -> Path:
    """This API's template, document and function copied into `folder`, each of
    `replacements` (old text: new text) made in the template; the copy's template."""
    for name in ("template.yaml", "openapi.yaml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__"))
    template = folder / "template.yaml"
    text = template.read_text()
    for old, new in (replacements or {}).items():
        assert old in text, f"template.yaml has no {old!r}"
        text = text.replace(old, new)
    template.write_text(text)
    return template
