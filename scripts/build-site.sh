#!/usr/bin/env bash
# Builds the static demo into dist/ with Trunk (release). Usage: build-site.sh [PUBLIC_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
public_url="${1:-/}"
trunk build --release --public-url "$public_url"
# Trunk gives its preloads SRI but not the loader it copies (www/boot.js, a copy-file): add a
# sha384 integrity to that script tag too, so every script the page runs is pinned (R36).
node -e '
const fs = require("fs"), crypto = require("crypto");
const digest = crypto.createHash("sha384").update(fs.readFileSync("dist/boot.js")).digest("base64");
const html = fs.readFileSync("dist/index.html", "utf8");
const tag = "<script type=\"module\" id=\"boot\" ";
if (!html.includes(tag)) { console.error("build-site.sh: the boot script tag is missing from dist/index.html"); process.exit(1); }
fs.writeFileSync("dist/index.html", html.replace(tag, `${tag}integrity="sha384-${digest}" `));
'
# SITE=published: the site a host publishes for the CMS sandbox or production; its CSP names
# only what it talks to (no localhost), plus the token relay origins in RELAY_ORIGINS.
if [ "${SITE:-demo}" = published ]; then
  # shellcheck disable=SC2086
  node scripts/publish-csp.mjs dist ${RELAY_ORIGINS:-}
elif [ "${SITE:-demo}" != demo ]; then
  echo "build-site.sh: SITE must be demo or published, not ${SITE}" >&2
  exit 2
fi
total=0
for f in dist/*; do
  [ -f "$f" ] && total=$((total + $(gzip -9 -c "$f" | wc -c)))
done
echo "dist/: first load $total bytes gzip (all assets)"
