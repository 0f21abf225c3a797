#!/usr/bin/env bash
# wasm-bindgen-test in headless Chromium (through /usr/bin/chromedriver), with a token
# server on 127.0.0.1 for the fetch tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
log=$(mktemp)
node tests/support/token-server.mjs 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
export BB_TEST_SERVER=$(sed -n 's/^listening on //p' "$log")
[ -n "$BB_TEST_SERVER" ] || { echo "token server did not start: $(cat "$log")" >&2; exit 1; }

# The local sandbox for the FHIR client tests.
cargo build -q -p bluebutton-sandbox
slog=$(mktemp)
target/debug/bluebutton-sandbox --port 0 --quiet >"$slog" 2>&1 &
sandbox=$!
trap 'kill $server $sandbox 2>/dev/null || true; rm -f "$log" "$slog"' EXIT
for _ in $(seq 100); do grep -q listening "$slog" && break; sleep 0.1; done
export BB_SANDBOX=$(sed -n 's/^bluebutton-sandbox listening on //p' "$slog")
[ -n "$BB_SANDBOX" ] || { echo "sandbox did not start: $(cat "$slog")" >&2; exit 1; }

# A second sandbox for the chaos tests: random 502/503 on a fifth of FHIR responses and 429
# over 40 requests/s (tests/browser/chaos.rs, URL in BB_CHAOS_SANDBOX).
clog=$(mktemp)
target/debug/bluebutton-sandbox --port 0 --quiet --fail-rate 0.2 --rate-limit 40/s --seed 3 >"$clog" 2>&1 &
chaos=$!
trap 'kill $server $sandbox $chaos 2>/dev/null || true; rm -f "$log" "$slog" "$clog"' EXIT
for _ in $(seq 100); do grep -q listening "$clog" && break; sleep 0.1; done
export BB_CHAOS_SANDBOX=$(sed -n 's/^bluebutton-sandbox listening on //p' "$clog")
[ -n "$BB_CHAOS_SANDBOX" ] || { echo "chaos sandbox did not start: $(cat "$clog")" >&2; exit 1; }

# Arguments pick test files and filters, e.g. `bash scripts/test-browser.sh --test browser revoked`.
if [ $# -gt 0 ]; then
  cargo test --target wasm32-unknown-unknown -p bluebutton-wasm "$@"
else
  cargo test --target wasm32-unknown-unknown -p bluebutton-wasm --test browser
fi
