// The npm package as a user gets it (checklist R37): `npm pack`, install the tarball in an
// empty folder, then import it in Node 20, through Vite, and from a plain <script type=module>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'bbwasm-pack-'));
let browser;

// The same checks run in every environment; each returns a plain object.
const CHECKS = `
  const pair = m.createPkcePair();
  let threw = null;
  try { m.pkceChallenge('too-short'); } catch (e) { threw = e.code; }
  const url = m.buildAuthorizeUrl({ env: 'sandbox', version: 2, clientId: 'c',
    redirectUri: 'https://app.example/cb', state: m.createState(), codeChallenge: pair.challenge });
  const cb = m.parseCallback('https://app.example/cb#access_token=t&token_type=bearer&expires_in=35849.875807&scope=a+b&state=0123456789abcdef', '0123456789abcdef');
  return {
    verifierLength: pair.verifier.length, method: pair.method,
    challengeMatches: m.pkceChallenge(pair.verifier) === pair.challenge,
    rfcVector: m.pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    threw, urlStart: url.split('?')[0], cbType: cb.type, expiresIn: cb.expiresIn, scopes: cb.scopes,
  };
`;

function checkResult(r) {
  assert.equal(r.verifierLength, 43);
  assert.equal(r.method, 'S256');
  assert.equal(r.challengeMatches, true);
  assert.equal(r.rfcVector, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(r.threw, 'invalid_pkce_verifier');
  assert.equal(r.urlStart, 'https://sandbox.bluebutton.cms.gov/v2/o/authorize/');
  assert.equal(r.cbType, 'token');
  assert.equal(r.expiresIn, 35849.875807);
  assert.deepEqual(r.scopes, ['a', 'b']);
}

before(async () => {
  const out = execFileSync('npm', ['pack', path.join(root, 'pkg'), '--pack-destination', work, '--json'], { encoding: 'utf8' });
  const [info] = JSON.parse(out);
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md', 'auth-node.js', 'auth.d.ts', 'auth.js', 'claims-node.js', 'claims.d.ts', 'claims.js',
    'client.js', 'index.d.ts', 'index.js', 'node.js', 'package.json', 'session.d.ts', 'session.js',
    'web/bluebutton_auth.d.ts', 'web/bluebutton_auth.js', 'web/bluebutton_auth_bg.wasm',
    'web/bluebutton_auth_bg.wasm.d.ts',
    'web/bluebutton_wasm.d.ts', 'web/bluebutton_wasm.js', 'web/bluebutton_wasm_bg.wasm',
    'web/bluebutton_wasm_bg.wasm.d.ts',
  ]);
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, info.filename)], { cwd: work });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

test('types are shipped and name the public API', () => {
  const dts = readFileSync(path.join(work, 'node_modules/bluebutton-wasm/web/bluebutton_auth.d.ts'), 'utf8');
  for (const name of ['createPkcePair', 'pkceChallenge', 'buildAuthorizeUrl', 'parseCallback', 'AuthorizeOptions', 'CallbackResult']) {
    assert.match(dts, new RegExp(name));
  }
});

