// Every export of the npm package fed garbage from JS (checklist R23): it returns, or throws
// (rejects) a JS Error with a stable string `code` and a message; never a wasm trap
// (`RuntimeError: unreachable`, which would also poison the module for every later call).
// Runs in Node 20 on pkg/ (built by scripts/build-pkg.sh: node.js and claims-node.js), so the browser-only exports also
// show what they do where there is no window: a coded error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
// The main entry plus the data part's synchronous functions (bluebutton-wasm/claims).
const m = {
  ...await import(pathToFileURL(path.join(root, 'pkg/node.js')).href),
  ...await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href),
};

const GARBAGE = [
  undefined, null, 0, -1, NaN, Infinity, true, '', ' ', '%', '%zz', '\u0000', '\ud800', 'x'.repeat(100_000),
  'https://evil.example/#access_token=a&access_token=b', '{', '[]', '{"resourceType":"Bundle","entry":7}',
  {}, [], [1, 2], { env: 42, version: 'two', clientId: {} }, { env: 'sandbox', version: 2 },
  new Uint8Array([0xff, 0xfe, 0x00]), new Uint8Array([0x1f, 0x8b, 0x08, 0x00]), () => 1, 10n,
];

/** Calls `f`; returns 'ok' or the error's code, failing on anything but a coded Error. */
async function outcome(label, f) {
  try {
    await f();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
    assert.notEqual(e.name, 'RuntimeError', `${label}: wasm trap ${e.message}`);
    assert.equal(typeof e.code, 'string', `${label}: Error without a code: ${e.message}`);
    assert.ok(e.code.length > 0 && e.message.length > 0, `${label}: empty code or message`);
    return e.code;
  }
}

const SESSION_OPTIONS = { env: 'http://127.0.0.1:9', version: 2, clientId: 'bbwasm-local-public' };
const TOKEN = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600, refresh_token: 'r',
  scope: 'patient/Patient.read', patient: '-20000000000001' });

test('every export answers garbage with a value or a coded Error, never a trap', async () => {
  const codes = new Map();
  const seen = (name, code) => codes.set(name, new Set([...(codes.get(name) ?? []), code]));
  for (const g of GARBAGE) {
    const label = (name) => `${name}(${typeof g === 'string' ? JSON.stringify(g.slice(0, 40)) : String(g).slice(0, 40)})`;
    const calls = {
      pkceChallenge: () => m.pkceChallenge(g),
      buildAuthorizeUrl: () => m.buildAuthorizeUrl(g),
      parseCallback: () => m.parseCallback(g, g),
      parseCallbackNoState: () => m.parseCallback(g),
      parseBundle: () => m.parseBundle(g),
      summarizeClaims: () => m.summarizeClaims(g),
      summarizeClaimsStream: () => m.summarizeClaimsStream(g),
      ClaimSummarizerPush: () => new m.ClaimSummarizer().push(g),
      ClaimSummarizerFinish: () => { const s = new m.ClaimSummarizer(); try { s.push(g); } catch { /* coded above */ } return s.finish(); },
      inflateGzip: () => m.inflateGzip(g),
      inflateGzipMax: () => m.inflateGzip(new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]), g),
      beginAuthorization: () => m.beginAuthorization(g),
      completeAuthorization: () => m.completeAuthorization(g, g),
      fromTokenResponse: () => m.BlueButtonSession.fromTokenResponse(g, g),
      fromTokenResponseOptions: () => m.BlueButtonSession.fromTokenResponse(TOKEN, g),
      restore: () => m.BlueButtonSession.restore(g),
      client: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client(g, g),
      eobPage: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2).eobPage(g),
      eobHistory: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2).eobHistory(g),
      eob: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2).eob(g),
      coverageById: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2).coverageById(g),
      document: () => m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2).document(g),
    };
    for (const [name, f] of Object.entries(calls)) seen(name, await outcome(label(name), f));
  }
  for (const [name, f] of Object.entries({ createPkcePair: m.createPkcePair, createState: m.createState,
    scrubCallbackUrl: m.scrubCallbackUrl })) {
    seen(name, await outcome(name, f));
  }
  // The module still works after all of that (a trap would have poisoned it).
  assert.equal(m.pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(m.summarizeClaims('{"resourceType":"Bundle","type":"searchset","entry":[]}').claims, 0);
  // Garbage is refused, not accepted: each parser refused at least one input with a code.
  for (const name of ['pkceChallenge', 'buildAuthorizeUrl', 'parseCallback', 'parseBundle', 'summarizeClaims', 'summarizeClaimsStream',
    'ClaimSummarizerPush', 'ClaimSummarizerFinish', 'inflateGzip',
    'fromTokenResponse', 'client', 'eobPage', 'eobHistory', 'eob', 'document']) {
    assert.ok([...codes.get(name)].some((c) => c !== 'ok'), `${name} refused something`);
  }
  console.log(Object.fromEntries([...codes].map(([k, v]) => [k, [...v].join(' ')])));
});

