//! Publication dates and bylines written out in the text: "22 January, 2015",
//! "Jan 22, 2015 15:11", "Published Tuesday, 14 April 2026 - 16:05", "By Ana Silva",
//! "(Agency with Wire)". Dates become ISO `YYYY-MM-DD`; the time of day is left out, as the
//! article metadata this is compared with records dates only.

use super::signals::{is_capitalised, tokens, word_count};

/// The months' names, January first (also read by the date rules of `analysis`).
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that may stand beside a date on a date line without making it a sentence.
const DATE_FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "et",
    "local",
    "time",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "h",
    "hrs",
    "first",
    "date",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTH_NAMES.iter().position(|m| w.starts_with(&m[..3]))?;
    // "mar" must not match "march"-less words like "market": the word is the month's name
    // or its abbreviation ("sept" included).
    let full = MONTH_NAMES[i];
    (full.starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

fn number(word: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    let digits = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| range.contains(n))
}

/// Whether the tokens of a line hold a date anywhere among other words.
pub fn has_date(toks: &[String]) -> bool {
    find_date(toks).is_some()
}

/// The first date written in the line, with the index of its tokens: day-month-year,
/// month-day-year or ISO year-month-day.
fn find_date(toks: &[String]) -> Option<(String, std::ops::Range<usize>)> {
    let iso = |y: u32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    for i in 0..toks.len().saturating_sub(2) {
        let (a, b, c) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        let year = |w: &str| number(w, 1900..=2100).filter(|_| w.len() == 4);
        if let (Some(d), Some(m), Some(y)) = (number(a, 1..=31), month_of(b), year(c)) {
            return Some((iso(y, m, d), i..i + 3));
        }
        if let (Some(m), Some(d), Some(y)) = (month_of(a), number(b, 1..=31), year(c)) {
            return Some((iso(y, m, d), i..i + 3));
        }
        if let (Some(y), Some(m), Some(d)) = (year(a), number(b, 1..=12), number(c, 1..=31))
            && b.len() == 2
            && c.len() == 2
        {
            return Some((iso(y, m, d), i..i + 3));
        }
    }
    None
}

/// The ISO date of a line that is only a date (with a weekday, a time, "Published" and the
/// like), or of one `|`-separated part of it ("Outlet | 14 April 2026, 7:42 pm").
pub fn date_line(line: &str) -> Option<String> {
    // Dates inside sentences are part of the story: a date line has no other words.
    if line.chars().count() > 90 {
        return None;
    }
    line.split(['|', '·', '•'])
        .find_map(|part| date_only(part.trim()))
}

fn date_only(part: &str) -> Option<String> {
    let toks = tokens(part);
    let (date, span) = find_date(&toks)?;
    let others = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !span.contains(i)
                && !DATE_FILLER.contains(&t.as_str())
                && !t.chars().all(|c| c.is_ascii_digit())
        })
        .count();
    (others == 0).then_some(date)
}

/// The name in a byline: "By Ana Silva", "Written by Ana Silva, Lisbon", "Author: Ana Silva",
/// How a byline starts, lower-cased.
pub const BYLINE_STARTS: [&str; 5] = [
    "by ",
    "written by ",
    "words by ",
    "author: ",
    "reporting by ",
];

/// "By Ana Silva | 3 May 2026" (the date part is left out).
pub fn byline_line(line: &str) -> Option<String> {
    byline_and_date(line).map(|(name, _)| name)
}

/// Whether every word of a part of a line is a number, a month or a word that goes with
/// dates ("3 March", "May 3", "10:42 GMT"): a byline's date, never an outlet's name.
pub fn is_date_part(part: &str) -> bool {
    let toks = tokens(part);
    !toks.is_empty()
        && toks.iter().all(|t| {
            t.chars().all(|c| c.is_ascii_digit())
                || month_of(t).is_some()
                || DATE_FILLER.contains(&t.as_str())
        })
}

