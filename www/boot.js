// Loads the app without any inline script, so the CSP needs no hash or nonce: Trunk writes
// the hashed file names into this script tag's data attributes (Trunk.toml pattern_script).
const boot = document.getElementById('boot');
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
