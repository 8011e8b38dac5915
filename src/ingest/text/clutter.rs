//! Lines that belong to the page, not the article: navigation, promos, buttons, icon-font
//! names, reading-time badges, advertising labels and copyright footers. Each rule looks at
//! one line on its own, so the whole pass stays linear.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::clutter_words::{LABELS, NAV_WORDS, PROMO_PHRASES};

use super::signals::{
    ends_sentence, is_all_caps, is_alnum, key, more_words_than, stopword_ratio, tokens, word_count,
};

/// Labels, promos, copyright lines, reading times and teaser links are short: a line of more
/// words than this is never taken for one of them.
const SHORT: usize = 25;

/// Whether a line is page furniture that no reader wants in the article.
pub fn is_clutter(line: &str) -> bool {
    let t = line.trim();
    if !t.chars().any(is_alnum) {
        // Rules, bullets and stray dashes; a line of emoji is someone's text.
        return t.chars().all(is_rule_mark);
    }
    (!more_words_than(t, SHORT)
        && (is_label(t)
            || is_promo(t)
            || is_copyright(t)
            || is_reading_time(t)
            || is_inline_teaser(t)))
        || is_icon_junk(t)
        || is_nav_row(t)
}

/// The promo phrases as one automaton, built on first use.
pub(crate) fn promos() -> Option<&'static AhoCorasick> {
    static PROMOS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    PROMOS
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(PROMO_PHRASES)
                .ok()
        })
        .as_ref()
}

/// A short line that is one of the known labels, with a trailing colon or arrow allowed.
pub fn is_label(line: &str) -> bool {
    // The labels are ASCII: the line's key (one string) equals one exactly when its
    // lower-cased tokens, joined, do (they differ only in a final sigma).
    !more_words_than(line, 5) && LABELS.contains(&key(line).as_str())
}

/// A short line that a page puts above or around a headline: a label ("Menu", "Advertisement")
/// or a section name ("World", "Home", "UK Politics").
pub fn is_section_label(line: &str) -> bool {
    let toks = tokens(line);
    is_label(line)
        || (!toks.is_empty()
            && toks.len() <= 3
            && toks.iter().all(|t| NAV_WORDS.contains(&t.as_str())))
}