test('the types check under TypeScript strict, and refuse misuse', () => {
  // The user's view: the installed package, resolved through its package.json exports.
  writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022',
      module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
    files: ['user.ts'],
  }));
  writeFileSync(path.join(work, 'user.ts'), `
import { createPkcePair, pkceChallenge, buildAuthorizeUrl, parseCallback,
  completeAuthorization, BlueButtonSession, type BlueButtonError, type ErrorCode,
  type CallbackResult, type ClaimSummary, type HistoryOptions, type Bundle, type Resource,
  type ExplanationOfBenefit, type Patient, type Coverage, type ClaimType, type JsonValue,
  type TypeSummary, type BlueButtonClient, type ClaimsHistory, type InsuranceCard,
  type PartKind } from 'bluebutton-wasm';
import { summarizeClaims, parseBundle, ClaimSummarizer, BlueButtonClient as DataClient } from 'bluebutton-wasm/claims';
import { summarizeClaimsStream as lazyStream } from 'bluebutton-wasm';
import * as auth from 'bluebutton-wasm/auth';
// @ts-expect-error the sign-in entry has no data functions
import { parseBundle as notInAuth } from 'bluebutton-wasm/auth';
// @ts-expect-error synchronous data functions live in bluebutton-wasm/claims
import { summarizeClaims as notHere } from 'bluebutton-wasm';
// @ts-expect-error the set-up function is not part of the API (importing is the set-up)
import { initSync } from 'bluebutton-wasm';
const pair = createPkcePair();
const challenge: string = pkceChallenge(pair.verifier);
const url: string = buildAuthorizeUrl({ env: 'sandbox', version: 2, clientId: 'c',
  redirectUri: 'https://app.example/cb', state: 'x'.repeat(16), codeChallenge: challenge });
const cb: CallbackResult = parseCallback(url);
const cb2: CallbackResult = parseCallback(url, null);
const s: ClaimSummary = summarizeClaims('{}');
const streamed: Promise<ClaimSummary> = lazyStream(new Response('{}'));
const fed = new ClaimSummarizer();
fed.push(new Uint8Array());
const fedSummary: ClaimSummary = fed.finish();
void streamed; void fedSummary;
const claims: number = s.claims;
const unknown: Record<string, number> = s.unknownTypes;
const options: HistoryOptions = { types: ['carrier'], lastUpdated: 'ge2024-01-01', onProgress: (d, t) => void (d + (t ?? 0)) };
async function use(session: BlueButtonSession): Promise<number> {
  const client = session.client();
  const same = session.client('sandbox', 3);
  const history = await client.eobHistory(options);
  void same;
  return history.length;
}
async function direct(session: auth.BlueButtonSession): Promise<unknown> {
  const info: auth.TokenInfo = session.tokenInfo();
  void info;
  return new DataClient(session, 'sandbox', 2).patient();
}
async function finish(): Promise<BlueButtonSession> {
  const plain = await completeAuthorization();
  void plain;
  return completeAuthorization({ relayUrl: 'https://relay.example', persist: true });
}
// FHIR results are typed from the Rust models (no \`any\`).
const bundle: Bundle = parseBundle(new Uint8Array());
const first: Resource | undefined = bundle.entry[0]?.resource;
const kind: string | undefined = first?.resourceType;
if (first && 'claimType' in first) {
  const t: ClaimType = first.claimType;
  const code: string | undefined = first.item?.[0]?.productOrService?.coding?.[0]?.code;
  const paid: number | undefined = first.payment?.amount?.value;
  void [t, code, paid];
}
switch (first?.resourceType) {
  case 'Patient': { const id: string | undefined = first.id; void id; break; }
  case 'ExplanationOfBenefit': break;
}
const carrierPaid: number | null = s.byType.carrier.paid;
const unknownType: TypeSummary | undefined = s.byType.unknown;
const monthPaid: number | null | undefined = s.byMonth[0]?.byType.pde?.paid;
async function data(client: BlueButtonClient, history: ClaimsHistory) {
  const p: Patient | null = await client.patient();
  const cov: Coverage[] = await client.coverage();
  const one: Coverage = await client.coverageById('part-a--1');
  const eob: ExplanationOfBenefit = await client.eob('carrier-1');
  const page: Bundle = await client.eobPage({ types: 'pde' });
  const doc: JsonValue = await client.document('metadata');
  // @ts-expect-error a document is JSON, not any
  doc.fhirVersion;
  // @ts-expect-error an optional claim field may be absent
  const created: string = eob.created;
  const claims: ExplanationOfBenefit[] = history.claims();
  const total: ClaimSummary = history.summary();
  const card: InsuranceCard = await client.insuranceCard();
  const kind: PartKind | undefined = card.parts[0]?.kind;
  const phone: string | undefined = card.payer?.phone;
  // @ts-expect-error parts are named partA … partD or dual
  const badKind: PartKind = 'Part A';
  // @ts-expect-error the Medicare number may be absent
  const mbi: string = card.medicareNumber;
  return [p?.name?.[0]?.family, cov[0]?.class?.[0]?.value, one.status, eob.claimType, page.total,
    doc, claims.length, total.claims, created, kind, phone, badKind, mbi];
}
// @ts-expect-error a Bundle is not any: unknown fields are refused
bundle.entries;
// @ts-expect-error entries may lack a resource
bundle.entry[0].resource.resourceType;
// @ts-expect-error claim types are the lowercase search codes
const badType: ClaimType = 'CARRIER';
// @ts-expect-error a summary's amounts may be null
const paidNow: number = s.paid;
// @ts-expect-error a month has only the types it saw
s.byMonth[0].byType.pde.claims;
// @ts-expect-error parseBundle takes JSON text or bytes
parseBundle({ resourceType: 'Bundle' });
// @ts-expect-error a number is not a verifier
pkceChallenge(42);
// @ts-expect-error types is not a filter name (typo of types)
const typo: HistoryOptions = { type: 'carrier' };
function retryable(e: BlueButtonError): boolean {
  const code: ErrorCode = e.code;
  return code === 'network_error' || code === 'upstream_unavailable';
}
// @ts-expect-error no error has this code
const noSuchCode: ErrorCode = 'invalid_json';
void [cb, cb2, claims, unknown, use, typo, finish, initSync, kind, carrierPaid, unknownType,
  monthPaid, data, badType, paidNow, retryable, noSuchCode, direct, notInAuth, notHere];
`);
  try {
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: work, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  }
});

