#!/usr/bin/env bash
# `make audit`: dependency checks.
#  1. cargo-deny (installed here if missing): licenses, bans and sources, from deny.toml.
#     These read only Cargo.lock and the crate metadata, so they work offline.
#  2. Yanked versions: every crates.io package of Cargo.lock and fuzz/Cargo.lock against the
#     crates.io sparse index (scripts/check-yanked.mjs; needs only crates.io, reachable here).
#  3. Security advisories (RustSec): `cargo deny check advisories`, and `cargo audit` when it
#     is installed. Both fetch the advisory database from GitHub; where GitHub is not
#     reachable (this workplace) the step is reported as skipped, not passed.
# Exits non-zero when a check that ran fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
status=0

if ! cargo deny --version >/dev/null 2>&1; then
  echo "==> installing cargo-deny (crates.io)"
  cargo install cargo-deny --locked || { echo "cargo-deny could not be installed" >&2; exit 1; }
fi

echo "==> cargo deny check licenses bans sources"
if cargo deny --log-level warn check licenses bans sources; then
  echo "<== licenses, bans, sources ok"
else
  echo "<== licenses, bans or sources FAILED"
  status=1
fi

echo "==> yanked crate versions (crates.io index)"
node scripts/check-yanked.mjs Cargo.lock fuzz/Cargo.lock
case $? in
  0) echo "<== no yanked versions" ;;
  1) echo "<== yanked versions FOUND (see above)"; status=1 ;;
  *) echo "<== NOT CHECKED: the crates.io index did not answer"; status=1 ;;
esac

if timeout 10 git ls-remote https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
  echo "==> cargo deny check advisories"
  cargo deny --log-level warn check advisories || status=1
  if cargo audit --version >/dev/null 2>&1; then
    echo "==> cargo audit"
    cargo audit || status=1
  else
    echo "    (cargo audit not installed: 'cargo install cargo-audit --locked' to add it)"
  fi
else
  echo "==> SKIPPED: security advisories. The RustSec database (github.com/rustsec/advisory-db)"
  echo "    is not reachable from here; run 'cargo deny check advisories' or 'cargo audit' where it is."
fi
exit "$status"
