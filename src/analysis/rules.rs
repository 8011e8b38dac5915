//! Dates and times, money, percentages and quantities, by rules over tokens: the values a
//! reader scans for, which a names tagger does not cover.

use super::tokens::tokenize;
use crate::ingest::MONTH_NAMES;

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

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const RELATIVE: &[&str] = &["today", "yesterday", "tomorrow", "tonight"];
const PERIODS: &[&str] = &[
    "week",
    "month",
    "year",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "night",
    "decade",
    "century",
];
const CURRENCY_BEFORE: &[&str] = &[
    "$", "€", "£", "¥", "eur", "usd", "gbp", "jpy", "chf", "us$", "a$", "c$",
];
const CURRENCY_AFTER: &[&str] = &[
    "dollars", "euros", "pounds", "yen", "francs", "rupees", "yuan", "roubles", "rubles",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "m", "mln", "bln",
];
const NUMBER_WORDS: &[&str] = &[
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
const APPROX: &[&[&str]] = &[
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
    "per", "percent", "p", "a.m.", "p.m.",
];

/// A month's name or its abbreviation ("jan", "sept"), in lower case.
fn is_month(t: &str) -> bool {
    t == "sept"
        || MONTH_NAMES
            .iter()
            .any(|m| *m == t || (t.len() == 3 && m.starts_with(t)))
}

fn is_number(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',']);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_year(t: &str) -> bool {
    t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y))
}

/// The tokens of a text in lower case, in one buffer: no string per token, and no more than
/// [`Words::MAX`] bytes of each (no rule looks further into a word).
struct Words {
    buf: String,
    spans: Vec<(u32, u32)>,
}

impl Words {
    const MAX: usize = 32;

    fn new(text: &str, toks: &[super::tokens::Token]) -> Words {
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
            buf.extend(text[r.start..end].chars().flat_map(char::to_lowercase));
            spans.push((from as u32, buf.len() as u32));
        }
        Words { buf, spans }
    }

    /// Token `k` in lower case, or "" past the end.
    fn at(&self, k: usize) -> &str {
        self.spans
            .get(k)
            .map_or("", |&(a, b)| &self.buf[a as usize..b as usize])
    }
}

pub fn find_values(text: &str) -> Vec<Value> {
    let toks = tokenize(text);
    let words = Words::new(text, &toks);
    let mut out: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = date_at(&words, i)
            .map(|e| (e, ValueKind::Date))
            .or_else(|| money_at(&words, i).map(|e| (e, ValueKind::Money)))
            .or_else(|| percent_at(&words, i).map(|e| (e, ValueKind::Percent)))
            .or_else(|| quantity_at(&words, i, text, &toks).map(|e| (e, ValueKind::Quantity)));
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

/// The end (exclusive token index) of a date or time starting at token `i`.
fn date_at(words: &Words, i: usize) -> Option<usize> {
    let w = |k: usize| words.at(k);
    let month = |k: usize| is_month(w(k).trim_end_matches('.'));
    // "this month", "last week", "next year"
    if matches!(w(i), "this" | "last" | "next" | "earlier" | "later") && PERIODS.contains(&w(i + 1))
    {
        return Some(i + 2);
    }
    if RELATIVE.contains(&w(i)) {
        return Some(i + 1);
    }
    // "Thursday", "Tuesday morning"
    if DAYS.contains(&w(i)) {
        return Some(if PERIODS.contains(&w(i + 1)) {
            i + 2
        } else {
            i + 1
        });
    }
    // "22 January, 2015", "22 Jan 2015 15:11"
    if is_number(w(i)) && w(i).len() <= 2 && month(i + 1) {
        let mut end = i + 2;
        if w(end) == "," && is_year(w(end + 1)) {
            end += 2;
        } else if is_year(w(end)) {
            end += 1;
        }
        return Some(time_after(words, end));
    }
    // "January 21, 2015", "January 2015", "Jan. 5". A month name needs a day or a year after
    // it ("May" alone is too often the verb).
    if month(i) {
        let mut end = i + 1;
        if is_number(w(end)) && w(end).len() <= 2 {
            end += 1;
            if w(end) == "," && is_year(w(end + 1)) {
                end += 2;
            }
        } else if is_year(w(end)) {
            end += 1;
        } else {
            return None;
        }
        return Some(time_after(words, end));
    }
    // "2:50 p.m.", "11:45 a.m. (1045 GMT)", "0550 GMT"
    if let Some(end) = time_at(words, i) {
        return Some(end);
    }
    // "in 2015", "since 2009": a year after a preposition.
    if matches!(w(i), "in" | "since" | "by" | "until" | "from") && is_year(w(i + 1)) {
        return Some(i + 2);
    }
    None
}

fn time_at(words: &Words, i: usize) -> Option<usize> {
    let w = |k: usize| words.at(k);
    let clock = |t: &str| {
        let (h, m) = t.split_once(':').unwrap_or(("", ""));
        !h.is_empty()
            && h.len() <= 2
            && m.len() == 2
            && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
    };
    let ampm = |t: &str| matches!(t, "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m");
    let zone = |t: &str| {
        matches!(
            t,
            "gmt" | "utc" | "bst" | "cet" | "est" | "edt" | "pst" | "pdt"
        )
    };
    // "5:50pm", "50pm", "5pm": the a.m./p.m. written onto the number.
    let bare = |t: &'_ str| -> String {
        t.strip_suffix("am")
            .or_else(|| t.strip_suffix("pm"))
            .unwrap_or(t)
            .to_string()
    };
    let glued = |t: &str| bare(t).len() < t.len();
    let split_clock = is_number(w(i))
        && w(i).len() <= 2
        && w(i + 1) == ":"
        && bare(w(i + 2)).len() == 2
        && is_number(&bare(w(i + 2)));
    let mut end = if split_clock {
        i + 3
    } else if clock(&bare(w(i)))
        || (glued(w(i)) && is_number(&bare(w(i))) && bare(w(i)).len() <= 2)
        || (is_number(w(i)) && w(i).len() <= 2 && ampm(w(i + 1)))
    {
        i + 1
    } else if w(i).len() == 4 && w(i).chars().all(|c| c.is_ascii_digit()) && zone(w(i + 1)) {
        i + 2
    } else {
        return None;
    };
    if ampm(w(end)) {
        end += 1;
    }
    if zone(w(end)) {
        end += 1;
    }
    // "(0550 GMT)" right after the time.
    if w(end) == "(" && w(end + 1).len() == 4 && zone(w(end + 2)) && w(end + 3) == ")" {
        end += 4;
    }
    Some(end)
}

