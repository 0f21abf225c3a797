# Sourced by the scripts that shrink a wasm-bindgen output (scripts/build-pkg.sh, bench/*.sh):
# `wasm_opt LEVEL FILE` runs wasm-opt (npm binaryen, never Debian's) in place at LEVEL (-Oz, -O3),
# stripping debug info and producers, with the wasm features rustc 1.95 emits for wasm32.
wasm_opt() {
  wasm-opt "$1" --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$2" -o "$2"
}
