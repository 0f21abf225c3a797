#!/usr/bin/env bash
# A reference point, never shipped: bench/leptos-floor (a bare app with what www/ uses of
# Leptos) built as Trunk builds the reference app (profile `release`, `--cfg erase_components`,
# wasm-bindgen, wasm-opt -Oz) into target/bench/leptos-floor/out, so BENCHMARKS.md §5 can show the
# framework's own share of the first load. Versions from the root Cargo.lock; one job by default.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-opt.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=target/bench/leptos-floor
out=$work/out
mkdir -p "$work"
cp Cargo.lock bench/leptos-floor/Cargo.lock
trap 'rm -f bench/leptos-floor/Cargo.lock' EXIT
RUSTFLAGS="--cfg erase_components" CARGO_TARGET_DIR="$work/target" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
  cargo build --release --target wasm32-unknown-unknown --manifest-path bench/leptos-floor/Cargo.toml
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen "$work/target/wasm32-unknown-unknown/release/leptos-floor.wasm" \
  --target web --out-dir "$out" --out-name leptos_floor
wasm_opt -Oz "$out/leptos_floor_bg.wasm"
rm -f "$out"/*.d.ts
echo "$out: $(gzip -9 -c "$out/leptos_floor_bg.wasm" | wc -c) + $(gzip -9 -c "$out/leptos_floor.js" | wc -c) bytes gzip (.wasm + JS glue)"
