// Browser and bundler entry: fetches and instantiates the .wasm once (top-level await),
// so `import { createPkcePair } from 'bluebutton-wasm'` needs no set-up call.
import init from './web/bluebutton_wasm.js';

await init();

export * from './web/bluebutton_wasm.js';
