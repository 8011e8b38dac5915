//! The site's name from its copyright line: a copy of a whole page keeps its footer, and the
//! footer says who published it ("© 2019 The Daily Example. All rights reserved.", "Copyright
//! © 2004-2019 Example Media, Inc.", "© Example Post 2019"). The last such line of the page
//! counts. A line without a year or "all rights reserved" is passed over (a photographer's
//! "© Ana Ruiz"), and so is a news agency's (a photo's "© AFP 2019", wire copy's "Copyright
//! 2015 The Associated Press"): an agency is a source, not the site.

use crate::stories::outlet::is_agency;

/// The longest line read as a copyright line.
const LONGEST: usize = 240;

/// The name the last copyright line of `lines` gives, if any.
pub fn site<'a>(lines: impl DoubleEndedIterator<Item = &'a str>) -> Option<String> {
    lines.rev().find_map(name_in)
}

/// The name one line gives, if it is a copyright line.
fn name_in(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > LONGEST || !starts_as_copyright(line) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    if !(has_year(line) || lower.contains("rights reserved")) {
        return None;
    }
    let name = cut_name(skip_lead(line));
    let words = name.split_whitespace().count();
    let fits = (1..=8).contains(&words)
        && name.chars().count() <= 60
        && name.chars().any(char::is_uppercase)
        && !name.to_lowercase().contains(" by ")
        && !name.to_lowercase().starts_with("by ");
    (fits && !is_agency(&name)).then_some(name)
}

fn starts_as_copyright(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    line.starts_with('©')
        || line.starts_with('ⓒ')
        || lower.starts_with("copyright ")
        || lower.starts_with("copyright©")
        || lower.starts_with("(c) ")
}

/// Whether the line holds a year from 1900 to 2099 as a word of its own.
fn has_year(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && has_year(word)
}

/// Past the marks, years and words that come before the name: "Copyright © 2004-2019 by ",
/// "©All Rights Reserved ".
fn skip_lead(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '©' | 'ⓒ' | '-' | '–' | '—' | ',' | '.' | ':')
        });
        let lower = trimmed.to_ascii_lowercase();
        let word_end = trimmed
            .find(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        let skip = if lower.starts_with("copyright") {
            "copyright".len()
        } else if lower.starts_with("(c)") {
            3
        } else if lower.starts_with("all rights reserved") {
            "all rights reserved".len()
        } else if lower.starts_with("by ") {
            2
        } else if is_year(word) || is_year_range(word) {
            word.len()
        } else {
            return trimmed;
        };
        rest = &trimmed[skip..];
    }
}

fn is_year_range(word: &str) -> bool {
    word.split(['-', '–'])
        .all(|part| is_year(part) || part.is_empty())
        && has_year(word)
}

/// The name at the start of `rest`: up to the first sentence end, separator, year or "all
/// rights reserved", without a trailing company form ("Inc.", "LLC", "Ltd").
fn cut_name(rest: &str) -> String {
    // ASCII case only: the offsets found in it are the text's own (full lower-casing changes
    // the length of some letters: "İ" becomes three bytes).
    let lower = rest.to_ascii_lowercase();
    let mut end = rest.len();
    for stop in [
        "all rights reserved",
        "|",
        ", inc",
        " inc.",
        ", llc",
        " - ",
        " – ",
        " — ",
        " / ",
        "(",
        ", a ",
        ". ",
        "; ",
    ] {
        if let Some(at) = lower.find(stop) {
            end = end.min(at);
        }
    }
    // Two sentences run together ("Example Network.Example Group").
    let bytes = rest.as_bytes();
    if let Some(at) = (1..end.saturating_sub(1)).find(|&i| {
        bytes[i] == b'.' && bytes[i - 1].is_ascii_lowercase() && bytes[i + 1].is_ascii_uppercase()
    }) {
        end = at;
    }
    // A year after the name ("Example Post 2019", "Example Institute 2019, a ...").
    let mut at = 0;
    for word in rest[..end].split_inclusive(char::is_whitespace) {
        let bare = word.trim().trim_end_matches([',', '.']);
        if at > 0 && (is_year(bare) || is_year_range(bare)) {
            end = at;
            break;
        }
        at += word.len();
    }
    let mut name = rest[..end].trim();
    loop {
        let before = name;
        name = name.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | '-' | '–' | '|')
        });
        for form in [" inc", " llc", " ltd", " limited", " l.l.c"] {
            let cut = name.len().saturating_sub(form.len());
            if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(form) {
                name = &name[..cut];
            }
        }
        if name == before {
            return name.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_names_the_site() {
        for (line, name) in [
            (
                "© 2026 The Quayside Ledger. All rights reserved.",
                "The Quayside Ledger",
            ),
            ("© Harbour Mirror 2026", "Harbour Mirror"),
            (
                "Copyright © 2004-2026 Ostra Media, Inc. All Rights Reserved.",
                "Ostra Media",
            ),
            (
                "Copyright © 2026, Velmora Times | Terms of Service",
                "Velmora Times",
            ),
            (
                "Copyright 2026. Northbank Examiner. All Rights Reserved.",
                "Northbank Examiner",
            ),
            (
                "© 1995 - 2026 by Tessel Media Group Inc.",
                "Tessel Media Group",
            ),
            (
                "©All Rights Reserved Corvo Institute 2026, a nonprofit",
                "Corvo Institute",
            ),
            (
                "© Copyright 2026 Lantern Weekly, LLC, a subsidiary of Wick Holdings",
                "Lantern Weekly",
            ),
            (
                "Copyright © 2026 Arkwell News. Arkwell News is not responsible for links.",
                "Arkwell News",
            ),
            ("© 2026 Pilot Radio - All rights reserved", "Pilot Radio"),
            ("© 2026, Reed Media, Inc., Contact Us", "Reed Media"),
            (
                "© 2026 Gull Network.Gull Holdings, Inc.All Rights Reserved.",
                "Gull Network",
            ),
            ("© 2026 Ostra.com. All rights reserved", "Ostra.com"),
            (
                "© 2026 İstanbul İzmir İnegöl Post | Terms",
                "İstanbul İzmir İnegöl Post",
            ),
        ] {
            assert_eq!(name_in(line).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn credits_that_do_not_name_the_site_are_passed_over() {
        for line in [
            "© Ana Ruiz",       // a photographer, no year
            "© AFP 2026",       // an agency
            "© REUTERS / POOL", // an agency, no year
            "Copyright 2026 The Associated Press. All rights reserved.",
            "Copyright Policy",                                 // a link
            "Copyright © 2002-2026 - Designed by Wick Digital", // the web designer
            "The council's copyright office opened in 2026.",   // a sentence
            "© 2026",                                           // no name
            "© All rights reserved | Terms",                    // no name before the links
        ] {
            assert_eq!(name_in(line), None, "{line}");
        }
    }

    #[test]
    fn the_last_copyright_line_counts() {
        let page = [
            "Quay repairs begin",
            "© AFP 2026",
            "The harbour council voted on Tuesday.",
            "© 2026 The Quayside Ledger. All rights reserved.",
            "Privacy | Terms",
        ];
        assert_eq!(
            site(page.into_iter()).as_deref(),
            Some("The Quayside Ledger")
        );
        assert_eq!(site(["No footer here."].into_iter()), None);
    }
}
