#!/usr/bin/env bash
# Builds the npm package into pkg/: one optimised .wasm + wasm-bindgen's web glue, an
# auto-initialising browser/bundler entry (index.js), a Node 20 entry (node.js) and types.
# Built for speed: the `pkg` profile (opt-level 3, see Cargo.toml) and `wasm-opt -O3`. The
# reference app stays size-first (`release`, opt-level "z"); bench/build-variant.sh builds the
# package that way too, so BENCHMARKS.md shows what each choice costs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

cargo build --profile pkg --target wasm32-unknown-unknown -p bluebutton-wasm --lib --features js
rm -rf pkg && mkdir -p pkg/web
wasm-bindgen target/wasm32-unknown-unknown/pkg/bluebutton_wasm.wasm \
  --target web --out-dir pkg/web --out-name bluebutton_wasm
wasm-opt -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/web/bluebutton_wasm_bg.wasm -o pkg/web/bluebutton_wasm_bg.wasm
# wasm-bindgen's classes declare `[Symbol.dispose]()` (for `using`): pull in that lib so the
# types check in projects whose `lib` stops before esnext (TypeScript >= 5.2).
sed -i '1i /// <reference lib="esnext.disposable" />' pkg/web/bluebutton_wasm.d.ts
node scripts/write-entries.mjs pkg bluebutton_wasm
cp npm/README.md pkg/
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
sed "s/__VERSION__/$version/" npm/package.json > pkg/package.json
raw=$(stat -c %s pkg/web/bluebutton_wasm_bg.wasm)
gz=$(gzip -9 -c pkg/web/bluebutton_wasm_bg.wasm | wc -c)
glue=$(cat pkg/web/bluebutton_wasm.js pkg/index.js | gzip -9 | wc -c)
echo "pkg/: bluebutton_wasm_bg.wasm $raw bytes raw, $gz bytes gzip; JS glue $glue bytes gzip"
