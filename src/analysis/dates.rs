//! Dates and times by rules over tokens ("Thursday", "22 January, 2015", "in December",
//! "2:50 p.m. (0550 GMT)", "9/11"): the part of [`super::rules`] that reads calendars and
//! clocks.

use std::sync::OnceLock;

use super::chars::WordSet;
use super::rules::{APPROX, CURRENCY_BEFORE, NUMBER_WORDS, Words, is_number};
use crate::ingest::MONTH_NAMES;

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
/// Whether a value may begin at token `t` (in lower case): a number, or a word that one of
/// the rules here or in [`super::rules`] starts from. The rules are not tried on any other
/// token, most of a text.
pub(super) fn may_start(t: &str) -> bool {
    static STARTS: OnceLock<WordSet<&'static str>> = OnceLock::new();
    t.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'+')
        || STARTS
            .get_or_init(starting_words)
            .contains(t.trim_end_matches('.'))
}

/// The words [`may_start`] looks for: those that [`date_at`], `money_at`, `percent_at` and
/// `quantity_at` test their first token against (months without their dot, as [`is_month`]).
fn starting_words() -> WordSet<&'static str> {
    let mut set = WordSet::default();
    set.extend(["this", "last", "next", "earlier", "later"]);
    set.extend(["in", "since", "by", "until", "from"]);
    set.extend(["us", "a", "an", "one", "sept"]);
    set.extend(DAYS.iter().chain(RELATIVE).copied());
    set.extend(CURRENCY_BEFORE.iter().chain(NUMBER_WORDS).copied());
    set.extend(APPROX.iter().map(|phrase| phrase[0]));
    for m in MONTH_NAMES {
        set.extend([m, &m[..3]]);
    }
    set
}

/// A month's name or its abbreviation ("jan", "sept"), in lower case.
pub(super) fn is_month(t: &str) -> bool {
    t == "sept"
        || MONTH_NAMES
            .iter()
            .any(|m| *m == t || (t.len() == 3 && m.starts_with(t)))
}

pub(super) fn is_year(t: &str) -> bool {
    t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y))
}

/// The end (exclusive token index) of a date or time starting at token `i`.
pub(super) fn date_at(words: &Words, i: usize) -> Option<usize> {
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
    // "January 21, 2015", "January 2015", "Jan. 5", "August 18,2014" (the space lost). A
    // month name needs a day or a year after it, or a preposition before it ("in December",
    // "since August last year"): "May" alone is too often the verb.
    if month(i) {
        let mut end = i + 1;
        if is_number(w(end)) && w(end).len() <= 2 {
            end += 1;
            if w(end) == "," && is_year(w(end + 1)) {
                end += 2;
            }
        } else if is_year(w(end)) || day_and_year(w(end)) {
            end += 1;
        } else if !(i > 0 && BEFORE_MONTH.contains(&w(i - 1)) && !w(i).ends_with('.')) {
            return None;
        }
        // "August last year"
        if matches!(w(end), "this" | "last" | "next") && PERIODS.contains(&w(end + 1)) {
            end += 2;
        }
        return Some(time_after(words, end));
    }
    // "9/11", "11/9/2001": day and month with slashes (both small numbers).
    if let Some(end) = slashed_date(words, i) {
        return Some(end);
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

/// Words after which a month alone is a date ("in December", "since August").
const BEFORE_MONTH: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "early", "late", "mid", "during", "last", "next",
    "this", "of", "through", "before", "after",
];

/// "18,2014": a day and a year with the space after the comma lost.
fn day_and_year(t: &str) -> bool {
    t.split_once(',').is_some_and(|(d, y)| {
        (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) && is_year(y)
    })
}

/// "9/11", "11/9/2001", "2/3/15": the end of a date written with slashes at token `i`.
fn slashed_date(words: &Words, i: usize) -> Option<usize> {
    let w = |k: usize| words.at(k);
    let small = |t: &str, max: u32| {
        (1..=2).contains(&t.len()) && t.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    if !(small(w(i), 31) && w(i + 1) == "/" && small(w(i + 2), 31)) {
        return None;
    }
    // Neither part may be over 12 unless the other is a month: "9/11" and "25/12", not "30/40".
    let (a, b) = (w(i).parse::<u32>().ok()?, w(i + 2).parse::<u32>().ok()?);
    if a > 12 && b > 12 {
        return None;
    }
    let year = |t: &str| t.len() == 2 || is_year(t);
    if w(i + 3) == "/" && year(w(i + 4)) && w(i + 4).chars().all(|c| c.is_ascii_digit()) {
        return Some(i + 5);
    }
    // Without a year, a share or a rate reads the same: "3/4 of the routes", "a 2/3
    // majority", "open 24/7".
    let share = w(i + 3) == "of" || (i > 0 && matches!(w(i - 1), "a" | "an"));
    if share || (a, b) == (24, 7) {
        return None;
    }
    // A slash right after would make it a longer number ("1/2/3/4").
    (w(i + 3) != "/").then_some(i + 3)
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
    fn bare(t: &str) -> &str {
        t.strip_suffix("am")
            .or_else(|| t.strip_suffix("pm"))
            .unwrap_or(t)
    }
    let glued = |t: &str| bare(t).len() < t.len();
    let split_clock = is_number(w(i))
        && w(i).len() <= 2
        && w(i + 1) == ":"
        && bare(w(i + 2)).len() == 2
        && is_number(bare(w(i + 2)));
    let mut end = if split_clock {
        i + 3
    } else if clock(bare(w(i)))
        || (glued(w(i)) && is_number(bare(w(i))) && bare(w(i)).len() <= 2)
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

#[cfg(test)]
mod tests {
    use super::super::rules::{money_at, percent_at, quantity_at};
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn every_value_starts_where_may_start_says() {
        let text = "On Thursday, 14 April, 2026 at 2:50 p.m. (0550 GMT) this month Jan. 5 and \
                    Sept 3, US$200 million, EUR 2.4 billion, $5, 30% or 12 per cent, up to \
                    5,000 EU citizens, more than two years, a year, some 40 million euros, \
                    nearly 9/11, since 2009, in December, 5:50pm, 9pm, yesterday, dozens \
                    of ships, about 21 countries, at least one week, over 17 people.";
        let toks = tokenize(text);
        let words = Words::new(text, &toks);
        let mut starts = 0;
        for i in 0..toks.len() {
            let found = date_at(&words, i).is_some()
                || money_at(&words, i).is_some()
                || percent_at(&words, i).is_some()
                || quantity_at(&words, i, text, &toks).is_some();
            if found {
                starts += 1;
                assert!(may_start(words.at(i)), "{}", words.at(i));
            }
        }
        assert!(starts > 25, "{starts}");
    }
}
