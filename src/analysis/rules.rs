//! Dates and times, money, percentages and quantities, by rules over tokens: the values a
//! reader scans for, which a names tagger does not cover.

use super::dates::{date_at, is_year, may_start};
use super::tokens::tokenize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Dates, days, times and relative dates ("this month").
    Date,
    Money,
    Percent,
    /// A number with what it counts ("21 countries", "up to 5,000 EU citizens").
    Quantity,
}

/// A value found in the text: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub start: usize,
    pub end: usize,
    pub kind: ValueKind,
}

pub(super) const CURRENCY_BEFORE: &[&str] = &[
    "$", "€", "£", "¥", "eur", "usd", "gbp", "jpy", "chf", "us$", "a$", "c$",
];
const CURRENCY_AFTER: &[&str] = &[
    "dollars", "euros", "pounds", "yen", "francs", "rupees", "yuan", "roubles", "rubles",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "m", "mln", "bln",
];
pub(super) const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "thousands",
    "millions",
];
pub(super) const APPROX: &[&[&str]] = &[
    &["up", "to"],
    &["more", "than"],
    &["at", "least"],
    &["about"],
    &["some"],
    &["nearly"],
    &["almost"],
    &["over"],
    &["around"],
];
/// Words after a number that are not what it counts.
const NOT_COUNTED: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "is",
    "was", "are", "were", "has", "had", "have", "that", "which", "who", "it", "he", "she", "they",
    "per", "percent", "p", "a.m.", "p.m.", "near", "after", "before", "into", "over", "under",
    "between", "during", "against", "since", "until", "as", "than", "while", "whom", "more",
    "less", "not", "also", "out", "up", "down", "off", "each", "other", "others", "last", "times",
    "if", "when", "but", "so", "be", "been", "will", "would", "can", "could", "did",
];
/// Nouns that are plural without an s: what is counted ends there ("17 people dead").
const PLURALS: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "cattle",
    "sheep",
    "fish",
    "aircraft",
    "feet",
    "teeth",
    "mice",
    "geese",
    "data",
    "media",
    "crew",
];
/// Spans of time that "a" counts: "a year", "an hour".
const SPANS: &[&str] = &[
    "year",
    "month",
    "week",
    "day",
    "decade",
    "century",
    "hour",
    "minute",
    "fortnight",
];

pub(super) fn is_number(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',']);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// The tokens of a text in lower case, in one buffer: no string per token, and no more than
/// [`Words::MAX`] bytes of each (no rule looks further into a word).
pub(super) struct Words {
    buf: String,
    spans: Vec<(u32, u32)>,
}

impl Words {
    const MAX: usize = 32;

    pub(super) fn new(text: &str, toks: &[super::tokens::Token]) -> Words {
        let mut buf = String::new();
        let mut spans = Vec::with_capacity(toks.len());
        for t in toks {
            let r = t.range();
            let mut end = r.end.min(r.start + Self::MAX);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let from = buf.len();
            if from + 4 * Self::MAX > u32::MAX as usize {
                // Past 4 GiB of words: the rest read as nothing.
                spans.push((0, 0));
                continue;
            }
            let word = &text[r.start..end];
            if word.is_ascii() {
                buf.push_str(word);
                buf[from..].make_ascii_lowercase();
            } else {
                buf.extend(word.chars().flat_map(char::to_lowercase));
            }
            spans.push((from as u32, buf.len() as u32));
        }
        Words { buf, spans }
    }

    /// Token `k` in lower case, or "" past the end.
    pub(super) fn at(&self, k: usize) -> &str {
        self.spans
            .get(k)
            .map_or("", |&(a, b)| &self.buf[a as usize..b as usize])
    }
}

pub fn find_values(text: &str) -> Vec<Value> {
    find_values_in(text, &tokenize(text))
}

