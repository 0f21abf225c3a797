#!/usr/bin/env bash
# `make demo`: the local Blue Button sandbox and the reference app, both on 127.0.0.1.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
sandbox_port="${1:-8000}"
app_port="${2:-8080}"

cargo build --release -p bluebutton-sandbox
bash scripts/build-site.sh /

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

target/release/bluebutton-sandbox --port "$sandbox_port" \
  --redirect-uri "http://127.0.0.1:${app_port}/" --redirect-uri "http://localhost:${app_port}/" &
pids+=($!)
node scripts/serve-static.mjs dist "$app_port" &
pids+=($!)
sleep 1
echo
echo "  Reference app:  http://127.0.0.1:${app_port}/"
echo "  Local sandbox:  http://127.0.0.1:${sandbox_port}/  (synthetic users BBUser00000..BBUser29999, password PW00000!..)"
echo "  Press Ctrl-C to stop both."
wait -n "${pids[@]}"
