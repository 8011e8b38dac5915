//! Word clusters from unlabeled text, for tagging names the training text never saw: a new
//! company lands in the cluster of other companies, a small town in that of towns.
//!
//! `data/clusters.bin` (written by `src/bin/word-clusters.rs` from the CC0 word vectors of
//! spaCy's `en_core_web_md`) maps some 480,000 words, case kept, to one of 20,000 vector
//! rows (a fine cluster: spaCy pointed each rare word at its nearest kept row) and each row to
//! a cluster at each coarser level of [`COARSE`].
//!
//! File layout (zlib): magic, rows (u32), then for each coarse level its k (u32) and one u16
//! per row; then the word count (u32) and the words sorted by [`word_key`]: the key as a
//! varint delta from the previous one, and the row (u16).

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::sync::Arc;

use super::held::Held;

/// Cluster counts of the coarser levels, finest first.
pub const COARSE: [usize; 2] = [512, 64];

const MAGIC: &[u8; 8] = b"BCLU\x00\x00\x00\x01";
static EMBEDDED: &[u8] = include_bytes!("../../data/clusters.bin");

/// A word's clusters: its row, then its cluster at each level of [`COARSE`].
pub type Ids = [u16; 1 + COARSE.len()];

pub struct Clusters {
    /// Word keys, sorted, with their rows alongside.
    keys: Vec<u32>,
    rows: Vec<u16>,
    /// Index of the first key with each value of the top 16 bits (65,537 entries).
    starts: Vec<u32>,
    /// Row -> cluster, per coarse level.
    coarse: Vec<Vec<u16>>,
}

/// The lookup key of a word as written: FNV-1a over its bytes, folded to 32 bits.
pub fn word_key(word: &str) -> u32 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in word.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    (h ^ h >> 32) as u32
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The file's bytes for `words` (key, row), `rows` rows and each coarse level's row -> cluster.
pub fn encode(words: &[(u32, u32)], rows: usize, coarse: &[Vec<u32>]) -> Vec<u8> {
    let mut raw = MAGIC.to_vec();
    raw.extend_from_slice(&(rows as u32).to_le_bytes());
    for (level, &k) in coarse.iter().zip(&COARSE) {
        raw.extend_from_slice(&(k as u32).to_le_bytes());
        for &c in level {
            raw.extend_from_slice(&(c as u16).to_le_bytes());
        }
    }
    let mut words = words.to_vec();
    words.sort_unstable();
    words.dedup_by_key(|w| w.0);
    raw.extend_from_slice(&(words.len() as u32).to_le_bytes());
    let mut last = 0;
    for &(key, row) in &words {
        put_varint(&mut raw, key - last);
        raw.extend_from_slice(&(row as u16).to_le_bytes());
        last = key;
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw).expect("writing to memory");
    z.finish().expect("writing to memory")
}

/// Reads the decompressed file front to back.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let (a, b) = self.0.split_at_checked(n).ok_or_else(bad)?;
        self.0 = b;
        Ok(a)
    }
    fn u32(&mut self) -> io::Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn bad() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "not a word-cluster file")
}

thread_local! {
    static HELD: RefCell<Option<Arc<Clusters>>> = const { RefCell::new(None) };
}

/// The embedded clusters, unpacked while some thread tags ([`super::held`]).
pub(super) static EMBEDDED_CLUSTERS: Held<Clusters> = Held::new(
    || Clusters::from_bytes(EMBEDDED).expect("embedded clusters are valid"),
    &HELD,
);

