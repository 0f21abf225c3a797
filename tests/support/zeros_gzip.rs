//! A gzip bomb builder shared by `tests/gzip_bomb.rs` and the Chromium tests
//! (`tests/browser/inflate.rs`): a 1 MiB chunk of zeros is compressed with a full flush
//! (which resets the dictionary and byte-aligns the output), so every chunk after the first
//! compresses to the same bytes, which are then repeated; building a 1 GiB bomb needs 1 MiB.
#![allow(dead_code)]

use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::{MZFlush, MZStatus};

pub const MIB: usize = 1024 * 1024;

/// Compresses `input` into raw deflate with the given flush, draining all output.
pub fn step(c: &mut CompressorOxide, input: &[u8], flush: MZFlush) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut pos = 0;
    loop {
        let r = deflate(c, &input[pos..], &mut buf, flush);
        pos += r.bytes_consumed;
        out.extend_from_slice(&buf[..r.bytes_written]);
        match r.status {
            Ok(MZStatus::StreamEnd) => return out,
            Ok(_) if pos == input.len() && r.bytes_written < buf.len() => return out,
            Ok(_) => {}
            Err(e) => panic!("deflate failed: {e:?}"),
        }
    }
}

/// A gzip member of `mib` MiB of zeros (raw deflate from repeated full-flushed chunks),
/// with the given CRC and ISIZE in its trailer.
pub fn zeros_gzip(mib: usize, crc: u32, isize: u32) -> Vec<u8> {
    assert!(mib >= 3);
    // Raw deflate (negative window bits), best compression.
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let zeros = vec![0u8; MIB];
    let first = step(&mut c, &zeros, MZFlush::Full);
    let steady = step(&mut c, &zeros, MZFlush::Full);
    assert_eq!(
        steady,
        step(&mut c, &zeros, MZFlush::Full),
        "full-flushed chunks compress alike"
    );
    let last = step(&mut c, &[], MZFlush::Finish);
    let mut out = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 2, 0xff];
    out.extend_from_slice(&first);
    for _ in 1..mib {
        out.extend_from_slice(&steady);
    }
    out.extend_from_slice(&last);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&isize.to_le_bytes());
    out
}
