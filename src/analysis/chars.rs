//! Character classes and a word hasher for the per-character and per-word loops of the
//! analysis: the answers of `char`'s own methods, without reading the Unicode tables for the
//! characters news text is mostly made of (ASCII, and the quotes and dashes of General
//! Punctuation), and without SipHash for the words of one article.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// General Punctuation (U+2000 to U+206F: spaces, dashes, curly quotes, ellipses): no letter
/// and no digit among them (see the test).
fn punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !punctuation(c) && c.is_alphabetic()
    }
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !punctuation(c) && c.is_alphanumeric()
    }
}

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
}
