// The set-up the quick single-table scripts (table-only.mjs, memory-only.mjs) share: the bench
// page served from target/bench/site with the current pkg/ (or BENCH_PKG) and bench/page copied
// in, and a headless Chromium with the memory probes on.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/support/browser.mjs';

export const root = path.resolve(fileURLToPath(import.meta.url), '../..');
export const site = path.join(root, 'target/bench/site');

/** Copies the package to time (BENCH_PKG=dir, else pkg/) and the bench page into the site. */
export async function prepareSite() {
  const pkgDir = path.resolve(root, process.env.BENCH_PKG || 'pkg');
  rmSync(path.join(site, 'pkg'), { recursive: true, force: true });
  cpSync(pkgDir, path.join(site, 'pkg'), { recursive: true });
  cpSync(path.join(root, 'bench/page'), site, { recursive: true });
  cpSync(path.join(root, 'bench/js-summary.mjs'), path.join(site, 'js-summary.mjs'));
  await build({ entryPoints: [path.join(root, 'bench/vendor-entry.mjs')], bundle: true, format: 'esm',
    platform: 'browser', target: 'es2022', outfile: path.join(site, 'vendor.js'), logLevel: 'error' });
}

/** Headless Chromium (Debian's, or CHROMIUM) with precise memory figures and `gc()`. */
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
}
