// Node 20 entry: instantiates the .wasm synchronously from the package folder.
import { readFileSync } from 'node:fs';
import { initSync } from './web/bluebutton_wasm.js';

initSync({ module: readFileSync(new URL('./web/bluebutton_wasm_bg.wasm', import.meta.url)) });

export * from './web/bluebutton_wasm.js';
