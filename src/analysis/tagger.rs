//! The tagger: two weight tables (first and second pass), Viterbi decoding over BIO tags, and
//! the model file (quantized, zlib-compressed) embedded with `include_bytes!`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};
use std::ops::Range;
use std::sync::OnceLock;

use super::features::{self, DocStats, Features};
use super::gazetteer::Gazetteer;
use super::{N_TAGS, Tag};

/// Keys are already hashes; this only spreads them over the 64 bits the map looks at.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u32 and u64 keys")
    }
    fn write_u32(&mut self, k: u32) {
        self.0 = (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = (k ^ k >> 29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// One linear model: a weight per tag for each feature hash, and transition weights
/// (`trans[N_TAGS]` is the row for the sentence start).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Rows are stored in the map itself: one memory access per feature.
    pub rows: KeyMap<[f32; N_TAGS]>,
    pub trans: [[f32; N_TAGS]; N_TAGS + 1],
}

/// Whether tag `b` may follow tag `a` (`None`: sentence start) in BIO.
pub fn allowed(a: Option<u8>, b: u8) -> bool {
    match Tag::from_index(b) {
        Tag::I(k) => a.is_some_and(|a| Tag::from_index(a).kind() == Some(k)),
        _ => true,
    }
}

/// Sums each token's feature rows; `row` maps a feature to its weights, if any.
pub fn emissions<'a>(
    feats: &Features,
    row: impl Fn(u32) -> Option<&'a [f32; N_TAGS]>,
) -> Vec<[f32; N_TAGS]> {
    (0..feats.len())
        .map(|i| {
            let mut s = [0f32; N_TAGS];
            for r in feats.token(i).iter().filter_map(|&f| row(f)) {
                for (a, b) in s.iter_mut().zip(r) {
                    *a += b;
                }
            }
            s
        })
        .collect()
}

/// Best tag sequence under emission and transition scores, never breaking BIO.
pub fn viterbi(em: &[[f32; N_TAGS]], trans: &[[f32; N_TAGS]; N_TAGS + 1]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    // Transitions BIO forbids cost minus infinity, so the inner loop needs no test.
    let mut masked = *trans;
    for (p, row) in masked.iter_mut().enumerate() {
        let from = (p < N_TAGS).then_some(p as u8);
        for (t, w) in row.iter_mut().enumerate() {
            if !allowed(from, t as u8) {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
    let mut back = vec![[0u8; N_TAGS]; n];
    for t in 0..N_TAGS {
        score[0][t] = masked[N_TAGS][t] + em[0][t];
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for p in 0..N_TAGS {
                let s = score[i - 1][p] + masked[p][t];
                if s > best.0 {
                    best = (s, p as u8);
                }
            }
            score[i][t] = best.0 + em[i][t];
            back[i][t] = best.1;
        }
    }
    let mut t = (0..N_TAGS)
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
    out
}

impl Weights {
    pub fn decode(&self, feats: &Features) -> Vec<u8> {
        let em = emissions(feats, |f| self.rows.get(&f));
        viterbi(&em, &self.trans)
    }
}

/// Entity type votes per normalized word (0 = O, 1 + kind), from capitalized tokens only:
/// lowercase words are rarely names and would drown the votes.
pub fn doc_votes(sentences: &[Vec<&str>], tags: &[Vec<u8>]) -> HashMap<String, [u16; 5]> {
    votes_of(sentences.iter().zip(tags).map(|(w, t)| (&w[..], &t[..])))
}

/// [`doc_votes`] over (words, tags) pairs.
fn votes_of<'a, 'w: 'a>(
    sentences: impl IntoIterator<Item = (&'a [&'w str], &'a [u8])>,
) -> HashMap<String, [u16; 5]> {
    let mut votes: HashMap<String, [u16; 5]> = HashMap::new();
    for (words, tags) in sentences {
        add_votes(&mut votes, words, tags);
    }
    votes
}

fn add_votes(votes: &mut HashMap<String, [u16; 5]>, words: &[&str], tags: &[u8]) {
    for (w, &t) in words.iter().zip(tags) {
        if w.starts_with(char::is_uppercase) {
            let v = votes.entry(features::normalize(w)).or_default();
            v[vote(t)] = v[vote(t)].saturating_add(1);
        }
    }
}

fn vote(tag: u8) -> usize {
    Tag::from_index(tag).kind().map_or(0, |k| 1 + k as usize)
}

/// Second-pass features of one sentence: the first-pass ones plus the document votes for each
/// word without its own.
pub fn stage2_features(
    words: &[&str],
    base: &Features,
    tags: &[u8],
    votes: &HashMap<String, [u16; 5]>,
) -> Features {
    stage2_with(words, |i| base.token(i), tags, votes)
}

/// [`stage2_features`] with the first-pass features of word `i` given by `base(i)`.
fn stage2_with<'f>(
    words: &[&str],
    base: impl Fn(usize) -> &'f [u32],
    tags: &[u8],
    votes: &HashMap<String, [u16; 5]>,
) -> Features {
    let own: Vec<[u16; 5]> = words
        .iter()
        .zip(tags)
        .map(|(w, &t)| {
            let mut v = votes
                .get(&features::normalize(w))
                .copied()
                .unwrap_or_default();
            if w.starts_with(char::is_uppercase) {
                v[vote(t)] = v[vote(t)].saturating_sub(1);
            }
            v
        })
        .collect();
    let mut out = Features::default();
    for i in 0..words.len() {
        out.hashes.extend_from_slice(base(i));
        features::extract_stage2(tags, &own, i, &mut out.hashes);
        out.end_token();
    }
    out
}

/// The complete model: gazetteers plus first- and second-pass weights.
pub struct Tagger {
    pub gazetteer: Gazetteer,
    pub stage1: Weights,
    pub stage2: Weights,
}

static EMBEDDED: &[u8] = include_bytes!("../../data/ner.model");
/// How many first-pass feature hashes a document keeps for the second pass (4 MB, some
/// 25,000 words: a long article is a tenth of that); beyond that they are computed again.
const FEATURE_BUDGET: usize = 1 << 20;
const MAGIC: &[u8; 8] = b"BNER\x00\x00\x00\x01";

impl Tagger {
    /// The model compiled into the binary, loaded on first use.
    pub fn embedded() -> &'static Tagger {
        static CELL: OnceLock<Tagger> = OnceLock::new();
        CELL.get_or_init(|| Tagger::from_bytes(EMBEDDED).expect("embedded model is valid"))
    }

    /// Tags one sentence on its own.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document together.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut words = Vec::new();
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            ranges.push(words.len()..words.len() + s.len());
            words.extend_from_slice(s);
        }
        let tags = self.tag_words(|i| words[i], words.len(), &ranges);
        ranges.into_iter().map(|r| tags[r].to_vec()).collect()
    }

    /// Tags the sentences of one document together: the document has `count` words, word `i`
    /// is `word(i)`, and each range of `sentences` is a sentence of them (in order, not
    /// overlapping). One tag per word, and no list of the words or of each sentence is
    /// kept: a document may have millions of words, or a million sentences.
    ///
    /// The second pass needs each sentence's first-pass features again. They are kept for
    /// the document's first [`FEATURE_BUDGET`] feature hashes and computed anew after that,
    /// so that a document of millions of words takes memory in proportion to its text
    /// rather than to its features (some forty hashes per word).
    pub fn tag_words<'w>(
        &self,
        word: impl Fn(usize) -> &'w str,
        count: usize,
        sentences: &[Range<usize>],
    ) -> Vec<Tag> {
        self.tag_words_keeping(word, count, sentences, FEATURE_BUDGET)
    }

    /// [`Tagger::tag_words`], keeping at most `budget` first-pass feature hashes.
    fn tag_words_keeping<'w>(
        &self,
        word: impl Fn(usize) -> &'w str,
        count: usize,
        sentences: &[Range<usize>],
        budget: usize,
    ) -> Vec<Tag> {
        let words_of = |r: &Range<usize>| -> Vec<&'w str> { r.clone().map(&word).collect() };
        let mut doc = DocStats::default();
        for r in sentences {
            doc.add(&words_of(r));
        }
        let base = |words: &[&str]| {
            let mut f = Features::default();
            features::extract(words, &self.gazetteer, &doc, &mut f);
            f
        };
        // The kept features, and where each kept sentence's words start in them.
        let mut kept = Features::default();
        let mut kept_at: Vec<usize> = Vec::new();
        let mut first = vec![0u8; count];
        let mut votes = HashMap::new();
        for (s, r) in sentences.iter().enumerate() {
            let words = words_of(r);
            let f = base(&words);
            first[r.clone()].copy_from_slice(&self.stage1.decode(&f));
            add_votes(&mut votes, &words, &first[r.clone()]);
            // A first run of sentences is kept, up to the budget.
            if kept_at.len() == s && kept.hashes.len() + f.hashes.len() <= budget {
                kept_at.push(kept.len());
                kept.append(&f);
            }
        }
        let mut out = vec![Tag::O; count];
        for (s, r) in sentences.iter().enumerate() {
            let (words, tags) = (words_of(r), &first[r.clone()]);
            let f = match kept_at.get(s) {
                Some(&at) => stage2_with(&words, |i| kept.token(at + i), tags, &votes),
                None => {
                    let f = base(&words);
                    stage2_with(&words, |i| f.token(i), tags, &votes)
                }
            };
            for (o, t) in out[r.clone()].iter_mut().zip(self.stage2.decode(&f)) {
                *o = Tag::from_index(t);
            }
        }
        out
    }

    /// The model file: magic, then each pass's transitions and its rows as (key, mask of
    /// non-zero tags, i16 weights scaled by a per-model factor), zlib-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = MAGIC.to_vec();
        for w in [&self.stage1, &self.stage2] {
            for row in &w.trans {
                row.iter()
                    .for_each(|x| raw.extend_from_slice(&x.to_le_bytes()));
            }
            let max = w.rows.values().flatten().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            let mut keys: Vec<(u32, &[f32; N_TAGS])> =
                w.rows.iter().map(|(&k, r)| (k, r)).collect();
            keys.sort_unstable_by_key(|k| k.0);
            raw.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            raw.extend_from_slice(&scale.to_le_bytes());
            for (key, r) in keys {
                let q: Vec<i16> = r.iter().map(|x| (x / scale).round() as i16).collect();
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

    pub fn from_bytes(bytes: &[u8]) -> io::Result<Tagger> {
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut raw)?;
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "not a tagger model");
        let mut r = raw.strip_prefix(MAGIC).ok_or_else(bad)?;
        let mut take = |n: usize| -> io::Result<&[u8]> {
            let (a, b) = r.split_at_checked(n).ok_or_else(bad)?;
            r = b;
            Ok(a)
        };
        let mut read_weights = || -> io::Result<Weights> {
            let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
            for x in trans.iter_mut().flatten() {
                *x = f32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
            }
            let n = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?) as usize;
            let scale = f32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
            let mut rows = KeyMap::with_capacity_and_hasher(n, Default::default());
            for _ in 0..n {
                let key = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
                let mask = u16::from_le_bytes(take(2)?.try_into().map_err(|_| bad())?);
                let mut row = [0f32; N_TAGS];
                for (t, x) in row
                    .iter_mut()
                    .enumerate()
                    .filter(|(t, _)| mask >> t & 1 == 1)
                {
                    let _ = t;
                    *x = i16::from_le_bytes(take(2)?.try_into().map_err(|_| bad())?) as f32 * scale;
                }
                rows.insert(key, row);
            }
            Ok(Weights { rows, trans })
        };
        let stage1 = read_weights()?;
        let stage2 = read_weights()?;
        Ok(Tagger {
            gazetteer: Gazetteer::builtin(),
            stage1,
            stage2,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_computed_again_tag_as_the_kept_ones() {
        let text = "Mira Volant met Tomas Arkwell in Velmora . Volant said the Velmora Grain \
                    Council would meet . Arkwell left for Ostra on Monday .";
        let words: Vec<&str> = text.split(' ').collect();
        let sentences = [0..8, 8..17, 17..words.len()];
        let tagger = Tagger::embedded();
        let kept = tagger.tag_words_keeping(|i| words[i], words.len(), &sentences, usize::MAX);
        // Nothing kept, some kept: every sentence's features are made again.
        for budget in [0, 200] {
            let again = tagger.tag_words_keeping(|i| words[i], words.len(), &sentences, budget);
            assert_eq!(again, kept, "budget {budget}");
        }
        assert!(kept.iter().any(|t| *t != Tag::O));
    }
}
