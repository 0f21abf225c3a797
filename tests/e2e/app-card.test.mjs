// The reference app's v3 Digital Insurance Card against the local sandbox, in headless
// Chromium: the tab exists on v3 sessions only, the card shows the member, the Medicare
// number, every part and the payer's phones, and printing shows the card alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, shot, connect } from './app-helpers.mjs';

setup();

test('v3: the insurance card tab draws the card and prints it alone', async () => {
  const page = await newPage();
  await connect(page, { user: '00001', version: 3 });
  await page.waitForSelector('#tab-card');
  await page.click('#tab-card');
  await page.waitForSelector('#insurance-card');
  assert.ok((await page.textContent('#card-name')).trim().length > 0);
  assert.match(await page.textContent('#card-mbi'), /^1S[0-9A-Z]{2}-[0-9A-Z]{3}-[0-9A-Z]{4}$/);
  const parts = await page.locator('#card-parts tbody th').allTextContents();
  assert.deepEqual(parts, ['Part A', 'Part B', 'Part C', 'Part D', 'Dual Medicare/Medicaid']);
  const payer = await page.textContent('#card-payer');
  assert.match(payer, /Centers for Medicare and Medicaid Services/);
  assert.match(payer, /1-800-633-4227/);
  assert.match(payer, /TTY 1-877-486-2048/);
  assert.equal(await page.getAttribute('#card-payer a', 'href'), 'https://www.medicare.gov');
  await shot(page, 'insurance-card-desktop');

  // Print media: the card stays, the app around it (title, tabs, buttons) is hidden.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible('#insurance-card'));
  for (const hidden of ['nav.tabs', 'header.top h1', '#print-card', '#sign-out']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.isVisible('nav.tabs'));
  await done(page);
});

test('v2: no insurance card tab', async () => {
  const page = await newPage();
  await connect(page, { user: '00005', version: 2 });
  await page.waitForSelector('#tab-overview');
  assert.equal(await page.locator('#tab-card').count(), 0);
  await done(page);
});
