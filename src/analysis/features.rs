//! Feature extraction: every feature is a string-like template hashed straight to a `u32`
//! (no strings are built), so the model is a map from hash to one weight per tag.
//!
//! Casing carries much of the signal in news text, but all-caps and title-case headlines break
//! it, so the sentence's casing mode is a feature that the word shape is conjoined with, and
//! the document supplies what the headline hides: how the same word is cased in the body
//! ("LEICESTERSHIRE" is written "Leicestershire" further down).

use std::collections::HashMap;

use super::clusters::{Clusters, Ids, word_key};
use super::gazetteer::{Gazetteer, Hits, LISTS};
use super::tagger::KeyMap;

/// Hashed features of each token of one sentence, stored flat.
#[derive(Debug, Default, Clone)]
pub struct Features {
    pub hashes: Vec<u32>,
    ends: Vec<u32>,
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

    /// Appends the tokens of `other` after these.
    pub fn append(&mut self, other: &Features) {
        let at = self.hashes.len() as u32;
        self.hashes.extend_from_slice(&other.hashes);
        self.ends.extend(other.ends.iter().map(|e| e + at));
    }
}

/// FNV-1a over a template number and its parts, folded to 32 bits.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(template: u8) -> Fnv {
        Fnv((0xcbf2_9ce4_8422_2325u64 ^ template as u64).wrapping_mul(0x100_0000_01b3))
    }
    fn bytes(mut self, b: &[u8]) -> Fnv {
        for &x in b {
            self.0 = (self.0 ^ x as u64).wrapping_mul(0x100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }
    fn str(self, s: &str) -> Fnv {
        self.bytes(s.as_bytes())
    }
    fn num(self, n: u64) -> Fnv {
        self.bytes(&n.to_le_bytes())
    }
    /// The hash of a feature that is not the word itself: its lowest bit is clear.
    fn done(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32 & !1
    }
    /// The hash of a feature of the word's identity (the word, or a bigram with it): its
    /// lowest bit is set, so that training can hide these and teach the model what to do with
    /// words it never saw (see [`is_lexical`]).
    fn lexical(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32 | 1
    }
}

/// Whether a feature hash stands for the word's identity (see `Fnv::lexical`).
pub fn is_lexical(hash: u32) -> bool {
    hash & 1 == 1
}

/// How a sentence is cased: headlines in capitals or in title case hide which words are names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentMode {
    Normal = 0,
    Upper = 1,
    Title = 2,
}

pub fn sentence_mode(words: &[&str]) -> SentMode {
    let alpha: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    if alpha.len() < 2 {
        return SentMode::Normal;
    }
    let upper = alpha
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    let capital = alpha
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    if upper * 4 >= alpha.len() * 3 {
        SentMode::Upper
    } else if alpha.len() >= 4 && capital * 10 >= alpha.len() * 9 {
        SentMode::Title
    } else {
        SentMode::Normal
    }
}

/// Typographic quotes and dashes as the ASCII marks of the (Reuters) training text.
fn plain(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

/// Words are cut to this many characters for their features. No token of the training text
/// is longer (its longest is a rule of 61 dashes), so the model is the same for real words,
/// and a "word" of 32 MB (text without spaces) is not copied into lower case, shapes and
/// affixes.
pub const MAX_WORD: usize = 64;

/// The first [`MAX_WORD`] characters of a word.
pub fn clip(word: &str) -> &str {
    match word.char_indices().nth(MAX_WORD) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

/// Lowercase with digits folded to 0, so "1996" and "1997" share a feature.
pub fn normalize(word: &str) -> String {
    clip(word)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { plain(c) })
        .collect()
}

/// The word in lower case (digits kept), as the cluster vocabulary writes it.
fn lw_word(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

/// "Xxxx", "XX-dd", ... (long runs capped at four) and the short form with runs collapsed.
pub fn shapes(word: &str) -> (String, String) {
    let (mut long, mut short) = (String::new(), String::new());
    let (mut last, mut run) = ('\0', 0);
    for c in clip(word).chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            plain(c)
        };
        run = if s == last { run + 1 } else { 1 };
        if run <= 4 {
            long.push(s);
        }
        if run == 1 {
            short.push(s);
        }
        last = s;
    }
    (long, short)
}

/// How each word is cased in the body of the document, away from sentence starts and
/// headlines: counts of (capitalized, lowercase) occurrences, keyed by the normalized word.
#[derive(Default)]
pub struct DocStats {
    case: HashMap<String, (u16, u16)>,
    /// The clusters of each distinct word of the document (by its cluster key), looked up
    /// once.
    looked: KeyMap<Looked>,
}

/// A word's clusters as the features need them: as [`Clusters::lookup`] finds them, as
/// written exactly, in lower case, and capitalized (for a word in capitals).
#[derive(Debug, Clone, Copy, Default)]
pub struct Looked {
    pub plain: Option<(Ids, u8)>,
    pub exact: Option<Ids>,
    pub lower: Option<Ids>,
    pub capital: Option<Ids>,
}

