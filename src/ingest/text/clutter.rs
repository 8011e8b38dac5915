//! Lines that belong to the page, not the article: navigation, promos, buttons, icon-font
//! names, reading-time badges, advertising labels and copyright footers. Each rule looks at
//! one line on its own, so the whole pass stays linear.

use super::signals::{ends_sentence, is_all_caps, stopword_ratio, tokens, word_count};

/// Phrases that mark a short line as page furniture wherever they appear in it.
const PROMO_PHRASES: &[&str] = &[
    "share this",
    "share on",
    "sign up",
    "subscribe to",
    "subscribe now",
    "newsletter",
    "your inbox",
    "follow us",
    "connect with us",
    "get the app",
    "our app",
    "what are you looking for",
    "skip to content",
    "skip to main",
    "back to top",
    "all rights reserved",
    "click here",
    "cookie",
    "log in to",
    "sign in to",
    "leave a comment",
    "comments are closed",
    "print this",
    "email this",
];

/// Whole lines (compared by their words) that are labels or buttons.
const LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "ad",
    "read more",
    "read next",
    "read also",
    "see also",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "top stories",
    "latest news",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "check also",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "more stories",
    "more from",
    "comments",
    "share",
    "tweet",
    "print",
    "email",
    "menu",
    "search",
    "close",
    "loading",
    "show more",
    "load more",
];

/// Words that navigation rows are made of.
const NAV_WORDS: &[&str] = &[
    "home",
    "news",
    "world",
    "uk",
    "us",
    "europe",
    "asia",
    "africa",
    "americas",
    "business",
    "politics",
    "sport",
    "sports",
    "tech",
    "technology",
    "science",
    "health",
    "culture",
    "arts",
    "opinion",
    "opinions",
    "climate",
    "environment",
    "local",
    "entertainment",
    "lifestyle",
    "travel",
    "video",
    "videos",
    "live",
    "menu",
    "search",
    "subscribe",
    "sign",
    "log",
    "in",
    "login",
    "register",
    "account",
    "more",
    "weather",
    "economy",
    "markets",
    "media",
    "style",
    "food",
    "education",
    "national",
    "international",
    "national",
    "latest",
    "podcasts",
    "newsletters",
    "magazine",
    "money",
    "games",
    "puzzles",
    "obituaries",
    "contact",
    "about",
];

/// Whether a line is page furniture that no reader wants in the article.
pub fn is_clutter(line: &str) -> bool {
    let t = line.trim();
    if !t.chars().any(char::is_alphanumeric) {
        // Rules, bullets and stray dashes.
        return true;
    }
    is_label(t)
        || is_promo(t)
        || is_copyright(t)
        || is_reading_time(t)
        || is_icon_junk(t)
        || is_nav_row(t)
        || is_inline_teaser(t)
}

/// A short line that is one of the known labels, with a trailing colon or arrow allowed.
pub fn is_label(line: &str) -> bool {
    word_count(line) <= 5 && LABELS.contains(&tokens(line).join(" ").as_str())
}

/// A line that introduces the end-of-article furniture: teasers, author boxes, comments.
pub fn is_end_marker(line: &str) -> bool {
    if word_count(line) > 6 {
        return false;
    }
    let k = tokens(line).join(" ");
    let starts = |p: &str| k == p || k.starts_with(&format!("{p} "));
    word_count(line) <= 6
        && (is_label(line)
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
            || is_promo(line))
}

fn is_promo(line: &str) -> bool {
    let lower = line.to_lowercase();
    // Long lines that mention a newsletter are usually reporting about one.
    // "Download the ... app" is a promo; "Download the package" in a how-to is not.
    let app = lower.contains("download") && tokens(line).iter().any(|t| t == "app");
    word_count(line) <= 16 && (app || PROMO_PHRASES.iter().any(|p| lower.contains(p)))
}

fn is_copyright(line: &str) -> bool {
    let lower = line.to_lowercase();
    word_count(line) <= 16
        && (line.starts_with('©') || lower.starts_with("copyright ") || lower.starts_with("(c) "))
}

/// "3 min read", "5 minute read", "Reading time: 4 minutes".
pub fn is_reading_time(line: &str) -> bool {
    if word_count(line) > 5 {
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
/// or any long run of words with no function words and no punctuation.
fn is_icon_junk(line: &str) -> bool {
    let icons = line
        .split_whitespace()
        .filter(|w| w.to_lowercase().contains("icon"))
        .count();
    let soup = word_count(line) >= 20 && stopword_ratio(line) < 0.05 && !line.contains('.');
    icons >= 2 || soup
}

/// A row of section links: several short items split by bars or dots, or words that are
/// nearly all section names.
pub fn is_nav_row(line: &str) -> bool {
    let separated: Vec<&str> = line
        .split(['|', '•', '·', '»', '›'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if separated.len() >= 3 && separated.iter().all(|s| word_count(s) <= 3) {
        return true;
    }
    // Sentences are not navigation; rows of links are short.
    if ends_sentence(line) || word_count(line) > 16 {
        return false;
    }
    let toks = tokens(line);
    let nav = toks
        .iter()
        .filter(|t| NAV_WORDS.contains(&t.as_str()))
        .count();
    // Section labels such as "WORLD · ENVIRONMENT" or "Home World Sport Sign in".
    let label = separated.len() == 2
        && !ends_sentence(line)
        && line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(is_all_caps);
    label || (toks.len() >= 3 && !ends_sentence(line) && nav * 10 >= toks.len() * 7)
}

/// "Read more: <headline>" and "RELATED: <headline>" links in the middle of a text.
fn is_inline_teaser(line: &str) -> bool {
    let Some((head, rest)) = line.split_once(':') else {
        return false;
    };
    let k = tokens(head).join(" ");
    !rest.trim().is_empty()
        && word_count(line) <= 25
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
}