fn time_after(words: &Words, end: usize) -> usize {
    time_at(words, end).unwrap_or(end)
}

fn money_at(words: &Words, i: usize) -> Option<usize> {
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

fn percent_at(words: &Words, i: usize) -> Option<usize> {
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
fn quantity_at(
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
    // What is counted: up to three words, lower case or acronyms, not function words.
    let start = k;
    while k < start + 3 && k < toks.len() {
        let raw = toks[k].of(text);
        let wordy = raw.chars().all(char::is_alphabetic)
            || raw.contains('-') && raw.chars().any(char::is_alphabetic);
        let lower_or_acronym = raw.chars().next().is_some_and(char::is_lowercase)
            || raw.len() <= 4 && raw.chars().all(|c| c.is_ascii_uppercase());
        if !wordy || !lower_or_acronym || NOT_COUNTED.contains(&w(k)) {
            break;
        }
        k += 1;
        // A plural ends what is counted ("21 countries met": not "met"); a singular word may
        // be followed by its noun ("31 air raids", "5,000 EU citizens").
        if raw.len() > 3 && raw.ends_with('s') {
            break;
        }
    }
    (k > start).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, ValueKind)> {
        find_values(text)
            .into_iter()
            .map(|v| (&text[v.start..v.end], v.kind))
            .collect()
    }

    #[test]
    fn dates_and_times() {
        use ValueKind::Date;
        assert_eq!(found("The talks began on Thursday."), [("Thursday", Date)]);
        assert_eq!(
            found("Signed on 14 April, 2026 in Lisbon."),
            [("14 April, 2026", Date)]
        );
        assert_eq!(
            found("Published March 3, 2026 15:11 by the desk."),
            [("March 3, 2026 15:11", Date)]
        );
        assert_eq!(
            found("The deadline expires at 2:50 p.m. (0550 GMT) on Friday."),
            [("2:50 p.m. (0550 GMT)", Date), ("Friday", Date)]
        );
        assert_eq!(
            found("Prices rose this month and fell last year."),
            [("this month", Date), ("last year", Date)]
        );
        assert_eq!(found("Work may start in 2027."), [("in 2027", Date)]);
        assert_eq!(
            found("The ferry left at 5:50pm GMT and again at 9pm."),
            [("5:50pm GMT", Date), ("9pm", Date)]
        );
    }

    #[test]
    fn money_and_percentages() {
        use ValueKind::{Money, Percent};
        assert_eq!(found("a ransom of $200 million"), [("$200 million", Money)]);
        assert_eq!(
            found("pledged US$200 million and EUR 2.4 billion"),
            [("US$200 million", Money), ("EUR 2.4 billion", Money)]
        );
        assert_eq!(
            found("some 40 million euros were spent"),
            [("40 million euros", Money)]
        );
        assert_eq!(
            found("loads fell by 30% and then 12 per cent"),
            [("30%", Percent), ("12 per cent", Percent)]
        );
    }

    #[test]
    fn quantities_count_something() {
        use ValueKind::Quantity;
        assert_eq!(
            found("Officials from 21 countries met."),
            [("21 countries", Quantity)]
        );
        assert_eq!(
            found("up to 5,000 EU citizens have gone"),
            [("up to 5,000 EU citizens", Quantity)]
        );
        assert_eq!(
            found("after 31 air raids overnight"),
            [("31 air raids", Quantity)]
        );
        assert_eq!(found("It took two years."), [("two years", Quantity)]);
        assert!(found("The vote was 7 to 2.").is_empty());
    }
}
