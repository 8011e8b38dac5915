//! Tokenizer for real article text, close to the CoNLL-2003 (Reuters) conventions the tagger was
//! trained on: words keep inner hyphens and apostrophes ("all-rounder", "O'Neill"), numbers keep
//! their commas and decimal points ("1,250.5"), initials and common abbreviations keep their
//! dots ("U.S.", "Inc."), clitics split off ("Smith" "'s", "do" "n't"), and every other
//! punctuation mark is a token of its own. Each token carries byte offsets into the text so
//! that mentions can be highlighted in place.

/// One token: `text[start..end]`, and whether a line break separates it from the previous one
/// (sentence splitting needs that; headlines rarely end with a full stop). Offsets are 32-bit
/// (twelve bytes a token: a text of millions of words has millions of tokens); only the
/// first 4 GiB of a text are tokenized, far beyond the 32 MiB a file is cut to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// Number of line breaks between the previous token and this one.
    pub breaks: u8,
}

impl Token {
    /// Its bytes in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Its text.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range()]
    }
}

/// Abbreviations that keep their full stop (lowercased, without the dot). A dot after these
/// does not end a sentence either.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "plc", "bros", "no", "vs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "est", "approx",
];

/// Clitics split off a word after an apostrophe, as in "Smith 's" and "they 're".
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    super::chars::is_alphanumeric(c) || c == '_' || is_combining_mark(c)
}

/// Combining marks ("e" + U+0302) belong to the letter before them: "Nguyễn" written with
/// combining accents is one word.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// The character at byte `i` of `text` (None at the end). An ASCII byte is a character of
/// its own: most are read without decoding.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(b as char),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

/// The character before byte `i` of `text`.
fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|j| text.as_bytes().get(j)) {
        Some(&b) if b.is_ascii() => Some(b as char),
        _ => text.get(..i).and_then(|s| s.chars().next_back()),
    }
}

/// The lower case of the run of letters at byte `i` and its length in bytes, if it is at most
/// `max` letters long: enough to tell a clitic ("'s", "'re", "n't") from the rest of a name
/// ("O'Neill") without reading, or copying, a long word.
fn short_letters(text: &str, i: usize, max: usize) -> Option<(String, usize)> {
    let run: Vec<char> = text[i..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(max + 1)
        .collect();
    (run.len() <= max).then(|| {
        (
            run.iter().flat_map(|c| c.to_lowercase()).collect(),
            run.iter().map(|c| c.len_utf8()).sum(),
        )
    })
}

/// Splits `text` into tokens with byte offsets. One pass over the text, looking at most a
/// few characters ahead, so that it stays linear on any input.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut limit = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let text = &text[..limit];
    let at = |i: usize| char_at(text, i);
    let mut out = Vec::new();
    let mut breaks = 0u8;
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            if c == '\n' {
                breaks = breaks.saturating_add(1);
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if is_word_char(c) {
            i = word_end(text, i);
            // An apostrophe and a "t" at byte `i`, the "t" ending the word if `alone`.
            let apostrophe_t = |i: usize, alone: bool| {
                at(i).filter(|&a| is_apostrophe(a)).is_some_and(|a| {
                    let t = i + a.len_utf8();
                    at(t).is_some_and(|c| c == 't' || c == 'T')
                        && !(alone && at(t + 1).is_some_and(is_word_char))
                })
            };
            // "don't": the "n" belongs with the clitic "n't".
            if apostrophe_t(i, true)
                && i > start + c.len_utf8()
                && char_before(text, i).is_some_and(|c| c == 'n' || c == 'N')
            {
                i -= 1;
            }
            // The "n" left before "'t" by the rule above is the start of "n't".
            if i == start + 1 && (c == 'n' || c == 'N') && apostrophe_t(i, false) {
                i += at(i).map_or(0, char::len_utf8) + 1;
            }
            // Initials and abbreviations keep their dot.
            if at(i) == Some('.') {
                let word = &text[start..i];
                let initial = i == start + c.len_utf8() && c.is_alphabetic();
                if initial
                    || (word.len() <= 6 && ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
                {
                    i += 1;
                    // "U.S.", "U.N.", "e.g.": letter-dot pairs.
                    while let Some(l) = at(i).filter(|l| l.is_alphabetic()) {
                        if at(i + l.len_utf8()) != Some('.') {
                            break;
                        }
                        i += l.len_utf8() + 1;
                    }
                }
            }
        } else if is_apostrophe(c) {
            i += c.len_utf8();
            let after_word = char_before(text, start).is_some_and(|p| is_word_char(p) || p == '.');
            if after_word
                && let Some((clitic, len)) = short_letters(text, i, 2)
                && CLITICS.contains(&clitic.as_str())
            {
                i += len;
            }
        } else {
            i += c.len_utf8();
            // Runs of the same mark ("...", "--") stay together.
            if matches!(c, '.' | '-' | '!' | '?') {
                while at(i) == Some(c) {
                    i += 1;
                }
            }
        }
        out.push(Token {
            start: start as u32,
            end: i as u32,
            breaks,
        });
        breaks = 0;
    }
    out
}

/// End of a word starting at byte `i`: letters and digits, with inner hyphens, apostrophes
/// (not clitics), and commas or dots between digits.
fn word_end(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let prev = char_before(text, i);
        let after = i + c.len_utf8();
        let next = char_at(text, after);
        let joins = match c {
            '-' => next.is_some_and(is_word_char),
            ',' | '.' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            // O'Neill joins; Smith's and don't do not.
            _ if is_apostrophe(c) => match short_letters(text, after, 2) {
                None => true,
                Some((rest, _)) => {
                    !rest.is_empty() && !CLITICS.contains(&rest.as_str()) && rest != "t"
                }
            },
            _ => false,
        };
        if !joins {
            break;
        }
        i = after;
    }
    i
}

