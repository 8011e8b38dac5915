//! Tokenizer for real article text, close to the CoNLL-2003 (Reuters) conventions the tagger was
//! trained on: words keep inner hyphens and apostrophes ("all-rounder", "O'Neill"), numbers keep
//! their commas and decimal points ("1,250.5"), initials and common abbreviations keep their
//! dots ("U.S.", "Inc."), clitics split off ("Smith" "'s", "do" "n't"), and every other
//! punctuation mark is a token of its own. Each token carries byte offsets into the text so
//! that mentions can be highlighted in place.

/// One token: `text[start..end]`, and whether a line break separates it from the previous one
/// (sentence splitting needs that; headlines rarely end with a full stop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Number of line breaks between the previous token and this one.
    pub breaks: u8,
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
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
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

/// Splits `text` into tokens with byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut breaks = 0u8;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                breaks = breaks.saturating_add(1);
            }
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) {
            i = word_end(&chars, i);
            // "don't": the "n" belongs with the clitic "n't".
            if at(i).is_some_and(is_apostrophe)
                && at(i + 1).is_some_and(|c| c == 't' || c == 'T')
                && !at(i + 2).is_some_and(is_word_char)
                && i - start >= 2
                && at(i - 1).is_some_and(|c| c == 'n' || c == 'N')
            {
                i -= 1;
            }
            // The "n" left before "'t" by the rule above is the start of "n't".
            if i - start == 1
                && (c == 'n' || c == 'N')
                && at(i).is_some_and(is_apostrophe)
                && at(i + 1).is_some_and(|c| c == 't' || c == 'T')
            {
                i += 2;
            }
            // Initials and abbreviations keep their dot.
            if at(i) == Some('.') {
                let word = text[offset(start)..offset(i)].to_lowercase();
                let initial = i - start == 1 && c.is_alphabetic();
                if initial || ABBREVIATIONS.contains(&word.as_str()) {
                    i += 1;
                    // "U.S.", "U.N.", "e.g.": letter-dot pairs.
                    while at(i).is_some_and(char::is_alphabetic) && at(i + 1) == Some('.') {
                        i += 2;
                    }
                }
            }
        } else if is_apostrophe(c) {
            i += 1;
            let clitic_end = (i..chars.len())
                .find(|&j| !at(j).is_some_and(char::is_alphabetic))
                .unwrap_or(chars.len());
            let clitic = text[offset(i)..offset(clitic_end)].to_lowercase();
            let after_word =
                start > 0 && (is_word_char(chars[start - 1].1) || chars[start - 1].1 == '.');
            if after_word && CLITICS.contains(&clitic.as_str()) {
                i = clitic_end;
            }
        } else {
            i += 1;
            // Runs of the same mark ("...", "--") stay together.
            if matches!(c, '.' | '-' | '!' | '?') {
                while at(i) == Some(c) {
                    i += 1;
                }
            }
        }
        out.push(Token {
            start: offset(start),
            end: offset(i),
            breaks,
        });
        breaks = 0;
    }
    out
}

/// End of a word starting at `i`: letters and digits, with inner hyphens, apostrophes (not
/// clitics), and commas or dots between digits.
fn word_end(chars: &[(usize, char)], mut i: usize) -> usize {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    while i < chars.len() {
        let c = chars[i].1;
        if is_word_char(c) {
            i += 1;
            continue;
        }
        let prev = at(i.wrapping_sub(1));
        let next = at(i + 1);
        let joins = match c {
            '-' | '&' => next.is_some_and(is_word_char) && c == '-',
            ',' | '.' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            _ if is_apostrophe(c) => {
                // O'Neill joins; Smith's and don't do not.
                let rest: String = chars[i + 1..]
                    .iter()
                    .map(|&(_, c)| c)
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                !rest.is_empty() && !CLITICS.contains(&rest.as_str()) && rest != "t"
            }
            _ => false,
        };
        if !joins {
            break;
        }
        i += 1;
    }
    i
}

/// Groups tokens into sentences, as index ranges into `tokens`. A sentence ends after ".", "!"
/// or "?" (and any closing quote or bracket) when the next token does not start lowercase, at
/// a blank line, and at a line break after a line with no final punctuation that is short
/// enough to be a headline or a dateline.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    for i in 1..=tokens.len() {
        let split = match tokens.get(i) {
            None => true,
            Some(t) => {
                let prev = &text[tokens[i - 1].start..tokens[i - 1].end];
                let cur = &text[t.start..t.end];
                let line_len = i - line_start;
                if t.breaks > 0 {
                    line_start = i;
                }
                let final_punct = ends_sentence(text, tokens, i - 1);
                t.breaks >= 2
                    || (t.breaks == 1 && (final_punct || line_len <= 12))
                    || (final_punct && !cur.starts_with(char::is_lowercase))
                    || (i - start >= 200 && matches!(prev, ";" | ","))
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
    let s = |i: usize| &text[tokens[i].start..tokens[i].end];
    while i > 0 && matches!(s(i), "\"" | "'" | ")" | "\u{201d}" | "\u{2019}") {
        i -= 1;
    }
    matches!(s(i), "." | "!" | "?" | "..." | "!!" | "??")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
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
    fn offsets_point_into_the_text() {
        let text = "Zé’s café, 3.5 km.";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        assert_eq!(words(text), ["Zé", "’s", "café", ",", "3.5", "km", "."]);
    }
}
