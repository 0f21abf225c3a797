#!/usr/bin/env bash
# Builds the static demo into dist/ with Trunk (release). Usage: build-site.sh [PUBLIC_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
public_url="${1:-/}"
trunk build --release --public-url "$public_url"
total=0
for f in dist/*; do
  [ -f "$f" ] && total=$((total + $(gzip -9 -c "$f" | wc -c)))
done
echo "dist/: first load $total bytes gzip (all assets)"
