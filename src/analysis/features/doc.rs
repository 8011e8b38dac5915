//! What the document says about a word: how it is cased in the body (away from sentence
//! starts and headlines), and its word clusters, looked up once per distinct word.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::super::clusters::{Clusters, Ids, word_key};
use super::super::tagger::{KeyHasher, KeyMap};
use super::words::{SentMode, clip, lw_word, norm_key, sentence_mode};
use super::{Features, Fnv};

/// How each word is cased in the body of the document, away from sentence starts and
/// headlines: counts of (capitalized, lowercase) occurrences, keyed by the normalized word.
#[derive(Default)]
pub struct DocStats {
    case: HashMap<u64, (u16, u16), BuildHasherDefault<KeyHasher>>,
    /// The clusters of each distinct word of the document (by its cluster key), looked up
    /// once.
    looked: KeyMap<Looked>,
    /// The words around each capitalized word in the body (by its normalized key), at most
    /// [`MAX_CONTEXTS`] distinct ones: "Ostrava Mills said it" and "Ostrava Mills 's profits"
    /// tell what Ostrava Mills is wherever else it appears, headlines included.
    ///
    /// With them, how the word appears capitalized in the body: bit 0 after a capitalized
    /// word, bit 1 before one, bit 2 alone. A name never written with a given name or inside
    /// a longer name ("Comelf said") is less likely a person's.
    contexts: HashMap<u64, (Vec<u64>, u8), BuildHasherDefault<KeyHasher>>,
    /// Per coarse (64) cluster, how many of the document's less common lowercase words are
    /// in it: the commonest cluster stands for what the document is about (a match report,
    /// a market report), learned from the clusters rather than from a list of topics.
    topics: Vec<u16>,
    /// Tokens of the document, and those with a digit.
    tokens: u32,
    numeric: u32,
}

/// Vector rows run from the commonest word; words below this row are too common to tell
/// what a document is about.
const TOPIC_RANK: u16 = 400;

/// How many distinct neighbouring words of one capitalized word the document keeps.
pub const MAX_CONTEXTS: usize = 12;

