#!/usr/bin/env bash
# Builds the npm package into pkg/ from two .wasm of this crate, each with wasm-bindgen's web glue:
# - the sign-in part (feature `js-auth`: PKCE, authorize URL, callback, pending sign-in, tokens,
#   session; synchronous only: its async shell, the requests sent and the refresh under way, is
#   npm/session.js), built for size: profile `pkg-auth` (opt-level "z", LTO) and `wasm-opt -Oz`;
# - the data part (feature `js-data`: FHIR client, typed bundles, summaries, exports, inflate),
#   built for speed: profile `pkg` (opt-level 3, see Cargo.toml) and `wasm-opt -O3`. It keeps
#   the old file name (web/bluebutton_wasm*), which the bench reads.
# scripts/write-entries.mjs then writes the entries: `bluebutton-wasm` (sign-in, and a client
# that loads the data part on first use), `bluebutton-wasm/auth` and `bluebutton-wasm/claims`,
# each for browsers/bundlers and Node 20, with types. Prints each part's raw and gzip sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

source scripts/wasm-opt.sh

# part PROFILE FEATURE GLUE_NAME WASM_OPT_LEVEL
part() {
  cargo build --profile "$1" --target wasm32-unknown-unknown -p bluebutton-wasm --lib --no-default-features --features "$2"
  wasm-bindgen "target/wasm32-unknown-unknown/$1/bluebutton_wasm.wasm" \
    --target web --out-dir pkg/web --out-name "$3"
  wasm_opt "$4" "pkg/web/$3_bg.wasm"
  # The glue's doc comments repeat the .d.ts (which keeps them for editors): ship it minified
  # (esbuild; exports keep their names), with wasm-bindgen's first-line types pointer back.
  esbuild "pkg/web/$3.js" --minify --format=esm --log-level=warning --allow-overwrite \
    --outfile="pkg/web/$3.js"
  sed -i "1i /* @ts-self-types=\"./$3.d.ts\" */" "pkg/web/$3.js"
  # wasm-bindgen's classes declare `[Symbol.dispose]()` (for `using`): pull in that lib so the
  # types check in projects whose `lib` stops before esnext (TypeScript >= 5.2).
  sed -i '1i /// <reference lib="esnext.disposable" />' "pkg/web/$3.d.ts"
}

rm -rf pkg && mkdir -p pkg/web
part pkg-auth js-auth bluebutton_auth -Oz
part pkg js-data bluebutton_wasm -O3
node scripts/write-entries.mjs pkg bluebutton_auth bluebutton_wasm
# The sign-in part's async shell (from npm/session.js; its .d.ts keeps the docs), minified.
esbuild pkg/session.js --minify --format=esm --log-level=warning --allow-overwrite --outfile=pkg/session.js
cp npm/README.md pkg/
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
sed "s/__VERSION__/$version/" npm/package.json > pkg/package.json

gz() { cat "$@" | gzip -9 | wc -c; }
size() { stat -c %s "$1"; }
auth_wasm=pkg/web/bluebutton_auth_bg.wasm
data_wasm=pkg/web/bluebutton_wasm_bg.wasm
auth_glue=(pkg/web/bluebutton_auth.js pkg/session.js pkg/auth.js)
main_glue=(pkg/web/bluebutton_auth.js pkg/session.js pkg/auth.js pkg/index.js pkg/client.js)
data_glue=(pkg/web/bluebutton_wasm.js pkg/claims.js)
a=$(gz $auth_wasm) ag=$(gz "${auth_glue[@]}") mg=$(gz "${main_glue[@]}")
d=$(gz $data_wasm) dg=$(gz "${data_glue[@]}")
echo "pkg/ sizes (bytes; gzip -9):"
echo "  auth  .wasm $(size $auth_wasm) raw, $a gzip; glue (web/bluebutton_auth.js + session.js + auth.js) $ag gzip; total $((a + ag)) gzip"
echo "  data  .wasm $(size $data_wasm) raw, $d gzip; glue (web/bluebutton_wasm.js + claims.js) $dg gzip; total $((d + dg)) gzip"
echo "  'bluebutton-wasm' before any data call: $((a + mg)) gzip (auth .wasm + its glue + index.js + client.js); after: $((a + mg + d + dg)) gzip"
