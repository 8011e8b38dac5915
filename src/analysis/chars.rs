//! Character classes, a word hasher and the lower-case words of a text, for the
//! per-character and per-word loops of the analysis: the answers of `char`'s own methods,
//! without reading the Unicode tables for the characters news text is mostly made of (ASCII,
//! and the quotes and dashes of General Punctuation), and without SipHash for the words of
//! one article.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// [`char::is_alphabetic`] and [`char::is_alphanumeric`], without the Unicode tables for
/// ASCII and General Punctuation (the text cleaner's).
pub(crate) use crate::ingest::{is_alnum as is_alphanumeric, is_alpha as is_alphabetic};

/// FxHash over the bytes: words are short, and SipHash would cost more than the lookup saves.
/// Its keys come from the text, so a text could be written to make them collide: only for
/// maps whose size the text bounds anyway (one article's words).
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
}

pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// The words a text writes in lower case, read once on first use.
pub struct LowerWords<'t> {
    text: &'t str,
    words: std::cell::OnceCell<WordSet<&'t str>>,
}

impl<'t> LowerWords<'t> {
    pub fn new(text: &'t str) -> LowerWords<'t> {
        LowerWords {
            text,
            words: Default::default(),
        }
    }

    pub fn has(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| lower_words(self.text))
            .contains(word)
    }
}

/// The runs of letters of `text` that start in lower case, of at most 24 bytes.
fn lower_words(text: &str) -> WordSet<&str> {
    let mut words = WordSet::with_capacity_and_hasher(256, Default::default());
    let mut start = None;
    // A space after the end closes the last run.
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_alphabetic(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = &text[s..i];
                if w.len() <= 24 && w.starts_with(char::is_lowercase) {
                    words.insert(w);
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classes_are_char_s_own() {
        for c in (0..=0x3000u32)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lower_words_are_the_runs_of_letters_in_lower_case() {
        let text = "but he said\u{2019}s so\u{2014}and then Ostra, \u{e9}t\u{e9} x2y \
                    abcdefghijklmnopqrstuvwxyz and\u{201d}";
        let split: WordSet<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.starts_with(char::is_lowercase) && w.len() <= 24)
            .collect();
        assert_eq!(lower_words(text), split);
        assert!(LowerWords::new(text).has("\u{e9}t\u{e9}"));
    }
}
