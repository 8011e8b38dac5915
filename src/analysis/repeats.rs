//! The weights of a sentence's own features, kept for the next time the same sentence comes,
//! on whichever thread: a briefing repeats itself (wire copy carried by several outlets, a
//! feed's article updated, the same quote everywhere), and making those features and looking
//! their weights up is most of the first pass. The threads that tag share what is kept (in
//! shards, each behind its own lock), so a sentence one worker met is known to the other, and
//! the memory bound is one for the process.
//!
//! The key is a hash of the sentence's words. What is kept of each token is a function of its
//! word and the sentence's (its hashed parts, the lists it matches, its own features'
//! weights: [`Features::split`] gives those first), provided each word takes its own clusters
//! ([`super::features::DocStats::looked`]), which the tagger checks: a sentence where a word
//! takes another's is neither kept nor taken from here. What the rest of the document says of
//! a word is not kept: the tagger makes those features and adds their weights each time. What
//! is kept is exactly what would be computed again, up to a collision of two independent
//! 64-bit hashes.
//!
//! [`Features::split`]: super::features::Features::split

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{Mutex, PoisonError};

use super::model::Sum;
use super::tagger::KeyHasher;

/// How many tokens the process keeps (104 bytes each, some 13 MB); past that, what a shard
/// keeps is set aside and what it set aside before is let go (at most twice this many). A
/// briefing's sentences repeat across its articles, so this is what it takes for the sentences
/// of a large briefing to be met again before they are let go.
const CAP: usize = 1 << 17;

/// How many shards: each keeps its share of [`CAP`], chosen by the key.
const SHARDS: usize = 8;

/// A sentence's key: two hashes of the same stream, each step of each a bijection of its
/// state, so that sentences differing in one token never collide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Key(u64, u64);

impl Key {
    /// The key of a sentence of `words`: each word's length, then its bytes eight at a time.
    pub fn of_words(words: &[&str]) -> Key {
        let mut k = Key(0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344);
        k.add(words.len() as u64);
        for w in words {
            k.add(w.len() as u64);
            let mut chunks = w.as_bytes().chunks_exact(8);
            for c in &mut chunks {
                k.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut last = [0u8; 8];
                last[..rest.len()].copy_from_slice(rest);
                k.add(u64::from_le_bytes(last));
            }
        }
        k
    }

    fn add(&mut self, x: u64) {
        self.0 = (self.0 ^ x)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
        self.1 = (self.1.rotate_left(17) ^ x).wrapping_mul(0xd6e8_feb8_6659_fd93) ^ 0x5bd1_e995;
    }
}

/// What is known of one token of a sentence: both passes' sums of its features of the
/// sentence alone, the lists its word matches ([`super::gazetteer::Hits`], begin or inside),
/// and of its word: its normalized key, short shape and exact hash
/// ([`super::features::WordHashes`]), its key in the clusters, and what it says of the topic
/// ([`super::features::topic_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Token {
    pub sums: [Sum; 2],
    pub norm: u64,
    pub short: u64,
    pub exact: u64,
    pub wkey: u32,
    pub gaz: u16,
    pub topic: u8,
}

/// The tokens of one sentence.
struct Kept {
    check: u64,
    sums: Box<[Token]>,
}

type Map = HashMap<u64, Kept, BuildHasherDefault<KeyHasher>>;

pub struct Repeats {
    now: Map,
    old: Map,
    tokens: usize,
}

impl Repeats {
    pub const fn new() -> Repeats {
        Repeats {
            now: HashMap::with_hasher(BuildHasherDefault::new()),
            old: HashMap::with_hasher(BuildHasherDefault::new()),
            tokens: 0,
        }
    }

    /// The sums kept for the sentence of `key`, `len` tokens long, if any.
    pub fn get(&mut self, key: Key, len: usize) -> Option<&[Token]> {
        if !self.now.contains_key(&key.0)
            && let Some(kept) = self.old.remove(&key.0)
        {
            self.tokens += kept.sums.len();
            self.now.insert(key.0, kept);
        }
        self.now
            .get(&key.0)
            .filter(|kept| kept.check == key.1 && kept.sums.len() == len)
            .map(|kept| &kept.sums[..])
    }

