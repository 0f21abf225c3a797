#!/usr/bin/env bash
# `make fuzz`: runs every cargo-fuzz target for FUZZ_SECONDS (default 60) each, one at a time,
# prints each target's exec count (libFuzzer "Done N runs") and fails on a crash.
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh            # all targets, 5 minutes each
#   bash scripts/fuzz.sh bundle gzip                 # some targets
#   FUZZ_ARGS="-max_len=65536" bash scripts/fuzz.sh  # extra libFuzzer flags
# Needs the nightly toolchain and cargo-fuzz (installed here if missing). Corpora live in
# fuzz/corpus/TARGET (gitignored); the bundle corpus is seeded from ../shared/fixtures/bluebutton
# when that directory exists. Crashes land in fuzz/artifacts/TARGET/.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(callback token_response bundle gzip summary_stream)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "==> installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal || exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked || exit 1
fi

# Seed corpora (copied, never committed).
fixtures="../shared/fixtures/bluebutton"
mkdir -p fuzz/corpus/bundle fuzz/corpus/gzip fuzz/corpus/summary_stream
if [ -d "$fixtures" ]; then
  n=0
  while IFS= read -r -d '' f; do
    name=$(printf '%s' "${f#"$fixtures"/}" | tr '/ ' '__')
    [ -e "fuzz/corpus/bundle/$name" ] || cp "$f" "fuzz/corpus/bundle/$name"
    n=$((n + 1))
    # A few gzip seeds from the smaller fixtures.
    if [ "$(stat -c %s "$f")" -lt 65536 ] && [ $((n % 8)) -eq 0 ]; then
      [ -e "fuzz/corpus/gzip/$name.gz" ] || gzip -9nc "$f" >"fuzz/corpus/gzip/$name.gz"
    fi
    # summary_stream: the first byte picks the chunk size (here 7 + 1 bytes); small fixtures.
    if [ "$(stat -c %s "$f")" -lt 65536 ]; then
      s="fuzz/corpus/summary_stream/$name"
      [ -e "$s" ] || { printf '\007'; cat "$f"; } >"$s"
      [ $((n % 8)) -ne 0 ] || [ -e "$s.gz" ] || { printf '\077'; gzip -9nc "$f"; } >"$s.gz"
    fi
  done < <(find "$fixtures" -type f -name '*.json' -print0 | sort -z)
  echo "==> bundle corpus: $n fixtures from $fixtures, $(ls fuzz/corpus/bundle | wc -l) files in all"
else
  echo "==> notice: $fixtures is absent; the bundle corpus is not seeded from the fixtures"
fi

echo "==> building the fuzz targets (nightly, release + debug assertions)"
(cd fuzz && cargo +nightly fuzz build -O 2>&1 | tail -3)

status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/artifacts/$t.log"
  mkdir -p fuzz/artifacts
  echo "==> fuzz $t for ${seconds} s"
  start=$SECONDS
  # Bundle (and summary_stream) inputs are capped at 64 KiB (the smaller fixtures stay whole, the 1.4 MB pages
  # are cut): full-size pages run at a few hundred execs/s. FUZZ_ARGS can override it.
  extra=""
  [ "$t" = bundle ] || [ "$t" = summary_stream ] && extra="-max_len=65536"
  # shellcheck disable=SC2086
  (cd fuzz && cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 $extra ${FUZZ_ARGS:-}) >"$log" 2>&1
  rc=$?
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+')
  [ -n "$runs" ] || runs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  [ -n "$runs" ] || runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  cov=$(grep -Eo '^#[0-9]+.*DONE.*' "$log" | tail -1)
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "<== $t CRASHED after $((SECONDS - start)) s (${runs:-?} runs); log: $log"
    grep -E 'panicked|ERROR: libFuzzer|Test unit written to|SUMMARY' "$log" | head -10
    summary+=("$t: CRASH (${runs:-?} runs)")
  else
    echo "<== $t ok: ${runs:-?} runs in $((SECONDS - start)) s  [$cov]"
    summary+=("$t: ${runs:-?} runs")
  fi
done
echo "==> fuzz summary (${seconds} s per target)"
printf '  %s\n' "${summary[@]}"
exit "$status"
