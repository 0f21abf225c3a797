// Where each .wasm's bytes go: the shipped builds (the sign-in part, profile `pkg-auth`, and the
// data part, profile `pkg`) through wasm-bindgen and wasm-opt with names kept (`-g`, otherwise as
// build-pkg.sh), then `twiggy top` grouped into a few buckets. Skipped with a notice when twiggy
// is not installed (`make bench` installs it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const BUCKETS = [
  ['serde_path_to_error wrappers (error paths in diagnostics)', (n) => n.includes('serde_path_to_error')],
  ['serde deserialize code (serde_json + derived FHIR models, lenient visitors)',
    (n) => /deserializ|Deserialize|Visitor|visit_|MapAccess|SeqAccess/.test(n)],
  ['serialize to JS (serde_wasm_bindgen, to_js)', (n) => /serializ|Serialize|serde_wasm_bindgen/.test(n)],
  ['wasm-bindgen / js-sys / web-sys / async closures', (n) => /wasm_bindgen|js_sys|web_sys|^__wbg|closure|future/.test(n)],
  ['formatting (fmt, Display, Debug, float printing)', (n) => /fmt|Display|Debug|flt2dec|dragon|grisu/.test(n)],
  ['url + idna', (n) => /\burl::|idna/.test(n)],
  ['miniz_oxide (inflate)', (n) => n.includes('miniz_oxide')],
  ['data segments (strings, tables)', (n) => n.startsWith('data segment')],
  ['our pure core (bluebutton_core: OAuth, HTTP decisions, FHIR rules, summary, export)', (n) => n.includes('bluebutton_core')],
  ['our browser shell and JS exports (bluebutton_wasm::browser/js, exported fns)', (n) => n.includes('bluebutton_wasm') || /^[a-z][A-Za-z]+$/.test(n)],
  ['Rust std (core, alloc, dlmalloc, hashbrown)', (n) => /^[<&(\s]*(core|alloc|std|dlmalloc|hashbrown)\b/.test(n)],
  ['other crates and unnamed', () => true],
];

/** `twiggy top` of one shipped part. `profile`: the Cargo profile it is built with; `opt`: its wasm-opt level. */
export function sizeProfile(root, outDir, { profile = 'pkg', opt = '-O3' } = {}) {
  const bin = (name) => path.join(root, 'node_modules/.bin', name);
  try {
    execFileSync('twiggy', ['--version'], { stdio: 'ignore' });
  } catch {
    return { notice: 'twiggy is not installed: no size breakdown.' };
  }
  const src = path.join(root, `target/wasm32-unknown-unknown/${profile}/bluebutton_wasm.wasm`);
  if (!existsSync(src)) return { notice: `${path.relative(root, src)} is not built: no size breakdown.` };
  mkdirSync(outDir, { recursive: true });
  execFileSync('wasm-bindgen', [src, '--target', 'web', '--out-dir', outDir, '--out-name', 'named']);
  const named = path.join(outDir, 'named.opt.wasm');
  execFileSync(bin('wasm-opt'), [opt, '-g', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    path.join(outDir, 'named_bg.wasm'), '-o', named]);
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', named], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const sums = new Map(BUCKETS.map(([b]) => [b, 0]));
  let total = 0;
  const items = [];
  for (const line of csv.split('\n').slice(1)) {
    const m = line.match(/^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/);
    if (!m) continue;
    const name = (m[1] ?? m[2]).replace(/""/g, '"');
    if (name.includes('function names') || name.startsWith('custom section')) continue;
    const bytes = Number(m[3]);
    total += bytes;
    items.push([name, bytes]);
    const [bucket] = BUCKETS.find(([, test]) => test(name));
    sums.set(bucket, sums.get(bucket) + bytes);
  }
  const top = items.sort((a, b) => b[1] - a[1]).slice(0, 10);
  return { profile, opt, total, top, buckets: [...sums].filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1]) };
}
