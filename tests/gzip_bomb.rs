//! A gzip bomb (1 GiB of zeros, about 1 MB compressed) through `inflate_capped` with a 64 MiB
//! cap: refused with `DecompressedTooLarge` (checklist R31). With an honest trailer (ISIZE =
//! 1 GiB, over the cap) nothing is buffered, so the process's peak resident memory does not
//! move; with a lying trailer (ISIZE just under the cap) the buffer is the cap at most. This
//! file holds one test so that VmHWM is its own.
//!
//! The bomb is built with miniz_oxide's streaming compressor: a 1 MiB chunk of zeros is
//! compressed with a full flush (which resets the dictionary and byte-aligns the output), so
//! every chunk after the first compresses to the same bytes, which are then repeated. The
//! construction is checked on a small bomb that is inflated completely.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::http::gzip::{crc32, inflate_capped, GzipError};

#[path = "support/zeros_gzip.rs"]
mod zeros_gzip;
use zeros_gzip::{zeros_gzip, MIB};

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_one_gib_bomb_is_refused_at_the_cap_with_bounded_memory() {
    // The construction is sound: 8 MiB of zeros built this way inflates exactly.
    let small = zeros_gzip(8, crc32(&vec![0u8; 8 * MIB]), 8 * MIB as u32);
    assert_eq!(inflate_capped(&small, 8 * MIB).unwrap().len(), 8 * MIB);
    assert_eq!(
        inflate_capped(&small, 8 * MIB - 1),
        Err(GzipError::DecompressedTooLarge { max: 8 * MIB - 1 })
    );
    drop(small);

    // CRC32 of 2^30 zero bytes (`head -c 1073741824 /dev/zero | gzip -c | tail -c 8`).
    // ISIZE is the length mod 2^32: 2^30 fits.
    let bomb = zeros_gzip(1024, 0x5B64_C2B0, 1 << 30);
    let before = vm_hwm_kib();
    let cap = 64 * MIB;
    let started = std::time::Instant::now();
    let result = inflate_capped(&bomb, cap);
    let elapsed = started.elapsed();
    assert_eq!(result, Err(GzipError::DecompressedTooLarge { max: cap }));
    let after = vm_hwm_kib();
    eprintln!(
        "gzip bomb: {} bytes compressed, claims {} bytes; refused at the {} MiB cap in {:?}; \
         VmHWM before {:?} KiB, after {:?} KiB",
        bomb.len(),
        1024 * MIB,
        cap / MIB,
        elapsed,
        before,
        after
    );
    assert!(bomb.len() < 2 * MIB, "the bomb is small: {}", bomb.len());
    if let (Some(before), Some(after)) = (before, after) {
        // The trailer says 1 GiB, over the cap: only counted, never buffered.
        assert!(
            after - before < 8 * 1024,
            "peak RSS grew by {} KiB for a bomb whose trailer is honest",
            after - before
        );
    }

    // The same bomb lying in its trailer (ISIZE one byte under the cap): the buffer is
    // allocated at that size once, the output outgrows it, and it is refused at the cap.
    let liar = zeros_gzip(1024, 0x5B64_C2B0, (cap - 1) as u32);
    let before = vm_hwm_kib();
    let result = inflate_capped(&liar, cap);
    assert_eq!(result, Err(GzipError::DecompressedTooLarge { max: cap }));
    let after = vm_hwm_kib();
    eprintln!(
        "lying trailer (ISIZE {}): VmHWM before {before:?} KiB, after {after:?} KiB",
        cap - 1
    );
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after - before < (cap / 1024 + 8 * 1024) as u64,
            "peak RSS grew by {} KiB, more than the {} MiB cap",
            after - before,
            cap / MIB
        );
    }
}