/// [`find_values`] with the text already tokenized (`toks` as [`tokenize`] makes them).
pub fn find_values_in(text: &str, toks: &[super::tokens::Token]) -> Vec<Value> {
    let words = Words::new(text, toks);
    let mut out: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // After a slash is the second half of a ratio or a share ("24/7", "50/50").
        if !may_start(words.at(i)) || (i > 0 && words.at(i - 1) == "/") {
            i += 1;
            continue;
        }
        let found = date_at(&words, i)
            .map(|e| (e, ValueKind::Date))
            .or_else(|| money_at(&words, i).map(|e| (e, ValueKind::Money)))
            .or_else(|| percent_at(&words, i).map(|e| (e, ValueKind::Percent)))
            .or_else(|| quantity_at(&words, i, text, toks).map(|e| (e, ValueKind::Quantity)));
        match found {
            Some((end, kind)) => {
                out.push(Value {
                    start: toks[i].range().start,
                    end: toks[end - 1].range().end,
                    kind,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

pub(super) fn money_at(words: &Words, i: usize) -> Option<usize> {
    let w = |k: usize| words.at(k);
    let mut k = i;
    // "US$", "US $", "$", "EUR"
    let prefixed = if w(k) == "us" && w(k + 1) == "$" {
        k += 2;
        true
    } else if CURRENCY_BEFORE.contains(&w(k)) {
        k += 1;
        true
    } else {
        false
    };
    if !is_number(w(k)) {
        return None;
    }
    k += 1;
    if SCALES.contains(&w(k)) {
        k += 1;
    }
    if prefixed {
        return Some(k);
    }
    CURRENCY_AFTER.contains(&w(k)).then_some(k + 1)
}

pub(super) fn percent_at(words: &Words, i: usize) -> Option<usize> {
    let w = |k: usize| words.at(k);
    if !is_number(w(i)) {
        return None;
    }
    match (w(i + 1), w(i + 2)) {
        ("%", _) | ("percent", _) => Some(i + 2),
        ("per", "cent") => Some(i + 3),
        _ => None,
    }
}

/// "21 countries", "31 air raids", "up to 5,000 EU citizens", "two years".
pub(super) fn quantity_at(
    words: &Words,
    i: usize,
    text: &str,
    toks: &[super::tokens::Token],
) -> Option<usize> {
    let w = |k: usize| words.at(k);
    let mut k = i;
    for phrase in APPROX {
        if phrase.iter().enumerate().all(|(j, p)| w(i + j) == *p) {
            k = i + phrase.len();
            break;
        }
    }
    // "a year", "an hour": one span of time.
    if k == i && matches!(w(k), "a" | "an" | "one") && SPANS.contains(&w(k + 1)) {
        return Some(k + 2);
    }
    if !(is_number(w(k)) || NUMBER_WORDS.contains(&w(k)))
        || is_year(w(k))
        || money_at(words, k).is_some()
    {
        return None;
    }
    k += 1;
    if SCALES.contains(&w(k)) {
        k += 1;
    }
    // What is counted: up to three words, lower case or acronyms, not function words, and
    // capitalized ones ("two Japanese hostages") only before a lower-case noun.
    let start = k;
    let mut last_noun = start;
    while k < start + 3 && k < toks.len() {
        let raw = toks[k].of(text);
        let wordy = raw.chars().all(char::is_alphabetic)
            || raw.contains('-') && raw.chars().any(char::is_alphabetic);
        let lower = raw.chars().next().is_some_and(char::is_lowercase);
        let acronym = raw.len() <= 4 && raw.chars().all(|c| c.is_ascii_uppercase());
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        if !wordy || !(lower || acronym || capital) || NOT_COUNTED.contains(&w(k)) {
            break;
        }
        k += 1;
        if lower || acronym {
            last_noun = k;
        }
        // A plural ends what is counted ("21 countries met": not "met"); a singular word may
        // be followed by its noun ("31 air raids", "5,000 EU citizens").
        if lower && (raw.len() > 3 && raw.ends_with('s') || PLURALS.contains(&w(k - 1))) {
            break;
        }
    }
    // A count ends on what it counts: a trailing name is not part of it.
    let k = last_noun;
    (k > start).then_some(k)
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
