//! Finding a query in text, as `/`, the briefing-wide search and `briefly search` all do:
//! smart case (a capital letter in the query makes it exact), quotes, apostrophes and dashes
//! fold to their ASCII forms, accents fold when the user asks for it. Ranges are byte ranges of
//! the text itself, whole characters, so highlights land on what was found.

use aho_corasick::AhoCorasick;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A query made ready to look through many texts quickly.
#[derive(Debug, Clone)]
pub struct Query {
    exact: bool,
    accents: bool,
    /// The query folded as texts are.
    folded: String,
    /// For an ASCII query: the whole query, matched directly in ASCII text (where folding
    /// changes nothing but ASCII case).
    whole: Option<AhoCorasick>,
    /// For an ASCII query, without accent folding: each piece between quote marks and dashes,
    /// each of which a text must hold for the query to match (see [`Query::may_hold`]).
    pieces: Vec<AhoCorasick>,
}

/// The only characters beyond ASCII whose lower case holds an ASCII letter (K, İ): checked
/// against every character by a test.
const LOWER_TO_ASCII: [char; 2] = ['\u{130}', '\u{212a}'];

impl Query {
    /// `accents`: letters match whatever accents they carry ("zoe" finds "Zoë").
    pub fn new(query: &str, accents: bool) -> Query {
        let exact = query.chars().any(char::is_uppercase);
        let ascii = !query.is_empty() && query.is_ascii();
        let build = |patterns: &[&str]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(!exact)
                .build(patterns)
                .ok()
        };
        let whole = ascii.then(|| build(&[query])).flatten();
        let pieces = if ascii && !accents {
            query
                .split(['\'', '"', '-'])
                .filter(|p| !p.is_empty())
                .filter_map(|p| build(&[p]))
                .collect()
        } else {
            Vec::new()
        };
        Query {
            exact,
            accents,
            folded: fold(query, exact, accents).0,
            whole,
            pieces,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// False only when `text` surely holds no match, told much quicker than folding it.
    pub fn may_hold(&self, text: &str) -> bool {
        self.check(text, text.is_ascii())
    }

    /// [`Query::may_hold`], told whether `text` is ASCII. In ASCII text folding changes
    /// nothing but ASCII case, so the query is looked for as it is. In other text each piece
    /// of an ASCII query between quote marks and dashes can only match ASCII characters
    /// (without accent folding), so each must be there, unless the text has a character that
    /// lowers to ASCII (for a query without a capital).
    fn check(&self, text: &str, ascii: bool) -> bool {
        match &self.whole {
            None => !self.is_empty(),
            Some(whole) if ascii => whole.is_match(text),
            Some(_) if self.accents => true,
            Some(_) => self.pieces.iter().all(|p| p.is_match(text)) || self.lowers_to_ascii(text),
        }
    }

    fn lowers_to_ascii(&self, text: &str) -> bool {
        !self.exact
            && LOWER_TO_ASCII.iter().any(|c| {
                let mut utf8 = [0; 4];
                memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut utf8).as_bytes()).is_some()
            })
    }

    /// Whether `text` holds the query at all.
    pub fn is_in(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// Byte ranges of every occurrence in `text`, left to right, not overlapping.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let ascii = text.is_ascii();
        if let Some(whole) = self.whole.as_ref().filter(|_| ascii) {
            return whole
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
        }
        if !self.check(text, ascii) {
            return Vec::new();
        }
        let (folded, origin) = fold(text, self.exact, self.accents);
        folded
            .match_indices(&self.folded)
            .map(|(i, m)| {
                // From the character the first folded byte came from to the end of the one
                // the last came from (a character may fold to several).
                let last = origin[i + m.len() - 1];
                let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
                (origin[i], end)
            })
            .collect()
    }
}

/// Byte ranges of every occurrence of `query` in `text` (accents count).
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    Query::new(query, false).find(text)
}

/// `text` folded for search (lower case unless `exact`, quotes and dashes to their ASCII
/// forms, accents dropped when `accents`), with the byte of `text` each folded byte came from.
fn fold(text: &str, exact: bool, accents: bool) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut push = |c: char, i: usize| {
        if accents && !c.is_ascii() {
            let mut base = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    base.push(fold_stroke(d));
                }
            });
            folded.push_str(&base);
        } else {
            folded.push(fold_mark(c));
        }
        origin.resize(folded.len(), i);
    };
    for (i, c) in text.char_indices() {
        if exact {
            push(c, i);
        } else {
            c.to_lowercase().for_each(|lc| push(lc, i));
        }
    }
    (folded, origin)
}

/// Curly, low and reversed quotes and primes as the straight quote, every dash as `-`.
fn fold_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c => c,
    }
}

/// With accent folding, letters with a stroke (which no decomposition takes apart) as their
/// base letter: "Lodz" finds "Łódź", "Orsted" finds "Ørsted".
fn fold_stroke(c: char) -> char {
    match c {
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' => 'd',
        'Đ' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ı' => 'i',
        c => fold_mark(c),
    }
}

#[cfg(test)]
#[path = "find_tests.rs"]
mod tests;
