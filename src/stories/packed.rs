//! Bytes hashed and compressed a chunk at a time as they are made, so that a large file is
//! never held uncompressed whole (the kept stories of a large briefing are as large as its text).

use std::io::{self, Write};

use crate::ingest::cache::{content_hash, put_u64};

/// The uncompressed bytes are hashed and compressed a chunk of this size at a time.
const CHUNK: usize = 1 << 20;

/// The compressed file being made, and what its head will say of the uncompressed bytes.
pub(super) struct Packed {
    z: flate2::write::ZlibEncoder<Vec<u8>>,
    len: u64,
    /// The hash of each chunk of the uncompressed bytes, in order.
    sums: Vec<u8>,
}

impl Packed {
    /// Compressed bytes go after `head`.
    pub(super) fn new(head: Vec<u8>) -> Packed {
        Packed {
            z: flate2::write::ZlibEncoder::new(head, flate2::Compression::fast()),
            len: 0,
            sums: Vec::new(),
        }
    }

    /// Hashes and compresses the whole chunks at the front of `raw` (all of it when `last`).
    pub(super) fn take(&mut self, raw: &mut Vec<u8>, last: bool) {
        let whole = if last {
            raw.len()
        } else {
            raw.len() / CHUNK * CHUNK
        };
        if whole == 0 {
            return;
        }
        for chunk in raw[..whole].chunks(CHUNK) {
            put_u64(&mut self.sums, content_hash(chunk));
        }
        let _ = self.z.write_all(&raw[..whole]);
        self.len += whole as u64;
        raw.drain(..whole);
    }

    /// The head and the compressed bytes, with the length and `chunked_hash` of the
    /// uncompressed bytes written at `at` in the head (16 bytes left for them).
    pub(super) fn finish(self, at: usize) -> io::Result<Vec<u8>> {
        let mut out = self.z.finish()?;
        out[at..at + 8].copy_from_slice(&self.len.to_le_bytes());
        out[at + 8..at + 16].copy_from_slice(&content_hash(&self.sums).to_le_bytes());
        Ok(out)
    }
}

/// The hash the head gives of uncompressed bytes: one of the hashes of its chunks.
pub(super) fn chunked_hash(raw: &[u8]) -> u64 {
    let mut sums = Vec::with_capacity(8 * raw.len().div_ceil(CHUNK));
    for chunk in raw.chunks(CHUNK) {
        put_u64(&mut sums, content_hash(chunk));
    }
    content_hash(&sums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_head_gives_the_length_and_hash_of_the_bytes_however_they_were_fed() {
        let raw: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i * 7 % 251) as u8).collect();
        let mut packed = Packed::new(vec![0; 16]);
        let mut buffer = Vec::new();
        for piece in raw.chunks(CHUNK / 3 + 5) {
            buffer.extend_from_slice(piece);
            packed.take(&mut buffer, false);
            assert!(buffer.len() < CHUNK);
        }
        packed.take(&mut buffer, true);
        let out = packed.finish(0).expect("in memory");
        assert_eq!(out[..8], (raw.len() as u64).to_le_bytes());
        assert_eq!(out[8..16], chunked_hash(&raw).to_le_bytes());
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&out[16..])
            .read_to_end(&mut back)
            .expect("zlib");
        assert_eq!(back, raw);
    }
}
