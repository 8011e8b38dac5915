//! The first pass's reading of a document before any features: what each token's word is
//! (its hashed parts, its clusters, the lists it matches) and what the document says of the
//! words (their casing, their neighbours, its topic: [`DocStats`]).
//!
//! A sentence met before ([`repeats`], found by a hash of its words) brings all that is known
//! of its tokens at once, so none of its words is looked up one by one ([`memo`]); the others
//! are read word by word, and what is known of them is kept once their weights are summed.

use std::ops::Range;

use super::KeyMap;
use crate::analysis::features::{DocStats, Looked, topic_of};
use crate::analysis::memo;
use crate::analysis::repeats::{self, Key, Token};

/// How a sentence's tokens are known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Known {
    /// Met before: its tokens are complete, weights included.
    Met,
    /// Read word by word: its weights are to be summed, then kept.
    Fresh,
    /// Read word by word, and some word of it takes the clusters of another word of the
    /// document (two words of one key in the clusters): summed, not kept.
    Own,
}

/// A document read.
pub(super) struct Prepared {
    /// Per token: all of it for a sentence [`Known::Met`]; otherwise its parts, key in the
    /// clusters and topic, the weights and lists to come.
    pub tokens: Vec<Token>,
    /// Per sentence.
    pub known: Vec<Known>,
    /// Per sentence, its key in [`repeats`] (None: nothing is kept, not the embedded model).
    pub keys: Vec<Option<Key>>,
    /// Per token of a sentence read word by word: its id in [`memo`], and the clusters it
    /// takes (its own, or those of the document's first word of the same cluster key, as
    /// [`DocStats::looked`] gives them).
    pub ids: Vec<u32>,
    pub looked: Vec<Looked>,
}

/// Reads a document of `count` words (word `i` is `word(i)`) in `sentences` into `doc`;
/// `kept`: whether what is known of sentences is kept and looked for ([`repeats`]).
pub(super) fn prepare<'w>(
    word: &impl Fn(usize) -> &'w str,
    count: usize,
    sentences: &[Range<usize>],
    kept: bool,
    doc: &mut DocStats,
) -> Prepared {
    let mut p = Prepared {
        tokens: vec![Token::default(); count],
        known: Vec::with_capacity(sentences.len()),
        keys: Vec::with_capacity(sentences.len()),
        ids: vec![0; count],
        looked: vec![Looked::default(); count],
    };
    // Per key in the clusters, the exact hash of the document's first word of that key and
    // where it is.
    let mut first: KeyMap<(u64, u32)> = KeyMap::default();
    let mut words: Vec<&'w str> = Vec::new();
    let (mut norms, mut topics) = (Vec::new(), Vec::new());
    memo::with(|memo| {
        memo.begin();
        for r in sentences {
            words.clear();
            words.extend(r.clone().map(word));
            let key = kept.then(|| Key::of_words(&words));
            let tokens = &mut p.tokens[r.clone()];
            let found = key.is_some_and(|key| {
                repeats::with(key, |k| {
                    k.get(key, words.len())
                        .map(|kept| tokens.copy_from_slice(kept))
                        .is_some()
                })
            });
            // Met before, and each word takes its own clusters here too.
            let mut known = found.then_some(Known::Met);
            if found {
                for (i, t) in r.clone().zip(tokens.iter()) {
                    let (exact, _) = *first.entry(t.wkey).or_insert((t.exact, i as u32));
                    if exact != t.exact {
                        known = None;
                    }
                }
            }
            let known = known.unwrap_or_else(|| {
                let mut own = true;
                for i in r.clone() {
                    let id = memo.id(word(i));
                    let w = memo.get(id);
                    let (parts, wkey) = (w.parts, w.key);
                    let (exact, at) = *first.entry(wkey).or_insert((parts.exact, i as u32));
                    let kin = if exact == parts.exact {
                        id
                    } else {
                        own = false;
                        memo.id(word(at as usize))
                    };
                    p.ids[i] = id;
                    p.looked[i] = memo.get(kin).looked;
                    p.tokens[i] = Token {
                        norm: parts.norm,
                        short: parts.short,
                        exact: parts.exact,
                        wkey,
                        topic: topic_of(word(i), &p.looked[i]),
                        ..Token::default()
                    };
                }
                if own { Known::Fresh } else { Known::Own }
            });
            p.known.push(known);
            p.keys.push(key);
            norms.clear();
            norms.extend(p.tokens[r.clone()].iter().map(|t| t.norm));
            topics.clear();
            topics.extend(p.tokens[r.clone()].iter().map(|t| t.topic));
            doc.add_topics(&words, &norms, &topics);
        }
    });
    p
}
