#!/usr/bin/env bash
# An experiment, never shipped: the same package built for speed (opt-level 3, wasm-opt -O3)
# into target/bench/pkg-o3, so BENCHMARKS.md can show what the size-first profile costs in
# speed, measured side by side. Own target dir, one job; incremental after the first build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
out=target/bench/pkg-o3
CARGO_TARGET_DIR=target/bench/cargo-o3 CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
  cargo build --release --target wasm32-unknown-unknown -p bluebutton-wasm --lib
rm -rf "$out" && mkdir -p "$out/web"
wasm-bindgen target/bench/cargo-o3/wasm32-unknown-unknown/release/bluebutton_wasm.wasm \
  --target web --out-dir "$out/web" --out-name bluebutton_wasm
wasm-opt -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/web/bluebutton_wasm_bg.wasm" -o "$out/web/bluebutton_wasm_bg.wasm"
cp npm/index.js "$out/"
echo "target/bench/pkg-o3: $(stat -c %s "$out/web/bluebutton_wasm_bg.wasm") bytes raw"
