// The streaming claims summary (ClaimSummarizer, summarizeClaimsStream) against
// summarizeClaims on recorded fixtures, plain and gzip, in arbitrary chunks, in Node 20 on
// pkg/ (built by scripts/build-pkg.sh). Fixtures are read from ../shared at run time; without
// them the fixture tests are skipped with a notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const { summarizeClaims, summarizeClaimsStream, ClaimSummarizer } =
  await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href);
const FIXTURES = path.join(root, '../shared/fixtures/bluebutton');

/** The fixture with the most claims, or null (with a notice) when ../shared is absent. */
function biggestFixture() {
  if (!existsSync(FIXTURES)) {
    console.log(`SKIP: ${FIXTURES} not found (../shared/fixtures is absent)`);
    return null;
  }
  let best = null;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      if (!name.endsWith('.json')) continue;
      const bytes = readFileSync(p);
      let s;
      try { s = summarizeClaims(bytes); } catch { continue; }
      if (!best || s.claims > best.claims) best = { claims: s.claims, bytes, p };
    }
  };
  walk(FIXTURES);
  return best;
}

/** Cuts `bytes` into pieces of deterministic, irregular sizes (1 to `max` bytes). */
function pieces(bytes, max, seed = 7) {
  const out = [];
  let x = seed;
  for (let at = 0; at < bytes.length;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const n = 1 + (x % max);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

const streamOf = (chunks) => new ReadableStream({
  start(c) { for (const ch of chunks) c.enqueue(ch); c.close(); },
});

function codeOf(f) {
  try { f(); } catch (e) { return e.code; }
  return 'no error';
}
async function asyncCodeOf(f) {
  try { await f(); } catch (e) { return e.code; }
  return 'no error';
}

test('the stream summary equals summarizeClaims on a fixture, plain and gzip, in any chunks', async (t) => {
  const fx = biggestFixture();
  if (!fx) { t.skip('fixtures absent'); return; }
  assert.ok(fx.claims > 0, `${fx.p} has claims`);
  const expected = summarizeClaims(fx.bytes);
  const gz = new Uint8Array(gzipSync(fx.bytes));
  assert.deepEqual(summarizeClaims(gz), expected, 'gzip through summarizeClaims');
  for (const [name, body] of [['plain', new Uint8Array(fx.bytes)], ['gzip', gz]]) {
    // Pieces of 1 to 5 bytes (cut anywhere: inside strings, escapes, numbers, the gzip header)
    // through the class; larger ones through streams as well.
    for (const max of [5, 1000, 70000]) {
      const s = new ClaimSummarizer();
      for (const p of pieces(body, max)) s.push(p);
      assert.deepEqual(s.finish(), expected, `${name}: ClaimSummarizer, pieces up to ${max}`);
      if (max < 1000) continue;
      assert.deepEqual(await summarizeClaimsStream(streamOf(pieces(body, max, max))), expected,
        `${name}: ReadableStream, pieces up to ${max}`);
    }
    assert.deepEqual(await summarizeClaimsStream(new Response(streamOf(pieces(body, 4096)))), expected,
      `${name}: Response`);
    // An ArrayBuffer chunk, and a chunk over the 1 MiB slice.
    const s = new ClaimSummarizer();
    s.push(body.slice().buffer);
    assert.deepEqual(s.finish(), expected, `${name}: one ArrayBuffer`);
  }
});

test('a body over 1 MiB in one chunk is read in slices with the same result', () => {
  const entry = (i) => ({ resource: { resourceType: 'ExplanationOfBenefit', id: `e${i}`,
    type: { coding: [{ system: 'https://bluebutton.cms.gov/resources/codesystem/eob-type', code: 'CARRIER' }] },
    item: [{ servicedDate: `2021-0${1 + (i % 9)}-1${i % 10}` }], payment: { amount: { value: i / 4 } } } });
  const json = JSON.stringify({ resourceType: 'Bundle', total: 9000,
    entry: Array.from({ length: 9000 }, (_, i) => entry(i)) });
  const bytes = new TextEncoder().encode(json);
  assert.ok(bytes.length > 2 << 20);
  const s = new ClaimSummarizer();
  s.push(bytes);
  const summary = s.finish();
  assert.deepEqual(summary, summarizeClaims(json));
  assert.equal(summary.claims, 9000);
  assert.equal(summary.paid, Math.round((8999 * 9000 / 2 / 4) * 100) / 100);
});

test('cut, garbled and misused bodies are errors, never a partial summary', async () => {
  const json = new TextEncoder().encode(
    '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}},{"resource":{"resourceType":"Patient"}}]}');
  const cut = json.subarray(0, json.length - 10);
  const feed = (body, size) => () => {
    const s = new ClaimSummarizer();
    for (const p of pieces(body, size)) s.push(p);
    return s.finish();
  };
  assert.equal(codeOf(feed(cut, 3)), 'truncated_json');
  assert.equal(codeOf(feed(cut, 3)), codeOf(() => summarizeClaims(cut)));
  const gz = new Uint8Array(gzipSync(json));
  assert.equal(codeOf(feed(gz.subarray(0, gz.length - 4), 5)), 'gzip_truncated');
  const badCrc = gz.slice();
  badCrc[badCrc.length - 7] ^= 1;
  assert.equal(codeOf(feed(badCrc, 5)), 'gzip_crc_mismatch');
  const garbage = new Uint8Array([...json, ...new TextEncoder().encode(' x')]);
  assert.equal(codeOf(feed(garbage, 2)), 'not_json');
  assert.equal(await asyncCodeOf(() => summarizeClaimsStream(streamOf(pieces(cut, 7)))), 'truncated_json');
  assert.equal(await asyncCodeOf(() => summarizeClaimsStream(new Response(null))), 'empty_body');
  assert.equal(await asyncCodeOf(() => summarizeClaimsStream('{}')), 'invalid_options');

  // An error in the middle cancels the stream.
  let cancelled = false;
  const bad = new TextEncoder().encode('{"resourceType":"Bundle","entry":[7,');
  const endless = new ReadableStream({
    start(c) { c.enqueue(bad); },
    pull(c) { c.enqueue(new TextEncoder().encode(' ')); },
    cancel() { cancelled = true; },
  });
  assert.equal(await asyncCodeOf(() => summarizeClaimsStream(endless)), 'unexpected_shape');
  assert.ok(cancelled, 'the stream was cancelled');

  // Finished is finished; an error sticks.
  const s = new ClaimSummarizer();
  s.push(json);
  s.finish();
  assert.equal(codeOf(() => s.push(json)), 'invalid_options');
  assert.equal(codeOf(() => s.finish()), 'invalid_options');
  const f = new ClaimSummarizer();
  assert.equal(codeOf(() => f.push(bad)), 'unexpected_shape');
  assert.equal(codeOf(() => f.push(json)), 'unexpected_shape');
  assert.equal(codeOf(() => f.push('text')), 'invalid_options');
});

test('summarizeClaims(string) encodes in slices without breaking characters', () => {
  // Unknown claim types keep their code text in `unknownTypes`: codes of 1 to 4 UTF-8 bytes per
  // character (surrogate pairs too), with varying lengths so slice boundaries fall everywhere.
  const code = (i) => `Zoë名🩺${'é'.repeat(i % 7)}${'🩺'.repeat(i % 3)}${i % 50}`;
  const entry = (i) => ({ resource: { resourceType: 'ExplanationOfBenefit', id: `e${i}`,
    type: { coding: [{ system: 'urn:x', code: code(i) }] },
    item: [{ servicedDate: '2021-03-04' }], payment: { amount: { value: 1 } } } });
  const n = 30000;
  const json = JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: n }, (_, i) => entry(i)) });
  assert.ok(json.length > 3 << 20, 'several slices');
  const fromText = summarizeClaims(json);
  assert.deepEqual(fromText, summarizeClaims(new TextEncoder().encode(json)));
  // The counts per code, computed here, are the summary's: no character was broken.
  const expected = {};
  for (let i = 0; i < n; i++) expected[`urn:x|${code(i)}`] = (expected[`urn:x|${code(i)}`] ?? 0) + 1;
  assert.deepEqual(fromText.unknownTypes, expected);
  assert.equal(fromText.byType.unknown.claims, n);
});
