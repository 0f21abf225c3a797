#!/usr/bin/env bash
# An experiment, never shipped: the sign-in .wasm (feature js-auth, profile `pkg-auth`) built with
# every size lever stable Rust lacks: nightly `-Zbuild-std` (std itself at opt-level "z" + LTO),
# panics as an immediate trap (`-Cpanic=immediate-abort`), no panic locations
# (`-Zlocation-detail=none`) and `Debug` formatting compiled out (`-Zfmt-debug=none`, which would
# empty any `{:?}` in a message: not shippable). Then wasm-bindgen and `wasm-opt -Oz` as
# scripts/build-pkg.sh does, into target/bench/auth-floor/out. BENCHMARKS.md §5 shows it next to
# the shipped sign-in .wasm: how much of that part is Rust's std and formatting, and how much is
# our own sign-in code. Skips with a notice where nightly or its rust-src cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-opt.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=target/bench/auth-floor
out=$work/out
rm -rf "$out"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "bench/auth-floor.sh: no nightly toolchain here; the experiment row is skipped."
  exit 0
fi
if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  rustup component add rust-src --toolchain nightly >/dev/null 2>&1 || {
    echo "bench/auth-floor.sh: nightly's rust-src could not be installed; the experiment row is skipped."
    exit 0
  }
fi
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
  CARGO_TARGET_DIR="$work/target" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
  cargo +nightly build --profile pkg-auth --target wasm32-unknown-unknown -p bluebutton-wasm --lib \
  --no-default-features --features js-auth -Zbuild-std=std,panic_abort
mkdir -p "$out"
wasm-bindgen "$work/target/wasm32-unknown-unknown/pkg-auth/bluebutton_wasm.wasm" \
  --target web --out-dir "$out" --out-name bluebutton_auth
wasm_opt -Oz "$out/bluebutton_auth_bg.wasm"
echo "$out: $(stat -c %s "$out/bluebutton_auth_bg.wasm") bytes raw, $(gzip -9 -c "$out/bluebutton_auth_bg.wasm" | wc -c) gzip"