    /// Keeps the sums of the sentence of `key`.
    pub fn put(&mut self, key: Key, sums: &[Token]) {
        if self.tokens >= CAP / SHARDS {
            self.old = std::mem::take(&mut self.now);
            self.tokens = 0;
        }
        self.tokens += sums.len();
        let kept = Kept {
            check: key.1,
            sums: sums.into(),
        };
        if let Some(before) = self.now.insert(key.0, kept) {
            self.tokens -= before.sums.len();
        }
    }
}

impl Default for Repeats {
    fn default() -> Repeats {
        Repeats::new()
    }
}

/// What the threads keep, in shards.
pub struct Shared([Mutex<Repeats>; SHARDS]);

impl Shared {
    pub const fn new() -> Shared {
        Shared([const { Mutex::new(Repeats::new()) }; SHARDS])
    }

    /// Runs `f` with the shard that keeps the sentence of `key`.
    pub fn with<R>(&self, key: Key, f: impl FnOnce(&mut Repeats) -> R) -> R {
        let shard = &self.0[(key.0 >> 61) as usize % SHARDS];
        f(&mut shard.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn release(&self) {
        for shard in &self.0 {
            *shard.lock().unwrap_or_else(PoisonError::into_inner) = Repeats::new();
        }
    }
}

impl Default for Shared {
    fn default() -> Shared {
        Shared::new()
    }
}

static SHARED: Shared = Shared::new();

/// Runs `f` with the process's shard that keeps the sentence of `key` (not re-entrant: `f`
/// must not call [`with`] again).
pub fn with<R>(key: Key, f: impl FnOnce(&mut Repeats) -> R) -> R {
    SHARED.with(key, f)
}

/// Lets every sentence kept go, with their memory (the workers have nothing to tag).
pub fn release() {
    SHARED.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_with_any_word_its_bytes_or_bounds() {
        let base = Key::of_words(&["Ostra", "said", "."]);
        assert_eq!(base, Key::of_words(&["Ostra", "said", "."]));
        let long = "a".repeat(8);
        for other in [
            Key::of_words(&["Ostra", "said", "!"]),
            Key::of_words(&["ostra", "said", "."]),
            Key::of_words(&["Ostrasaid", "."]),
            Key::of_words(&["Ostra", "said", ".", ""]),
            Key::of_words(&["Ostra", "said"]),
            Key::of_words(&["said", "Ostra", "."]),
            Key::of_words(&["Ostra\0", "said", "."]),
        ] {
            assert_ne!(base.0, other.0);
            assert_ne!(base.1, other.1);
        }
        // A word of whole chunks and the same bytes cut elsewhere.
        let (a, b) = (
            Key::of_words(&[&long, "b"]),
            Key::of_words(&["aaaa", "aaaab"]),
        );
        assert_ne!((a.0, a.1), (b.0, b.1));
    }

    #[test]
    fn a_sentence_kept_on_one_thread_is_found_on_another() {
        let key = Key::of_words(&["Vell", "wins"]);
        let token = Token {
            sums: [[3; 9], [4; 9]],
            gaz: 1,
            ..Token::default()
        };
        let shared = Shared::new();
        std::thread::scope(|s| {
            s.spawn(|| shared.with(key, |r| r.put(key, &[token, token])));
        });
        let found = shared.with(key, |r| r.get(key, 2).map(|t| t.to_vec()));
        assert_eq!(found, Some(vec![token, token]));
        shared.release();
        assert!(shared.with(key, |r| r.get(key, 2).is_none()));
    }

    #[test]
    fn kept_sentences_come_back_and_memory_stays_bounded() {
        let mut r = Repeats::new();
        let key = |i: u64| Key::of_words(&[&i.to_string()]);
        let token = |x: i32, gaz: u16| Token {
            sums: [[x; 9], [x + 1; 9]],
            gaz,
            ..Token::default()
        };
        assert!(r.get(key(1), 1).is_none());
        r.put(key(1), &[token(7, 3)]);
        assert_eq!(r.get(key(1), 1), Some(&[token(7, 3)][..]));
        // A sentence of another length under the same key is not taken for it.
        assert!(r.get(key(1), 2).is_none());
        let cap = (CAP / SHARDS) as u64;
        for i in 2..(2 * cap + 10) {
            r.put(key(i), &[token(1, 0)]);
            assert!(r.now.len() + r.old.len() <= 2 * cap as usize);
        }
        // The last ones are still there, the first ones gone.
        assert!(r.get(key(2 * cap + 9), 1).is_some());
        assert!(r.get(key(2), 1).is_none());
    }
}
