//! A word as the features see it: cut to [`MAX_WORD`] characters, in lower case with digits
//! folded, its shapes and affixes, each hashed once per token ([`WordHashes`]) so that the
//! features combine a few numbers instead of hashing strings again.

use super::super::chars::is_alphabetic;

/// How a sentence is cased: headlines in capitals or in title case hide which words are names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentMode {
    Normal = 0,
    Upper = 1,
    Title = 2,
}

pub fn sentence_mode(words: &[&str]) -> SentMode {
    // Among the words of two letters or more: how many, how many without a lowercase
    // letter, and how many capitalized.
    let (mut alpha, mut upper, mut capital) = (0, 0, 0);
    for w in words {
        if w.chars().filter(|&c| is_alphabetic(c)).nth(1).is_none() {
            continue;
        }
        alpha += 1;
        upper += usize::from(!w.chars().any(char::is_lowercase));
        capital += usize::from(w.starts_with(char::is_uppercase));
    }
    if alpha < 2 {
        return SentMode::Normal;
    }
    if upper * 4 >= alpha * 3 {
        SentMode::Upper
    } else if alpha >= 4 && capital * 10 >= alpha * 9 {
        SentMode::Title
    } else {
        SentMode::Normal
    }
}

/// Typographic quotes and dashes as the ASCII marks of the (Reuters) training text.
pub(super) fn plain(c: char) -> char {
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
    // No more bytes than that: no more characters either (most words).
    if word.len() <= MAX_WORD {
        return word;
    }
    match word.char_indices().nth(MAX_WORD) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

/// Lowercase with digits folded to 0, so "1996" and "1997" share a feature.
pub fn normalize(word: &str) -> String {
    normalized(word).collect()
}

/// The characters of [`normalize`], without building the string.
fn normalized(word: &str) -> impl Iterator<Item = char> + '_ {
    clip(word)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { plain(c) })
}

/// FNV-1a, one step per character.
const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn step(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x100_0000_01b3)
}

/// The hash of a string's characters, as [`WordHashes`] makes those of a word.
pub fn str_hash(s: &str) -> u64 {
    s.chars().fold(OFFSET, step)
}

/// A 64-bit key of [`normalize`]`(word)`, made without building the string: words are keys
/// of a document's maps, and the few thousand of one document do not collide in 64 bits.
pub fn norm_key(word: &str) -> u64 {
    normalized(word).fold(OFFSET, step)
}

/// The word in lower case (digits kept), as the cluster vocabulary writes it.
pub(super) fn lw_word(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

/// The shape class of one character: 'X', 'x', 'd', or the mark itself.
fn shape_of(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        plain(c)
    }
}

/// "Xxxx", "XX-dd", ... (long runs capped at four) and the short form with runs collapsed.
pub fn shapes(word: &str) -> (String, String) {
    let (mut long, mut short) = (String::new(), String::new());
    let (mut last, mut run) = ('\0', 0);
    for s in clip(word).chars().map(shape_of) {
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

/// The hashed parts of one word ([`str_hash`] of each): its [`normalize`]d form, the word as
/// written, its [`shapes`], and the prefixes and suffixes of its normalized form of 1 to 4
/// characters that are shorter than it (`affixes` of each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordHashes {
    pub norm: u64,
    pub exact: u64,
    pub long: u64,
    pub short: u64,
    pub prefix: [u64; 4],
    /// Suffix `k` is hashed from its last character back.
    pub suffix: [u64; 4],
    pub affixes: usize,
}

impl WordHashes {
    /// One pass over the word's characters, none over a string built from them.
    pub fn of(word: &str) -> WordHashes {
        let word = clip(word);
        let mut out = WordHashes {
            norm: OFFSET,
            exact: OFFSET,
            long: OFFSET,
            short: OFFSET,
            ..WordHashes::default()
        };
        // The last four normalized characters, in a ring.
        let (mut n, mut last) = (0, ['\0'; 4]);
        for c in normalized(word) {
            out.norm = step(out.norm, c);
            if n < 4 {
                out.prefix[n] = out.norm;
            }
            last[n % 4] = c;
            n += 1;
        }
        out.affixes = 4.min(n.saturating_sub(1));
        let mut h = OFFSET;
        for j in 0..out.affixes {
            h = step(h, last[(n - 1 - j) % 4]);
            out.suffix[j] = h;
        }
        let (mut prev, mut run) = ('\0', 0);
        for c in word.chars() {
            out.exact = step(out.exact, c);
            let s = shape_of(c);
            run = if s == prev { run + 1 } else { 1 };
            if run <= 4 {
                out.long = step(out.long, s);
            }
            if run == 1 {
                out.short = step(out.short, s);
            }
            prev = s;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_those_of_the_strings() {
        for w in ["McDonald's", "1996-08-30", "Q3", "a", "Ostra", "ÉLAN"] {
            let h = WordHashes::of(w);
            let lw = normalize(w);
            let (long, short) = shapes(w);
            assert_eq!(h.norm, str_hash(&lw), "{w}");
            assert_eq!(h.norm, norm_key(w));
            assert_eq!(h.exact, str_hash(w));
            assert_eq!((h.long, h.short), (str_hash(&long), str_hash(&short)));
            let chars: Vec<char> = lw.chars().collect();
            assert_eq!(h.affixes, 4.min(chars.len() - 1));
            for k in 1..=h.affixes {
                let pre: String = chars[..k].iter().collect();
                let suf_back: String = chars[chars.len() - k..].iter().rev().collect();
                assert_eq!(h.prefix[k - 1], str_hash(&pre));
                assert_eq!(h.suffix[k - 1], str_hash(&suf_back));
            }
        }
        assert_ne!(WordHashes::of("Ostra").exact, WordHashes::of("Ostra").norm);
        assert_eq!(WordHashes::of("ostra").exact, WordHashes::of("ostra").norm);
    }
}
