"""The Markdown pages a reader starts from: the root's and those one folder down
(docs/, sam-local-api/, benchmarks/ ...). Their links are checked
(tests/in_process/docs) and their examples run (tests/external_tools/docs)."""

from tools.spec import ROOT

PAGES = sorted(path for path in [*ROOT.glob("*.md"), *ROOT.glob("*/*.md")] if path.parts[-2] != "node_modules")
