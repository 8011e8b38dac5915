//! The learned part of text cleaning: which blocks of a scrape are the article. A linear
//! sequence model scored with Viterbi so that a block's decision leans on its neighbours',
//! trained by `src/bin/train-blocks.rs` (averaged perceptron, see `train`) and embedded from
//! `data/blocks.model`. Besides the body it has three states for what is not: the page's
//! furniture before the article, what interrupts the article (captions, promos, listings of
//! other stories), and what follows it. Each has its own weights and transitions, so a line
//! that looks like a menu above the article and one that looks like a footer below it are not
//! one class, and a short line between two paragraphs is judged as an interruption or not.

mod context;
mod features;
mod glyphs;
mod packed;
mod rhythm;
mod score;
mod stack;
pub mod train;
mod words;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

pub use features::Features;
pub(in crate::ingest::text) use features::extract;

use crate::analysis::tagger::KeyHasher;

/// The states: 0 is the article's text; the others are page furniture before it, inside it
/// and after it. Labels say only body or not (`OTHER`); training tells the three apart by
/// where a block stands from the labelled body.
pub const BODY: u8 = 0;
pub const OTHER: u8 = 1;
pub const INSIDE: u8 = 2;
pub const AFTER: u8 = 3;
const STATES: usize = 4;

pub type Row = [f32; STATES];
type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// The weights: a row per feature hash, and transitions (`trans[STATES]` is the file start).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockModel {
    pub rows: KeyMap<Row>,
    /// The rows read in place from the embedded file, instead of `rows` (see `packed`).
    packed: Option<packed::Packed<'static>>,
    pub trans: [Row; STATES + 1],
    /// The second pass, which reads this one's decisions (see `stack`).
    pub next: Option<Box<BlockModel>>,
}

static EMBEDDED: &[u8] = include_bytes!("../../../../data/blocks.model");
const MAGIC: &[u8; 8] = b"BBLK\x00\x00\x00\x04";

/// Each block's score for each state: the sum of its features' rows.
pub fn emissions(feats: &Features, row: impl Fn(u32) -> Option<Row>) -> Vec<Row> {
    (0..feats.len())
        .map(|i| {
            let mut s = [0f32; STATES];
            for r in feats.block(i).iter().filter_map(|&f| row(f)) {
                for (a, b) in s.iter_mut().zip(r) {
                    *a += b;
                }
            }
            s
        })
        .collect()
}

/// The best sequence of states under emission and transition scores.
pub fn viterbi(em: &[Row], trans: &[Row; STATES + 1]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; STATES]; n];
    let mut score = [0f32; STATES];
    for t in 0..STATES {
        score[t] = trans[STATES][t] + em[0][t];
    }
    for i in 1..n {
        let mut next = [0f32; STATES];
        for t in 0..STATES {
            let (mut best, mut from) = (f32::NEG_INFINITY, 0u8);
            for p in 0..STATES {
                let s = score[p] + trans[p][t];
                if s > best {
                    (best, from) = (s, p as u8);
                }
            }
            next[t] = best + em[i][t];
            back[i][t] = from;
        }
        score = next;
    }
    let mut t = (0..STATES).fold(0, |b, s| if score[s] > score[b] { s } else { b }) as u8;
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = t;
        t = back[i][t as usize];
    }
    out
}

