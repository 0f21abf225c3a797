#!/usr/bin/env bash
# Times serving the heavy user's (BBUser00001) full EOB history at _count=50
# with curl, gzip on. Usage: sandbox/scripts/time_heavy_user.sh [path/to/bluebutton-sandbox]
# Two passes (the second hits the rendered-JSON cache). Prints wall time of each
# page loop and the summed server-side ms from the request log.
set -euo pipefail
BIN=${1:-target/release/bluebutton-sandbox}
LOG=$(mktemp); OUT=$(mktemp)
"$BIN" --port 0 >"$OUT" 2>"$LOG" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$LOG" "$OUT"' EXIT
for _ in $(seq 50); do grep -q listening "$OUT" 2>/dev/null && break; sleep 0.1; done
BASE=$(head -1 "$OUT" | sed 's/.* on //')
VER=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-abc
CH=$(printf %s "$VER" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
P="client_id=bbwasm-local-public&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&code_challenge=$CH&code_challenge_method=S256&state=timing-state-0123456789"
LOC=$(curl -s -o /dev/null -w '%{redirect_url}' -X POST "$BASE/v2/o/authorize/consent" \
  --data "$P&username=BBUser00001&password=PW00001%21&share_demographic_scopes=true&share_samhsa_data=true&allow=true")
CODE=$(printf %s "$LOC" | sed 's/.*code=\([^&]*\).*/\1/')
TOK=$(curl -s "$BASE/v2/o/token/" --data "grant_type=authorization_code&code=$CODE&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&client_id=bbwasm-local-public&code_verifier=$VER" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
: >"$LOG"
for pass in 1 2; do
  START=$(date +%s%N)
  for i in $(seq 0 50 2399); do
    curl -s --compressed -o /dev/null -H "Authorization: Bearer $TOK" \
      "$BASE/v2/fhir/ExplanationOfBenefit/?_count=50&startIndex=$i"
  done
  END=$(date +%s%N)
  echo "pass $pass: pages: $(grep -ac ExplanationOfBenefit "$LOG")  wall: $(( (END-START)/1000000 )) ms  server (sum of logged ms): $(grep -a ExplanationOfBenefit "$LOG" | awk '{s+=$(NF)} END {print s+0}') ms"
  : >"$LOG"
done
