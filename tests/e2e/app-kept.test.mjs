// Claims kept on this device (issue 14): opt-in, sealed in IndexedDB under a non-extractable
// key; shown at once on the next visit before any sign-in; after sign-in only `_lastUpdated`
// searches are sent and merged by id; "Forget this device" and sign-out wipe store and key; a
// store that does not read back is dropped with a sentence, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, site, waitForClaims, fillConnectForm, consent } from './app-helpers.mjs';

setup();

const USER = '00005';

/** Connects (remember ticked or not) through the sandbox's consent page. */
async function signIn(page, { remember }) {
  if (!page.url().startsWith(site.url)) await page.goto(`${site.url}/`);
  await fillConnectForm(page);
  if (remember) await page.check('#remember'); else await page.uncheck('#remember');
  await page.collectCsp();
  await page.click('#connect');
  await consent(page, USER);
  await page.waitForURL((u) => u.href.startsWith(site.url));
}

/** Waits until the app's IndexedDB store holds its one record (the kept history). */
async function waitForOneRecord(page) {
  await page.waitForFunction(async () => {
    const db = await new Promise((ok) => { const o = indexedDB.open('bluebutton-wasm'); o.onsuccess = () => ok(o.result); });
    const n = await new Promise((ok) => { const r = db.transaction('records').objectStore('records').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return n === 1;
  }, null, { timeout: 30000 });
}

/** What this origin holds: IndexedDB databases and their records, and both storages. */
async function held(page) {
  return page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    let records = 0;
    let plaintext = false;
    if (dbs.includes('bluebutton-wasm')) {
      const db = await new Promise((ok, fail) => { const o = indexedDB.open('bluebutton-wasm'); o.onsuccess = () => ok(o.result); o.onerror = () => fail(o.error); });
      const all = await new Promise((ok) => { const r = db.transaction('records').objectStore('records').getAll(); r.onsuccess = () => ok(r.result); });
      records = all.length;
      plaintext = all.some((r) => new TextDecoder().decode(new Uint8Array(r.data)).includes('ExplanationOfBenefit'));
      db.close();
    }
    return { dbs, records, plaintext, local: Object.keys(localStorage), session: Object.keys(sessionStorage) };
  });
}

test('kept claims: shown before sign-in on the next visit, then only what changed is asked for', async () => {
  const page = await newPage();
  await signIn(page, { remember: true });
  await waitForClaims(page);
  const count = async () => (await page.$eval('#download-done', (e) => e.textContent)).match(/([\d,]+) (final )?claims/)?.[1];
  const total = await count();
  assert.ok(total, 'a claim count is shown');
  await page.waitForFunction(() => indexedDB.databases().then((d) => d.some((x) => x.name === 'bluebutton-wasm')));
  await waitForOneRecord(page);
  const stored = await held(page);
  assert.equal(stored.records, 1);
  assert.equal(stored.plaintext, false, 'sealed, not readable in IndexedDB');
  assert.deepEqual(stored.local, ['bluebutton-www:remember'], 'only the choice in localStorage');

  // The next visit: the claims are there at once, before any sign-in, with their date.
  const eobRequests = [];
  page.on('request', (r) => { if (r.url().includes('/ExplanationOfBenefit')) eobRequests.push(r.url()); });
  await page.goto(`${site.url}/claims`);
  await page.waitForSelector('#kept-banner', { timeout: 30000 });
  // When they were downloaded, in words a person reads ("December 6, 2026 at 5:14 AM").
  assert.match(await page.textContent('#kept-banner'), /Downloaded [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M\./);
  await page.waitForSelector('tbody tr');
  assert.equal(eobRequests.length, 0, 'nothing asked of the server before sign-in');
  assert.equal(await page.$('#sign-out'), null, 'not signed in');

  // Sign in: only `_lastUpdated=gt…` searches, merged into the kept claims.
  await page.click('#kept-connect');
  await signIn(page, { remember: true });
  await page.waitForFunction(() => /Synced at/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 60000 });
  assert.ok(eobRequests.length >= 1, 'a sync ran');
  for (const url of eobRequests) {
    assert.match(decodeURIComponent(url), /_lastUpdated=gt\d{4}-/, `only what changed: ${url}`);
  }
  assert.equal(await count(), total, 'the same claims');

  // Forget this device: store, key and choice are gone.
  await page.uncheck('#remember');
  await page.waitForFunction(() => indexedDB.databases().then((d) => !d.some((x) => x.name === 'bluebutton-wasm')), null, { timeout: 10000 });
  assert.deepEqual((await held(page)).local, []);
  await page.reload();
  await page.waitForSelector('#sign-out, #connect');
  assert.equal(await page.$('#kept-banner'), null);
  await done(page);
});

test('sign-out wipes the kept claims and the key; a store that does not read back is dropped with a sentence', async () => {
  const page = await newPage();
  await signIn(page, { remember: true });
  await waitForClaims(page);
  await page.waitForFunction(() => indexedDB.databases().then((d) => d.some((x) => x.name === 'bluebutton-wasm')));
  await page.click('#sign-out');
  await page.waitForFunction(() => indexedDB.databases().then((d) => !d.some((x) => x.name === 'bluebutton-wasm')), null, { timeout: 10000 });
  assert.deepEqual((await held(page)).local, []);

  // Kept again, then damaged: the next visit says so and shows the connect screen.
  await signIn(page, { remember: true });
  await waitForClaims(page);
  await waitForOneRecord(page);
  await page.evaluate(async () => {
    const db = await new Promise((ok) => { const o = indexedDB.open('bluebutton-wasm'); o.onsuccess = () => ok(o.result); });
    await new Promise((ok) => {
      const t = db.transaction('records', 'readwrite');
      const s = t.objectStore('records');
      const r = s.get('history');
      r.onsuccess = () => { const rec = r.result; rec.data = new Uint8Array(rec.data).map((b, i) => (i === 5 ? b ^ 1 : b)).buffer; s.put(rec, 'history'); };
      t.oncomplete = ok;
    });
    db.close();
  });
  await page.goto(`${site.url}/`);
  await page.waitForFunction(() => /could not be read/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  assert.equal(await page.$('#kept-banner'), null);
  assert.equal((await held(page)).records, 0, 'the damaged record is gone');
  await done(page);
});
