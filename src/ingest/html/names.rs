//! Class and id names: the fragments that mark page chrome (comments, share bars, promotions,
//! sidebars), the utility classes that hide an element, and readability's class weight.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use html5ever::{LocalName, local_name, ns};
use scraper::ElementRef;
use scraper::node::Element;

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

/// An attribute's value, looked up by its interned name. scraper's `Element::attr` interns
/// the name it is given (hashing the string) on every call; the names here are static atoms.
pub fn attr<'e>(e: &'e Element, name: &LocalName) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(q, _)| q.local == *name && q.ns == ns!() && q.prefix.is_none())
        .map(|(_, v)| &**v)
}

/// The element's class and id, lower-cased, as one string to look for name fragments in.
pub fn names(el: ElementRef) -> String {
    let e = el.value();
    let class = attr(e, &local_name!("class")).unwrap_or("");
    let id = attr(e, &local_name!("id")).unwrap_or("");
    let mut s = String::with_capacity(class.len() + id.len() + 1);
    s.push_str(class);
    s.push(' ');
    s.push_str(id);
    s.make_ascii_lowercase();
    s
}

/// Whether the class or id says chrome: ads, comments, share bars, sidebars.
pub fn unlikely(el: ElementRef, which: ChromeNames) -> bool {
    let names = names(el);
    if names.trim().is_empty() {
        return false;
    }
    let e = el.value();
    if attr(e, &local_name!("itemprop")) == Some("articleBody") {
        return false;
    }
    let found = Found::in_names(&names);
    if found.strong
        || names_an_ad(&names)
        || hidden_by_class(attr(e, &local_name!("class")).unwrap_or(""))
    {
        return true;
    }
    which == ChromeNames::All && found.weak && !found.content
}

/// Which kinds of fragment a name string holds: strong and weak chrome (each by the rule of
/// [`has_fragment`]), and content hints (anywhere).
#[derive(Default)]
struct Found {
    strong: bool,
    weak: bool,
    content: bool,
}

impl Found {
    /// One pass of one automaton for the fragments that may sit anywhere, one split into
    /// words for the short ones, instead of a search of the string for every fragment.
    fn in_names(names: &str) -> Found {
        let mut found = Found::default();
        let fragments = fragments();
        for m in fragments.automaton.find_overlapping_iter(names) {
            match fragments.kinds[m.pattern().as_usize()] {
                Kind::Strong => found.strong = true,
                Kind::Weak => found.weak = true,
                Kind::Content => found.content = true,
            }
        }
        if found.strong && found.weak {
            return found;
        }
        for w in names.split(|c: char| !c.is_ascii_alphanumeric()) {
            let starts = |f: &&str| w == *f || w.starts_with(*f) && w.len() <= f.len() + 1;
            found.strong |= fragments.strong_words.iter().any(starts);
            found.weak |= fragments.weak_words.iter().any(starts);
        }
        found
    }
}

/// Fragments this long or shorter must start a word ("toc", "meta"); longer ones may sit
/// anywhere.
const SHORT: usize = 4;

#[derive(Clone, Copy)]
enum Kind {
    Strong,
    Weak,
    Content,
}

struct Fragments {
    /// The fragments that may sit anywhere in the names, and each one's kind.
    automaton: AhoCorasick,
    kinds: Vec<Kind>,
    /// The short fragments, which must start a word.
    strong_words: Vec<&'static str>,
    weak_words: Vec<&'static str>,
}

fn fragments() -> &'static Fragments {
    static CELL: OnceLock<Fragments> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut kinds = Vec::new();
        let mut patterns = Vec::new();
        for (list, kind, all) in [
            (STRONG_CHROME, Kind::Strong, false),
            (WEAK_CHROME, Kind::Weak, false),
            (CONTENT_HINTS, Kind::Content, true),
        ] {
            for f in list.iter().filter(|f| all || f.len() > SHORT) {
                kinds.push(kind);
                patterns.push(*f);
            }
        }
        let short =
            |list: &[&'static str]| list.iter().copied().filter(|f| f.len() <= SHORT).collect();
        Fragments {
            automaton: AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("a few short fragments make a small automaton"),
            kinds,
            strong_words: short(STRONG_CHROME),
            weak_words: short(WEAK_CHROME),
        }
    })
}

/// Short fragments ("toc", "meta") must start a word; long ones may sit anywhere.
#[cfg(test)]
fn has_fragment(names: &str, fragment: &str) -> bool {
    if fragment.len() > SHORT {
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
    let (class, id) = (attr(e, &local_name!("class")), attr(e, &local_name!("id")));
    for attr in [class, id].into_iter().flatten() {
        let a = attr.to_ascii_lowercase();
        if BAD.iter().any(|n| a.contains(n)) {
            weight -= 25.0;
        }
        if GOOD.iter().any(|n| a.contains(n)) {
            weight += 25.0;
        }
    }
    if attr(e, &local_name!("itemprop")) == Some("articleBody") {
        weight += 50.0;
    }
    weight
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fragments as they were looked for before the automaton: one search per fragment.
    fn found_one_by_one(names: &str) -> (bool, bool, bool) {
        (
            STRONG_CHROME.iter().any(|n| has_fragment(names, n)),
            WEAK_CHROME.iter().any(|n| has_fragment(names, n)),
            CONTENT_HINTS.iter().any(|n| names.contains(n)),
        )
    }

    #[test]
    fn the_automaton_finds_what_one_search_per_fragment_finds() {
        let mut cases: Vec<String> = [
            "",
            " ",
            "story-body ",
            "sidebar main-content",
            "tocs toc-x xtoc",
            "ctaa cta2 cta-b",
            "menu-item menus menuitem",
            "meta-data metas",
            "rss2 rssfeed",
            "gdpr-banner",
            "tags tag",
            "site-header masthead",
            "article__body",
            "share-bar social-icons",
            "col-md-8 post-entry",
            "x\u{e9}toc \u{e9}meta",
            "most-read-list",
            "pager pagination",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for list in [STRONG_CHROME, WEAK_CHROME, CONTENT_HINTS] {
            for f in list {
                for form in [
                    f.to_string(),
                    format!("x{f}"),
                    format!("{f}x"),
                    format!("{f}xy"),
                    format!("a-{f}-b"),
                    format!("{f}1 other"),
                ] {
                    cases.push(form);
                }
            }
        }
        for names in &cases {
            let f = Found::in_names(names);
            assert_eq!(
                (f.strong, f.weak, f.content),
                found_one_by_one(names),
                "{names:?}"
            );
        }
    }
}
