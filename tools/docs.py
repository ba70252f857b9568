"""docs/index.html, openapi.yaml rendered as one self-contained page (Redoc); scripts/generate runs it.

The page holds Redoc's standalone bundle (the npm package `redoc`, pinned in
package.json) and the spec itself, so it loads nothing from anywhere: its
Content-Security-Policy forbids every fetch but the page's own. The output
depends only on openapi.yaml and the bundle, byte for byte, so a test can
re-render it and compare (scripts/generate --check).
"""

import html
import json
from pathlib import Path

from tools.spec import OPENAPI_PATH, ROOT, openapi

DOCS_PAGE = ROOT / "docs" / "index.html"
REDOC = ROOT / "node_modules" / "redoc"
BUNDLE = REDOC / "bundles" / "redoc.standalone.js"

# https://redocly.com/docs/redoc/config: Redoc's own options.
REDOC_OPTIONS = {
    "expandResponses": "200,201",
    "requiredPropsFirst": True,
    "hideDownloadButton": False,
    "theme": {
        # System fonts: Redoc's defaults (Roboto, Montserrat) would need Google Fonts.
        "typography": {
            "fontFamily": "system-ui, -apple-system, 'Segoe UI', sans-serif",
            "headings": {"fontFamily": "system-ui, -apple-system, 'Segoe UI', sans-serif"},
            "code": {"fontFamily": "ui-monospace, 'DejaVu Sans Mono', monospace"},
        }
    },
}

# Everything the page needs is inline (scripts, styles, the spec) or made by
# Redoc at run time (blob: search worker, data: images): nothing else loads.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'self' blob: data:; "
    "base-uri 'none'; form-action 'none'"
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="Redoc {redoc_version} (standalone), by scripts/generate from openapi.yaml">
<title>{title}</title>
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<!-- Generated from openapi.yaml by scripts/generate: do not edit. -->
<div id="redoc"></div>
<script>{bundle}</script>
<script>
Redoc.init({spec}, {options}, document.getElementById("redoc"));
</script>
</body>
</html>
"""


class DocsError(Exception):
    pass


def script_safe_json(value) -> str:
    """JSON that can sit inside <script> (no `</`, `<!--`) and in any encoding (ASCII)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(spec_path: Path = OPENAPI_PATH) -> str:
    if not BUNDLE.exists():
        raise DocsError(f"{BUNDLE.relative_to(ROOT)} is missing: run scripts/generate (it runs npm ci)")
    bundle = BUNDLE.read_text(encoding="utf-8")
    if "</script" in bundle.lower():
        raise DocsError(f"{BUNDLE.name} contains '</script' and cannot be inlined as it is")
    redoc_version = json.loads((REDOC / "package.json").read_text())["version"]
    spec = openapi(spec_path)
    info = spec.get("info", {})
    return PAGE.format(
        csp=CSP,
        redoc_version=html.escape(redoc_version),
        title=html.escape(f"{info.get('title', 'API')} {info.get('version', '')}: API reference"),
        bundle=bundle.rstrip("\n"),
        spec=script_safe_json(spec),
        options=script_safe_json(REDOC_OPTIONS),
    )