// Real data: every recorded Blue Button response, parsed by the installed package (a single
// resource is wrapped in a Bundle), is written as typed literals that tsc must accept; excess
// property checks catch a field the declarations lack, and a missing or null field one they
// promise.
test('parsed fixtures are assignable to the FHIR types', async (t) => {
  const dir = path.resolve(root, '../shared/fixtures/bluebutton');
  if (!existsSync(dir)) {
    t.skip('../shared/fixtures/bluebutton not found');
    console.log('SKIP: ../shared/fixtures/bluebutton not found');
    return;
  }
  const m = await import(pathToFileURL(path.join(work, 'node_modules/bluebutton-wasm/claims-node.js')));
  const walk = (d) => readdirSync(d).sort().flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
  const lines = ["import type { Bundle, ClaimSummary } from 'bluebutton-wasm';"];
  let files = 0;
  for (const f of walk(dir)) {
    const text = readFileSync(f, 'utf8');
    const json = JSON.parse(text);
    const body = json?.resourceType === 'Bundle' ? text
      : JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: json }] });
    lines.push(`// ${path.relative(dir, f)}`,
      `export const b${files}: Bundle = ${JSON.stringify(m.parseBundle(body))};`,
      `export const s${files}: ClaimSummary = ${JSON.stringify(m.summarizeClaims(body))};`);
    files += 1;
  }
  assert.ok(files > 0, 'no fixture found');
  writeFileSync(path.join(work, 'fixtures.ts'), lines.join('\n'));
  writeFileSync(path.join(work, 'tsconfig.fixtures.json'), JSON.stringify({
    extends: './tsconfig.json', files: ['fixtures.ts'] }));
  try {
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.fixtures.json'],
      { cwd: work, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    assert.fail(`tsc on ${files} parsed fixtures: ${String(e.stdout).slice(0, 4000)}${e.stderr}`);
  }
});

test('imports in a Node 20 ES module with no set-up', () => {
  writeFileSync(path.join(work, 'node-check.mjs'),
    `import * as m from 'bluebutton-wasm';\nconst run = () => { ${CHECKS} };\nconsole.log(JSON.stringify({ ...run(), keys: Object.keys(m) }));\n`);
  const out = execFileSync(process.execPath, ['node-check.mjs'], { cwd: work, encoding: 'utf8' });
  const result = JSON.parse(out);
  checkResult(result);
  // Importing is the whole set-up: wasm-bindgen's init functions do not leak through.
  assert.ok(result.keys.includes('createPkcePair'));
  for (const setup of ['default', 'initSync']) assert.ok(!result.keys.includes(setup), setup);
});

