# Sourced after lib.sh by the scripts that need the project's Node tools
# (package.json: Spectral, Redoc) or a headless Chromium (the docs browser test).

# npm ci when node_modules is missing or was installed from another package-lock.json.
ensure_node() {
  local stamp="$ROOT/node_modules/.package-lock.sha256" wanted
  if ! command -v npm >/dev/null; then
    echo "error: Node.js 20 or newer with npm is needed (https://nodejs.org)" >&2
    return 1
  fi
  wanted=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing pinned Node tools into node_modules ..." >&2
    # No install scripts: none of these tools needs one (one only reports analytics).
    (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$wanted" > "$stamp"
  fi
  export PATH="$ROOT/node_modules/.bin:$PATH"
}

# A headless browser for the docs test: CHROMIUM and CHROMEDRIVER when both name
# executables (e.g. a CI image's Chrome), else Debian's chromium and
# chromium-driver, installed when missing where that needs no sudo (as root, as CI
# runs).
ensure_chromium() {
  if [ -x "${CHROMIUM:-}" ] && [ -x "${CHROMEDRIVER:-}" ]; then
    export CHROMIUM CHROMEDRIVER
    return
  fi
  export CHROMIUM=/usr/bin/chromium CHROMEDRIVER=/usr/bin/chromedriver
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    return
  fi
  # apt-get would need sudo: the browser test says how to install them instead.
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    return
  fi
  echo "Installing Chromium and ChromeDriver (Debian packages chromium, chromium-driver) ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}
