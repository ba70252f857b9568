"""Needs: .venv. The Markdown pages: every link between them, and to the repository's files, resolves."""