test('the sign-in entry imports in Node 20 on its own', () => {
  writeFileSync(path.join(work, 'node-auth.mjs'),
    `import * as m from 'bluebutton-wasm/auth';\nconst run = () => { ${CHECKS} };\n`
    + `console.log(JSON.stringify({ ...run(), keys: Object.keys(m), client: typeof m.BlueButtonSession.prototype.client }));\n`);
  const result = JSON.parse(execFileSync(process.execPath, ['node-auth.mjs'], { cwd: work, encoding: 'utf8' }));
  checkResult(result);
  for (const absent of ['default', 'initSync', 'summarizeClaims', 'parseBundle', 'BlueButtonClient', '__checkClientTarget']) {
    assert.ok(!result.keys.includes(absent), absent);
  }
  assert.equal(result.client, 'undefined', 'the sign-in entry alone adds no data client');
});

test('the claims entry and the main entry\'s lazy client work in Node 20', () => {
  writeFileSync(path.join(work, 'node-data.mjs'), `import * as m from 'bluebutton-wasm';
import { summarizeClaims } from 'bluebutton-wasm/claims';
const token = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 });
const session = m.BlueButtonSession.fromTokenResponse(token, { env: 'http://127.0.0.1:9', clientId: 'c' });
let sync = null;
try { session.client(42); } catch (e) { sync = e.code; }
let async_ = null;
try { await session.client('http://127.0.0.1:9').eobPage({ count: 51 }); } catch (e) { async_ = e.code; }
// A narrower refresh is checked before anything is sent (v3 scopes, §12.5).
const granted = m.BlueButtonSession.fromTokenResponse(JSON.stringify({ access_token: 'a', token_type: 'Bearer',
  expires_in: 3600, refresh_token: 'r', scope: 'profile patient/ExplanationOfBenefit.rs' }), { env: 'http://127.0.0.1:9', clientId: 'c', version: 3 });
const codeOf = async (f) => { try { await f(); return 'ok'; } catch (e) { return e.code; } };
const wider = await codeOf(() => granted.refresh({ scopes: ['patient/Coverage.rs'] }));
const unknownKey = await codeOf(() => granted.refresh({ scope: 'patient/ExplanationOfBenefit.s' }));
const stillThere = granted.tokenInfo().scopes.length;
const lazy = (await m.summarizeClaimsStream(new Response('{"resourceType":"Bundle","total":4,"entry":[]}'))).total;
console.log(JSON.stringify({ sync, async_, claims: summarizeClaims('{"resourceType":"Bundle","type":"searchset","entry":[]}').claims, wider, unknownKey, stillThere, lazy }));
`);
  const r = JSON.parse(execFileSync(process.execPath, ['node-data.mjs'], { cwd: work, encoding: 'utf8' }));
  assert.deepEqual(r, { sync: 'invalid_argument', async_: 'count_out_of_range', claims: 0,
    wider: 'invalid_option', unknownKey: 'invalid_options', stillThere: 2, lazy: 4 });
});

const AUTH_WASM = /bluebutton_auth_bg[^/]*\.wasm$/;
const DATA_WASM = /bluebutton_wasm_bg[^/]*\.wasm$/;

/** Opens `url`, waits for `window.result`, then (with `data`) runs `window.data()`: returns
 * both results and the .wasm files requested before and after the data call. */
async function resultFrom(url, { data = false } = {}) {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForFunction(() => window.result || window.failure, null, { timeout: 30000 });
  const { result, failure } = await page.evaluate(() => ({ result: window.result, failure: window.failure }));
  assert.equal(failure, undefined, `page failed: ${failure} ${errors.join('; ')}`);
  const before = requests.filter((u) => u.endsWith('.wasm'));
  const dataResult = data ? await page.evaluate(() => window.data()) : undefined;
  const after = requests.filter((u) => u.endsWith('.wasm'));
  await page.close();
  return { result, before, after, dataResult };
}

