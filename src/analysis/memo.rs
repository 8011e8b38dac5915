//! What the tagger works out from a word alone, kept per thread across documents: its hashed
//! parts ([`WordHashes`]), its word clusters ([`Looked`]), and the summed weights of the
//! features of the word by itself ([`features::word_features`]) under the embedded model.
//! Words repeat (most tokens of a briefing are words a worker has met before), and all of this
//! is a function of the word's text (cut to [`features::MAX_WORD`] characters), which is the
//! key: what is kept is exactly what would be computed again.

use std::cell::RefCell;

use super::N_TAGS;
use super::chars::WordMap;
use super::clusters::word_key;
use super::features::{self, Looked, WordHashes, clip};
use super::model::{Model, Sum};

/// How many words a thread keeps (about 230 bytes each, some 4 MB): past that, when a document
/// begins, only the half met most recently stay, so that memory stays bounded whatever the
/// text and the words a briefing keeps using are rarely worked out again.
const CAP: usize = 1 << 14;

/// What is known of one word.
#[derive(Clone, Copy)]
pub struct Word {
    pub parts: WordHashes,
    pub looked: Looked,
    /// Its key in the clusters ([`word_key`]).
    pub key: u32,
    /// Both passes' weights of the word's own features, under the embedded model.
    sums: Option<[Sum; 2]>,
}

impl Word {
    fn of(word: &str) -> Word {
        Word {
            parts: WordHashes::of(word),
            looked: Looked::of(word),
            key: word_key(word),
            sums: None,
        }
    }

    /// The word's own features' weights in `model`, which must be the one every call of this
    /// thread gives (the embedded model).
    pub fn sums(&mut self, model: &Model) -> [Sum; 2] {
        *self.sums.get_or_insert_with(|| {
            let mut feats = Vec::new();
            features::word_features(&self.parts, &mut feats);
            let mut sums = [[0; N_TAGS]; 2];
            let [one, two] = &mut sums;
            model.add_both(&feats, one, two);
            sums
        })
    }
}

/// The words of a thread, each with an id (its place in `words`) and the document it was
/// last met in (`used`, counted by [`Memo::begin`]). A word met again stays where it is.
#[derive(Default)]
pub struct Memo {
    ids: WordMap<Box<str>, u32>,
    words: Vec<Word>,
    used: Vec<u32>,
    /// How many documents have begun.
    epoch: u32,
}

impl Memo {
    /// Starts on a document: the ids of [`Self::id`] stay valid until the next call. Past
    /// [`CAP`] words, only the half met most recently are kept.
    pub fn begin(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.words.len() >= CAP {
            self.keep_recent(CAP / 2);
        }
    }

    /// Keeps at most `keep` words, those met most recently (a word's id may change).
    fn keep_recent(&mut self, keep: usize) {
        let n = self.words.len();
        if n <= keep {
            return;
        }
        // Documents are counted from the oldest met, so that the count wrapping around does
        // not make the oldest words look new.
        let age = |used: u32| self.epoch.wrapping_sub(used);
        let mut ages: Vec<u32> = self.used.iter().map(|&u| age(u)).collect();
        // Words younger than the keep-th youngest's age are kept: at most `keep` of them.
        let cut = *ages.select_nth_unstable(keep).1;
        let mut moved = vec![u32::MAX; n];
        let mut to = 0;
        for (from, slot) in moved.iter_mut().enumerate() {
            if age(self.used[from]) < cut {
                self.words.swap(to, from);
                self.used.swap(to, from);
                *slot = to as u32;
                to += 1;
            }
        }
        self.words.truncate(to);
        self.used.truncate(to);
        self.ids.retain(|_, id| {
            *id = moved[*id as usize];
            *id != u32::MAX
        });
    }

    /// The id of `word` (worked out now if this thread has not met it).
    pub fn id(&mut self, word: &str) -> u32 {
        let word = clip(word);
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                self.ids.insert(word.into(), id);
                self.words.push(Word::of(word));
                self.used.push(self.epoch);
                id
            }
        };
        self.used[id as usize] = self.epoch;
        id
    }

    /// The word of an id given since [`Self::begin`].
    pub fn get(&mut self, id: u32) -> &mut Word {
        &mut self.words[id as usize]
    }

    /// What is known of `word` (worked out now if this thread has not met it). Outside a
    /// document ([`Self::begin`]) the words kept are cut to the most recent half past twice
    /// [`CAP`], only before a word not kept.
    pub fn word(&mut self, word: &str) -> &mut Word {
        if self.words.len() >= 2 * CAP && !self.ids.contains_key(clip(word)) {
            self.keep_recent(CAP);
        }
        let id = self.id(word);
        self.get(id)
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Runs `f` with this thread's memo (not re-entrant: `f` must not call [`with`] again).
pub fn with<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|m| f(&mut m.borrow_mut()))
}

/// Lets this thread's words go, with their memory (a worker with nothing to tag).
pub fn release() {
    with(|m| *m = Memo::default());
}

/// The clusters of `word` (cut to [`features::MAX_WORD`] characters), as [`Looked::of`].
pub fn looked(word: &str) -> Looked {
    with(|m| m.word(word).looked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_words_are_what_would_be_worked_out_again() {
        let long = "Ab".repeat(100);
        for w in [
            "Ostra",
            "OSTRA",
            "ostra",
            "1996-08-30",
            "McDonald's",
            "É",
            long.as_str(),
        ] {
            for _ in 0..2 {
                let got = with(|m| *m.word(w));
                assert_eq!(got.parts, WordHashes::of(w), "{w}");
                assert_eq!(
                    format!("{:?}", got.looked),
                    format!("{:?}", Looked::of(clip(w)))
                );
            }
        }
        // A word cut to MAX_WORD characters is the same word as its cut form.
        let cut = clip(&long).to_string();
        assert_eq!(with(|m| m.word(&long).parts), with(|m| m.word(&cut).parts));
    }

    #[test]
    fn a_released_memo_holds_nothing_and_works_again() {
        looked("Ostra");
        release();
        assert_eq!(with(|m| (m.words.capacity(), m.ids.capacity())), (0, 0));
        assert_eq!(with(|m| m.word("Ostra").parts), WordHashes::of("Ostra"));
    }

    #[test]
    fn memory_stays_bounded_and_the_words_met_last_stay() {
        let mut memo = Memo::default();
        for i in 0..CAP * 3 + 5 {
            memo.begin();
            // "steady" is in every document; the others in one each.
            memo.id("steady");
            memo.id(&format!("w{i}"));
            assert!(memo.words.len() <= CAP && memo.ids.len() == memo.words.len());
        }
        memo.begin();
        let known = |m: &Memo, w: &str| m.ids.contains_key(w);
        assert!(known(&memo, "steady"));
        assert!(known(&memo, &format!("w{}", CAP * 3 + 4)));
        assert!(!known(&memo, "w0"));
        // Every id still names its own word.
        for (w, &id) in &memo.ids {
            assert_eq!(memo.words[id as usize].parts, WordHashes::of(w));
        }
        // Within a document, ids stay valid whatever the count.
        let first = memo.id("first");
        for i in 0..2 * CAP {
            memo.id(&format!("v{i}"));
        }
        assert_eq!(memo.get(first).parts, WordHashes::of("first"));
        // Outside documents, past twice CAP the most recent half stays.
        for i in 0..4 * CAP {
            memo.word(&format!("u{i}"));
            assert!(memo.words.len() <= 2 * CAP);
        }
    }
}