impl Clusters {
    /// The clusters compiled into the binary, unpacked on first use and held by this thread
    /// until it lets go ([`super::held::let_go`]).
    pub fn embedded() -> Arc<Clusters> {
        EMBEDDED_CLUSTERS.get()
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<Clusters> {
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut raw)?;
        let r = raw.strip_prefix(MAGIC).ok_or_else(bad)?;
        let mut r = Cursor(r);
        let rows = r.u32()? as usize;
        let mut coarse = Vec::new();
        for &k in &COARSE {
            if r.u32()? as usize != k {
                return Err(bad());
            }
            let level: Vec<u16> = r
                .take(rows * 2)?
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            coarse.push(level);
        }
        let n = r.u32()? as usize;
        let (mut keys, mut row_of) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut key = 0u32;
        for _ in 0..n {
            let mut delta = 0u32;
            for shift in (0..35).step_by(7) {
                let b = r.take(1)?[0];
                delta |= ((b & 0x7f) as u32) << shift;
                if b < 0x80 {
                    break;
                }
            }
            key = key.checked_add(delta).ok_or_else(bad)?;
            let row = r.take(2)?;
            let row = u16::from_le_bytes([row[0], row[1]]);
            if row as usize >= rows {
                return Err(bad());
            }
            keys.push(key);
            row_of.push(row);
        }
        let mut starts = Vec::with_capacity(65_537);
        let mut at = 0;
        for top in 0..=65_536u32 {
            while at < keys.len() && (keys[at] >> 16) < top {
                at += 1;
            }
            starts.push(at as u32);
        }
        Ok(Clusters {
            keys,
            rows: row_of,
            starts,
            coarse,
        })
    }

    /// The clusters of `word` exactly as written, if the vocabulary has it.
    pub fn exact(&self, word: &str) -> Option<Ids> {
        let key = word_key(word);
        let top = (key >> 16) as usize;
        let (a, b) = (self.starts[top] as usize, self.starts[top + 1] as usize);
        let i = a + self.keys[a..b].binary_search(&key).ok()?;
        let row = self.rows[i];
        let mut ids = [row; 1 + COARSE.len()];
        for (id, level) in ids[1..].iter_mut().zip(&self.coarse) {
            *id = level[row as usize];
        }
        Some(ids)
    }

    /// The clusters of `word`, else of its lower case, else of it capitalized ("Lisbon"), with
    /// how it was found (0 exact, 1 lower case, 2 capitalized). A word in capitals is looked
    /// up in lower case first: in the vectors, capitals are shouting and acronyms, so
    /// "TRAINS" sits with brand names and "trains" with trains.
    pub fn lookup(&self, word: &str) -> Option<(Ids, u8)> {
        let shouted = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase);
        if !shouted && let Some(ids) = self.exact(word) {
            return Some((ids, 0));
        }
        if !word.chars().any(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        if let Some(ids) = self.exact(&lower) {
            return Some((ids, 1));
        }
        if let Some(ids) = self.capitalized(word) {
            return Some((ids, 2));
        }
        self.exact(word).map(|ids| (ids, 0))
    }

    /// The clusters of `word` written with one capital ("LISBON" -> "Lisbon").
    pub fn capitalized(&self, word: &str) -> Option<Ids> {
        let mut chars = word.chars();
        let first = chars.next()?;
        let capital: String = first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect();
        self.exact(&capital)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let words = [
            (word_key("Velmora"), 3),
            (word_key("velmora"), 1),
            (word_key("Ostra"), 0),
        ];
        let coarse = vec![vec![7, 8, 9, 10], vec![1, 1, 2, 2]];
        let c = Clusters::from_bytes(&encode(&words, 4, &coarse)).expect("valid");
        assert_eq!(c.len(), 3);
        assert_eq!(c.exact("Velmora"), Some([3, 10, 2]));
        assert_eq!(c.lookup("VELMORA"), Some(([1, 8, 1], 1)));
        assert_eq!(c.lookup("OSTRA"), Some(([0, 7, 1], 2)));
        assert_eq!(c.capitalized("VELMORA"), Some([3, 10, 2]));
        assert_eq!(c.lookup("nowhere"), None);
        assert!(Clusters::from_bytes(b"junk").is_err());
    }

    #[test]
    fn embedded_clusters_group_like_words() {
        let c = Clusters::embedded();
        assert!(c.len() > 100_000);
        // Capital cities share a mid-level cluster more often than a city and a verb do.
        let mid = |w: &str| c.exact(w).map(|ids| ids[2]);
        assert!(mid("Paris").is_some());
        assert_ne!(mid("Paris"), mid("walked"));
    }
}
