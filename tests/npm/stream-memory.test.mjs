// The streaming summary's memory bound, in Node 20 on pkg/: summarising a 32 MB Bundle (in
// 64 KiB chunks, through ClaimSummarizer, summarizeClaimsStream and summarizeClaims(bytes))
// grows the data part's wasm memory by at most 16 MiB, and a body four times larger grows it no
// more than the first. (Memory, not speed: wasm memory only grows, so its size is exact.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const m = await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href);
// The entry has instantiated the module; initSync hands back that same instance.
const { initSync } = await import(pathToFileURL(path.join(root, 'pkg/web/bluebutton_wasm.js')).href);
const wasm = initSync();
const MiB = 1024 * 1024;

/** A Bundle of about `mb` MB of carrier claims. */
function bundle(mb) {
  const entry = (i) => JSON.stringify({ resource: { resourceType: 'ExplanationOfBenefit', id: `carrier-${i}`,
    type: { coding: [{ system: 'https://bluebutton.cms.gov/resources/codesystem/eob-type', code: 'CARRIER' }] },
    item: Array.from({ length: 3 }, (_, k) => ({ sequence: k + 1, servicedDate: `2021-0${1 + (i % 9)}-1${k}`,
      adjudication: [{ category: { coding: [{ system: 'https://bluebutton.cms.gov/resources/codesystem/adjudication',
        code: 'https://bluebutton.cms.gov/resources/variables/line_nch_pmt_amt' }] }, amount: { value: 12.5, currency: 'USD' } }] })),
    payment: { amount: { value: 37.5 } }, note: 'x'.repeat(400) } });
  const parts = [];
  let size = 0;
  for (let i = 0; size < mb * 1e6; i++) {
    const e = entry(i);
    parts.push(e);
    size += e.length + 1;
  }
  return { bytes: new TextEncoder().encode(`{"resourceType":"Bundle","total":${parts.length},"entry":[${parts.join(',')}]}`),
    claims: parts.length };
}

const chunks = (bytes, size = 64 * 1024) => Array.from({ length: Math.ceil(bytes.length / size) },
  (_, k) => bytes.subarray(k * size, (k + 1) * size));

test('the streamed summary holds one entry, not the body: wasm memory grows by at most 16 MiB', async () => {
  const growth = {};
  for (const mb of [8, 32]) {
    const { bytes, claims } = bundle(mb);
    const before = wasm.memory.buffer.byteLength;
    const s = new m.ClaimSummarizer();
    for (const c of chunks(bytes)) s.push(c);
    assert.equal(s.finish().claims, claims);
    const stream = new ReadableStream({ start(ctl) { for (const c of chunks(bytes)) ctl.enqueue(c); ctl.close(); } });
    assert.equal((await m.summarizeClaimsStream(stream)).claims, claims);
    assert.equal(m.summarizeClaims(bytes).claims, claims);
    growth[mb] = wasm.memory.buffer.byteLength - before;
    assert.ok(growth[mb] <= 16 * MiB, `${mb} MB body: wasm memory grew by ${(growth[mb] / MiB).toFixed(1)} MiB`);
  }
  assert.ok(growth[32] <= growth[8] + MiB, `no growth with the input: ${JSON.stringify(growth)}`);
  console.log(`wasm memory growth: 8 MB body ${(growth[8] / MiB).toFixed(1)} MiB, 32 MB body ${(growth[32] / MiB).toFixed(1)} MiB`);
});
