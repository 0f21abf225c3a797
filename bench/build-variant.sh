#!/usr/bin/env bash
# An experiment, never shipped: the same package built size-first (the `release` profile,
# opt-level "z", and wasm-opt -Oz) into target/bench/pkg-variant, so BENCHMARKS.md can show,
# measured side by side, what the shipped speed-first build (opt-level 3 + wasm-opt -O3, see
# scripts/build-pkg.sh) costs in bytes and buys in speed. Normal target dir, where the
# reference app's release build (Trunk) leaves most of these dependencies. One job by default.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-opt.sh
export PATH="$PWD/node_modules/.bin:$PATH"
out=target/bench/pkg-variant
CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
  cargo build --release --target wasm32-unknown-unknown -p bluebutton-wasm --lib --features js
rm -rf "$out" && mkdir -p "$out/web"
wasm-bindgen target/wasm32-unknown-unknown/release/bluebutton_wasm.wasm \
  --target web --out-dir "$out/web" --out-name bluebutton_wasm
wasm_opt -Oz "$out/web/bluebutton_wasm_bg.wasm"
node scripts/write-entries.mjs "$out" bluebutton_wasm >/dev/null
echo "$out: $(stat -c %s "$out/web/bluebutton_wasm_bg.wasm") bytes raw"
