//! What the extractor knows about each element of a page: whether it is page chrome, and how
//! much text, link text and punctuation it holds. Computed once, bottom-up, so that later
//! passes read numbers instead of rewalking subtrees (large pages stay linear).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::NodeId;
use html5ever::local_name;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::names::{attr, unlikely};
pub use super::names::{class_weight, names};

/// Elements that never hold article text, whatever the page.
fn never_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "svg"
            | "iframe"
            | "template"
            | "button"
            | "select"
            | "textarea"
            | "canvas"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "map"
            | "head"
            | "title"
            | "link"
            | "meta"
            | "dialog"
            | "menu"
    )
}

/// Landmarks that hold navigation and page furniture, not the story.
fn chrome_tag(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "footer" | "header")
}

/// ARIA roles of page furniture.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
    "toolbar",
];

/// Which class and id names mark a block as chrome: all of them, only those that no
/// article wrapper would carry (comments, share bars), or none (a last resort when the names
/// have cut the article away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeNames {
    All,
    Strong,
    Ignored,
    /// Names ignored and landmarks (<header>, <aside>, their roles) read too: the last resort
    /// for a page that put its story inside one.
    Nothing,
}

/// Totals for one element's subtree, chrome left out.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub removed: bool,
    /// Characters of text, runs of white space counted as one.
    pub text: usize,
    /// The part of `text` inside links.
    pub link: usize,
    pub commas: usize,
    pub p: usize,
    pub img: usize,
    pub li: usize,
    pub input: usize,
    pub embed: usize,
}

/// Node ids are numbers given in document order. Their low bits pick the table slot, so that
/// a walk in document order reads the table in order (on a page of a million elements the
/// default hash made each look-up a cache miss); a few mixed bits above tell slots apart.
/// The table is only looked up, never walked, so its order does not matter.
#[derive(Default)]
pub struct NodeIdHasher(u64);

impl Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        let n = self.0;
        (n.wrapping_mul(0x9E37_79B9_7F4A_7C15) & 0xFE00_0000_0000_0000)
            | (n & 0x01FF_FFFF_FFFF_FFFF)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
}

pub struct Page<'a> {
    pub doc: &'a Html,
    stats: HashMap<NodeId, Stats, BuildHasherDefault<NodeIdHasher>>,
}

