// Whole-history download strategies against the sandbox (another origin, CORS). Peers' plans
// in plain fetch; ours through the package (BlueButtonSession.fromTokenResponse + eobHistory).
import * as bb from './pkg/index.js';
import initData from './pkg/web/bluebutton_wasm.js';

const now = () => performance.now();

export async function mintToken(sandbox, user) {
  const res = await fetch(`${sandbox}/sandbox/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, version: 'v2' }),
  });
  return res.text();
}

async function getJson(url, token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** What fhirclient's request({ pageLimit: 0 }) and most peers do: follow `next` links. */
export async function sequential(sandbox, tokenText, count) {
  const token = JSON.parse(tokenText).access_token;
  let url = `${sandbox}/v2/fhir/ExplanationOfBenefit/?_count=${count}`;
  let claims = 0;
  let pages = 0;
  const t0 = now();
  while (url) {
    const page = await getJson(url, token);
    claims += page.entry?.length ?? 0;
    pages++;
    url = page.link?.find((l) => l.relation === 'next')?.url;
  }
  return { ms: now() - t0, claims, pages };
}

/** Our plan in plain JS: the first page, then every startIndex offset, `width` in flight. */
export async function concurrentJs(sandbox, tokenText, count, width) {
  const token = JSON.parse(tokenText).access_token;
  const base = `${sandbox}/v2/fhir/ExplanationOfBenefit/?_count=${count}`;
  const t0 = now();
  const first = await getJson(base, token);
  const offsets = [];
  for (let s = count; s < first.total; s += count) offsets.push(s);
  const pages = new Array(offsets.length);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const i = next++;
      pages[i] = await getJson(`${base}&startIndex=${offsets[i]}`, token);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, offsets.length) }, worker));
  const claims = (first.entry?.length ?? 0) + pages.reduce((n, p) => n + (p.entry?.length ?? 0), 0);
  return { ms: now() - t0, claims, pages: offsets.length + 1 };
}

/** The library: eobHistory (typed parse of every page, de-duplication, total check). */
export async function ours(sandbox, tokenText, count, width) {
  const session = bb.BlueButtonSession.fromTokenResponse(tokenText, { env: sandbox, version: 2, clientId: 'bbwasm-local-public' });
  const client = session.client(sandbox, 2);
  const t0 = now();
  const history = await client.eobHistory({ count, concurrency: width });
  const ms = now() - t0;
  const claims = history.length;
  history.free();
  return { ms, claims, pages: Math.ceil(claims / count) };
}

/**
 * Memory of a downloaded history (issue 15): the data part's wasm memory before and after
 * `eobHistory({ keepPages })` with the history held, against the typed claims' own size (their
 * JSON text, `JSON.stringify(history.claims())`) and the page bytes it holds (`bytesHeld`).
 * Run in a fresh page: wasm memory never shrinks, so the growth is this download's high-water mark.
 */
export async function oursMemory(sandbox, tokenText, count, width, keepPages) {
  const session = bb.BlueButtonSession.fromTokenResponse(tokenText, { env: sandbox, version: 2, clientId: 'bbwasm-local-public' });
  const client = session.client(sandbox, 2);
  const wasm = await initData(); // the data part's exports (already initialised: the same instance)
  const before = wasm.memory.buffer.byteLength;
  const history = await client.eobHistory({ count, concurrency: width, keepPages });
  const after = wasm.memory.buffer.byteLength;
  const typedBytes = new TextEncoder().encode(JSON.stringify(history.claims())).length;
  const out = { claims: history.length, before, after, typedBytes, bytesHeld: history.bytesHeld };
  history.free();
  return out;
}

/** The transfer part of the lower bound: the whole history in one gzip body. */
export async function exportBody(sandbox, tokenText) {
  const token = JSON.parse(tokenText).access_token;
  const t0 = now();
  const res = await fetch(`${sandbox}/v2/fhir/ExplanationOfBenefit/$export.json.gz`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.arrayBuffer();
  return { ms: now() - t0, bytes: body.byteLength };
}
