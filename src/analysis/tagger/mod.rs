//! The tagger: two passes over one table of weights ([`super::model`]), Viterbi decoding over
//! BIO tags, and the model file embedded with `include_bytes!`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io;
use std::ops::Range;
use std::sync::Arc;

use super::features::{self, DocStats, Features, WordHashes};
use super::gazetteer::Gazetteer;
use super::held::Held;
use super::memo;
use super::model::{Model, Sum};
use super::repeats;
pub use super::viterbi::{allowed, viterbi, viterbi_into};
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

/// One trained pass: a weight per tag for each feature hash, and transition weights
/// (`trans[N_TAGS]` is the row for the sentence start). [`Tagger::new`] quantizes two.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Rows are stored in the map itself: one memory access per feature.
    pub rows: KeyMap<[f32; N_TAGS]>,
    pub trans: [[f32; N_TAGS]; N_TAGS + 1],
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

/// Entity type votes per word, keyed by [`features::norm_key`], from capitalized tokens
/// only (lowercase words are rarely names and would drown the votes): `[0]` O, `[1 + kind]`
/// the token's type, and `[5 + kind]` the type where the word is part of a longer name
/// ("Pirelli" in "Pirelli SpA" tells what "Pirelli" alone is).
pub type Vote = [u16; 9];
pub type Votes = HashMap<u64, Vote, BuildHasherDefault<KeyHasher>>;

/// The votes of a whole document.
pub fn doc_votes(sentences: &[Vec<&str>], tags: &[Vec<u8>]) -> Votes {
    let mut votes = Votes::default();
    for (words, tags) in sentences.iter().zip(tags) {
        add_votes(&mut votes, words, &norm_keys(words), tags);
    }
    votes
}

fn norm_keys(words: &[&str]) -> Vec<u64> {
    words.iter().map(|w| features::norm_key(w)).collect()
}

/// Adds a sentence's votes; `keys[i]` is the [`features::norm_key`] of `words[i]`.
fn add_votes(votes: &mut Votes, words: &[&str], keys: &[u64], tags: &[u8]) {
    for (j, (w, &key)) in words.iter().zip(keys).enumerate() {
        if w.starts_with(char::is_uppercase) {
            let v = votes.entry(key).or_default();
            for k in cast(tags, j) {
                v[k] = v[k].saturating_add(1);
            }
        }
    }
}

/// The votes token `j` casts: its type, and its type again if it is part of a longer name.
fn cast(tags: &[u8], j: usize) -> impl Iterator<Item = usize> {
    let t = tags[j];
    let kind = Tag::from_index(t).kind();
    let longer = match Tag::from_index(t) {
        Tag::O => false,
        Tag::I(_) => true,
        Tag::B(_) => tags.get(j + 1).is_some_and(|&n| n == t + 1),
    };
    let long = kind.filter(|_| longer).map(|k| 5 + k as usize);
    std::iter::once(kind.map_or(0, |k| 1 + k as usize)).chain(long)
}

/// The votes for each word of a sentence, without its own (`keys` as for [`add_votes`]).
fn own_votes(words: &[&str], keys: &[u64], tags: &[u8], votes: &Votes, out: &mut Vec<Vote>) {
    out.clear();
    out.extend(words.iter().zip(keys).enumerate().map(|(j, (w, key))| {
        let mut v = votes.get(key).copied().unwrap_or_default();
        if w.starts_with(char::is_uppercase) {
            for k in cast(tags, j) {
                v[k] = v[k].saturating_sub(1);
            }
        }
        v
    }));
}

/// Second-pass features of one sentence: the first-pass ones plus the document votes for each
/// word without its own.
pub fn stage2_features(words: &[&str], base: &Features, tags: &[u8], votes: &Votes) -> Features {
    let mut own = Vec::new();
    own_votes(words, &norm_keys(words), tags, votes, &mut own);
    let mut out = Features::default();
    for i in 0..words.len() {
        out.hashes.extend_from_slice(base.token(i));
        features::extract_stage2(tags, &own, i, &mut out.hashes);
        out.end_token();
    }
    out
}

/// The complete model: gazetteers plus the weights of both passes.
pub struct Tagger {
    pub gazetteer: Gazetteer,
    pub model: Model,
    /// Whether this is the embedded model: the only one whose weights [`memo`] keeps.
    embedded: bool,
}

/// The model file, embedded once (the store's build id hashes these same bytes).
pub(super) static EMBEDDED: &[u8] = include_bytes!("../../../data/ner.model");

thread_local! {
    static HELD: RefCell<Option<Arc<Tagger>>> = const { RefCell::new(None) };
}

/// The embedded model, unpacked while some thread tags ([`super::held`]).
pub(super) static EMBEDDED_TAGGER: Held<Tagger> = Held::new(
    || Tagger {
        embedded: true,
        ..Tagger::from_bytes(EMBEDDED).expect("embedded model is valid")
    },
    &HELD,
);

impl Tagger {
    /// The model compiled into the binary, unpacked on first use and held by this thread
    /// until it lets go ([`super::held::let_go`]).
    pub fn embedded() -> Arc<Tagger> {
        EMBEDDED_TAGGER.get()
    }

