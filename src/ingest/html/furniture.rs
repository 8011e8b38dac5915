//! Paragraphs inside the article's container that are page furniture all the same: a teaser
//! link ("Read more: ..."), a promo, a byline or time stamp repeated in the text, a credit or
//! copyright line, a notice that a widget needs JavaScript. The container was chosen for its
//! prose; these are told by their own text, with the rules the text cleaner uses for lines.

use crate::ingest::text::{clutter, meta};
use crate::ingest::{Paragraph, ParagraphKind};

/// Credits, notices and follow-us lines are short: a longer paragraph is someone's text.
const SHORT: usize = 25;

/// Leaves out the body paragraphs that are furniture; headings and captions are kept.
pub fn drop_furniture(paragraphs: &mut Vec<Paragraph>) {
    let debug = std::env::var_os("BRIEFLY_DEBUG_FURNITURE").is_some();
    paragraphs.retain(|p| {
        let drop = p.kind == ParagraphKind::Body && is_furniture(&p.text);
        if drop && debug {
            eprintln!("furniture: {}", crate::sanitize::sanitize(&p.text));
        }
        !drop
    });
}

/// Whether one paragraph of the body is page furniture.
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    clutter::is_clutter(t)
        || meta::date_line(t).is_some()
        || time_stamp(t)
        || byline(t)
        || (words(t) <= SHORT && {
            let lower = t.to_lowercase();
            is_credit(t, &lower) || is_follow_us(&lower) || is_script_notice(&lower)
        })
}

fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

/// "Updated at 1:23 p.m.", "Updated 11:21 pm CST, Tuesday, November 19, 2019": a stamp word,
/// a time of day, and nothing but dates, zones and week days besides.
fn time_stamp(t: &str) -> bool {
    const ZONES: &[&str] = &[
        "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst",
        "pdt", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "aest", "aedt",
    ];
    const WEEK: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    if !t.contains(':') || words(t) > 10 {
        return false;
    }
    let lower = t.to_lowercase();
    let mut toks = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let stamp = toks
        .next()
        .is_some_and(|w| matches!(w, "updated" | "posted" | "published" | "modified" | "last"));
    stamp
        && toks.all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || matches!(w, "at" | "on" | "updated" | "am" | "pm" | "a" | "p" | "m")
                || ZONES.contains(&w)
                || WEEK.iter().any(|d| w.starts_with(d))
                || meta::MONTH_NAMES
                    .iter()
                    .any(|m| w.len() >= 3 && m.starts_with(w))
        })
}

/// "By Ana Silva", also with the date after a dash: "By Ana Silva - 11/18/26 9:04 PM".
fn byline(t: &str) -> bool {
    // A byline starts with one of these words, lower-cased: a paragraph that does not is no
    // byline, and is not searched for dashes and lower-cased whole.
    let head: String = t.chars().take(16).flat_map(char::to_lowercase).collect();
    if !meta::BYLINE_STARTS.iter().any(|p| head.starts_with(p)) {
        return false;
    }
    let first = [" - ", " – ", " — "]
        .iter()
        .filter_map(|dash| t.find(dash))
        .min()
        .map_or(t, |at| &t[..at]);
    meta::byline_line(first).is_some()
}

/// "Image copyright Agency", "photos © Studio, 2026", "The contents of this site are
/// ©2026 ...": prose does not use the sign, and an article about copyright says more.
fn is_credit(t: &str, lower: &str) -> bool {
    t.contains('©') || lower.starts_with("image copyright") || lower.starts_with("photo copyright")
}

/// "Follow Newsroom on Instagram, Facebook and X.", "Follow us on Twitter @desk".
fn is_follow_us(lower: &str) -> bool {
    let social = [
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "linkedin",
        "@",
    ];
    lower.starts_with("follow ") && social.iter().any(|s| lower.contains(s))
}

/// "This slideshow requires JavaScript.", "Please enable JavaScript to view the comments".
fn is_script_notice(lower: &str) -> bool {
    lower.contains("javascript")
        && ["requires", "enable", "needs", "turn on"]
            .iter()
            .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_told_by_its_text() {
        for line in [
            "Read more: Harbour council votes to rebuild the old pier",
            "By Mara Quill - 11/18/26 11:04 PM EST",
            "Image copyright Northwind Pictures",
            "The contents of this site are ©2026 Pier Gazette Ltd, a subsidiary of Harbour Media.",
            "Follow the Gazette on Instagram, Facebook and YouTube.",
            "This slideshow requires JavaScript.",
            "Sign up for our newsletter",
            "Updated at 1:23 p.m.",
            "Updated 11:21 pm CST, Tuesday, November 19, 2019",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn prose_is_not_furniture() {
        for line in [
            "Upping your intake of beans can keep you feeling full and help control your appetite.",
            "By Monday the council had voted to rebuild the pier - a decision few expected.",
            "The court said the copyright on the song had expired in 2019.",
            "Follow the river north for two miles and the old mill comes into view.",
            "The site was rebuilt in JavaScript last year, the company said.",
            "Updated figures: 12:3 in favour of the new pier.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
