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

# ensure_venv_at DIR REQUIREMENTS [FILE...]: create the virtual environment DIR if
# missing, and (re)install REQUIREMENTS into it when it, or a FILE it installs
# from (a local package's pyproject.toml), changed since.
ensure_venv_at() {
  local venv=$1 requirements=$2 stamp wanted
  stamp="$venv/.requirements.sha256"
  wanted=$(cat "${@:2}" | sha256sum | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ]; then
    echo "Creating ${venv#"$ROOT"/} ..." >&2
    "$(pick_python)" -m venv "$venv"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing pinned ${requirements#"$ROOT"/} into ${venv#"$ROOT"/} ..." >&2
    # From the project's root, where the requirements' local paths (./sam-local-api) start.
    (cd "$ROOT" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements")
    echo "$wanted" > "$stamp"
  fi
}

# The project's own .venv, first on PATH.
ensure_venv() {
  ensure_venv_at "$VENV" "$ROOT/requirements-dev.txt" "$ROOT/sam-local-api/pyproject.toml"
  export PATH="$VENV/bin:$PATH"
}
