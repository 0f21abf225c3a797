//! The test module's wasm linear memory, for the memory probes (it never shrinks, so a
//! reading after some work is that work's high-water mark).
use wasm_bindgen::JsCast;

/// The size of this module's linear memory in bytes.
pub fn wasm_memory_bytes() -> usize {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as usize
}
