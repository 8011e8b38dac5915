//! Feature extraction: every feature is a template number and a few parts, each part hashed
//! once per word ([`WordHashes`]), mixed into a `u32`; no strings are built, so the model is a
//! map from hash to one weight per tag.
//!
//! Casing carries much of the signal in news text, but all-caps and title-case headlines break
//! it, so the sentence's casing mode is a feature that the word shape is conjoined with, and
//! the document supplies what the headline hides: how the same word is cased in the body
//! ("LEICESTERSHIRE" is written "Leicestershire" further down).

mod doc;
mod stage2;
mod words;

pub use doc::{DocStats, Looked, extract_document, topic_of};
pub use stage2::extract_stage2;
pub use words::{
    MAX_WORD, SentMode, WordHashes, clip, norm_key, normalize, sentence_mode, shapes, str_hash,
};

use super::clusters::Ids;
use super::gazetteer::{Gazetteer, Hits, LISTS};

/// Hashed features of each token of one sentence, stored flat.
#[derive(Debug, Default, Clone)]
pub struct Features {
    pub hashes: Vec<u32>,
    ends: Vec<u32>,
    /// Per token, where its features of the document (what it is elsewhere in the article)
    /// start, when [`Self::mark_document`] said so; those before are of its sentence alone.
    docs: Vec<u32>,
}

impl Features {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The features of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.hashes[start..self.ends[i] as usize]
    }

    /// Ends token `i`'s features; those pushed since the previous call belong to it.
    pub fn end_token(&mut self) {
        self.ends.push(self.hashes.len() as u32);
    }

    /// The features pushed from now on for the current token are of the document: the same
    /// sentence elsewhere may have others.
    pub fn mark_document(&mut self) {
        self.docs.push(self.hashes.len() as u32);
    }

    /// Token `i`'s features of its sentence alone, and those of the document (all of them are
    /// of the sentence where nothing was marked).
    pub fn split(&self, i: usize) -> (&[u32], &[u32]) {
        let token = self.token(i);
        match self.docs.get(i) {
            Some(&at) if self.docs.len() == self.ends.len() => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] };
                token.split_at((at - start) as usize)
            }
            _ => (token, &[]),
        }
    }

    /// Empties these, keeping the memory.
    pub fn clear(&mut self) {
        self.hashes.clear();
        self.ends.clear();
        self.docs.clear();
    }

    /// Appends the tokens of `other` after these.
    pub fn append(&mut self, other: &Features) {
        let at = self.hashes.len() as u32;
        self.hashes.extend_from_slice(&other.hashes);
        self.ends.extend(other.ends.iter().map(|e| e + at));
        self.docs.extend(other.docs.iter().map(|e| e + at));
    }
}

/// A feature's hash: a template number and the hashed parts it combines (see
/// [`WordHashes`]), mixed one multiply per part and finished with MurmurHash3's `fmix64`.
#[derive(Clone, Copy)]
pub(super) struct Fnv(u64);

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

impl Fnv {
    pub(super) fn new(template: u8) -> Fnv {
        Fnv((template as u64 + 1).wrapping_mul(MUL))
    }
    /// One more part: a hash or a small number.
    pub(super) fn num(self, part: u64) -> Fnv {
        Fnv((self.0 ^ part).wrapping_mul(MUL).rotate_left(27))
    }
    fn finish(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h as u32
    }
    /// The hash of a feature that is not the word itself: its lowest bit is clear.
    pub(super) fn done(self) -> u32 {
        self.finish() & !1
    }
    /// The hash of a feature of the word's identity (the word, or a bigram with it): its
    /// lowest bit is set, so that training can hide these and teach the model what to do with
    /// words it never saw (see [`is_lexical`]).
    fn lexical(self) -> u32 {
        self.finish() | 1
    }
}

/// Whether a feature hash stands for the word's identity (see `Fnv::lexical`).
pub fn is_lexical(hash: u32) -> bool {
    hash & 1 == 1
}

/// The hash that stands for a word or a shape beyond the sentence.
const BOUNDARY: u64 = 0x003c_733e;

/// Appends the token features of one sentence to `out` (one `end_token` per word).
pub fn extract(words: &[&str], gaz: &Gazetteer, doc: &DocStats, out: &mut Features) {
    let parts: Vec<WordHashes> = words.iter().map(|w| WordHashes::of(w)).collect();
    let looked: Vec<Looked> = words.iter().map(|w| doc.looked(clip(w))).collect();
    extract_parts(words, &parts, &looked, &gaz.hits(words), doc, true, out);
}

