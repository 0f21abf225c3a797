// Measure 5: shipped bytes, per entry and per loaded part: pkg/ (.wasm + JS glue) raw, gzip -9,
// brotli; the demo's first load (dist/, when built); fhirclient and oauth4webapi bundled by
// esbuild (minified), the same way.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (b) => zlib.brotliCompressSync(b, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
}).length;

function row(label, buffers, note = '') {
  const raw = buffers.reduce((n, b) => n + b.length, 0);
  return { label, raw, gzip: buffers.reduce((n, b) => n + gzip(b), 0),
    brotli: buffers.reduce((n, b) => n + brotli(b), 0), note };
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function bundle(root, name, source, outDir) {
  const out = path.join(outDir, `${name.replace(/\W/g, '_')}.min.js`);
  await build({ stdin: { contents: source, resolveDir: root, loader: 'js' }, bundle: true, minify: true,
    format: 'esm', platform: 'browser', target: 'es2020', outfile: out, logLevel: 'error',
    legalComments: 'none' });
  return readFileSync(out);
}

/** The package's parts as the entries load them (scripts/build-pkg.sh's layout). */
function parts(pkg) {
  const read = (f) => readFileSync(path.join(pkg, f));
  const has = (f) => existsSync(path.join(pkg, f));
  if (!has('web/bluebutton_auth_bg.wasm')) {
    // One .wasm with everything (an older package, or bench/build-variant.sh).
    return { single: { wasm: read('web/bluebutton_wasm_bg.wasm'), glue: [read('web/bluebutton_wasm.js'), read('index.js')] } };
  }
  return {
    // The sign-in glue, its JS session shell (session.js, when the package has one) and the entry.
    auth: { wasm: read('web/bluebutton_auth_bg.wasm'), glue: [read('web/bluebutton_auth.js'), ...(has('session.js') ? [read('session.js')] : []), read('auth.js')] },
    main: [read('index.js'), ...(has('client.js') ? [read('client.js')] : [])],
    data: { wasm: read('web/bluebutton_wasm_bg.wasm'), glue: [read('web/bluebutton_wasm.js'), read('claims.js')] },
  };
}

export async function measureSizes(root, pkg, outDir, variant = null) {
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  const p = parts(pkg);
  let bundled;
  if (p.single) {
    rows.push(row('bluebutton-wasm pkg/: .wasm', [p.single.wasm]));
    rows.push(row('bluebutton-wasm pkg/: JS glue (web/bluebutton_wasm.js + index.js)', p.single.glue));
    rows.push({ ...row('bluebutton-wasm pkg/: .wasm + glue', [p.single.wasm, ...p.single.glue]), ours: true, all: true, signIn: true });
    bundled = { glue: path.join(pkg, 'web/bluebutton_wasm.js'), wasm: p.single.wasm };
  } else {
    rows.push(row('sign-in part: .wasm (size-first: opt-level "z" + wasm-opt -Oz)', [p.auth.wasm]));
    rows.push({ ...row("`bluebutton-wasm/auth`: sign-in .wasm + glue (web/bluebutton_auth.js + session.js + auth.js)", [p.auth.wasm, ...p.auth.glue]),
      signIn: true, note: 'all a sign-in page loads' });
    rows.push({ ...row("`bluebutton-wasm` before the first data call (sign-in .wasm + glue + index.js + client.js)",
      [p.auth.wasm, ...p.auth.glue, ...p.main]), main: true });
    rows.push(row('data part: .wasm (speed-first: opt-level 3 + wasm-opt -O3)', [p.data.wasm]));
    rows.push(row('data part: .wasm + glue (web/bluebutton_wasm.js + claims.js)', [p.data.wasm, ...p.data.glue],
      'loaded on first data use, or by `bluebutton-wasm/claims`'));
    rows.push({ ...row('`bluebutton-wasm` with every part loaded', [p.auth.wasm, ...p.auth.glue, ...p.main, p.data.wasm, ...p.data.glue]),
      ours: true, all: true });
    bundled = { glue: path.join(pkg, 'web/bluebutton_auth.js'), shell: existsSync(path.join(pkg, 'session.js')) ? path.join(pkg, 'session.js') : null, wasm: p.auth.wasm, label: 'sign-in' };
  }
  if (variant) {
    rows.push({ ...row('experiment, not shipped: the data .wasm size-first (opt-level "z" + wasm-opt -Oz)',
      [readFileSync(path.join(variant, 'web/bluebutton_wasm_bg.wasm'))], 'bench/build-variant.sh'), variant: true });
  }
  // The sign-in .wasm's floor with every nightly size lever (bench/auth-floor.sh), when built.
  const authFloor = path.join(root, 'target/bench/auth-floor/out/bluebutton_auth_bg.wasm');
  if (p.auth && existsSync(authFloor)) {
    rows.push({ ...row('experiment, not shipped: the sign-in .wasm, nightly build-std + panic immediate-abort + no locations + no Debug',
      [readFileSync(authFloor)], 'bench/auth-floor.sh'), authFloor: true });
  }
  // Ours through the same bundler, for the like-for-like JS figure next to the peers.
  const oursJs = await bundle(root, 'bluebutton-wasm', `export * from ${JSON.stringify(bundled.glue)};${
    bundled.shell ? ` export { BlueButtonSession, completeAuthorization } from ${JSON.stringify(bundled.shell)};` : ''}`, outDir);
  rows.push(row(`bluebutton-wasm ${bundled.label ?? ''} glue${bundled.shell ? ' and session shell' : ''} bundled by esbuild (+ its .wasm)`.replace('  ', ' '), [oursJs, bundled.wasm],
    'JS minified; .wasm unchanged'));
  const peers = [
    ['fhirclient 2.6.3', `export * as FHIR from 'fhirclient';`],
    ['oauth4webapi 3.8.8', `export * from 'oauth4webapi';`],
  ];
  for (const [label, src] of peers) {
    rows.push(row(`${label} (esbuild bundle, minified)`, [await bundle(root, label, src, outDir)]));
  }
  const dist = path.join(root, 'dist');
  let distNote = null;
  if (existsSync(dist)) {
    const all = walk(dist).filter((f) => !f.endsWith('.map') && path.basename(f) !== '404.html');
    // The parse worker (worker-bin*) is fetched only when a download starts.
    const isWorker = (f) => path.basename(f).startsWith('worker-bin');
    const files = all.filter((f) => !isWorker(f));
    rows.push(row(`demo first load: dist/ (${files.length} files)`, files.map((f) => readFileSync(f)),
      'every file of dist/ except source maps, 404.html (a copy of index.html) and the parse worker'));
    const worker = all.filter(isWorker);
    if (worker.length) {
      rows.push(row(`demo parse worker: dist/worker-bin* (${worker.length} files)`, worker.map((f) => readFileSync(f)),
        'loaded when a download starts, not on first load'));
    }
  } else {
    distNote = 'dist/ is not built (make site builds it): the demo row is skipped.';
  }
  // The framework's own share of the first load, for reference (bench/leptos-floor.sh).
  const floor = path.join(root, 'target/bench/leptos-floor/out');
  if (existsSync(path.join(floor, 'leptos_floor_bg.wasm'))) {
    rows.push({ ...row('reference, not shipped: Leptos alone (bench/leptos-floor: .wasm + glue)',
      ['leptos_floor_bg.wasm', 'leptos_floor.js'].map((f) => readFileSync(path.join(floor, f))),
      'router, a resource under Suspense and ErrorBoundary, built as the app is'), floor: true });
  }
  return { rows, distNote };
}