impl Looked {
    /// One to three lookups: as written, in lower case (a word with capitals), capitalized
    /// (a word in capitals whose lower case is known); [`Clusters::lookup`] is made of these.
    fn of(word: &str) -> Looked {
        let c = Clusters::embedded();
        let exact = c.exact(word);
        let has_upper = word.chars().any(char::is_uppercase);
        let lower = if has_upper {
            c.exact(&lw_word(word))
        } else {
            exact
        };
        let shouted = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase);
        let mut capital = None;
        let plain = match (exact, lower) {
            (Some(e), _) if !shouted => Some((e, 0)),
            _ if !has_upper => None,
            (_, Some(l)) => {
                capital = c.capitalized(word);
                Some((l, 1))
            }
            (e, None) => c.capitalized(word).map(|k| (k, 2)).or(e.map(|e| (e, 0))),
        };
        Looked {
            plain,
            exact,
            lower,
            capital,
        }
    }
}

impl DocStats {
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocStats {
        let mut stats = DocStats::default();
        for words in sentences {
            stats.add(words);
        }
        stats
    }

    /// The clusters of a word of the document (looked up now if `add` never saw it).
    pub fn looked(&self, word: &str) -> Looked {
        self.looked
            .get(&word_key(word))
            .copied()
            .unwrap_or_else(|| Looked::of(word))
    }

    /// Counts the casing of one more sentence's words.
    pub fn add(&mut self, words: &[&str]) {
        for w in words {
            let w = clip(w);
            self.looked
                .entry(word_key(w))
                .or_insert_with(|| Looked::of(w));
        }
        if sentence_mode(words) != SentMode::Normal {
            return;
        }
        for (i, w) in words.iter().enumerate().skip(1) {
            // Skip words after an opening quote or a colon: they start a sentence too.
            if matches!(words[i - 1], "\"" | ":" | "`" | "``" | "(" | "-") {
                continue;
            }
            let e = self.case.entry(normalize(w)).or_default();
            if w.starts_with(char::is_uppercase) {
                e.0 = e.0.saturating_add(1);
            } else if w.starts_with(char::is_lowercase) {
                e.1 = e.1.saturating_add(1);
            }
        }
    }

    /// 0: not seen in the body, 1: only capitalized, 2: only lowercase, 3: both.
    fn class(&self, norm: &str) -> u64 {
        match self.case.get(norm) {
            None => 0,
            Some(&(c, l)) => (c > 0) as u64 | ((l > 0) as u64) << 1,
        }
    }
}

const BOUNDARY: &str = "<s>";

