// The reference app parses and summarises downloaded pages in a Web Worker (issue 14, "Off
// the main thread"): the worker is started, it parsed every page, the main thread parsed
// none; and with the worker blocked the app falls back to the main thread with the same
// result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, sandboxTotal, connect, waitForClaims } from './app-helpers.mjs';

setup();

/** What the overview shows of a download (compared between the worker and the fallback). */
async function result(page) {
  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');
  const firstRows = await page.locator('#claims-table tbody tr').allTextContents();
  const showing = await page.textContent('#claims-showing');
  await page.click('#tab-overview');
  await page.waitForSelector('#claim-count');
  return {
    count: await page.textContent('#claim-count'),
    paid: await page.textContent('#total-paid'),
    done: await page.textContent('#download-done'),
    showing,
    firstRows,
  };
}

const mainThreadPages = (page) => page.evaluate(() => window.bbMainThreadParsedPages ?? 0);

test('the heavy user download is parsed in the worker, not on the main thread', async () => {
  const total = await sandboxTotal(1);
  const page = await newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await connect(page, { user: '00001' });
  await waitForClaims(page);
  const parser = workers.find((w) => /\/worker-bin_loader\.js$/.test(w.url()));
  assert.ok(parser, `the parse worker started (workers: ${workers.map((w) => w.url()).join(', ') || 'none'})`);
  // 2,400 claims at 50 a page: every page went through the worker's parser...
  assert.equal(await parser.evaluate(() => self.bbWorkerParsedPages), Math.ceil(total / 50));
  // ...and none through the main thread's.
  assert.equal(await mainThreadPages(page), 0);
  const inWorker = await result(page);
  assert.equal(inWorker.count, total.toLocaleString('en-US'));
  // Opening a claim reads its page again on demand: the detail is there.
  await page.click('#tab-claims');
  await page.locator('#claims-table tbody tr a').first().click();
  await page.waitForSelector('#claim-detail');
  await done(page);

  // The worker blocked (as by a CSP or an old browser): the same result, parsed on the main
  // thread, with a console note and no error.
  const fallback = await newPage();
  const notes = [];
  fallback.on('console', (m) => notes.push(m.text()));
  await fallback.context().route('**/worker-bin_loader.js', (r) => r.fulfill({ status: 404, body: '' }));
  await connect(fallback, { user: '00001' });
  await waitForClaims(fallback);
  assert.equal(await mainThreadPages(fallback), Math.ceil(total / 50));
  assert.ok(notes.some((n) => /parse worker .*main thread/.test(n)), `console note (${notes.join(' | ')})`);
  assert.deepEqual(await result(fallback), inWorker);
  await done(fallback);
});