impl BlockModel {
    /// The model compiled into the binary. The first article is cleaned with its rows read
    /// in place (ready at once: it comes before the first screen); the articles after it with
    /// them in a hash map, filled once (a fraction of a millisecond), whose lookups are a few
    /// percent faster over a whole briefing. The weights, and so the output, are the same.
    pub fn embedded() -> &'static BlockModel {
        static IN_PLACE: OnceLock<BlockModel> = OnceLock::new();
        static MAP: OnceLock<BlockModel> = OnceLock::new();
        static FIRST: AtomicBool = AtomicBool::new(true);
        if let Some(model) = MAP.get() {
            return model;
        }
        if FIRST.swap(false, Ordering::Relaxed) {
            return IN_PLACE
                .get_or_init(|| BlockModel::in_place(EMBEDDED).expect("embedded model is valid"));
        }
        MAP.get_or_init(|| BlockModel::from_bytes(EMBEDDED).expect("embedded model is valid"))
    }

    /// A row of weights by feature key.
    #[inline]
    pub fn row(&self, key: u32) -> Option<Row> {
        match &self.packed {
            Some(p) => p.get(key),
            None => self.rows.get(&key).copied(),
        }
    }

    /// How many features have weights.
    pub fn row_count(&self) -> usize {
        self.packed
            .as_ref()
            .map_or(self.rows.len(), packed::Packed::len)
    }

    fn entries(&self) -> Vec<(u32, Row)> {
        let mut all: Vec<(u32, Row)> = match &self.packed {
            Some(p) => p.iter().collect(),
            None => self.rows.iter().map(|(k, r)| (*k, *r)).collect(),
        };
        all.sort_unstable_by_key(|e| e.0);
        all
    }

    /// The state of each block: `BODY`, or one of the furniture states.
    pub fn decode(&self, feats: &Features) -> Vec<u8> {
        let (states, em) = self.first_pass(feats);
        match &self.next {
            None => states,
            Some(next) => next.decode(&stack::stacked(feats, &states, &em)),
        }
    }

    /// This model's own states and emission scores, without the second pass.
    pub(super) fn first_pass(&self, feats: &Features) -> (Vec<u8>, Vec<Row>) {
        let em = emissions(feats, |f| self.row(f));
        (viterbi(&em, &self.trans), em)
    }

    /// This model's features for the second pass.
    pub(super) fn stacked(&self, feats: &Features) -> Features {
        let (states, em) = self.first_pass(feats);
        stack::stacked(feats, &states, &em)
    }

    /// The model file: magic, then each pass (transitions, the number of rows, one scale
    /// factor, the rows' table (see `packed`), then rows as (key, i16 weights), sorted by
    /// key). Not compressed, so that the embedded file is read in place: the model is needed
    /// before the first article is shown.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = MAGIC.to_vec();
        let mut pass = Some(self);
        while let Some(m) = pass {
            m.write_pass(&mut raw);
            pass = m.next.as_deref();
        }
        raw
    }

    fn write_pass(&self, raw: &mut Vec<u8>) {
        for x in self.trans.iter().flatten() {
            raw.extend_from_slice(&x.to_le_bytes());
        }
        let keys = self.entries();
        let max = keys
            .iter()
            .flat_map(|(_, r)| r)
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        raw.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        packed::Packed::write(&keys, scale, raw);
    }

    /// Reads a model file as `to_bytes` writes it, its rows into a map.
    pub fn from_bytes(bytes: &[u8]) -> io::Result<BlockModel> {
        Self::passes(bytes, |r| {
            let mut model = Self::read_head(r)?;
            let (n, scale) = Self::read_counts(r)?;
            model.rows = packed::Packed::read(r, n, scale)?.iter().collect();
            Some(model)
        })
    }

    /// A model file as `to_bytes` writes it, its rows read in place (see `packed`).
    fn in_place(bytes: &'static [u8]) -> io::Result<BlockModel> {
        Self::passes(bytes, |r: &mut &'static [u8]| {
            let mut model = Self::read_head(r)?;
            let (n, scale) = Self::read_counts(r)?;
            model.packed = Some(packed::Packed::read(r, n, scale)?);
            Some(model)
        })
    }

    /// Reads each pass with `pass` and chains them (the first pass first).
    fn passes<'a>(
        raw: &'a [u8],
        mut pass: impl FnMut(&mut &'a [u8]) -> Option<BlockModel>,
    ) -> io::Result<BlockModel> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "not a block model");
        let mut r = raw.strip_prefix(MAGIC).ok_or_else(bad)?;
        let mut passes = Vec::new();
        while !r.is_empty() {
            passes.push(pass(&mut r).ok_or_else(bad)?);
        }
        let mut model = passes.pop().ok_or_else(bad)?;
        while let Some(mut first) = passes.pop() {
            first.next = Some(Box::new(model));
            model = first;
        }
        Ok(model)
    }

    /// A pass's transitions.
    fn read_head(r: &mut &[u8]) -> Option<BlockModel> {
        let mut model = BlockModel::default();
        for x in model.trans.iter_mut().flatten() {
            *x = f32::from_le_bytes(take(r)?);
        }
        Some(model)
    }

    /// A pass's number of rows and the scale of their weights.
    fn read_counts(r: &mut &[u8]) -> Option<(usize, f32)> {
        let n = u32::from_le_bytes(take(r)?) as usize;
        Some((n, f32::from_le_bytes(take(r)?)))
    }
}

/// The next four bytes of `r`.
fn take(r: &mut &[u8]) -> Option<[u8; 4]> {
    let b = r.split_off(..4)?;
    Some([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_file_round_trips() {
        let m = BlockModel::in_place(EMBEDDED).expect("read in place");
        assert!(m.row_count() > 0);
        let again = BlockModel::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(again.row_count(), m.row_count());
        // Read in place or into a map, the weights are the same, and so is every lookup,
        // of a key that is there or of one that is not.
        assert_eq!(again.entries(), m.entries());
        assert_eq!(again.to_bytes(), EMBEDDED);
        for (key, _) in m.entries() {
            for k in [key, key.wrapping_add(1), key.wrapping_sub(1), !key] {
                assert_eq!(m.row(k), again.row(k), "key {k:#x}");
            }
        }
        // The second pass comes back as the second pass.
        let next = m
            .next
            .as_ref()
            .expect("the shipped model has a second pass");
        let again_next = again.next.as_ref().expect("second pass read back");
        assert_eq!(again_next.row_count(), next.row_count());
        assert!(again_next.next.is_none());
        let one = BlockModel {
            next: None,
            ..m.clone()
        };
        assert!(
            BlockModel::from_bytes(&one.to_bytes())
                .unwrap()
                .next
                .is_none()
        );
        assert!(BlockModel::from_bytes(b"not a model").is_err());
    }

    #[test]
    fn furniture_is_told_apart_by_where_it_stands() {
        let (b, o) = (BODY, OTHER);
        assert_eq!(
            train::states_of(&[o, b, o, o, b, o]),
            [OTHER, BODY, INSIDE, INSIDE, BODY, AFTER]
        );
        assert_eq!(train::states_of(&[o, o]), [OTHER, OTHER]);
        assert_eq!(train::states_of(&[b]), [BODY]);
    }

    #[test]
    fn viterbi_follows_transitions() {
        // The middle block leans to INSIDE alone, but staying in BODY is cheaper.
        let em = [
            [2.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.5, 0.0],
            [2.0, 0.0, 0.0, 0.0],
        ];
        let mut trans = [[-2.0; STATES]; STATES + 1];
        for (s, row) in trans.iter_mut().enumerate() {
            row[s.min(STATES - 1)] = 0.0;
        }
        trans[STATES] = [0.0; STATES];
        assert_eq!(viterbi(&em, &trans), [BODY, BODY, BODY]);
        let free = [[0.0; STATES]; STATES + 1];
        assert_eq!(viterbi(&em, &free), [BODY, INSIDE, BODY]);
    }
}
