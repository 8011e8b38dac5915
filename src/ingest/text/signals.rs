//! Small measures of a line that the cleaning rules share: its words, how much it reads like
//! prose, and a comparison key that ignores quote marks, dashes, case and spacing.

/// Function words: running prose is full of them, navigation rows and icon names are not.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "not", "that", "this", "these", "those", "is", "was", "are", "were", "be", "been",
    "has", "have", "had", "it", "its", "as", "he", "she", "they", "we", "his", "her", "their",
    "our", "said", "says", "will", "would", "who", "which", "than", "into", "after", "over",
];

pub fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// The alphanumeric runs of a line, lower-cased: what the comparison key and the sentence
/// checks look at, so that `“x”` and `"x"`, `—` and `--`, `9, 2014` and `9  2014` compare equal.
pub fn tokens(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A key that is equal for two lines that say the same words.
pub fn key(line: &str) -> String {
    tokens(line).join(" ")
}

/// The share of function words among the words (without allocating: it runs on every line).
pub fn stopword_ratio(line: &str) -> f32 {
    let (mut all, mut stops) = (0usize, 0usize);
    for t in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        all += 1;
        stops += usize::from(t.len() <= 6 && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(t)));
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
    word_count(line) >= 12 && stopword_ratio(line) >= 0.12 && line.contains(['.', '!', '?', ','])
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
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            // A closing quote belongs to the sentence it ends.
            while let Some(q) = text[end..].chars().next().filter(|q| "\"'”’".contains(*q)) {
                end += q.len_utf8();
            }
            if end >= text.len() || bytes[end] == b' ' {
                out.push(text[start..end].trim());
                start = end;
            }
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
