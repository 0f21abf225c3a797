// parseBundle builds its objects with JSON.parse of the typed value's JSON, written in 1 MiB
// pieces (src/js/json_text.rs): text with multi-byte characters across the piece boundaries
// comes through whole, in Node 20 on pkg/ (built by scripts/build-pkg.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const { parseBundle } = await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href);

test('parseBundle keeps multi-byte text whole across its 1 MiB pieces', () => {
  // Names of 1 to 4 UTF-8 bytes per character, with varying lengths so that boundaries fall
  // inside characters of every width.
  const names = Array.from({ length: 30000 }, (_, i) => `Zoë Ñandú 名前 🩺 ${'é'.repeat(i % 7)}${'€'.repeat(i % 5)} ${i}`);
  const bundle = { resourceType: 'Bundle', type: 'searchset',
    entry: names.map((text, i) => ({ resource: { resourceType: 'Patient', id: `p${i}`, name: [{ text }] } })) };
  const json = JSON.stringify(bundle);
  assert.ok(Buffer.byteLength(json) > 3 << 20, 'several pieces');
  const parsed = parseBundle(json);
  assert.equal(parsed.entry.length, names.length);
  parsed.entry.forEach((e, i) => assert.equal(e.resource.name[0].text, names[i], `entry ${i}`));
});
