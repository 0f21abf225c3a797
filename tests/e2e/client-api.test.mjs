// The FHIR side of the npm package in Chromium against the local sandbox: a session from a
// token response, a whole-history download with progress, summary and exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const site = mkdtempSync(path.join(tmpdir(), 'bbwasm-client-'));
let browser;
let pages;
let sandbox;

const PAGE = `<!doctype html><script type="module">
import * as bb from './pkg/index.js';
import { summarizeClaims, summarizeClaimsStream } from './pkg/claims.js';
window.run = async (env, user) => {
  const tokenText = await (await fetch(env + '/sandbox/token', { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, version: 'v2' }) })).text();
  const session = bb.BlueButtonSession.fromTokenResponse(tokenText, { env, version: 2, clientId: 'bbwasm-local-public' });
  // No arguments: the environment and version the session was issued for.
  const client = session.client();
  const sameEnv = typeof session.client(env, 1).eobPage === 'function';
  let otherEnv = null;
  try { session.client('production'); } catch (e) { otherEnv = { code: e.code, message: e.message }; }
  const progress = [];
  const history = await client.eobHistory({ onProgress: (done, total) => progress.push([done, total]) });
  const summary = history.summary();
  const bundle = JSON.parse(history.toBundleJson());
  const ndjson = history.toNdjson().trim().split('\\n');
  const csv = history.toCsv().trim().split('\\r\\n');
  const again = summarizeClaims(history.toBundleJson());
  // The same Bundle read as a download: a Response's body, and the main entry's lazy function.
  const exported = new TextEncoder().encode(history.toBundleJson());
  const streamed = await summarizeClaimsStream(new Response(exported));
  const lazyStreamed = await bb.summarizeClaimsStream(new Blob([exported]).stream());
  const streamSame = JSON.stringify(streamed) === JSON.stringify(again) && JSON.stringify(lazyStreamed) === JSON.stringify(again);
  const patient = await client.patient();
  const coverage = await client.coverage();
  let badSearch = null;
  try { await client.eobHistory({ count: 51 }); } catch (e) { badSearch = e.code; }
  // keepPages: false frees each page once parsed: nothing held, no lossless export.
  const held = history.bytesHeld;
  const lean = await client.eobHistory({ keepPages: false, types: ['pde'] });
  let leanExport = null;
  try { lean.toBundleJson(); } catch (e) { leanExport = e.code; }
  const leanCsv = lean.toCsv().length > 0;
  const leanHeld = lean.bytesHeld;
  lean.free();
  return { held, exportedBytes: exported.byteLength, leanHeld, leanExport, leanCsv, length: history.length, total: history.total, progress, summaryClaims: summary.claims,
    summaryLines: summary.lines, bundleEntries: bundle.entry.length, ndjsonLines: ndjson.length,
    csvRows: csv.length - 1, againClaims: again.claims, againLines: again.lines, streamSame,
    patientId: patient && patient.id, coverageCount: coverage.length, badSearch, sameEnv, otherEnv };
};
window.ready = true;
</script>`;

before(async () => {
  cpSync(path.join(root, 'pkg'), path.join(site, 'pkg'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), PAGE);
  pages = await serveDir(site);
  sandbox = await startSandbox(['--quiet']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await pages?.close();
  rmSync(site, { recursive: true, force: true });
});

test('whole history of the heavy user: every claim once, progress, summary and exports agree', async () => {
  const page = await browser.newPage();
  await page.goto(`${pages.url}/index.html`);
  await page.waitForFunction(() => window.ready);
  const r = await page.evaluate(([env]) => window.run(env, 1), [sandbox.url]);
  await page.close();
  assert.ok(r.total >= 2000, `heavy user total ${r.total}`);
  assert.equal(r.length, r.total);
  assert.equal(r.summaryClaims, r.total);
  assert.equal(r.bundleEntries, r.total);
  assert.equal(r.ndjsonLines, r.total);
  assert.ok(r.csvRows >= r.total, 'at least one CSV row per claim');
  assert.equal(r.againClaims, r.summaryClaims);
  assert.equal(r.streamSame, true, 'summarizeClaimsStream (claims entry and main entry) equals summarizeClaims');
  assert.equal(r.againLines, r.summaryLines);
  const last = r.progress.at(-1);
  assert.deepEqual(last, [r.total, r.total]);
  assert.ok(r.progress.length >= 48, `progress per page (${r.progress.length})`);
  assert.match(r.patientId, /^-\d+$/);
  assert.ok(r.coverageCount >= 1);
  assert.equal(r.badSearch, 'count_out_of_range');
  // The kept pages are counted, held packed: a fraction of the JSON they export.
  assert.ok(r.held > 10_000 && r.held * 3 < r.exportedBytes, `the kept pages are counted: ${r.held} of ${r.exportedBytes}`);
  assert.equal(r.leanHeld, 0);
  assert.equal(r.leanExport, 'pages_not_kept');
  assert.equal(r.leanCsv, true);
  // The session's token is never pointed at another environment's API.
  assert.equal(r.sameEnv, true);
  assert.equal(r.otherEnv?.code, 'environment_mismatch');
  assert.match(r.otherEnv.message, /issued for http:\/\/127\.0\.0\.1:\d+.*cannot be sent to https:\/\/api\.bluebutton\.cms\.gov/);
});