/// The name in a byline, and the date written after it with a comma: "By Ana Silva, 3 May
/// 2026" and "By Ana Silva, May 3, 2026" give "Ana Silva" and 2026-05-03.
pub fn byline_and_date(line: &str) -> Option<(String, Option<String>)> {
    let first = line.split(['|', '·', '•']).next()?.trim();
    // The starts are ASCII, and no other character lower-cases to their letters (the
    // Kelvin sign to a "k", a dotted capital I to an "i" and a dot): compared case aside,
    // without a lower-case copy of the line.
    let starts = |p: &str| {
        first
            .as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    let rest = BYLINE_STARTS
        .iter()
        .find_map(|p| starts(p).then(|| first[p.len()..].trim()))?;
    // A date after a comma is not part of the name.
    let (name, date) = rest
        .match_indices(',')
        .find_map(|(i, _)| {
            let after = rest[i + 1..].trim();
            let date = date_only(after).filter(|_| is_date_part(after))?;
            Some((rest[..i].trim_end(), Some(date)))
        })
        .unwrap_or((rest, None));
    // Names are capitalised; "By the time ..." and "By Monday, the talks ..." are sentences.
    let name_like = name.split_whitespace().all(|w| {
        is_capitalised(w)
            || ["and", "with", "of", "in", "de", "da", "van", "von", "al"].contains(&w)
    });
    (name_like && (1..=8).contains(&word_count(name)) && !rest.ends_with('.'))
        .then(|| (name.to_string(), date))
}

/// A credit line for the whole text, in brackets at its end: "(Outlet with Agency)".
pub fn outlet_credit(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    let words: Vec<&str> = inner.split_whitespace().collect();
    let names = words
        .iter()
        .filter(|w| is_capitalised(w) || matches!(**w, "with" | "and" | "&"))
        .count();
    let ok = (1..=6).contains(&words.len())
        && names == words.len()
        && !inner.contains(['=', '$', '€', '£']);
    ok.then(|| inner.to_string())
}

/// Wire-service credits: "(Reporting by ...; Editing by ...)".
pub fn wire_credit(line: &str) -> bool {
    // Lower case keeps the brackets where they are: only a bracketed line is lower-cased.
    let t = line.trim();
    if !(t.starts_with('(') && t.ends_with(')')) {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "reporting by",
        "writing by",
        "editing by",
        "additional reporting",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_become_iso() {
        for (line, want) in [
            ("22 January, 2015", "2015-01-22"),
            ("22 Jan, 2015 15:11", "2015-01-22"),
            ("January 21, 2015", "2015-01-21"),
            ("Published Tuesday, 14 April 2026 - 16:05", "2026-04-14"),
            ("Tuesday, April 14, 2026 · 6:30 PM", "2026-04-14"),
            (
                "Daily Example | Tuesday 14 April 2026, 7:42 pm",
                "2026-04-14",
            ),
            ("Updated: 2019-03-07 10:00 GMT", "2019-03-07"),
            ("Sept 3rd, 2020", "2020-09-03"),
        ] {
            assert_eq!(date_line(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn dates_inside_sentences_are_not_date_lines() {
        assert_eq!(
            date_line("The vote was held on 22 January, 2015 in Leeds."),
            None
        );
        assert_eq!(date_line("Market 12 May 2020"), None);
    }

    #[test]
    fn bylines_and_credits() {
        assert_eq!(byline_line("By Ana Silva").as_deref(), Some("Ana Silva"));
        assert_eq!(
            byline_line("By Ana Silva, Health Editor | 3 May 2026").as_deref(),
            Some("Ana Silva, Health Editor")
        );
        assert_eq!(byline_line("By the time they arrived, it was over."), None);
        // A date after a comma is the date, not part of the name.
        for (line, name, date) in [
            (
                "By Ana Silva, 3 March 2024",
                "Ana Silva",
                Some("2024-03-03"),
            ),
            (
                "By Ana Silva, March 3, 2024",
                "Ana Silva",
                Some("2024-03-03"),
            ),
            (
                "By Ana Silva, Health Editor, 3 March 2024 10:42 GMT",
                "Ana Silva, Health Editor",
                Some("2024-03-03"),
            ),
            ("By Ana Silva, Lisbon", "Ana Silva, Lisbon", None),
        ] {
            let got = byline_and_date(line).unwrap();
            assert_eq!((got.0.as_str(), got.1.as_deref()), (name, date), "{line}");
        }
        assert!(is_date_part("3 March") && is_date_part("10:42 GMT") && !is_date_part("ABC 24"));
        assert_eq!(
            outlet_credit("(Example News with Agencies)").as_deref(),
            Some("Example News with Agencies")
        );
        assert_eq!(outlet_credit("($1 = 0.92 euros)"), None);
    }
}
