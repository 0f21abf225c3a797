#!/usr/bin/env bash
# Idempotent set-up: installs only what is missing, from crates.io, npm, Debian and rustup.
# Nothing here downloads a tool's own binaries (no GitHub access on these machines).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }
want_trunk="${WANT_TRUNK:-1}"

# The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$wb_version" ] || { echo "could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$" \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli $wb_version (2-4 minutes)"
  # Not --locked: its lock pins a webpki-roots version the registry no longer serves.
  # No default features: they only add a TLS stack (rustls + ring) for downloading WebDriver
  # binaries, which never happens here (CHROMEDRIVER names Debian's chromedriver).
  cargo install wasm-bindgen-cli --version "$wb_version" --force --no-default-features
fi

if [ "$want_trunk" = 1 ] && ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  log "installing trunk 0.21.14 (several minutes)"
  # Trunk's own release profile is fat LTO with one codegen unit: on 2 cores that is most of
  # its build time, for a tool that only runs wasm-bindgen and wasm-opt and copies files.
  # Thin-local LTO, 16 codegen units and opt-level 1 build it several times faster.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install trunk --version 0.21.14 --locked
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing Debian's chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y chromium chromium-driver >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y chromium chromium-driver >/dev/null; }
fi

# npm dev tools: playwright-core (never a browser download), binaryen 132 (wasm-opt), vite,
# axe-core (the app's accessibility test).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -f node_modules/axe-core/axe.min.js ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q 'version 132'; then
  log "installing npm dev tools"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
fi
log "tools ready: $(wasm-bindgen --version), $(trunk --version 2>/dev/null || echo 'trunk skipped'), $(node_modules/.bin/wasm-opt --version)"
