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
# Every view has its own path (/claims, /claims/<id>, ...): a static host serves its 404 page
# for a path it has no file for, so the 404 page is the app itself (the router then shows the
# view, or its own not-found view). The same file: asset URLs are absolute (public_url).
cp dist/index.html dist/404.html
total=0
for f in dist/*; do
  [ "$f" = dist/404.html ] && continue  # a copy of index.html, never loaded with it
  [ -f "$f" ] && total=$((total + $(gzip -9 -c "$f" | wc -c)))
done
echo "dist/: first load $total bytes gzip (all assets)"
