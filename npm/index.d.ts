export * from './web/bluebutton_wasm.js';
