// Writes the npm package's entry files from wasm-bindgen's output. Each entry names its exports
// explicitly, so wasm-bindgen's set-up functions (`default` init, `initSync`), internal helpers
// (`__…`) and their types do not leak: importing an entry is the whole set-up.
//
//   node scripts/write-entries.mjs PKG_DIR AUTH_GLUE DATA_GLUE   (the package: two .wasm)
//   node scripts/write-entries.mjs PKG_DIR GLUE                  (one .wasm with everything)
//
// With two parts it writes, for browsers/bundlers (top-level await fetches the .wasm) and for
// Node 20 (`-node.js`: instantiated synchronously from the package folder):
// - auth.js / auth-node.js / auth.d.ts: the sign-in part (`bluebutton-wasm/auth`);
// - claims.js / claims-node.js / claims.d.ts: the data part (`bluebutton-wasm/claims`);
// - index.js / node.js / index.d.ts: the sign-in part plus `session.client(env?, version?)`,
//   whose client loads the data part on its first call (client.js);
// With one part: index.js / node.js / index.d.ts over it (bench/build-variant.sh).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [pkgDir, authName, dataName] = process.argv.slice(2);
if (!pkgDir || !authName) {
  console.error('usage: node scripts/write-entries.mjs PKG_DIR AUTH_GLUE [DATA_GLUE]');
  process.exit(2);
}
const SETUP = new Set(['initSync', 'InitInput', 'InitOutput', 'SyncInitInput']);
const TYPE_KINDS = new Set(['type', 'interface']);

/** The public values and types a glue module's .d.ts declares. */
function exportsOf(name) {
  const dts = readFileSync(join(pkgDir, 'web', `${name}.d.ts`), 'utf8');
  const values = new Set();
  const types = new Set();
  for (const m of dts.matchAll(/^export (?:declare )?(function|class|type|interface|enum|const) (\w+)/gm)) {
    const [, kind, id] = m;
    if (SETUP.has(id) || id.startsWith('__')) continue;
    (TYPE_KINDS.has(kind) ? types : values).add(id);
  }
  if (values.size === 0) {
    console.error(`no exports found in ${name}.d.ts`);
    process.exit(1);
  }
  return { dts, values: [...values].sort(), types: [...types].sort() };
}

const list = (names, prefix = '') => names.map((n) => `${prefix}${n}`).join(',\n  ');
const write = (file, text) => writeFileSync(join(pkgDir, file), text);

/** `<base>.js` (browser: top-level await), `<node>.js` (Node 20) and `<base>.d.ts`. */
function writeInstantiating(base, node, name, what, { values, types }, shell = []) {
  const glue = `./web/${name}.js`;
  const fromShell = shell.length ? `export {\n  ${list(shell)}\n} from './session.js';\n` : '';
  const shellTypes = shell.length ? `export {\n  ${list([...shell, 'type SessionOptions'])}\n} from './session.js';\n` : '';
  write(`${base}.js`, `// ${what}, for browsers and bundlers: fetches and instantiates its .wasm once (top-level
// await), so importing it is the whole set-up.
import init from '${glue}';

await init();

export {
  ${list(values)}
} from '${glue}';
${fromShell}`);
  write(`${node}.js`, `// ${what}, for Node 20: instantiates its .wasm synchronously from the package folder.
import { readFileSync } from 'node:fs';
import { initSync } from '${glue}';

initSync({ module: readFileSync(new URL('./web/${name}_bg.wasm', import.meta.url)) });

export {
  ${list(values)}
} from '${glue}';
${fromShell}`);
  write(`${base}.d.ts`, `/// <reference lib="esnext.disposable" />
export {
  ${list([...values, ...types.map((t) => `type ${t}`)])}
} from '${glue}';
${shellTypes}`);
}

if (!dataName) {
  // One .wasm with everything: index.js / node.js / index.d.ts over it.
  const all = exportsOf(authName);
  writeInstantiating('index', 'node', authName, 'The package', all);
  console.log(`entries: ${all.values.length} values, ${all.types.length} types (set-up functions not exported)`);
  process.exit(0);
}

const auth = exportsOf(authName);
const data = exportsOf(dataName);
// The sign-in part's async shell (npm/session.js), over the sign-in glue.
const SHELL = ['BlueButtonSession', 'completeAuthorization'];
const npmDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'npm');
for (const file of ['session.js', 'session.d.ts']) {
  write(file, readFileSync(join(npmDir, file), 'utf8').replaceAll('./web/bluebutton_auth.js', `./web/${authName}.js`));
}
writeInstantiating('auth', 'auth-node', authName, 'The sign-in part (bluebutton-wasm/auth)', auth, SHELL);
writeInstantiating('claims', 'claims-node', dataName, 'The data part (bluebutton-wasm/claims)', data);

