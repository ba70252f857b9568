# Sourced by the scripts here: find the project, and set up its Python environments
# from uv.lock (pyproject.toml's dependency groups, locked by uv).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
UV="$VENV/bin/uv"
export SAM_CLI_TELEMETRY=0

# The Lambda runtime is python3.13; pyenv machines need asking for it by name.
export PYENV_VERSION="${PYENV_VERSION:-3.13.0}"
# uv uses a Python this machine has; it never downloads one.
export UV_PYTHON_DOWNLOADS=never

# The newest Python 3.11+ here, as its real path (not a pyenv shim).
pick_python() {
  local python
  for python in python3.13 python3.12 python3.11 python3; do
    if "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      "$python" -c 'import sys; print(sys.executable)'
      return
    fi
  done
  echo "error: Python 3.11 or newer is needed" >&2
  return 1
}

# sync_env DIR GROUP: the environment DIR holds exactly what uv.lock pins for the
# dependency group GROUP, created first if missing. A no-op, in a fraction of a
# second, when it already does; an error when uv.lock is stale (run: .venv/bin/uv lock).
sync_env() {
  UV_PROJECT_ENVIRONMENT="$1" "$UV" sync --project "$ROOT" --locked --quiet --only-group "$2" --python "$(pick_python)"
}

# The project's own .venv, first on PATH. The first time, it is made with the
# standard library's venv and pip, to install uv (the version the dev group pins):
# uv then installs everything else.
ensure_venv() {
  if [ ! -x "$UV" ]; then
    local version
    version=$(sed -n 's/^ *"uv==\([0-9.]*\)".*/\1/p' "$ROOT/pyproject.toml")
    echo "Creating .venv with uv $version, then installing uv.lock's dev group into it ..." >&2
    "$(pick_python)" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$version"
  fi
  sync_env "$VENV" dev
  export PATH="$VENV/bin:$PATH"
}