const PAGE_SCRIPT = (spec) => `import * as m from '${spec}';
try { window.result = (() => { ${CHECKS} })(); } catch (e) { window.failure = String(e && e.message || e); }
window.data = async () => {
  const token = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 });
  const session = m.BlueButtonSession.fromTokenResponse(token, { env: 'http://127.0.0.1:9', clientId: 'c' });
  const client = session.client('http://127.0.0.1:9', 2);
  try { await client.eobPage({ count: 51 }); return 'ok'; } catch (e) { return e.code; }
};`;

/** The sign-in .wasm only until data is asked for; then the data .wasm once, and it works. */
function checkLazy({ result, before, after, dataResult }, { data = true } = {}) {
  checkResult(result);
  assert.equal(before.filter((u) => AUTH_WASM.test(u)).length, 1, `one sign-in .wasm: ${before}`);
  assert.deepEqual(before.filter((u) => DATA_WASM.test(u)), [], 'no data .wasm before a data call');
  if (data) {
    assert.equal(dataResult, 'count_out_of_range', 'the data client answers once loaded');
    assert.equal(after.filter((u) => DATA_WASM.test(u)).length, 1, `the data .wasm, once: ${after}`);
  }
}

test('plain <script type="module"> in Chromium: the sign-in entry never loads the data .wasm', async () => {
  writeFileSync(path.join(work, 'plain-auth.html'),
    `<!doctype html><script type="module">${PAGE_SCRIPT('./node_modules/bluebutton-wasm/auth.js')}</script>`);
  const server = await serveDir(work);
  try {
    checkLazy(await resultFrom(`${server.url}/plain-auth.html`), { data: false });
  } finally {
    await server.close();
  }
});

test('plain <script type="module"> in Chromium: the main entry loads the data .wasm on first data call', async () => {
  writeFileSync(path.join(work, 'plain.html'),
    `<!doctype html><script type="module">${PAGE_SCRIPT('./node_modules/bluebutton-wasm/index.js')}</script>`);
  const server = await serveDir(work);
  try {
    checkLazy(await resultFrom(`${server.url}/plain.html`, { data: true }));
  } finally {
    await server.close();
  }
});

/** Builds a Vite app whose main.js is `script`; returns its dist folder and .wasm assets. */
function viteApp(name, script) {
  const app = path.join(work, name);
  mkdirSync(app);
  writeFileSync(path.join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
  writeFileSync(path.join(app, 'main.js'), script);
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: app });
  const dist = path.join(app, 'dist');
  return { dist, wasm: readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.wasm')) };
}

test('bundles with Vite and runs in Chromium, loading the data .wasm on first data call', async () => {
  const { dist, wasm } = viteApp('vite-app', PAGE_SCRIPT('bluebutton-wasm'));
  assert.ok(wasm.some((f) => AUTH_WASM.test(f)) && wasm.some((f) => DATA_WASM.test(f)), `vite emitted both .wasm: ${wasm}`);
  const server = await serveDir(dist);
  try {
    checkLazy(await resultFrom(`${server.url}/index.html`, { data: true }));
  } finally {
    await server.close();
  }
});

test('the sign-in entry through Vite ships and loads only the sign-in .wasm', async () => {
  const { dist, wasm } = viteApp('vite-auth', PAGE_SCRIPT('bluebutton-wasm/auth'));
  assert.equal(wasm.length, 1, `only the sign-in .wasm is emitted: ${wasm}`);
  assert.match(wasm[0], AUTH_WASM);
  const server = await serveDir(dist);
  try {
    checkLazy(await resultFrom(`${server.url}/index.html`), { data: false });
  } finally {
    await server.close();
  }
});