// The lazy client's async methods: every method of the data part's BlueButtonClient.
const clientClass = data.dts.match(/export class BlueButtonClient \{([\s\S]*?)\n\}/);
if (!clientClass) {
  console.error(`no BlueButtonClient class in ${dataName}.d.ts`);
  process.exit(1);
}
const methods = [...clientClass[1].matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1])
  .filter((m) => !['constructor', 'free'].includes(m));
write('client.js', `// session.client(env?, version?) for the main entry: the sign-in .wasm resolves and checks
// the API at once (by default the session's own environment and version; another environment
// is refused); the data .wasm is loaded (once, shared) on the first call of a method, every one
// of which returns a promise anyway. Internal module, not an entry.
import { BlueButtonSession, clientTarget } from './session.js';

/** Adds \`client()\` to sessions; \`load\` imports the data part's entry. */
export function installClient(load) {
  BlueButtonSession.prototype.client = function client(env, version) {
    const target = clientTarget(this, env, version);
    return new BlueButtonClient(this, target.env, target.version, load);
  };
}

class BlueButtonClient {
  #session;
  #env;
  #version;
  #load;
  #made = null;

  constructor(session, env, version, load) {
    this.#session = session;
    this.#env = env;
    this.#version = version;
    this.#load = load;
  }

  /** The data part's client, made on first use (a failed load is tried again next time). */
  #client() {
    const session = this.#session;
    this.#made ??= this.#load().then((m) => new m.BlueButtonClient({
      accessToken: () => session.accessToken(),
      refresh: () => session.refresh(),
      tokenInfo: () => session.tokenInfo(),
    }, this.#env, this.#version)).catch((e) => {
      this.#made = null;
      throw e;
    });
    return this.#made;
  }

${methods.map((m) => `  async ${m}(...args) {
    return (await this.#client()).${m}(...args);
  }
`).join('\n')}
  /** Frees the data part's client, if it was made. */
  free() {
    const made = this.#made;
    this.#made = null;
    made?.then((c) => c.free(), () => {});
  }

  [Symbol.dispose]() {
    this.free();
  }
}
`);

const main = (loader, authEntry) => `// The main entry: the sign-in part (${authEntry}) plus session.client(env?, version?), whose
// client loads the data part (its .wasm) on first use, as does summarizeClaimsStream (async).
// summarizeClaims and parseBundle are synchronous, so they live in 'bluebutton-wasm/claims',
// which loads the data part on import.
import { installClient } from './client.js';

const loadData = () => import('${loader}');
installClient(loadData);

/** The claims summary of a body read as it downloads; the first call loads the data part. */
export async function summarizeClaimsStream(source) {
  return (await loadData()).summarizeClaimsStream(source);
}

export {
  ${list([...auth.values, ...SHELL].sort())}
} from '${authEntry}';
`;
write('index.js', main('./claims.js', './auth.js'));
write('node.js', main('./claims-node.js', './auth-node.js'));
const dataTypes = data.types.filter((t) => !auth.types.includes(t));
write('index.d.ts', `/// <reference lib="esnext.disposable" />
import type { BlueButtonClient } from './claims.js';
import type { Env } from './auth.js';

export {
  ${list([...[...auth.values, ...SHELL].sort(), ...auth.types.map((t) => `type ${t}`), 'type SessionOptions'])}
} from './auth.js';
export type {
  ${list(['BlueButtonClient', 'ClaimsHistory', ...dataTypes])}
} from './claims.js';
/** The claims summary of a body read as it downloads (loads the data part on its first call). */
export { summarizeClaimsStream } from './claims.js';

declare module './session.js' {
  interface BlueButtonSession {
    /**
     * A FHIR client for this session: by default on the environment and API version it was
     * issued for; \`env\`, when given, must be that same environment (else it throws
     * \`environment_mismatch\` here); \`version\` may pick another API version. Its methods
     * return promises; the first one loads the data part's .wasm.
     */
    client(env?: Env | null, version?: 1 | 2 | 3 | null): BlueButtonClient;
  }
}
`);
console.log(`entries: auth ${auth.values.length} values, ${auth.types.length} types; `
  + `claims ${data.values.length} values, ${data.types.length} types; client methods ${methods.join(', ')}`);
