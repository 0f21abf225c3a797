// Writes the npm package's entry files from wasm-bindgen's output: index.js (browsers and
// bundlers: fetches and instantiates the .wasm with top-level await), node.js (Node 20:
// instantiates it synchronously from the package folder) and index.d.ts. Each names its
// exports explicitly, so wasm-bindgen's set-up functions (`default` init, `initSync`) and their
// types do not leak: importing the package is the whole set-up.
//
// Usage: node scripts/write-entries.mjs PKG_DIR GLUE_NAME   (e.g. pkg bluebutton_wasm)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [pkgDir, name] = process.argv.slice(2);
if (!pkgDir || !name) {
  console.error('usage: node scripts/write-entries.mjs PKG_DIR GLUE_NAME');
  process.exit(2);
}
const SETUP = new Set(['initSync', 'InitInput', 'InitOutput', 'SyncInitInput']);
const dts = readFileSync(join(pkgDir, 'web', `${name}.d.ts`), 'utf8');

const values = new Set();
const types = new Set();
for (const m of dts.matchAll(/^export (?:declare )?(function|class|type|interface|enum|const) (\w+)/gm)) {
  const [, kind, id] = m;
  if (SETUP.has(id)) continue;
  (kind === 'type' || kind === 'interface' ? types : values).add(id);
}
if (values.size === 0) {
  console.error(`no exports found in ${name}.d.ts`);
  process.exit(1);
}
const valueList = [...values].sort().join(',\n  ');
const typeList = [...types].sort().map((t) => `type ${t}`).join(',\n  ');
const glue = `./web/${name}.js`;

writeFileSync(join(pkgDir, 'index.js'), `// Browser and bundler entry: fetches and instantiates the .wasm once (top-level await), so
// \`import { createPkcePair } from 'bluebutton-wasm'\` needs no set-up call.
import init from '${glue}';

await init();

export {
  ${valueList}
} from '${glue}';
`);

writeFileSync(join(pkgDir, 'node.js'), `// Node 20 entry: instantiates the .wasm synchronously from the package folder.
import { readFileSync } from 'node:fs';
import { initSync } from '${glue}';

initSync({ module: readFileSync(new URL('./web/${name}_bg.wasm', import.meta.url)) });

export {
  ${valueList}
} from '${glue}';
`);

writeFileSync(join(pkgDir, 'index.d.ts'), `/// <reference lib="esnext.disposable" />
export {
  ${valueList},
  ${typeList}
} from '${glue}';
`);
console.log(`entries: ${values.size} values, ${types.size} types (set-up functions not exported)`);
