# Sourced by the scripts here: find the project, and create or update its .venv.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
export SAM_CLI_TELEMETRY=0

# The Lambda runtime is python3.13; pyenv machines need asking for it by name.
export PYENV_VERSION="${PYENV_VERSION:-3.13.0}"

pick_python() {
  local python
  for python in python3.13 python3.12 python3.11 python3; do
    if "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$python"
      return
    fi
  done
  echo "error: Python 3.11 or newer is needed" >&2
  return 1
}

# Create .venv if missing; (re)install when requirements-dev.txt changed since.
ensure_venv() {
  local stamp="$VENV/.requirements.sha256" wanted
  wanted=$(sha256sum "$ROOT/requirements-dev.txt" | cut -d' ' -f1)
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating .venv ..." >&2
    "$(pick_python)" -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing pinned dependencies into .venv ..." >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
    echo "$wanted" > "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}
