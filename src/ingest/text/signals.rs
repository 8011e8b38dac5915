//! Small measures of a line that the cleaning rules share: its words, how much it reads like
//! prose, and a comparison key that ignores quote marks, dashes, case and spacing.
//!
//! Lines can be megabytes long (a scrape without line breaks), so nothing here allocates per
//! word: words are compared and hashed as they are read.

use std::hash::{BuildHasher, Hasher};

pub use super::scan::is_alnum;
use super::scan::{ASCII_ALNUM, count_runs, count_words, runs};

/// Function words: running prose is full of them, navigation rows and icon names are not.
fn is_stopword(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() > 5 || !b.is_ascii() {
        return false;
    }
    let mut low = [0u8; 5];
    for (l, c) in low.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &low[..b.len()],
        b"a" | b"an"
            | b"the"
            | b"of"
            | b"to"
            | b"in"
            | b"on"
            | b"at"
            | b"by"
            | b"for"
            | b"with"
            | b"from"
            | b"and"
            | b"or"
            | b"but"
            | b"not"
            | b"that"
            | b"this"
            | b"these"
            | b"those"
            | b"is"
            | b"was"
            | b"are"
            | b"were"
            | b"be"
            | b"been"
            | b"has"
            | b"have"
            | b"had"
            | b"it"
            | b"its"
            | b"as"
            | b"he"
            | b"she"
            | b"they"
            | b"we"
            | b"his"
            | b"her"
            | b"their"
            | b"our"
            | b"said"
            | b"says"
            | b"will"
            | b"would"
            | b"who"
            | b"which"
            | b"than"
            | b"into"
            | b"after"
            | b"over"
    )
}

/// The words of a line as `split_whitespace` finds them, counted.
pub fn word_count(line: &str) -> usize {
    count_words(line, usize::MAX)
}

/// `word_count(line) > n`, reading no further than the word after the `n`th: the rules ask
/// this of every line, and lines can be megabytes long.
pub fn more_words_than(line: &str, n: usize) -> bool {
    count_words(line, n.saturating_add(1)) > n
}

/// The number of alphanumeric runs in a line (the words of its key), counted up to `limit`.
pub fn token_count(line: &str, limit: usize) -> usize {
    runs(line).take(limit).count()
}

/// The alphanumeric runs of a line, lower-cased: what the comparison key and the sentence
/// checks look at, so that `“x”` and `"x"`, `—` and `--`, `9, 2014` and `9  2014` compare equal.
/// One string per word: for short lines (callers check the length first).
pub fn tokens(line: &str) -> Vec<String> {
    runs(line).map(str::to_lowercase).collect()
}

/// The first `n` tokens of a line, however long the line.
pub fn first_tokens(line: &str, n: usize) -> Vec<String> {
    runs(line).take(n).map(str::to_lowercase).collect()
}

/// A key that is equal for two lines that say the same words.
pub fn key(line: &str) -> String {
    let mut out = String::new();
    for t in runs(line) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(t.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether two lines say the same words (`key(a) == key(b)`, without building the keys).
pub fn same_words(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (runs(a), runs(b));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(s), Some(t))
                if s == t
                    || s.chars()
                        .flat_map(char::to_lowercase)
                        .eq(t.chars().flat_map(char::to_lowercase)) => {}
            _ => return false,
        }
    }
}

