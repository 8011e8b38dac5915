//! The tagger's weights as decoding reads them, and the model file.
//!
//! Both passes share one table: a feature's row holds its weights for the first and for the
//! second pass, so the features a word has in both passes are looked up once, and the sum the
//! second pass starts from is made during the first. Weights are kept as the model file stores
//! them, i16 with one scale per pass, so a row is 36 bytes and sums are exact integers.

use std::io::{self, Read, Write};

use super::N_TAGS;
use super::rows::Rows;
use super::tagger::{Weights, allowed};

/// One feature's quantized weights per pass, and which passes have the feature at all (bit
/// 0: first, bit 1: second), so that the file is written back as it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub q: [[i16; N_TAGS]; 2],
    pub has: u8,
}

/// Integer emission sums of one token, per tag.
pub type Sum = [i32; N_TAGS];

/// Transition scores, row `N_TAGS` for the sentence start.
pub type Trans = [[f32; N_TAGS]; N_TAGS + 1];

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub rows: Rows,
    /// Each pass's transitions as trained.
    pub trans: [Trans; 2],
    /// Each pass's transitions with those BIO forbids at minus infinity, for Viterbi.
    pub masked: [Trans; 2],
    /// The value of one step of each pass's quantized weights.
    pub scale: [f32; 2],
}

const MAGIC: &[u8; 8] = b"BNER\x00\x00\x00\x01";

/// Transitions BIO forbids cost minus infinity, so Viterbi's inner loop needs no test.
pub fn mask(trans: &Trans) -> Trans {
    let mut masked = *trans;
    for (p, row) in masked.iter_mut().enumerate() {
        let from = (p < N_TAGS).then_some(p as u8);
        for (t, w) in row.iter_mut().enumerate() {
            if !allowed(from, t as u8) {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    masked
}

impl Model {
    /// Quantizes the two passes' trained weights into one table.
    pub fn new(stage1: &Weights, stage2: &Weights) -> Model {
        let mut rows = Rows::default();
        let mut scale = [1.0; 2];
        for (pass, w) in [stage1, stage2].into_iter().enumerate() {
            let max = w.rows.values().flatten().fold(0f32, |m, x| m.max(x.abs()));
            scale[pass] = if max > 0.0 { max / 32767.0 } else { 1.0 };
            for (&key, r) in &w.rows {
                let row = rows.get_or_insert(
                    key,
                    Row {
                        q: [[0; N_TAGS]; 2],
                        has: 0,
                    },
                );
                for (q, x) in row.q[pass].iter_mut().zip(r) {
                    *q = (x / scale[pass]).round() as i16;
                }
                row.has |= 1 << pass;
            }
        }
        let trans = [stage1.trans, stage2.trans];
        Model {
            rows,
            masked: [mask(&trans[0]), mask(&trans[1])],
            trans,
            scale,
        }
    }

    /// Adds the rows of `feats` to `one` (first pass) and `both` (second pass).
    #[inline]
    pub fn add_both(&self, feats: &[u32], one: &mut Sum, two: &mut Sum) {
        for f in feats {
            if let Some(r) = self.rows.get(*f) {
                for t in 0..N_TAGS {
                    one[t] += r.q[0][t] as i32;
                    two[t] += r.q[1][t] as i32;
                }
            }
        }
    }

    /// Adds the second-pass rows of `feats` to `two`.
    #[inline]
    pub fn add_second(&self, feats: &[u32], two: &mut Sum) {
        for f in feats {
            if let Some(r) = self.rows.get(*f) {
                for (s, &q) in two.iter_mut().zip(&r.q[1]) {
                    *s += q as i32;
                }
            }
        }
    }

    /// Emission scores of pass `pass` from integer sums.
    pub fn scores(&self, pass: usize, sum: &Sum) -> [f32; N_TAGS] {
        sum.map(|s| s as f32 * self.scale[pass])
    }

    /// The model file: magic, then each pass's transitions and its rows as (key, mask of
    /// non-zero tags, i16 weights scaled by a per-pass factor), zlib-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = MAGIC.to_vec();
        let mut keys: Vec<(u32, &Row)> = self.rows.iter().collect();
        keys.sort_unstable_by_key(|k| k.0);
        for pass in 0..2 {
            for row in &self.trans[pass] {
                row.iter()
                    .for_each(|x| raw.extend_from_slice(&x.to_le_bytes()));
            }
            let n = keys.iter().filter(|(_, r)| r.has >> pass & 1 == 1).count();
            raw.extend_from_slice(&(n as u32).to_le_bytes());
            raw.extend_from_slice(&self.scale[pass].to_le_bytes());
            for (key, r) in keys.iter().filter(|(_, r)| r.has >> pass & 1 == 1) {
                let q = &r.q[pass];
                let mask = q
                    .iter()
                    .enumerate()
                    .fold(0u16, |m, (t, &v)| m | ((v != 0) as u16) << t);
                raw.extend_from_slice(&key.to_le_bytes());
                raw.extend_from_slice(&mask.to_le_bytes());
                q.iter()
                    .filter(|&&v| v != 0)
                    .for_each(|v| raw.extend_from_slice(&v.to_le_bytes()));
            }
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&raw).expect("writing to memory");
        z.finish().expect("writing to memory")
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<Model> {
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut raw)?;
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "not a tagger model");
        let mut r = raw.strip_prefix(MAGIC).ok_or_else(bad)?;
        let mut take = |n: usize| -> io::Result<&[u8]> {
            let (a, b) = r.split_at_checked(n).ok_or_else(bad)?;
            r = b;
            Ok(a)
        };
        let mut rows = Rows::default();
        let mut trans = [[[0f32; N_TAGS]; N_TAGS + 1]; 2];
        let mut scale = [1.0; 2];
        for pass in 0..2 {
            for x in trans[pass].iter_mut().flatten() {
                *x = f32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
            }
            let n = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?) as usize;
            scale[pass] = f32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
            rows.reserve(n);
            for _ in 0..n {
                let key = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
                let mask = u16::from_le_bytes(take(2)?.try_into().map_err(|_| bad())?);
                let row = rows.get_or_insert(
                    key,
                    Row {
                        q: [[0; N_TAGS]; 2],
                        has: 0,
                    },
                );
                if row.has >> pass & 1 == 1 {
                    return Err(bad());
                }
                row.has |= 1 << pass;
                for t in (0..N_TAGS).filter(|t| mask >> t & 1 == 1) {
                    row.q[pass][t] = i16::from_le_bytes(take(2)?.try_into().map_err(|_| bad())?);
                }
            }
        }
        if !r.is_empty() {
            return Err(bad());
        }
        Ok(Model {
            rows,
            masked: [mask(&trans[0]), mask(&trans[1])],
            trans,
            scale,
        })
    }
}
