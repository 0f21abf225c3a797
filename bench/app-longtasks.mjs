// Main-thread long tasks (PerformanceObserver 'longtask', > 50 ms each) while the reference
// app (dist/) downloads the heavy user's history (2,400 claims, v2) from the sandbox, parsed
// in its parse worker (the page has no main-thread parser since 2026-12-06). Measured, never
// asserted; the goal is none over 200 ms.
// Alone: `node bench/app-longtasks.mjs` (needs dist/ and a sandbox binary) prints the JSON
// (RUNS=n runs each way; APP_DIST=dir another build).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir } from '../tests/support/static-server.mjs';
import { startSandbox } from '../tests/support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');

/** Records long tasks and the download's start and end (the progress bar, the done note). */
function probe() {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__dlStart === undefined && document.querySelector('#download-progress')) window.__dlStart = performance.now();
    if (window.__dlStart !== undefined && window.__dlEnd === undefined && document.querySelector('#download-done')) {
      window.__dlEnd = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function oneDownload(browser, siteUrl, sandboxUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(`${siteUrl}/`);
    await page.waitForSelector('#connect');
    await page.selectOption('#env', 'custom');
    await page.fill('#custom-url', sandboxUrl);
    await page.fill('#client-id', 'bbwasm-local-public');
    await page.selectOption('#version', '2');
    await page.click('#connect');
    await page.waitForSelector('#username');
    await page.fill('#username', 'BBUser00001');
    await page.fill('#password', 'PW00001!');
    await page.click('#allow');
    await page.waitForSelector('#download-done', { timeout: 180000 });
    await page.waitForFunction(() => window.__dlEnd !== undefined);
    const r = await page.evaluate(() => ({ start: window.__dlStart ?? 0, end: window.__dlEnd, tasks: window.__longtasks }));
    // A task that overlaps the download counts (one that started just before it too).
    const during = r.tasks.filter((t) => t.start + t.ms >= r.start && t.start <= r.end);
    return { downloadMs: r.end - r.start, count: during.length, longestMs: Math.max(0, ...during.map((t) => t.ms)),
      totalMs: during.reduce((s, t) => s + t.ms, 0), over200: during.filter((t) => t.ms > 200).length };
  } finally {
    await context.close();
  }
}

/** `runs` downloads; a notice instead when dist/ is not built. */
export async function appLongTasks(browser, { runs = 3, dist = path.join(root, 'dist') } = {}) {
  if (!existsSync(path.join(dist, 'index.html'))) return { notice: `${path.relative(root, dist) || dist} is not built (make site builds it): the app long-task probe is skipped.` };
  const site = await serveDir(dist, { fallback: 'index.html' });
  const sandbox = await startSandbox(['--quiet', '--redirect-uri', `${site.url}/`]);
  try {
    const out = { worker: [] };
    for (let i = 0; i < runs; i++) out.worker.push(await oneDownload(browser, site.url, sandbox.url));
    return out;
  } finally {
    sandbox.stop();
    await site.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { launchChromium } = await import('../tests/support/browser.mjs');
  const browser = await launchChromium();
  try {
    // APP_DIST=dir measures another build (e.g. one from before the worker).
    const dist = process.env.APP_DIST ? path.resolve(process.env.APP_DIST) : undefined;
    console.log(JSON.stringify(await appLongTasks(browser, { runs: Number(process.env.RUNS || 1), dist }), null, 1));
  } finally {
    await browser.close();
  }
}
