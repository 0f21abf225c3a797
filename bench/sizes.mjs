// Measure 5: shipped bytes. pkg/ (.wasm + JS glue) raw, gzip -9, brotli; the demo's first
// load (dist/, when built); fhirclient and oauth4webapi bundled by esbuild (minified), the same way.
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

export async function measureSizes(root, pkg, outDir, variant = null) {
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  const wasm = readFileSync(path.join(pkg, 'web/bluebutton_wasm_bg.wasm'));
  const glue = Buffer.concat([readFileSync(path.join(pkg, 'web/bluebutton_wasm.js')),
    readFileSync(path.join(pkg, 'index.js'))]);
  rows.push(row('bluebutton-wasm pkg/: .wasm', [wasm]));
  rows.push(row('bluebutton-wasm pkg/: JS glue (web/bluebutton_wasm.js + index.js)', [glue]));
  rows.push({ ...row('bluebutton-wasm pkg/: .wasm + glue', [wasm, glue]), ours: true });
  if (variant) {
    rows.push({ ...row('experiment, not shipped: size-first opt-level "z" + wasm-opt -Oz .wasm',
      [readFileSync(path.join(variant, 'web/bluebutton_wasm_bg.wasm'))], 'bench/build-variant.sh'), variant: true });
  }
  // Ours through the same bundler, for the like-for-like JS figure next to the peers.
  const oursJs = await bundle(root, 'bluebutton-wasm', `export * from ${JSON.stringify(path.join(pkg, 'web/bluebutton_wasm.js'))};`, outDir);
  rows.push(row('bluebutton-wasm glue bundled by esbuild (+ the .wasm above)', [oursJs, wasm],
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
    const files = walk(dist).filter((f) => !f.endsWith('.map'));
    rows.push(row(`demo first load: dist/ (${files.length} files)`, files.map((f) => readFileSync(f)),
      'every file of dist/ except source maps'));
  } else {
    distNote = 'dist/ is not built (make site builds it): the demo row is skipped.';
  }
  return { rows, distNote };
}