/// The features of a word by itself, the first of its token's features: they depend on
/// nothing else, so the tagger sums their weights once per word ([`super::memo`]).
pub fn word_features(p: &WordHashes, h: &mut Vec<u32>) {
    h.push(Fnv::new(0).done());
    h.push(Fnv::new(1).num(p.norm).lexical());
    if p.exact != p.norm {
        h.push(Fnv::new(2).num(p.exact).lexical());
    }
    // Affixes of 1 to 4 characters, shorter than the word.
    for k in 0..p.affixes {
        h.push(Fnv::new(3).num(k as u64 + 1).num(p.prefix[k]).done());
        h.push(Fnv::new(4).num(k as u64 + 1).num(p.suffix[k]).done());
    }
    h.push(Fnv::new(5).num(p.long).done());
    h.push(Fnv::new(6).num(p.short).done());
}

/// [`extract`] with each word's hashed parts, clusters and list matches already made
/// (`parts[i]`, `looked[i]` and `hits[i]` those of `words[i]`, the clusters as
/// [`DocStats::looked`] gives them, the matches as [`Gazetteer::hits`]); without `own`, the
/// features of each word by itself ([`word_features`]) are left out.
pub fn extract_parts(
    words: &[&str],
    parts: &[WordHashes],
    looked: &[Looked],
    hits: &[Hits],
    doc: &DocStats,
    own: bool,
    out: &mut Features,
) {
    let n = words.len();
    let at = doc::Setting::of(words, doc);
    let mode = at.mode;
    // At a sentence's start a capital says nothing, so the lower case is looked up first
    // there ("Trains stopped" is about trains).
    let starts = |i: usize| i == 0 || matches!(words[i - 1], "\"" | ":" | "(" | "-" | "``");
    let ids: Vec<Option<(Ids, u8)>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = (starts(i) && w.starts_with(char::is_uppercase))
                .then(|| looked[i].lower.map(|c| (c, 3)))
                .flatten();
            lower.or(looked[i].plain)
        })
        .collect();
    // A coarse cluster of a neighbour (level `level`; 65535: none, 65534: beyond the sentence).
    let near = |i: isize, level: usize| -> u64 {
        if i < 0 || i >= n as isize {
            65534
        } else {
            ids[i as usize].map_or(65535, |(c, _)| c[level] as u64)
        }
    };
    let w = |i: isize| -> u64 {
        if i < 0 || i >= n as isize {
            BOUNDARY
        } else {
            parts[i as usize].norm
        }
    };
    let sh = |i: isize| -> u64 {
        if i < 0 || i >= n as isize {
            BOUNDARY
        } else {
            parts[i as usize].short
        }
    };
    let gaz_mask = |i: isize| -> u64 {
        if i < 0 || i >= n as isize {
            0
        } else {
            let h = hits[i as usize];
            (h.begin | h.inside) as u64
        }
    };
    let capital = |i: usize| words[i].starts_with(char::is_uppercase);
    // Where the run of capitalized words that each word is in ends (one past its last word).
    let mut run_end = vec![n; n];
    for i in (0..n.saturating_sub(1)).rev() {
        run_end[i] = if capital(i + 1) {
            run_end[i + 1]
        } else {
            i + 1
        };
    }
    let mut run_start = 0;
    for i in 0..n {
        if i == 0 || !capital(i - 1) {
            run_start = i;
        }
        // The run of capitalized words this one is in: its length (up to 4) and place.
        let (run, head) = if capital(i) {
            let end = run_end[i];
            let place = (i == run_start) as u64 | ((i + 1 == end) as u64) << 1;
            let head = (end - run_start >= 2).then_some(end - 1);
            ((end - run_start).min(4) as u64 * 4 + place, head)
        } else {
            (0, None)
        };
        let h = &mut out.hashes;
        let ii = i as isize;
        let word = clip(words[i]);
        let p = &parts[i];
        let (lw, short) = (p.norm, p.short);
        if own {
            word_features(p, h);
        }
        h.push(Fnv::new(7).num(mode).num(short).done());
        if i == 0 {
            h.push(Fnv::new(8).num(short).done());
            h.push(Fnv::new(8).num(lw).lexical());
        }
        // Context words and shapes, +/-2.
        h.push(Fnv::new(9).num(w(ii - 1)).done());
        h.push(Fnv::new(10).num(w(ii + 1)).done());
        h.push(Fnv::new(11).num(w(ii - 2)).done());
        h.push(Fnv::new(12).num(w(ii + 2)).done());
        h.push(Fnv::new(13).num(w(ii - 1)).num(lw).lexical());
        h.push(Fnv::new(14).num(lw).num(w(ii + 1)).lexical());
        h.push(
            Fnv::new(15)
                .num(sh(ii - 1))
                .num(short)
                .num(sh(ii + 1))
                .done(),
        );
        h.push(Fnv::new(16).num(sh(ii - 1)).num(short).done());
        h.push(Fnv::new(17).num(short).num(sh(ii + 1)).done());
        h.push(Fnv::new(18).num(mode).num(w(ii - 1)).done());
        // Gazetteers: this token's position in a match of each list, and the lists that the
        // neighbours match.
        let hit = hits[i];
        for list in LISTS {
            let bit = 1u16 << list as u16;
            if hit.begin & bit != 0 {
                h.push(Fnv::new(20).num(list as u64).done());
                h.push(Fnv::new(21).num(list as u64).num(short).done());
            }
            if hit.inside & bit != 0 {
                h.push(Fnv::new(22).num(list as u64).done());
            }
        }
        h.push(
            Fnv::new(23)
                .num(gaz_mask(ii - 1))
                .num(gaz_mask(ii + 1))
                .done(),
        );
        // Word clusters: the vector row (fine), two coarser levels, and how the word was
        // found; the coarse level with the shape, the mode and the neighbours' clusters.
        match ids[i] {
            Some((c, how)) => {
                h.push(Fnv::new(30).num(c[0] as u64).done());
                h.push(Fnv::new(31).num(c[1] as u64).done());
                h.push(Fnv::new(32).num(c[2] as u64).done());
                h.push(Fnv::new(33).num(c[1] as u64).num(short).done());
                h.push(
                    Fnv::new(34)
                        .num(c[2] as u64)
                        .num(mode)
                        .num(how as u64)
                        .done(),
                );
            }
            None => h.push(Fnv::new(35).num(mode).num(short).done()),
        }
        // A capitalized first word also shows the cluster of its form as written.
        let first = starts(i);
        if ids[i].is_some_and(|(_, how)| how == 3)
            && let Some(c) = looked[i].exact
        {
            h.push(Fnv::new(28).num(c[1] as u64).done());
        }
        // How common the word is in lower case (the vector rows run from the commonest
        // word), by the capital's place: a capital on a common word at a sentence's start
        // ("Trains stopped") is only the start.
        if word.starts_with(char::is_uppercase) {
            let rank = looked[i]
                .lower
                .map_or(16, |c| 32 - (c[0] as u32 + 1).leading_zeros());
            h.push(
                Fnv::new(29)
                    .num(rank as u64)
                    .num(first as u64)
                    .num(mode)
                    .done(),
            );
        }
        // A word in capitals also shows the cluster of its capitalized form: "LISBON" reads
        // as "Lisbon" the name, not only as "lisbon".
        if ids[i].is_some_and(|(_, how)| how == 1)
            && let Some(c) = looked[i].capital
        {
            h.push(Fnv::new(27).num(c[1] as u64).done());
        }
        h.push(Fnv::new(38).num(near(ii - 1, 1)).done());
        h.push(Fnv::new(39).num(near(ii + 1, 1)).done());
        // The lists this word matches with the shapes around it: a town between a comma
        // and a score ("Leeds 3") is a team.
        h.push(
            Fnv::new(51)
                .num((hit.begin | hit.inside) as u64)
                .num(sh(ii - 1))
                .num(sh(ii + 1))
                .done(),
        );
        let capital = word.starts_with(char::is_uppercase);
        if capital {
            // The run of capitals it is in, by the sentence's mode.
            h.push(Fnv::new(56).num(run).num(mode).done());
            // The last word of the capitalized run ("Bank", "Corp", "Club") and its cluster.
            if let Some(e) = head {
                h.push(Fnv::new(58).num(parts[e].norm).num(mode).done());
                h.push(Fnv::new(59).num(near(e as isize, 1)).num(mode).done());
            }
        }
        // From here on, what the rest of the document says (see [`Features::split`]).
        out.mark_document();
        let gaz = (hit.begin | hit.inside) as u64;
        doc::document_token(capital, (lw, short, gaz), at, doc, &mut out.hashes);
        out.end_token();
    }
}

#[cfg(test)]
mod tests;
