// The reference app parses and summarises downloaded pages in a Web Worker (issue 14, "Off
// the main thread"): the worker is started, it parsed every page, the main thread parsed
// none; opening a claim, the CSV export and the Overview's patient and coverage are parsed in
// the worker too; and with the worker blocked nothing is parsed on the main thread: the page
// says so and asks for a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, sandboxTotal, connect, waitForClaims, download } from './app-helpers.mjs';

setup();

/** What the overview shows of a download. */
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

/** Opens the first claim of the table: its detail's text. */
async function firstClaim(page) {
  await page.click('#tab-claims');
  await page.locator('#claims-table tbody tr a').first().click();
  await page.waitForSelector('#claim-detail');
  return page.textContent('#claim-detail');
}

/** The CSV export's text. */
async function csv(page) {
  await page.click('#tab-export');
  return download(page, '#export-csv');
}

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
  const pages = Math.ceil(total / 50);
  const workerPages = () => parser.evaluate(() => self.bbWorkerParsedPages);
  // Opening a claim: its page is parsed again, in the worker.
  const detail = await firstClaim(page);
  assert.match(detail, /Claim id/);
  assert.equal(await workerPages(), pages + 1, 'the claim\'s page was parsed in the worker');
  // The CSV export: every page parsed again, in the worker.
  const lines = await csv(page);
  assert.match(lines, /^claim_id,claim_type,/);
  assert.ok(lines.trim().split('\r\n').length > total, 'at least one line per claim');
  assert.equal(await workerPages(), 2 * pages + 1, 'the CSV\'s pages were parsed in the worker');
  assert.match(await page.textContent('#export-message'), /^Saved medicare-claim-lines-/);
  assert.equal(await mainThreadPages(page), 0, 'the main thread parsed no page');
  await done(page);

  // The worker blocked (as by a CSP or a blocked script): the page parses nothing itself (it
  // links no FHIR parser); the download and the Overview's reads say so, with a reload.
  const blocked = await newPage();
  const notes = [];
  blocked.on('console', (m) => notes.push(m.text()));
  await blocked.context().route('**/worker-bin_loader.js', (r) => r.fulfill({ status: 404, body: '' }));
  await connect(blocked, { user: '00001' });
  await blocked.waitForSelector('#download-error', { timeout: 120000 });
  const said = await blocked.textContent('#download-error');
  assert.match(said, /could not start its claims reader/);
  assert.match(said, /reload the page/);
  await blocked.waitForSelector('#coverage-error');
  assert.match(await blocked.textContent('#coverage-error'), /reload the page/);
  assert.equal(await mainThreadPages(blocked), 0);
  assert.ok(notes.some((n) => /parse worker (could not start|stopped)/.test(n)), `console note (${notes.join(' | ')})`);
  await done(blocked);
});