/// A line that introduces the end-of-article furniture: teasers, author boxes, comments.
pub fn is_end_marker(line: &str) -> bool {
    if more_words_than(line, 6) {
        return false;
    }
    let k = tokens(line).join(" ");
    let starts = |p: &str| {
        k.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    is_label(line)
        || [
            "you may also like",
            "you might also like",
            "more from",
            "about the author",
        ]
        .iter()
        .any(|p| starts(p))
        || k == "written by"
        || k == "about the author"
        || is_promo(line)
}

fn is_promo(line: &str) -> bool {
    // Long lines that mention a newsletter are usually reporting about one.
    if more_words_than(line, 16) {
        return false;
    }
    // "Download the ... app" is a promo; "Download the package" in a how-to is not.
    let app = |download: bool| download && tokens(line).iter().any(|t| t == "app");
    if line.is_ascii() {
        // ASCII lower-cases to itself and nothing else: the phrases are found in the line
        // as it is, case aside, without a lower-case copy.
        if let Some(promos) = promos() {
            return app(contains_ignoring_ascii_case(line, "download"))
                || promos
                    .find_overlapping_iter(line)
                    .any(|m| starts_word(line, m.start()));
        }
    }
    let lower = line.to_lowercase();
    app(lower.contains("download"))
        || PROMO_PHRASES.iter().any(|p| {
            lower
                .match_indices(p)
                .any(|(at, _)| starts_word(&lower, at))
        })
}

/// Whether a phrase found at `at` starts a word: "our app" is not in "your appetite". Its end
/// may run on: "cookies", and words glued in a copy ("newsletterReceive").
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn is_copyright(line: &str) -> bool {
    let head: String = line.chars().take(10).flat_map(char::to_lowercase).collect();
    !more_words_than(line, 16)
        && (line.starts_with('©') || head.starts_with("copyright ") || head.starts_with("(c) "))
}

/// "3 min read", "5 minute read", "Reading time: 4 minutes".
pub fn is_reading_time(line: &str) -> bool {
    if more_words_than(line, 5) {
        return false;
    }
    let toks = tokens(line);
    let has_number = toks.iter().any(|t| t.chars().all(|c| c.is_ascii_digit()));
    let minutes = toks.iter().any(|t| t.starts_with("min"));
    toks.len() <= 5
        && has_number
        && minutes
        && (toks.iter().any(|t| t == "read") || toks.starts_with(&["reading".into()]))
}

/// Icon-font class names that leak into text copied from a page ("icon bookmark-bicon ..."),
/// and menus run together into one line ("Latest News Applications Cloud Data Center ...").
fn is_icon_junk(line: &str) -> bool {
    // Most of the words are icon names: a word of prose may contain "icon" ("polysilicon").
    // (Words are only looked at when the line holds "icon" at all.)
    let icons = if contains_ignoring_ascii_case(line, "icon") {
        line.split_whitespace()
            .filter(|w| contains_ignoring_ascii_case(w, "icon"))
            .count()
    } else {
        0
    };
    (icons >= 2 && icons * 3 >= word_count(line)) || is_label_soup(line)
}

/// A menu or tag cloud run together: a few dozen words, most of them capitalised labels, with
/// no function words, no commas and no full stop. A longer block of words is text, however it
/// is punctuated, and so is a list that a writer punctuated with commas, as are words in
/// scripts without capitals.
fn is_label_soup(line: &str) -> bool {
    if line.contains(['.', ',']) {
        return false;
    }
    let words = word_count(line);
    if !(20..=150).contains(&words) || stopword_ratio(line) >= 0.05 {
        return false;
    }
    let (mut cased, mut capital) = (0usize, 0usize);
    for w in line.split_whitespace() {
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if first.is_uppercase() || first.is_lowercase() {
            cased += 1;
            capital += usize::from(first.is_uppercase());
        }
    }
    cased * 2 >= words && capital * 10 >= cased * 6
}

/// Punctuation, dashes, bullets, arrows, box drawing and the like: what rules are drawn with.
fn is_rule_mark(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || ('\u{a1}'..='\u{bf}').contains(&c)
        || ('\u{2000}'..='\u{2bff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || c == crate::sanitize::PLACEHOLDER
}

fn contains_ignoring_ascii_case(word: &str, needle: &str) -> bool {
    let (hay, needle) = (word.as_bytes(), needle.as_bytes());
    // Only where one letter of the needle is (one of the less common letters, found in
    // either case by `memchr`) is the rest compared: "c" of "icon", not "i".
    let k = needle
        .iter()
        .position(|b| !b"etaoinshr".contains(&b.to_ascii_lowercase()))
        .unwrap_or(0);
    let Some(&anchor) = needle.get(k) else {
        return true;
    };
    memchr::memchr2_iter(
        anchor.to_ascii_lowercase(),
        anchor.to_ascii_uppercase(),
        hay,
    )
    .any(|i| {
        i >= k
            && hay
                .get(i - k..i - k + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// A row of section links: several short items split by bars or dots, or words that are
/// nearly all section names.
pub fn is_nav_row(line: &str) -> bool {
    let (separated, all_short) = separated_parts(line);
    if separated >= 3 && all_short {
        return true;
    }
    // Sentences are not navigation; rows of links are short.
    if ends_sentence(line) || more_words_than(line, 16) {
        return false;
    }
    let toks = tokens(line);
    let nav = toks
        .iter()
        .filter(|t| NAV_WORDS.contains(&t.as_str()))
        .count();
    // Section labels such as "WORLD · ENVIRONMENT" or "Home World Sport Sign in".
    let label = separated == 2
        && line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(is_all_caps);
    label || (toks.len() >= 3 && nav * 10 >= toks.len() * 7)
}

/// How many parts the bars and dots of a line split it into (blank parts aside), and whether
/// all of them are three words or fewer. Most lines hold none of the separators: `memchr`
/// finds that without decoding a character.
fn separated_parts(line: &str) -> (usize, bool) {
    let bytes = line.as_bytes();
    // '|', then the last bytes of '·' and '»' (C2 B7, C2 BB), of '•' and '›' (E2 80 A2,
    // E2 80 BA): when none is there, nor is any separator.
    if memchr::memchr3(b'|', 0xB7, 0xBB, bytes).is_none()
        && memchr::memchr2(0xA2, 0xBA, bytes).is_none()
    {
        let t = line.trim();
        return (usize::from(!t.is_empty()), !more_words_than(t, 3));
    }
    let (mut separated, mut all_short) = (0usize, true);
    for part in line
        .split(['|', '•', '·', '»', '›'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        separated += 1;
        all_short = all_short && !more_words_than(part, 3);
    }
    (separated, all_short)
}

/// "Read more: <headline>" and "RELATED: <headline>" links in the middle of a text.
fn is_inline_teaser(line: &str) -> bool {
    if more_words_than(line, 25) {
        return false;
    }
    let Some((head, rest)) = line.split_once(':') else {
        return false;
    };
    let k = tokens(head).join(" ");
    !rest.trim().is_empty()
        && [
            "read more",
            "read also",
            "see also",
            "related",
            "also read",
            "watch",
            "listen",
        ]
        .contains(&k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_in_any_ascii_case_wherever_it_stands() {
        let hays = [
            "",
            "i",
            "ic",
            "icon",
            "ICON",
            "iCoN",
            "xicon",
            "silicon chips",
            "Icons: share print",
            "c",
            "cicon",
            "iicon",
            "icicon",
            "ico",
            "coni",
            "Download the app",
            "DOWNLOADS",
            "downloa d",
            "ícon icón",
            "d",
        ];
        for hay in hays {
            for needle in ["icon", "download", "c", ""] {
                let want = hay.to_ascii_lowercase().contains(needle);
                assert_eq!(
                    contains_ignoring_ascii_case(hay, needle),
                    want,
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn furniture_is_clutter_and_reporting_is_not() {
        for line in [
            "Share this article",
            "Sign up for our newsletter",
            "Back to top button",
            "3 min read",
            "Advertisement",
            "Home | World | Sport | Sign in",
            "icon bookmark-bicon bookmarkicon share",
            "READ MORE: Another story about something",
            "© 2031 The Daily Example. All rights reserved.",
            "-",
        ] {
            assert!(is_clutter(line), "{line}");
        }
        for line in [
            "The newsletter, which reaches 40,000 readers a week, was closed on Monday after the owners sold the title.",
            "Talks resume in Oslo",
            "- 'A late night' -",
        ] {
            assert!(!is_clutter(line), "{line}");
        }
    }

    #[test]
    fn menus_run_together_are_clutter() {
        let menu = "Latest News Harbour Rail Roads Cloud Data Centre Storage Mobility Networking \
                    Security Software Partner Programs Channel Events Jobs Awards Reports Videos Podcasts";
        assert!(is_clutter(menu));
    }

    #[test]
    fn words_that_contain_icon_or_lack_function_words_are_text() {
        for line in [
            // Prose that happens to name two materials ending in "icon".
            "Makers of polysilicon and silicon wafers in the valley say orders fell again this quarter.",
            // A long block of words with no English function words and no full stop.
            &"Café naïve résumé ".repeat(200),
            // The same words at menu length, but in lower case: not a row of labels.
            &"café naïve résumé ".repeat(8),
            // A list that a writer punctuated.
            "Director Ana Reis, Writer Tomas Vell, Composer Ines Corvo, Lighting Lena Ostra, \
             Sound Mira Volant, Costumes Jon Brandt, Stage Manager Ada Okafor",
            // Prices and figures.
            &"$120 €45% £3 million ¥700 ".repeat(10),
            // A line of emoji is somebody's text; a line of dashes is a rule.
            "🌊🌊🌊 🎉",
        ] {
            assert!(!is_clutter(line), "{line}");
        }
        assert!(is_clutter("— — — * * *"));
    }
}
