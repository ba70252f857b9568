"""scripts/docs: render openapi.yaml to docs/index.html, one self-contained page (Redoc).

The page holds Redoc's standalone bundle (the npm package `redoc`, pinned in
package.json) and the spec itself, so it loads nothing from anywhere: its
Content-Security-Policy forbids every fetch but the page's own. The output
depends only on openapi.yaml and the bundle, byte for byte, so a test can
re-render it and compare (`--check`).

    python -m tools.docs            write docs/index.html
    python -m tools.docs --check    exit 1 if docs/index.html is not what openapi.yaml renders to
"""

import argparse
import html
import json
import sys
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
<meta name="generator" content="Redoc {redoc_version} (standalone), by scripts/docs from openapi.yaml">
<title>{title}</title>
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<!-- Generated from openapi.yaml by scripts/docs: do not edit. -->
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
        raise DocsError(f"{BUNDLE.relative_to(ROOT)} is missing: run scripts/docs (it runs npm ci)")
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


def is_current(page: Path = DOCS_PAGE, spec_path: Path = OPENAPI_PATH) -> bool:
    return page.exists() and page.read_text(encoding="utf-8") == render(spec_path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/docs", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/index.html is up to date")
    args = parser.parse_args(argv)
    try:
        if args.check:
            if is_current():
                print("docs/index.html is up to date with openapi.yaml")
                return 0
            print("docs/index.html is stale: run scripts/docs", file=sys.stderr)
            return 1
        page = render()
    except DocsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    DOCS_PAGE.parent.mkdir(exist_ok=True)
    DOCS_PAGE.write_text(page, encoding="utf-8")
    print(
        f"wrote {DOCS_PAGE.relative_to(ROOT)} ({len(page.encode()) // 1024} KiB), Redoc standalone;"
        " scripts/serve serves it at http://127.0.0.1:3000/index.html"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