/// Sentences longer than this many tokens are cut where a comma or semicolon allows ...
const LONG_SENTENCE: usize = 200;
/// ... or else between two words neither of which is capitalised (so as not to cut a name) ...
const VERY_LONG_SENTENCE: usize = 300;
/// ... or else anywhere: the tagger's work and memory grow with the longest sentence, and a
/// file can be one sentence of millions of words.
pub const MAX_SENTENCE: usize = 400;

/// Groups tokens into sentences, as index ranges into `tokens`. A sentence ends after ".", "!"
/// or "?" (and any closing quote or bracket) when the next token does not start lowercase, at
/// a blank line, and at a line break after a line with no final punctuation that is short
/// enough to be a headline or a dateline. Very long sentences are cut into pieces of at most
/// [`MAX_SENTENCE`] tokens.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    for i in 1..=tokens.len() {
        let split = match tokens.get(i) {
            None => true,
            Some(t) => {
                let prev = tokens[i - 1].of(text);
                let cur = t.of(text);
                let line_len = i - line_start;
                if t.breaks > 0 {
                    line_start = i;
                }
                let final_punct = ends_sentence(text, tokens, i - 1);
                t.breaks >= 2
                    || (t.breaks == 1 && (final_punct || line_len <= 12))
                    || (final_punct && !cur.starts_with(char::is_lowercase))
                    || (i - start >= LONG_SENTENCE && matches!(prev, ";" | ","))
                    || (i - start >= VERY_LONG_SENTENCE
                        && !prev.starts_with(char::is_uppercase)
                        && !cur.starts_with(char::is_uppercase))
                    || i - start >= MAX_SENTENCE
            }
        };
        if split {
            out.push(start..i);
            start = i;
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Whether token `i` closes a sentence: a final mark, possibly followed by closing quotes or
/// brackets.
fn ends_sentence(text: &str, tokens: &[Token], mut i: usize) -> bool {
    let s = |i: usize| tokens[i].of(text);
    // A few closing marks at most: a run of a million quotes must not be walked back over
    // for each of its tokens.
    let mut closing = 0;
    while i > 0 && closing < 4 && matches!(s(i), "\"" | "'" | ")" | "\u{201d}" | "\u{2019}") {
        i -= 1;
        closing += 1;
    }
    matches!(s(i), "." | "!" | "?" | "..." | "!!" | "??")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.of(text)).collect()
    }

    #[test]
    fn splits_like_reuters() {
        assert_eq!(
            words("Acme Corp.'s all-rounder O'Neill paid $1,250.50 (U.S.) -- don't \"ask\"."),
            [
                "Acme",
                "Corp.",
                "'s",
                "all-rounder",
                "O'Neill",
                "paid",
                "$",
                "1,250.50",
                "(",
                "U.S.",
                ")",
                "--",
                "do",
                "n't",
                "\"",
                "ask",
                "\"",
                "."
            ]
        );
    }

    #[test]
    fn a_sentence_without_end_is_cut_into_pieces() {
        // Words and names with no full stop, no comma: cut between two lower-case words.
        let text = "the council met Ana Reis and the harbour board ".repeat(400);
        let toks = tokenize(&text);
        let sents = sentences(&text, &toks);
        assert!(sents.len() > 1);
        assert!(sents.iter().all(|r| r.len() <= MAX_SENTENCE), "{sents:?}");
        assert!(sents.windows(2).all(|w| w[0].end == w[1].start));
        let starts_lower = |r: &std::ops::Range<usize>| {
            toks[r.start].of(&text).starts_with(char::is_lowercase)
                && toks[r.start - 1].of(&text).starts_with(char::is_lowercase)
        };
        assert!(
            sents[1..].iter().all(starts_lower),
            "a name is not cut in two"
        );
        // Names only: cut anyway.
        let text = "Ana Reis Tomas Vell ".repeat(500);
        let sents = sentences(&text, &tokenize(&text));
        assert!(sents.iter().all(|r| r.len() <= MAX_SENTENCE));
    }

    #[test]
    fn characters_are_read_as_from_the_text() {
        let text = "Z\u{e9}\u{2019}s caf\u{e9} x";
        for i in 0..=text.len() + 1 {
            let at = text.get(i..).and_then(|s| s.chars().next());
            let before = text.get(..i).and_then(|s| s.chars().next_back());
            assert_eq!(
                (char_at(text, i), char_before(text, i)),
                (at, before),
                "{i}"
            );
        }
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Zé’s café, 3.5 km.";
        for t in tokenize(text) {
            let r = t.range();
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(words(text), ["Zé", "’s", "café", ",", "3.5", "km", "."]);
    }
}