    /// The tagger of two trained passes, quantized as the model file keeps them.
    pub fn new(stage1: &Weights, stage2: &Weights) -> Tagger {
        Tagger {
            gazetteer: Gazetteer::builtin(),
            model: Model::new(stage1, stage2),
            embedded: false,
        }
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
    /// The first pass also sums the second pass's weights of the same features, so the
    /// second pass only adds those of its own (what the first said about the word elsewhere):
    /// per word, nine integers are kept between the passes rather than its features.
    pub fn tag_words<'w>(
        &self,
        word: impl Fn(usize) -> &'w str,
        count: usize,
        sentences: &[Range<usize>],
    ) -> Vec<Tag> {
        let m = &self.model;
        let mut words: Vec<&'w str> = Vec::new();
        let words_of = |r: &Range<usize>, words: &mut Vec<&'w str>| {
            words.clear();
            words.extend(r.clone().map(&word));
        };
        // The embedded model's weights of what is known of a word or a sentence alone are
        // kept ([`memo`], [`repeats`]); another model's are looked up here with the rest.
        let kept = self.embedded;
        let mut doc = DocStats::default();
        let mut p = prepare::prepare(&word, count, sentences, kept, &mut doc);
        let keys: Vec<u64> = p.tokens.iter().map(|t| t.norm).collect();
        let mut feats = Features::default();
        let mut second: Vec<Sum> = vec![[0; N_TAGS]; count];
        let mut first = vec![0u8; count];
        let mut votes = Votes::default();
        let mut em: Vec<[f32; N_TAGS]> = Vec::new();
        let mut back = Vec::new();
        let mut parts: Vec<WordHashes> = Vec::new();
        let mut own: Vec<[Sum; 2]> = Vec::new();
        for (s, r) in sentences.iter().enumerate() {
            words_of(r, &mut words);
            // Both passes' weights of each token's features of the sentence alone: those of
            // a sentence met before are known; the features of what the document says of its
            // words are made each time.
            feats.clear();
            let tokens = &mut p.tokens[r.clone()];
            if p.known[s] == prepare::Known::Met {
                let known = tokens.iter().map(|t| (t.norm, t.short, t.gaz));
                features::extract_document(&words, known, &doc, &mut feats);
            } else {
                parts.clear();
                own.clear();
                memo::with(|memo| {
                    for &id in &p.ids[r.clone()] {
                        let known = memo.get(id);
                        parts.push(known.parts);
                        if kept {
                            own.push(known.sums(m));
                        }
                    }
                });
                let hits = self.gazetteer.hits(&words);
                let looked = &p.looked[r.clone()];
                features::extract_parts(&words, &parts, looked, &hits, &doc, !kept, &mut feats);
                for (i, (hit, t)) in hits.iter().zip(tokens.iter_mut()).enumerate() {
                    let [mut one, mut two] = own.get(i).copied().unwrap_or_default();
                    m.add_both(feats.split(i).0, &mut one, &mut two);
                    t.sums = [one, two];
                    t.gaz = hit.begin | hit.inside;
                }
                if let (prepare::Known::Fresh, Some(key)) = (p.known[s], p.keys[s]) {
                    repeats::with(key, |k| k.put(key, tokens));
                }
            }
            em.clear();
            for (i, two) in second[r.clone()].iter_mut().enumerate() {
                let [mut one, sum] = tokens[i].sums;
                *two = sum;
                m.add_both(feats.split(i).1, &mut one, two);
                em.push(m.scores(0, &one));
            }
            viterbi_into(&em, &m.masked[0], &mut back, &mut first[r.clone()]);
            add_votes(&mut votes, &words, &keys[r.clone()], &first[r.clone()]);
        }
        drop(p);
        let mut out = vec![Tag::O; count];
        let mut own = Vec::new();
        let mut extra = Vec::new();
        let mut tags = Vec::new();
        for r in sentences {
            words_of(r, &mut words);
            let first = &first[r.clone()];
            own_votes(&words, &keys[r.clone()], first, &votes, &mut own);
            em.clear();
            for (i, two) in second[r.clone()].iter_mut().enumerate() {
                extra.clear();
                features::extract_stage2(first, &own, i, &mut extra);
                m.add_second(&extra, two);
                em.push(m.scores(1, two));
            }
            tags.clear();
            tags.resize(words.len(), 0);
            super::acronyms::viterbi_acronyms(&words, &em, &m.masked[1], &mut back, &mut tags);
            for (o, &t) in out[r.clone()].iter_mut().zip(&tags) {
                *o = Tag::from_index(t);
            }
            super::months::lead_apart(&words, &mut out[r.clone()]);
        }
        out
    }

    /// The model file (see [`Model::to_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<Tagger> {
        Ok(Tagger {
            gazetteer: Gazetteer::builtin(),
            model: Model::from_bytes(bytes)?,
            embedded: false,
        })
    }
}

mod prepare;

#[cfg(test)]
mod tests;
