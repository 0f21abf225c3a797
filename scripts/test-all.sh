#!/usr/bin/env bash
# `make test`: lint, native tests, headless-Chromium tests, the npm package round trip and
# the end-to-end tests. Exits non-zero on any failure; the last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
step() {
  local name="$1"; shift
  echo "==> $name"
  local start=$SECONDS
  if "$@" 2>&1 | tee -a "$log"; then
    echo "<== $name ok ($((SECONDS - start)) s)"
  else
    echo "<== $name FAILED ($((SECONDS - start)) s)"
    status=1
  fi
}

step "format" cargo fmt --all -- --check
# The app (www) is a wasm32 program: it is linted for wasm32 below and never built natively.
step "clippy" cargo clippy --workspace --exclude bluebutton-www --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy -p bluebutton-wasm --target wasm32-unknown-unknown --features js --lib --test browser -- -D warnings
# Each npm part alone, as scripts/build-pkg.sh builds it.
step "clippy (wasm32, each npm part)" bash -c 'for f in js-auth js-data; do cargo clippy -p bluebutton-wasm --target wasm32-unknown-unknown --no-default-features --features "$f" --lib -- -D warnings || exit 1; done'
step "clippy (app, wasm32)" cargo clippy -p bluebutton-www --target wasm32-unknown-unknown -- -D warnings
step "native tests" cargo test --workspace --exclude bluebutton-www
step "browser tests (headless Chromium)" bash scripts/test-browser.sh
step "npm package" bash -c 'WANT_TRUNK=0 bash scripts/build-pkg.sh && node --test tests/npm/'
step "demo site" bash scripts/build-site.sh /
step "fuzz (short; make fuzz for long runs)" env FUZZ_SECONDS="${TEST_FUZZ_SECONDS:-10}" bash scripts/fuzz.sh
step "tooling scripts" node --test tests/scripts/
step "sandbox binary" cargo build -p bluebutton-sandbox
step "end-to-end" node --test --test-concurrency=1 tests/e2e/

passed=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
node_pass=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
node_fail=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
passed=$((passed + node_pass))
failed=$((failed + node_fail))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # a build or lint step failed without a test count
fi
echo "$passed passed, $failed failed"
exit "$status"
