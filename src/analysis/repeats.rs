//! The weights of a sentence's own features, kept per thread for the next time the same
//! sentence comes: a briefing repeats itself (wire copy carried by several outlets, a feed's
//! article updated, the same quote everywhere), and looking the weights up is most of the
//! first pass.
//!
//! The key is a hash of everything those weights depend on: each word (its exact hash, which
//! fixes the weights of its own features) and each token's features of the sentence alone
//! ([`Features::split`]: its neighbours, lists, clusters, ...). What the rest of the document
//! says of a word is not in the key nor in what is kept: the tagger adds those weights each
//! time. What is kept (per token, both passes' sums of those features) is exactly what would
//! be computed again, up to a collision of two independent 64-bit hashes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::{Features, WordHashes};
use super::model::Sum;
use super::tagger::KeyHasher;

/// How many tokens a thread keeps (72 bytes each, some 5 MB); past that, what is kept is set
/// aside and what was set aside before is let go (at most twice this many).
const CAP: usize = 1 << 16;

/// A sentence's key: two hashes of the same stream, each step of each a bijection of its
/// state, so that sentences differing in one token never collide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Key(u64, u64);

impl Key {
    /// The key of a sentence whose words have `parts` and whose tokens `feats` (of which
    /// only those of the sentence alone count).
    pub fn of(parts: &[WordHashes], feats: &Features) -> Key {
        let mut k = Key(0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344);
        k.add(parts.len() as u64);
        for (i, p) in parts.iter().enumerate() {
            k.add(p.exact);
            let token = feats.split(i).0;
            k.add(token.len() as u64);
            for pair in token.chunks(2) {
                let hi = pair.get(1).map_or(0, |&b| b as u64);
                k.add(pair[0] as u64 | hi << 32);
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

/// Per token of one sentence, both passes' sums of its features of the sentence alone.
struct Kept {
    check: u64,
    sums: Box<[[Sum; 2]]>,
}

type Map = HashMap<u64, Kept, BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
pub struct Repeats {
    now: Map,
    old: Map,
    tokens: usize,
}

impl Repeats {
    /// The sums kept for the sentence of `key`, `len` tokens long, if any.
    pub fn get(&mut self, key: Key, len: usize) -> Option<&[[Sum; 2]]> {
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
    pub fn put(&mut self, key: Key, sums: &[[Sum; 2]]) {
        if self.tokens >= CAP {
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

thread_local! {
    static REPEATS: RefCell<Repeats> = RefCell::new(Repeats::default());
}

/// Runs `f` with this thread's sentences (not re-entrant).
pub fn with<R>(f: impl FnOnce(&mut Repeats) -> R) -> R {
    REPEATS.with(|m| f(&mut m.borrow_mut()))
}

/// Lets this thread's sentences go, with their memory (a worker with nothing to tag).
pub fn release() {
    with(|m| *m = Repeats::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(tokens: &[&[u32]]) -> Features {
        let mut f = Features::default();
        for t in tokens {
            f.hashes.extend_from_slice(t);
            f.end_token();
        }
        f
    }

    #[test]
    fn keys_differ_with_any_word_or_feature_and_token_boundaries() {
        let parts = [WordHashes::of("Ostra"), WordHashes::of("said")];
        let base = Key::of(&parts, &feats(&[&[1, 2, 3], &[4]]));
        assert_eq!(base, Key::of(&parts, &feats(&[&[1, 2, 3], &[4]])));
        for other in [
            Key::of(&parts, &feats(&[&[1, 2], &[3, 4]])),
            Key::of(&parts, &feats(&[&[1, 2, 3], &[5]])),
            Key::of(&parts, &feats(&[&[1, 2, 3], &[4, 0]])),
            Key::of(
                &[WordHashes::of("Ostra"), WordHashes::of("says")],
                &feats(&[&[1, 2, 3], &[4]]),
            ),
        ] {
            assert_ne!(base.0, other.0);
            assert_ne!(base.1, other.1);
        }
    }

    #[test]
    fn kept_sentences_come_back_and_memory_stays_bounded() {
        let mut r = Repeats::default();
        let parts = [WordHashes::of("x")];
        let key = |i: u32| Key::of(&parts, &feats(&[&[i]]));
        assert!(r.get(key(1), 1).is_none());
        r.put(key(1), &[[[7; 9], [8; 9]]]);
        assert_eq!(r.get(key(1), 1), Some(&[[[7; 9], [8; 9]]][..]));
        // A sentence of another length under the same key is not taken for it.
        assert!(r.get(key(1), 2).is_none());
        for i in 2..(2 * CAP as u32 + 10) {
            r.put(key(i), &[[[1; 9]; 2]]);
            assert!(r.now.len() + r.old.len() <= 2 * CAP);
        }
        // The last ones are still there, the first ones gone.
        assert!(r.get(key(2 * CAP as u32 + 9), 1).is_some());
        assert!(r.get(key(2), 1).is_none());
    }
}
