//! Class and id names: the fragments that mark page chrome (comments, share bars, promotions,
//! sidebars), the utility classes that hide an element, and readability's class weight.

use scraper::ElementRef;

use super::dom::ChromeNames;

/// Class or id fragments that mark a block as chrome even inside the article's container:
/// reader comments, story lists, share bars, promotions.
const STRONG_CHROME: &[&str] = &[
    "comment",
    "disqus",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "promo",
    "outbrain",
    "taboola",
    "cookie",
    "gdpr",
    "popup",
    "modal",
    "sponsor",
    "recommend",
    "trending",
    "popular",
    "most-read",
    "mostread",
    "breadcrumb",
    "signup",
    "sign-up",
    "byline",
    "author-bio",
    "authorbio",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "read-more",
    "readmore",
    "more-stories",
    "newsroll",
    "upsell",
    "donate",
    "jump-link",
    "toc",
    "cta",
];

/// Class or id fragments of chrome that a content-ish name overrides ("sidebar" alone is
/// chrome, "main-content-with-sidebar" is not).
const WEAK_CHROME: &[&str] = &[
    "sidebar",
    "footer",
    "header",
    "masthead",
    "menu",
    "banner",
    "pagination",
    "pager",
    "skyscraper",
    "widget",
    "toolbar",
    "extra",
    "supplemental",
    "combx",
    "community",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "agegate",
    "legends",
    "tags",
    "meta",
    "copyright",
];

const CONTENT_HINTS: &[&str] = &[
    "article", "body", "content", "main", "column", "story", "entry", "text", "post",
];

/// The element's class and id, lower-cased, as one string to look for name fragments in.
pub fn names(el: ElementRef) -> String {
    let e = el.value();
    let mut s = e.attr("class").unwrap_or("").to_ascii_lowercase();
    s.push(' ');
    s.push_str(&e.attr("id").unwrap_or("").to_ascii_lowercase());
    s
}

/// Whether the class or id says chrome: ads, comments, share bars, sidebars.
pub fn unlikely(el: ElementRef, which: ChromeNames) -> bool {
    let names = names(el);
    if names.trim().is_empty() {
        return false;
    }
    if el.value().attr("itemprop") == Some("articleBody") {
        return false;
    }
    if STRONG_CHROME.iter().any(|n| has_fragment(&names, n))
        || names_an_ad(&names)
        || hidden_by_class(el.value().attr("class").unwrap_or(""))
    {
        return true;
    }
    which == ChromeNames::All
        && WEAK_CHROME.iter().any(|n| has_fragment(&names, n))
        && !CONTENT_HINTS.iter().any(|n| names.contains(n))
}

/// Short fragments ("toc", "meta") must start a word; long ones may sit anywhere.
fn has_fragment(names: &str, fragment: &str) -> bool {
    if fragment.len() > 4 {
        return names.contains(fragment);
    }
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == fragment || w.starts_with(fragment) && w.len() <= fragment.len() + 1)
}

/// The utility classes of CSS frameworks that hide an element ("hidden", "d-none"), unless
/// another class shows it again at some screen size ("hidden md:block").
fn hidden_by_class(class: &str) -> bool {
    let tokens = || class.split_ascii_whitespace();
    tokens().any(|t| matches!(t, "hidden" | "d-none" | "is-hidden" | "hide"))
        && !tokens().any(|t| t.contains(':'))
}

fn names_an_ad(names: &str) -> bool {
    names.split_whitespace().any(|t| {
        t == "ad"
            || t == "ads"
            || t.starts_with("ad-")
            || t.starts_with("ads-")
            || t.starts_with("adv")
            || t.contains("-ad-")
            || t.ends_with("-ad")
            || t.ends_with("-ads")
            || t.contains("advert")
    })
}

/// Readability's class weight: names that promise content gain, chrome names lose.
pub fn class_weight(el: ElementRef) -> f32 {
    const GOOD: &[&str] = &[
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
        "blog", "story",
    ];
    const BAD: &[&str] = &[
        "hidden",
        "banner",
        "combx",
        "comment",
        "com-",
        "contact",
        "foot",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "tool",
        "widget",
    ];
    let e = el.value();
    let mut weight = 0.0;
    for attr in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        let a = attr.to_ascii_lowercase();
        if BAD.iter().any(|n| a.contains(n)) {
            weight -= 25.0;
        }
        if GOOD.iter().any(|n| a.contains(n)) {
            weight += 25.0;
        }
    }
    if e.attr("itemprop") == Some("articleBody") {
        weight += 50.0;
    }
    weight
}