/// Appends the token features of one sentence to `out` (one `end_token` per word).
pub fn extract(words: &[&str], gaz: &Gazetteer, doc: &DocStats, out: &mut Features) {
    let n = words.len();
    let norm: Vec<String> = words.iter().map(|w| normalize(w)).collect();
    let shape: Vec<(String, String)> = words.iter().map(|w| shapes(w)).collect();
    let hits: Vec<Hits> = gaz.hits(words);
    let mode = sentence_mode(words) as u64;
    // At a sentence's start a capital says nothing, so the lower case is looked up first
    // there ("Trains stopped" is about trains).
    let starts = |i: usize| i == 0 || matches!(words[i - 1], "\"" | ":" | "(" | "-" | "``");
    let looked: Vec<Looked> = words.iter().map(|w| doc.looked(clip(w))).collect();
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
    let w = |i: isize| -> &str {
        if i < 0 || i >= n as isize {
            BOUNDARY
        } else {
            &norm[i as usize]
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 || i >= n as isize {
            BOUNDARY
        } else {
            &shape[i as usize].1
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
    for i in 0..n {
        let h = &mut out.hashes;
        let ii = i as isize;
        let word = clip(words[i]);
        let lw = &norm[i];
        let (long, short) = &shape[i];
        h.push(Fnv::new(0).done());
        h.push(Fnv::new(1).str(lw).lexical());
        if word != lw {
            h.push(Fnv::new(2).str(word).lexical());
        }
        // Affixes of 1 to 4 characters, shorter than the word.
        let len = lw.chars().count();
        for (k, (end, _)) in lw
            .char_indices()
            .skip(1)
            .take(4.min(len.saturating_sub(1)))
            .enumerate()
        {
            h.push(Fnv::new(3).num(k as u64 + 1).str(&lw[..end]).done());
        }
        for (k, (from, _)) in lw
            .char_indices()
            .rev()
            .take(4.min(len.saturating_sub(1)))
            .enumerate()
        {
            h.push(Fnv::new(4).num(k as u64 + 1).str(&lw[from..]).done());
        }
        h.push(Fnv::new(5).str(long).done());
        h.push(Fnv::new(6).str(short).done());
        h.push(Fnv::new(7).num(mode).str(short).done());
        if i == 0 {
            h.push(Fnv::new(8).str(short).done());
            h.push(Fnv::new(8).str(lw).lexical());
        }
        // Context words and shapes, +/-2.
        h.push(Fnv::new(9).str(w(ii - 1)).done());
        h.push(Fnv::new(10).str(w(ii + 1)).done());
        h.push(Fnv::new(11).str(w(ii - 2)).done());
        h.push(Fnv::new(12).str(w(ii + 2)).done());
        h.push(Fnv::new(13).str(w(ii - 1)).str(lw).lexical());
        h.push(Fnv::new(14).str(lw).str(w(ii + 1)).lexical());
        h.push(
            Fnv::new(15)
                .str(sh(ii - 1))
                .str(short)
                .str(sh(ii + 1))
                .done(),
        );
        h.push(Fnv::new(16).str(sh(ii - 1)).str(short).done());
        h.push(Fnv::new(17).str(short).str(sh(ii + 1)).done());
        h.push(Fnv::new(18).num(mode).str(w(ii - 1)).done());
        // Gazetteers: this token's position in a match of each list, and the lists that the
        // neighbours match.
        let hit = hits[i];
        for list in LISTS {
            let bit = 1u16 << list as u16;
            if hit.begin & bit != 0 {
                h.push(Fnv::new(20).num(list as u64).done());
                h.push(Fnv::new(21).num(list as u64).str(short).done());
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
                h.push(Fnv::new(33).num(c[1] as u64).str(short).done());
                h.push(
                    Fnv::new(34)
                        .num(c[2] as u64)
                        .num(mode)
                        .num(how as u64)
                        .done(),
                );
            }
            None => h.push(Fnv::new(35).num(mode).str(short).done()),
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
        // Document casing of this word, by itself and with the sentence's mode.
        let class = doc.class(lw);
        h.push(Fnv::new(24).num(class).done());
        h.push(Fnv::new(25).num(class).num(mode).str(short).done());
        out.end_token();
    }
}

/// Stage-two features: what the first-pass tagger said about this token and its neighbours,
/// and what it said about the same word elsewhere in the document (`votes`, without this
/// token's own vote). Tags are indices as in `Tag::index`.
pub fn extract_stage2(tags: &[u8], votes: &[[u16; 5]], i: usize, out: &mut Vec<u32>) {
    let tag = |j: isize| -> u64 {
        if j < 0 || j as usize >= tags.len() {
            99
        } else {
            tags[j as usize] as u64
        }
    };
    let ii = i as isize;
    out.push(Fnv::new(40).num(tag(ii)).done());
    out.push(Fnv::new(41).num(tag(ii - 1)).num(tag(ii)).done());
    out.push(Fnv::new(42).num(tag(ii)).num(tag(ii + 1)).done());
    let v = votes[i];
    let total: u32 = v.iter().map(|&x| x as u32).sum();
    if total == 0 {
        out.push(Fnv::new(43).done());
        return;
    }
    // The type most often given to this word elsewhere (0 = O).
    let best = (0..5)
        .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
        .unwrap_or(0) as u64;
    let entity: u32 = v[1..].iter().map(|&x| x as u32).sum();
    let frac = (entity * 4).div_ceil(total) as u64;
    out.push(Fnv::new(44).num(best).done());
    out.push(Fnv::new(45).num(best).num(tag(ii)).done());
    out.push(Fnv::new(46).num(best).num(frac).done());
    for (k, &count) in v.iter().enumerate().skip(1) {
        if count > 0 {
            out.push(Fnv::new(47).num(k as u64).done());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_modes() {
        assert_eq!(shapes("McDonald's"), ("XxXxxxx'x".into(), "XxXx'x".into()));
        assert_eq!(shapes("1996-08-30").1, "d-d-d");
        assert_eq!(
            sentence_mode(&["LEICESTERSHIRE", "TAKE", "OVER", "."]),
            SentMode::Upper
        );
        assert_eq!(
            sentence_mode(&["Rain", "Stops", "Play", "At", "Lord's"]),
            SentMode::Title
        );
        assert_eq!(
            sentence_mode(&["Rain", "stopped", "play", "."]),
            SentMode::Normal
        );
        assert_eq!(normalize("Q3-1996"), "q0-0000");
    }

    #[test]
    fn a_long_word_is_cut_for_its_features() {
        let word = "Ab".repeat(100_000);
        assert_eq!(normalize(&word).chars().count(), MAX_WORD);
        let (long, short) = shapes(&word);
        assert_eq!((long.len(), short.len()), (MAX_WORD, MAX_WORD));
    }

    #[test]
    fn features_are_deterministic_and_per_token() {
        let gaz = Gazetteer::builtin();
        let words = ["Mira", "Volant", "visited", "Peru", "."];
        let doc = DocStats::new([&words[..]]);
        let (mut a, mut b) = (Features::default(), Features::default());
        extract(&words, &gaz, &doc, &mut a);
        extract(&words, &gaz, &doc, &mut b);
        assert_eq!(a.len(), 5);
        assert_eq!(a.hashes, b.hashes);
        // The gazetteer fires for "Peru" only.
        let country = Fnv::new(20).num(0).done();
        assert!(a.token(3).contains(&country));
        assert!(!a.token(2).contains(&country));
    }
}
