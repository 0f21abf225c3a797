// In-browser measures. Each call runs one operation once and returns its time (ms) plus a
// check value; run.mjs interleaves the methods and takes medians. gc() (--expose-gc) runs
// before each timed call, outside the timing, so one run's garbage does not bill the next.
import * as signIn from './pkg/index.js';
import initWasm from './pkg/web/bluebutton_wasm.js';
import { pako, oauth } from './vendor.js';
import { jsSummary } from './js-summary.mjs';
import * as download from './download.js';

// The synchronous data functions come from `bluebutton-wasm/claims` (pkg/claims.js) in the
// two-part package; a one-part package has them in index.js.
const bb = { ...signIn, ...(await import('./pkg/claims.js').catch(() => ({}))) };
const wasm = await initWasm(); // the data part, already initialised by claims.js: the same exports
// The size-first experiment, not shipped (bench/build-variant.sh: opt-level "z" + wasm-opt -Oz),
// when run.mjs copied it next to pkg/ (the shipped build: opt-level 3 + wasm-opt -O3).
const variant = await import('./pkg-variant/index.js').catch(() => null);
const inputs = new Map();
const gc = () => globalThis.gc?.();
const now = () => performance.now();

async function load(name) {
  if (!inputs.has(name)) {
    const get = async (f) => new Uint8Array(await (await fetch(`./data/${f}`)).arrayBuffer());
    const bytes = await get(`${name}.json`);
    const gz = await get(`${name}.json.gz`);
    const badGz = await get(`${name}.json.bad.gz`);
    inputs.set(name, { bytes, gz, badGz, text: new TextDecoder().decode(bytes) });
  }
  const i = inputs.get(name);
  return { bytes: i.bytes.length, gz: i.gz.length };
}

async function inflateStream(gz) {
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The bytes as a download's body: a ReadableStream of 64 KiB chunks (views, no copy). */
function chunked(bytes, size = 65536) {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) { c.close(); return; }
      c.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
}

// Every method returns a number derived from its result (so nothing is optimised away).
const SUMMARY = {
  oursBytes: (i) => bb.summarizeClaims(i.bytes).claims,
  oursStream: async (i) => (await bb.summarizeClaimsStream(chunked(i.bytes))).claims,
  oursString: (i) => bb.summarizeClaims(i.text).claims,
  jsBytes: (i) => jsSummary(JSON.parse(new TextDecoder().decode(i.bytes))).claims,
  jsString: (i) => jsSummary(JSON.parse(i.text)).claims,
  variantBytes: (i) => variant.summarizeClaims(i.bytes).claims,
};
const PARSE = {
  oursBytes: (i) => bb.parseBundle(i.bytes).entry.length,
  oursString: (i) => bb.parseBundle(i.text).entry.length,
  jsBytes: (i) => JSON.parse(new TextDecoder().decode(i.bytes)).entry.length,
  jsString: (i) => JSON.parse(i.text).entry.length,
  variantBytes: (i) => variant.parseBundle(i.bytes).entry.length,
};
// Ours, synchronous (miniz_oxide): summarizeClaims on the gzip of 'x' + JSON inflates the whole
// body, then fails on the first byte (not_json), so it times the inflate (+ a small copy-in).
// Ours, async: inflateGzip, the client's path (DecompressionStream, capped, errors named by the core).
function inflateOnly(lib, i) {
  try {
    lib.summarizeClaims(i.badGz);
  } catch (e) {
    if (e.code === 'not_json') return i.bytes.length;
    throw e;
  }
  throw new Error('expected not_json');
}
const INFLATE = {
  ours: (i) => inflateOnly(bb, i),
  oursAsync: async (i) => (await bb.inflateGzip(i.gz)).length,
  decompressionStream: async (i) => (await inflateStream(i.gz)).length,
  pako: (i) => pako.ungzip(i.gz).length,
  variant: (i) => inflateOnly(variant, i),
};
const TABLES = { summary: SUMMARY, parse: PARSE, inflate: INFLATE };

async function time(table, method, name) {
  await load(name);
  const input = inputs.get(name);
  gc();
  const t0 = now();
  const check = await TABLES[table][method](input);
  return { ms: now() - t0, check };
}

// What each path holds at its peak: the result, and for JSON.parse paths the parsed tree.
const decode = (i) => new TextDecoder().decode(i.bytes);
const HOLD = {
  summary: {
    oursBytes: (i) => bb.summarizeClaims(i.bytes),
    oursStream: (i) => bb.summarizeClaimsStream(chunked(i.bytes)),
    oursString: (i) => bb.summarizeClaims(i.text),
    jsBytes: (i) => { const t = JSON.parse(decode(i)); return [t, jsSummary(t)]; },
    jsString: (i) => { const t = JSON.parse(i.text); return [t, jsSummary(t)]; },
  },
  parse: {
    oursBytes: (i) => bb.parseBundle(i.bytes),
    oursString: (i) => bb.parseBundle(i.text),
    jsBytes: (i) => JSON.parse(decode(i)),
    jsString: (i) => JSON.parse(i.text),
  },
};

/** One probe in a fresh page: JS heap growth with the result held (no GC), wasm memory. */
async function memory(table, method, name) {
  await load(name);
  const input = inputs.get(name);
  gc();
  const heap0 = performance.memory?.usedJSHeapSize ?? null;
  const wasm0 = wasm.memory.buffer.byteLength;
  window.__held = await HOLD[table][method](input);
  const heap1 = performance.memory?.usedJSHeapSize ?? null;
  const wasm1 = wasm.memory.buffer.byteLength;
  return { heapGrowth: heap0 === null ? null : heap1 - heap0, wasmGrowth: wasm1 - wasm0, wasmTotal: wasm1 };
}

/** PKCE pairs created in `windowMs` (ours: sync; oauth4webapi: async WebCrypto). */
async function pkce(method, windowMs) {
  let n = 0;
  const t0 = now();
  let t = t0;
  if (method === 'ours') {
    while ((t = now()) - t0 < windowMs) { bb.createPkcePair(); n++; }
  } else {
    while ((t = now()) - t0 < windowMs) {
      const v = oauth.generateRandomCodeVerifier();
      await oauth.calculatePKCECodeChallenge(v);
      n++;
    }
  }
  return { perSecond: (n * 1000) / (t - t0), n };
}

window.bench = { load, time, memory, pkce, download, hasVariant: variant !== null };
window.ready = true;