impl<'a> Page<'a> {
    /// `names` says which class and id names mark chrome.
    pub fn new(doc: &'a Html, names: ChromeNames) -> Page<'a> {
        let nodes: Vec<_> = doc.tree.root().descendants().collect();
        let mut stats: HashMap<NodeId, Stats, BuildHasherDefault<NodeIdHasher>> =
            HashMap::with_capacity_and_hasher(nodes.len(), BuildHasherDefault::default());
        // Top-down: chrome is inherited.
        for node in &nodes {
            if let Some(el) = ElementRef::wrap(*node) {
                let inherited = node
                    .parent()
                    .and_then(|p| stats.get(&p.id()))
                    .is_some_and(|s| s.removed);
                let removed = inherited || is_chrome(el, names);
                stats.insert(
                    node.id(),
                    Stats {
                        removed,
                        ..Stats::default()
                    },
                );
            }
        }
        // Bottom-up: reverse document order visits every node after all its descendants.
        for node in nodes.iter().rev() {
            let Some(parent) = node.parent() else {
                continue;
            };
            let add = match node.value() {
                // Text under chrome (a script's code) would not be added: it is not counted.
                Node::Text(_) if stats.get(&parent.id()).is_none_or(|s| s.removed) => continue,
                Node::Text(t) => text_stats(t),
                Node::Element(e) => {
                    let mut own = stats.get(&node.id()).copied().unwrap_or_default();
                    let name = e.name();
                    if own.removed {
                        // Chrome adds nothing but the form fields and embeds it is.
                        Stats {
                            input: usize::from(is_input(name)),
                            embed: usize::from(is_embed(name)),
                            ..Stats::default()
                        }
                    } else {
                        match name {
                            "a" => own.link = own.text,
                            "p" => own.p += 1,
                            "img" | "picture" => own.img += 1,
                            "li" => own.li += 1,
                            "input" => own.input += 1,
                            "br" => own.text += 1,
                            _ => {}
                        }
                        stats.insert(node.id(), own);
                        own
                    }
                }
                _ => continue,
            };
            if let Some(s) = stats.get_mut(&parent.id())
                && !s.removed
            {
                s.text += add.text;
                s.link += add.link;
                s.commas += add.commas;
                s.p += add.p;
                s.img += add.img;
                s.li += add.li;
                s.input += add.input;
                s.embed += add.embed;
            }
        }
        Page { doc, stats }
    }

    pub fn stats(&self, el: ElementRef) -> Stats {
        self.stats.get(&el.id()).copied().unwrap_or_default()
    }

    pub fn removed(&self, el: ElementRef) -> bool {
        self.stats(el).removed
    }

    /// The share of an element's text that sits inside links.
    pub fn link_density(&self, el: ElementRef) -> f32 {
        let s = self.stats(el);
        if s.text == 0 {
            0.0
        } else {
            s.link as f32 / s.text as f32
        }
    }
}

/// Characters of text, runs of white space counted as one (each word and the space after
/// it), and commas. One pass over the bytes: ASCII is read as bytes, other characters decoded.
pub fn text_stats(t: &str) -> Stats {
    let (mut text, mut commas) = (0, 0);
    let mut in_word = false;
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                in_word = false;
                continue;
            }
            commas += usize::from(c == b',');
        } else {
            let Some(ch) = t[i..].chars().next() else {
                break;
            };
            i += ch.len_utf8();
            if ch.is_whitespace() {
                in_word = false;
                continue;
            }
            commas += usize::from(matches!(ch, '，' | '、' | '،'));
        }
        text += if in_word { 1 } else { 2 };
        in_word = true;
    }
    Stats {
        text,
        commas,
        ..Stats::default()
    }
}

fn is_input(name: &str) -> bool {
    matches!(name, "input" | "select" | "textarea" | "button")
}

fn is_embed(name: &str) -> bool {
    matches!(name, "iframe" | "embed" | "object" | "video")
}

/// Whether an element is page furniture rather than article.
fn is_chrome(el: ElementRef, names: ChromeNames) -> bool {
    let e = el.value();
    let name = e.name();
    if never_text(name) || is_hidden(e) {
        return true;
    }
    if names == ChromeNames::Nothing {
        return false;
    }
    if chrome_tag(name) || attr(e, &local_name!("role")).is_some_and(|r| CHROME_ROLES.contains(&r))
    {
        return true;
    }
    names != ChromeNames::Ignored
        && !matches!(name, "html" | "body" | "article" | "main")
        && unlikely(el, names)
}

fn is_hidden(e: &Element) -> bool {
    if attr(e, &local_name!("hidden")).is_some()
        || attr(e, &local_name!("aria-hidden")) == Some("true")
    {
        return true;
    }
    attr(e, &local_name!("style")).is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts as they were first written: words with the space after each, and commas.
    fn text_stats_by_words(t: &str) -> (usize, usize) {
        let text = t.split_whitespace().map(|w| w.chars().count() + 1).sum();
        let commas = t
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
            .count();
        (text, commas)
    }

    #[test]
    fn text_stats_count_words_and_commas_in_any_script() {
        for t in [
            "",
            " ",
            "One, two,  three.\n",
            "\t\u{a0}Caf\u{e9}\u{2003}na\u{ef}ve, \u{3000}\u{65e5}\u{672c}\u{ff0c}\u{8a9e}\u{3001}x\u{60c}",
            "\u{b}\u{c}\u{1c}\u{85}x\u{2028}y\u{200b}z",
            ",,, ,",
        ] {
            let s = text_stats(t);
            assert_eq!((s.text, s.commas), text_stats_by_words(t), "{t:?}");
        }
    }
}
