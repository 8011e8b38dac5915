//! Sentence boundaries in a paragraph, for the reader's cursor and selections. Rules, not a
//! model: a sentence ends at . ! ? (and closing quotes or brackets after them) followed by a
//! space and a capital, digit or opening quote, unless the word before is a known
//! abbreviation ("Mr.", "U.S.", "Jan.") or a single initial.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "co", "corp", "inc", "ltd", "no", "vs", "etc", "approx", "dept", "est", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

/// Byte ranges of the sentences of `text`, covering it without gaps (spaces between sentences
/// belong to the sentence before them, trimmed from the range's end). Reads the text once,
/// by byte offsets: a paragraph may be megabytes long.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let at = |i: usize| text[i..].chars().next();
    let mut i = 0;
    while let Some(c) = at(i) {
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            i += c.len_utf8();
            continue;
        }
        // Take the run of terminal punctuation and closing quotes/brackets.
        let mut j = i + c.len_utf8();
        while let Some(d) = at(j).filter(|&d| {
            matches!(
                d,
                '.' | '!' | '?' | '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']'
            )
        }) {
            j += d.len_utf8();
        }
        let next_is_space = at(j).is_some_and(char::is_whitespace);
        let mut k = j;
        while let Some(d) = at(k).filter(|d| d.is_whitespace()) {
            k += d.len_utf8();
        }
        let opens = at(k).is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\u{201c}' | '\u{2018}' | '\'' | '(' | '[')
        });
        if next_is_space && opens && !(c == '.' && is_abbreviation(&text[start..i])) {
            out.push(start..j);
            start = k;
            i = k;
            continue;
        }
        i = j;
    }
    if start < text.len() {
        let end = text.trim_end().len().max(start);
        out.push(start..end);
    }
    out
}

/// Whether the text before a period ends with an abbreviation or a single initial ("J.").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or("");
    // Abbreviations are short; a long word is not copied to be lower-cased.
    if word.len() > 24 {
        return false;
    }
    let word = word.to_lowercase();
    let bare = word.trim_end_matches('.');
    (bare.chars().count() == 1 && bare.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_terminal_punctuation() {
        assert_eq!(
            sentences(
                "The quay opens. Work starts in May! Is it late? \u{201c}No,\u{201d} she said."
            ),
            [
                "The quay opens.",
                "Work starts in May!",
                "Is it late?",
                "\u{201c}No,\u{201d} she said."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_numbers_together() {
        assert_eq!(
            sentences(
                "Mr. Okafor met Dr. Lee at 9 a.m. on Jan. 5. The U.S. envoy J. Brandt paid $2.5 million. Done."
            ),
            [
                "Mr. Okafor met Dr. Lee at 9 a.m. on Jan. 5.",
                "The U.S. envoy J. Brandt paid $2.5 million.",
                "Done."
            ]
        );
    }

    #[test]
    fn quotes_after_the_period_belong_to_the_sentence() {
        assert_eq!(
            sentences("He said \u{201c}we are ready.\u{201d} Then he left."),
            ["He said \u{201c}we are ready.\u{201d}", "Then he left."]
        );
    }

    #[test]
    fn ranges_cover_text_without_a_trailing_space() {
        assert_eq!(sentences("One. Two "), ["One.", "Two"]);
        assert!(split("").is_empty());
    }
}

#[cfg(test)]
mod quote_tests {
    use super::*;

    #[test]
    fn a_quote_after_a_full_stop_starts_a_sentence() {
        let t = "It may happen by 1 January, 2028. \"Parliaments move slowly,\" she said. \"Rivers do not wait.\"";
        let got: Vec<&str> = split(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            [
                "It may happen by 1 January, 2028.",
                "\"Parliaments move slowly,\" she said.",
                "\"Rivers do not wait.\""
            ]
        );
    }
}