test('search options: a misspelt or mistyped filter is refused, never ignored', async () => {
  const client = m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS).client('http://127.0.0.1:9', 2);
  const refused = async (options, words) => {
    const code = await outcome(JSON.stringify(options), () => client.eobPage(options));
    assert.equal(code, 'invalid_options', `${JSON.stringify(options)} is refused`);
    await assert.rejects(client.eobPage(options), (e) => words.test(e.message));
  };
  await refused('type=carrier', /must be an object/);
  await refused({ type: 'carrier' }, /unknown search option `type`/);
  await refused({ types: 7 }, /`types` must be a string or an array/);
  await refused({ types: ['carrier', 7] }, /strings only/);
  await refused({ lastUpdated: { ge: '2024-01-01' } }, /`lastUpdated` must be/);
  await assert.rejects(client.eobHistory({ onProgress: 'tick' }), (e) => e.code === 'invalid_options' && /onProgress/.test(e.message));
  await assert.rejects(client.eobHistory({ signal: {} }), (e) => e.code === 'invalid_options' && /AbortSignal/.test(e.message));
  // Well-formed options get as far as the network (nothing listens on port 9).
  for (const ok of [undefined, {}, { types: 'carrier' }, { types: ['carrier', 'pde'], lastUpdated: 'ge2024-01-01' },
    { serviceDate: ['ge2023-01-01', 'lt2024-01-01'], count: 10 }]) {
    assert.equal(await outcome(JSON.stringify(ok), () => client.eobPage(ok)), 'network_error', JSON.stringify(ok));
  }
});

test('v3 search options: sources, includeNotFinal and tags (refused on v2, bad values refused)', async () => {
  const session = m.BlueButtonSession.fromTokenResponse(TOKEN, SESSION_OPTIONS);
  const v2 = session.client('http://127.0.0.1:9', 2);
  const v3 = session.client('http://127.0.0.1:9', 3);
  const code = (client, options) => outcome(JSON.stringify(options), () => client.eobPage(options));
  for (const ok of [{ includeNotFinal: true }, { sources: 'nch,FISS' }, { sources: ['NCH', 'CWF'] },
    { tags: ['SharedSystem', 'NotFinalAction'] }, { includeNotFinal: false }]) {
    assert.equal(await code(v3, ok), 'network_error', JSON.stringify(ok));
  }
  assert.equal(await code(v2, { includeNotFinal: true }), 'requires_v3');
  assert.equal(await code(v2, { tags: 'FinalAction' }), 'requires_v3');
  assert.equal(await code(v2, { includeNotFinal: false }), 'network_error');
  assert.equal(await code(v3, { sources: ['NCH', 'EDPS'] }), 'invalid_claim_source');
  assert.equal(await code(v3, { tags: 'Final' }), 'invalid_tag');
  assert.equal(await code(v3, { sources: 7 }), 'invalid_options');
  assert.equal(await code(v3, { includeNotFinal: 'yes' }), 'invalid_options');
  await assert.rejects(v2.eobPage({ sources: ['FISS'] }), (e) => /use a v3 session/.test(e.message));
});
