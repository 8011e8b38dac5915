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

/// How many words a thread keeps (about 300 bytes each, some 2.5 MB); past that they are set
/// aside and those set aside before let go, so that memory stays bounded whatever the text (at
/// most twice this many), and the words a briefing keeps using are rarely worked out again.
const CAP: usize = 1 << 13;

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

/// The words of a thread: those met since the last [`Memo::begin`] past [`CAP`] (with ids),
/// and those kept before it (`old`), which a word met again is taken back from.
#[derive(Default)]
pub struct Memo {
    ids: WordMap<Box<str>, u32>,
    words: Vec<Word>,
    old_ids: WordMap<Box<str>, u32>,
    old_words: Vec<Word>,
}

impl Memo {
    /// Starts on a document: the ids of [`Self::id`] stay valid until the next call, and the
    /// words kept are set aside past [`CAP`], those set aside before let go.
    pub fn begin(&mut self) {
        if self.words.len() >= CAP {
            self.set_aside();
        }
    }

    /// The words kept become the old ones; the old ones are let go.
    fn set_aside(&mut self) {
        std::mem::swap(&mut self.ids, &mut self.old_ids);
        std::mem::swap(&mut self.words, &mut self.old_words);
        self.ids.clear();
        self.words.clear();
    }

    /// The id of `word` (worked out now if this thread has not met it).
    pub fn id(&mut self, word: &str) -> u32 {
        let word = clip(word);
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        match self.old_ids.remove_entry(word) {
            Some((key, old)) => {
                self.ids.insert(key, id);
                self.words.push(self.old_words[old as usize]);
            }
            None => {
                self.ids.insert(word.into(), id);
                self.words.push(Word::of(word));
            }
        }
        id
    }

    /// The word of an id given since [`Self::begin`].
    pub fn get(&mut self, id: u32) -> &mut Word {
        &mut self.words[id as usize]
    }

    /// What is known of `word` (worked out now if this thread has not met it). Outside a
    /// document ([`Self::begin`]) the words kept are set aside past four times [`CAP`]; a word
    /// already kept is never let go here, so the ids of the document being tagged, whose
    /// words are all kept, stay valid.
    pub fn word(&mut self, word: &str) -> &mut Word {
        if self.words.len() >= 4 * CAP && !self.ids.contains_key(clip(word)) {
            self.set_aside();
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
        assert_eq!(
            with(|m| (m.old_words.capacity(), m.old_ids.capacity())),
            (0, 0)
        );
        assert_eq!(with(|m| m.word("Ostra").parts), WordHashes::of("Ostra"));
    }

    #[test]
    fn memory_stays_bounded() {
        let mut memo = Memo::default();
        for i in 0..CAP * 2 + 5 {
            memo.word(&format!("w{i}"));
            assert!(memo.words.len() <= 4 * CAP && memo.ids.len() <= 4 * CAP);
            memo.begin();
            assert!(memo.words.len() < CAP);
            assert!(memo.old_words.len() <= 4 * CAP && memo.old_ids.len() <= 4 * CAP);
        }
        // Within a document, ids stay valid whatever the count.
        memo.begin();
        let first = memo.id("first");
        for i in 0..CAP {
            memo.id(&format!("v{i}"));
        }
        assert_eq!(memo.get(first).parts, WordHashes::of("first"));
    }
}
