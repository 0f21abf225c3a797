#!/usr/bin/env bash
# Builds the static demo into dist/ with Trunk (release). Usage: build-site.sh [PUBLIC_URL]
# (DIST_DIR=other/dir writes elsewhere: tests build a sub-path copy without touching dist/.)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
public_url="${1:-/}"
out="${DIST_DIR:-dist}"
# Leptos's `erase_components` type-erases the views (one AnyView code path instead of one per
# view type): about 7% less app .wasm, same behaviour (BENCHMARKS.md; the e2e tests run this build).
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
trunk build --release --public-url "$public_url" --dist "$out"
# The app's JS glue, minified (esbuild; exports keep their names: 2.4 KB gzip less on the first
# load), and the integrity of its modulepreload recomputed to match.
glue=$(ls "$out"/bluebutton-www-*.js)
sri() { node -e 'process.stdout.write(require("crypto").createHash("sha384").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$1"; }
before=$(sri "$glue")
esbuild "$glue" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$glue"
after=$(sri "$glue")
grep -qF "sha384-$before" "$out/index.html" || { echo "build-site.sh: the app glue's integrity is missing from $out/index.html" >&2; exit 1; }
sed -i "s|sha384-$before|sha384-$after|" "$out/index.html"
# Trunk gives its preloads SRI but not the loader it copies (www/boot.js, a copy-file): add a
# sha384 integrity to that script tag too, so every script the page runs is pinned (R36).
node -e '
const fs = require("fs"), crypto = require("crypto"), out = process.argv[1];
const digest = crypto.createHash("sha384").update(fs.readFileSync(`${out}/boot.js`)).digest("base64");
const html = fs.readFileSync(`${out}/index.html`, "utf8");
const tag = "<script type=\"module\" id=\"boot\" ";
if (!html.includes(tag)) { console.error(`build-site.sh: the boot script tag is missing from ${out}/index.html`); process.exit(1); }
fs.writeFileSync(`${out}/index.html`, html.replace(tag, `${tag}integrity="sha384-${digest}" `));
' "$out"
# The parse worker in one file fetched by the page (whose policy is no-referrer): Trunk's
# loader shim would importScripts("./worker-bin.js") and fetch the wasm from inside the worker,
# whose own referrer policy (none from a static host) sends the worker's address as Referer
# (R18). So the loader becomes the glue plus its init, and the wasm is asked for without one.
node -e '
const fs = require("fs"), out = process.argv[1];
const glue = `${out}/worker-bin.js`, loader = `${out}/worker-bin_loader.js`;
if (!fs.existsSync(glue) || !fs.existsSync(loader)) { console.error(`build-site.sh: the parse worker (worker-bin.js, worker-bin_loader.js) is missing from ${out}`); process.exit(1); }
const init = "\n;wasm_bindgen({ module_or_path: new Request(\"./worker-bin_bg.wasm\", { referrerPolicy: \"no-referrer\" }) });\n";
fs.writeFileSync(loader, fs.readFileSync(glue, "utf8") + init);
fs.rmSync(glue);
' "$out"
# The worker's loader minified too (a classic script: its top-level `wasm_bindgen` keeps its name).
esbuild "$out/worker-bin_loader.js" --minify --log-level=warning --allow-overwrite --outfile="$out/worker-bin_loader.js"
# Every view has its own path (/claims, /claims/<id>, ...): a static host serves its 404 page
# for a path it has no file for, so the 404 page is the app itself (the router then shows the
# view, or its own not-found view). The same file: asset URLs are absolute (public_url).
cp "$out/index.html" "$out/404.html"
# SITE=published: the site a host publishes for the CMS sandbox or production; its CSP names
# only what it talks to (no localhost), plus the token relay origins in RELAY_ORIGINS.
if [ "${SITE:-demo}" = published ]; then
  # shellcheck disable=SC2086
  node scripts/publish-csp.mjs "$out" ${RELAY_ORIGINS:-}
  cp "$out/index.html" "$out/404.html"
elif [ "${SITE:-demo}" != demo ]; then
  echo "build-site.sh: SITE must be demo or published, not ${SITE}" >&2
  exit 2
fi
total=0
worker=0
for f in "$out"/*; do
  [ "$f" = "$out/404.html" ] && continue  # a copy of index.html, never loaded with it
  [ -f "$f" ] || continue
  size=$(gzip -9 -c "$f" | wc -c)
  # The parse worker (worker-bin*) loads only when a download starts, not on first load.
  case "$(basename "$f")" in
    worker-bin*) worker=$((worker + size)) ;;
    *) total=$((total + size)) ;;
  esac
done
echo "$out/: first load $total bytes gzip (all assets but the parse worker); parse worker $worker bytes gzip (loaded when a download starts)"