/// The neighbour hash of a sentence's edge in [`DocStats::contexts`].
const EDGE: u64 = 0x5e17_ed9e;

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
    pub fn of(word: &str) -> Looked {
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

/// What a word (its clusters `looked`) says of what its document is about: 1 + its coarse
/// (64) cluster for a less common lowercase word, else 0.
pub fn topic_of(word: &str, looked: &Looked) -> u8 {
    match looked.exact {
        Some(c) if clip(word).starts_with(char::is_lowercase) && c[0] >= TOPIC_RANK => {
            1 + (c[2] % 64) as u8
        }
        _ => 0,
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
        let keys: Vec<u64> = words.iter().map(|w| norm_key(w)).collect();
        self.add_keyed(words, &keys);
    }

    /// [`Self::add`] with each word's [`norm_key`] already made (`keys[i]` that of `words[i]`).
    pub fn add_keyed(&mut self, words: &[&str], keys: &[u64]) {
        let looked: Vec<Looked> = words
            .iter()
            .map(|w| {
                let w = clip(w);
                *self
                    .looked
                    .entry(word_key(w))
                    .or_insert_with(|| super::super::memo::looked(w))
            })
            .collect();
        self.add_looked(words, keys, &looked);
    }

    /// [`Self::add_keyed`] with each word's clusters already looked up (`looked[i]` those of
    /// `words[i]`, as [`Self::looked`] would give them), which [`Self::looked`] then does
    /// not know: the caller keeps them.
    pub fn add_looked(&mut self, words: &[&str], keys: &[u64], looked: &[Looked]) {
        let topics: Vec<u8> = words
            .iter()
            .zip(looked)
            .map(|(w, l)| topic_of(w, l))
            .collect();
        self.add_topics(words, keys, &topics);
    }

    /// [`Self::add_looked`] with what each word says of the topic already made (`topics[i]`
    /// is [`topic_of`] `words[i]`).
    pub fn add_topics(&mut self, words: &[&str], keys: &[u64], topics: &[u8]) {
        for (w, &topic) in words.iter().zip(topics) {
            if topic > 0 {
                self.topics.resize(64, 0);
                let t = &mut self.topics[topic as usize - 1];
                *t = t.saturating_add(1);
            }
            self.numeric += clip(w).bytes().any(|b| b.is_ascii_digit()) as u32;
        }
        self.tokens += words.len() as u32;
        if sentence_mode(words) != SentMode::Normal {
            return;
        }
        self.add_contexts(words, keys);
        for (i, w) in words.iter().enumerate().skip(1) {
            // Skip words after an opening quote or a colon: they start a sentence too.
            if matches!(words[i - 1], "\"" | ":" | "`" | "``" | "(" | "-") {
                continue;
            }
            let e = self.case.entry(keys[i]).or_default();
            if w.starts_with(char::is_uppercase) {
                e.0 = e.0.saturating_add(1);
            } else if w.starts_with(char::is_lowercase) {
                e.1 = e.1.saturating_add(1);
            }
        }
    }

    /// Records the neighbours of the capitalized words of a body sentence: the word before
    /// (an even hash) and the word after (odd), in lower case.
    fn add_contexts(&mut self, words: &[&str], keys: &[u64]) {
        let key = |i: usize, side: u64| -> u64 {
            keys.get(i)
                .copied()
                .unwrap_or(EDGE)
                .wrapping_mul(2)
                .wrapping_add(side)
        };
        for (i, w) in words.iter().enumerate() {
            if !w.starts_with(char::is_uppercase) {
                continue;
            }
            let cap = |j: usize| {
                words
                    .get(j)
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
            };
            let (before, after) = (i > 0 && cap(i - 1), cap(i + 1));
            let bits = before as u8 | (after as u8) << 1 | ((!before && !after) as u8) << 2;
            let (seen, runs) = self.contexts.entry(keys[i]).or_default();
            *runs |= bits;
            let before = if i == 0 { EDGE * 2 } else { key(i - 1, 0) };
            for c in [before, key(i + 1, 1)] {
                if seen.len() < MAX_CONTEXTS && !seen.contains(&c) {
                    seen.push(c);
                }
            }
        }
    }

    /// The neighbours that a word (by its normalized key) has where it is capitalized in
    /// the body: even hashes for the word before, odd for the word after.
    pub fn contexts(&self, norm_key: u64) -> &[u64] {
        self.seen(norm_key).0
    }

    /// [`DocStats::contexts`], and how the word appears capitalized in the body (bit 0:
    /// after a capitalized word, 1: before one, 2: alone; 0: not capitalized in the body).
    pub fn seen(&self, norm_key: u64) -> (&[u64], u64) {
        self.contexts
            .get(&norm_key)
            .map_or((&[], 0), |(c, runs)| (c.as_slice(), *runs as u64))
    }

    /// The coarse cluster most of the document's less common lowercase words are in (64:
    /// none).
    pub fn topic(&self) -> u64 {
        let (best, count) = self
            .topics
            .iter()
            .enumerate()
            .max_by_key(|&(k, &c)| (c, std::cmp::Reverse(k)))
            .unwrap_or((64, &0));
        if *count == 0 { 64 } else { best as u64 }
    }

    /// How much of the document is numbers: 0 (under 5% of its tokens), 1 (under 20%), 2.
    pub fn numeric(&self) -> u64 {
        let (n, t) = (self.numeric as u64 * 100, self.tokens.max(1) as u64);
        if n < 5 * t {
            0
        } else if n < 20 * t {
            1
        } else {
            2
        }
    }

    /// 0: not seen in the body, 1: only capitalized, 2: only lowercase, 3: both.
    pub fn class(&self, norm_key: u64) -> u64 {
        match self.case.get(&norm_key) {
            None => 0,
            Some(&(c, l)) => (c > 0) as u64 | ((l > 0) as u64) << 1,
        }
    }
}

/// What a sentence's document features share: the sentence's mode ([`sentence_mode`]), what
/// the document is about ([`DocStats::topic`]) and how much of it is numbers.
#[derive(Clone, Copy)]
pub(super) struct Setting {
    pub mode: u64,
    pub topic: u64,
    pub numeric: u64,
}

impl Setting {
    pub fn of(words: &[&str], doc: &DocStats) -> Setting {
        Setting {
            mode: sentence_mode(words) as u64,
            topic: doc.topic(),
            numeric: doc.numeric(),
        }
    }
}

/// The features of one token that tell what the rest of the document says of its word
/// (normalized key `lw`, shape `short`, `gaz` the lists it matches): those
/// [`Features::split`] gives second.
pub(super) fn document_token(
    capital: bool,
    (lw, short, gaz): (u64, u64, u64),
    at: Setting,
    doc: &DocStats,
    h: &mut Vec<u32>,
) {
    if capital {
        // What surrounds this word where else the document writes it capitalized, and
        // whether it stands there alone or in a longer run of capitals.
        let (contexts, runs) = doc.seen(lw);
        for &c in contexts {
            h.push(Fnv::new(50).num(c).done());
        }
        h.push(Fnv::new(57).num(runs).done());
        // The lists it matches with what the document is about and how much of it is
        // numbers: a town in a match report or a results table is a team.
        h.push(Fnv::new(52).num(at.topic).num(gaz).done());
        h.push(Fnv::new(54).num(at.numeric).num(gaz).done());
    }
    // Document casing of this word, by itself and with the sentence's mode.
    let class = doc.class(lw);
    h.push(Fnv::new(24).num(class).done());
    h.push(Fnv::new(25).num(class).num(at.mode).num(short).done());
}

/// Only the document's features of each token of a sentence (its words, and of each its
/// normalized key, short shape and the lists it matches, begin or inside), for a sentence whose
/// features of its own are known: each token's are marked as the document's, and ended.
pub fn extract_document(
    words: &[&str],
    known: impl Iterator<Item = (u64, u64, u16)>,
    doc: &DocStats,
    out: &mut Features,
) {
    let at = Setting::of(words, doc);
    for (w, (norm, short, g)) in words.iter().zip(known) {
        out.mark_document();
        let capital = clip(w).starts_with(char::is_uppercase);
        document_token(capital, (norm, short, g as u64), at, doc, &mut out.hashes);
        out.end_token();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_come_from_body_sentences_and_are_capped() {
        let body = ["Then", "Ostrava", "said", "it", "would", "grow", "."];
        let headline = ["OSTRAVA", "PROFIT", "UP"];
        let doc = DocStats::new([&headline[..], &body[..]]);
        let got = doc.contexts(norm_key("OSTRAVA"));
        let before = norm_key("Then").wrapping_mul(2);
        let after = norm_key("said").wrapping_mul(2) + 1;
        assert_eq!(got, [before, after]);
        // Lowercase words have none; many mentions keep at most MAX_CONTEXTS.
        assert!(doc.contexts(norm_key("said")).is_empty());
        let names: Vec<String> = (1..40).map(|i| "x".repeat(i)).collect();
        let many: Vec<Vec<&str>> = names
            .iter()
            .map(|w| vec!["the", "Ostrava", w.as_str(), "."])
            .collect();
        let doc = DocStats::new(many.iter().map(|s| &s[..]));
        assert_eq!(doc.contexts(norm_key("Ostrava")).len(), MAX_CONTEXTS);
    }

    #[test]
    fn capital_runs_topic_and_numbers_of_a_document() {
        let body = [
            "Later", ",", "Ostrava", "Mills", "said", "Ostrava", "would", "grow", ".",
        ];
        let table = ["Leeds", "3", "Hull", "1"];
        let doc = DocStats::new([&body[..], &table[..]]);
        // "Ostrava": before a capital once, alone once; "Mills": after one.
        assert_eq!(doc.seen(norm_key("Ostrava")).1, 0b110);
        assert_eq!(doc.seen(norm_key("Mills")).1, 0b001);
        assert_eq!(doc.seen(norm_key("grow")).1, 0);
        // 2 of 13 tokens are numbers; only uncommon lowercase words vote for a topic.
        assert_eq!(doc.numeric(), 1);
        assert_eq!(DocStats::new([&body[..]]).numeric(), 0);
        assert_eq!(DocStats::new([&table[..]]).numeric(), 2);
        assert_eq!(DocStats::new([&["The", "End"][..]]).topic(), 64);
        let rare = ["the", "hydrologists", "measured", "sediment", "."];
        assert!(DocStats::new([&rare[..]]).topic() < 64);
    }
}
