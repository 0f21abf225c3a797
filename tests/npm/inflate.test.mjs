// inflateGzip in Node 20 on pkg/ (built by scripts/build-pkg.sh): Node has DecompressionStream,
// so the fast path runs here; every broken body gets the core's typed error, and a bomb is
// refused at the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const { inflateGzip } = await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href);

const json = Buffer.from(JSON.stringify({ resourceType: 'Bundle',
  entry: Array.from({ length: 5000 }, (_, i) => ({ resource: { id: `eob-${i}`, total: i * 37 % 1000 } })) }));
const gz = new Uint8Array(zlib.gzipSync(json));
const n = gz.length;
const with_ = (bytes, edit) => { const b = new Uint8Array(bytes); edit(b); return b; };
const concat = (...parts) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

const code = async (p) => { try { await p; return 'ok'; } catch (e) { return e.code; } };

test('inflateGzip gives the bytes back, from a Uint8Array or an ArrayBuffer', async () => {
  assert.ok(typeof DecompressionStream === 'function', 'Node 20 has DecompressionStream');
  assert.deepEqual(Buffer.from(await inflateGzip(gz)), json);
  assert.deepEqual(Buffer.from(await inflateGzip(gz.slice().buffer)), json);
  assert.deepEqual(Buffer.from(await inflateGzip(gz, json.length)), json, 'a cap of exactly the size');
});

test('inflateGzip: each broken body has its typed error', async () => {
  const cases = {
    gzip_not_gzip: json,
    gzip_truncated: concat(gz.subarray(0, n - 8), gz.subarray(n - 4)),
    gzip_crc_mismatch: with_(gz, (b) => { b[n - 8] ^= 0xff; }),
    gzip_corrupt: with_(gz, (b) => { b[10] = 0xff; }),
    gzip_trailing_data: concat(gz, Buffer.from('xx'), gz.subarray(n - 4)),
    gzip_length_mismatch: with_(gz, (b) => { b.set(new Uint8Array(new Uint32Array([json.length - 1]).buffer), n - 4); }),
  };
  for (const [want, body] of Object.entries(cases)) assert.equal(await code(inflateGzip(body)), want, want);
  assert.equal(await code(inflateGzip(gz, json.length - 1)), 'decompressed_too_large');
  for (const bad of ['text', 7, null, {}]) assert.equal(await code(inflateGzip(bad)), 'invalid_argument');
  for (const bad of [-1, 1.5, NaN]) assert.equal(await code(inflateGzip(gz, bad)), 'invalid_argument');
});

test('inflateGzip refuses a bomb at the cap, whatever its trailer says', async () => {
  const zeros = new Uint8Array(zlib.gzipSync(Buffer.alloc(64 << 20), { level: 9 }));
  const cap = 8 << 20;
  const lying = with_(zeros, (b) => { b.set(new Uint8Array(new Uint32Array([cap - 1]).buffer), b.length - 4); });
  for (const bomb of [zeros, lying]) assert.equal(await code(inflateGzip(bomb, cap)), 'decompressed_too_large');
});

test('inflateGzip: a header with a file name, or one longer than the 64 KiB read for it, still inflates', async () => {
  // gzip with FNAME set: the header ends after the name's NUL.
  const member = (name) => {
    const header = Buffer.from([0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 0xff]);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(zlib.crc32(json), 0);
    trailer.writeUInt32LE(json.length, 4);
    return concat(header, Buffer.from(`${name}\0`, 'latin1'), zlib.deflateRawSync(json), trailer);
  };
  assert.deepEqual(Buffer.from(await inflateGzip(member('eob.json'))), json, 'short name: the DecompressionStream path');
  const long = member('n'.repeat(70_000));
  assert.deepEqual(Buffer.from(await inflateGzip(long)), json, 'a 70 KB name: the miniz_oxide path');
  assert.equal(await code(inflateGzip(long.subarray(0, 60_000))), 'gzip_truncated_header');
});