/// A hash of `key(line)`, built without the key: what the passes that look for repeated
/// lines keep in their sets. The hasher's keys are random per run, so that no text can be
/// written to collide with another.
///
/// The key's bytes are lower-cased into a buffer and handed to the hasher a buffer at a
/// time, each word followed by 0xff (a byte UTF-8 never holds): the hasher is called a few
/// times per line, not per word, which is where the time went.
pub fn key_hash(line: &str, state: &impl BuildHasher) -> u64 {
    let mut h = state.build_hasher();
    let mut buf = [0u8; 256];
    let mut n = 0;
    let mut in_word = false;
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Room for the longest lower case of a character (3 characters of 4 bytes) and the
        // word's end.
        if n + 13 > buf.len() {
            h.write(&buf[..n]);
            n = 0;
        }
        // ASCII byte by byte; other characters decoded.
        if b < 0x80 {
            at += 1;
            if ASCII_ALNUM[usize::from(b)] {
                buf[n] = b.to_ascii_lowercase();
                n += 1;
                in_word = true;
                continue;
            }
        } else {
            let Some(c) = line[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            if is_alnum(c) {
                for l in c.to_lowercase() {
                    n += l.encode_utf8(&mut buf[n..]).len();
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            buf[n] = 0xff;
            n += 1;
            in_word = false;
        }
    }
    if in_word {
        buf[n] = 0xff;
        n += 1;
    }
    h.write(&buf[..n]);
    h.finish()
}

/// The share of function words among the words (without allocating: it runs on every line).
pub fn stopword_ratio(line: &str) -> f32 {
    let (mut all, mut stops) = (0usize, 0usize);
    for t in runs(line) {
        all += 1;
        stops += usize::from(is_stopword(t));
    }
    if all == 0 {
        0.0
    } else {
        stops as f32 / all as f32
    }
}

/// Whether the line ends a sentence (allowing a closing quote or bracket after the stop).
pub fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// Running text: enough words, function words among them, and sentence punctuation.
pub fn is_prose(line: &str) -> bool {
    more_words_than(line, 11)
        && stopwords_at_least(line, 0.12)
        && line.contains(['.', '!', '?', ','])
}

/// `stopword_ratio(line) >= share` for a positive `share`, read only as far as it takes: the
/// words are counted first (without making them), then function words until there are
/// enough (in prose, within the first few words).
fn stopwords_at_least(line: &str, share: f32) -> bool {
    let all = count_runs(line) as f32;
    let mut stops = 0usize;
    runs(line).any(|t| {
        stops += usize::from(is_stopword(t));
        stops as f32 / all >= share
    })
}

/// A line cut off by the page (a teaser or caption shortened to fit a box).
pub fn is_truncated(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// Whether a word is written with a capital (names, agencies, title-case headings).
pub fn is_capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A word of two or more letters, all capitals: an agency or a section label.
pub fn is_all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The sentences of a paragraph, split after `.`, `!` or `?` followed by a space.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // The stops are ASCII: `memchr` finds them without decoding the characters between.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let mut end = i + 1;
        // A closing quote belongs to the sentence it ends.
        while let Some(q) = text[end..].chars().next().filter(|q| "\"'”’".contains(*q)) {
            end += q.len_utf8();
        }
        if end >= text.len() || bytes[end] == b' ' {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_of_function_words_is_read_only_as_far_as_needed_with_the_same_answer() {
        let lines = [
            "",
            "...",
            "Home News Sport Weather",
            "The mayor said on Monday that the bridge would open in the spring.",
            "Prices rose sharply, analysts said, as demand from Asia grew by a third.",
            "Scores: Leeds 3 Hull 1, Derby 0 Stoke 2, Bolton 1 Wigan 1, Ipswich 2 Luton 2 (a.e.t.)",
            "U.S.-led talks in Geneva — “the last chance” — ended with no deal and no date",
        ];
        for line in lines {
            for share in [0.01, 0.05, 0.12, 0.2, 0.3, 0.5, 1.0] {
                assert_eq!(
                    stopwords_at_least(line, share),
                    stopword_ratio(line) >= share,
                    "{line:?} {share}"
                );
            }
        }
    }

    #[test]
    fn the_key_hash_is_equal_exactly_when_the_keys_are() {
        let long = "Ward ".repeat(120);
        let lines = [
            "“It’s late” — he said",
            "\"It's late\" -- he said",
            "Its late he said",
            "ÉCOLE İstanbul STRASSE ß",
            "école i̇stanbul strasse ß",
            "école istanbul strasse ss",
            "",
            "—",
            "a b",
            "ab",
            long.as_str(),
            &long.to_uppercase(),
            &format!("{long}x"),
            &format!("{} {}", "ΣΊΣΥΦΟΣ ".repeat(40), "ωμέγα"),
            &format!("{} {}", "σίσυφοσ ".repeat(40), "ΩΜΈΓΑ"),
        ];
        let state =
            std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
        for a in lines {
            for b in lines {
                assert_eq!(
                    key_hash(a, &state) == key_hash(b, &state),
                    key(a) == key(b),
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    #[test]
    fn keys_ignore_quotes_dashes_and_spacing() {
        assert_eq!(
            key("“It’s late” — he said"),
            key("\"It's late\" -- he said")
        );
        assert_eq!(key("on May 9  2014"), key("on May 9, 2014"));
    }

    #[test]
    fn sentences_keep_their_closing_quotes() {
        assert_eq!(
            sentences("\"One two.\" Three four? Five"),
            ["\"One two.\"", "Three four?", "Five"]
        );
    }
}
