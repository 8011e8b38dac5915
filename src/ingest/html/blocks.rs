//! Turning the chosen containers into paragraphs: block elements become paragraphs, loose
//! inline text between blocks becomes one too, and blocks inside the article that look like
//! chrome (lists of links, forms, image strips) are left out, as readability's conditional
//! cleaning does.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Node};

use super::dom::{Page, Stats, class_weight, names};
use super::score::{BLOCKS, has_block_child, tag_base};
use crate::ingest::{Paragraph, ParagraphKind};

/// How strictly blocks inside the article are judged.
pub struct Walk<'p, 'a> {
    pub page: &'p Page<'a>,
    pub scores: Option<&'p HashMap<NodeId, f32>>,
    pub weigh_classes: bool,
}

/// A block being read: where its children are, and the loose inline text gathered so far.
struct Frame<'a> {
    next: Option<NodeRef<'a, Node>>,
    in_figure: bool,
    kind: ParagraphKind,
    inline: String,
    last_br: bool,
}

impl Walk<'_, '_> {
    /// The paragraphs of a chosen container; the container itself is not judged. The walk
    /// keeps its own stack, so that no page is too deep for it.
    pub fn root(&self, el: ElementRef, out: &mut Vec<Paragraph>) {
        if self.page.removed(el) {
            return;
        }
        let mut stack: Vec<Frame> = self.open(el, false, out).into_iter().collect();
        while let Some(top) = stack.last_mut() {
            let Some(child) = top.next else {
                if let Some(done) = stack.pop() {
                    self.push(out, done.kind, done.inline);
                }
                continue;
            };
            top.next = child.next_sibling();
            match child.value() {
                Node::Text(t) => {
                    top.inline.push_str(t);
                    if !t.trim().is_empty() {
                        top.last_br = false;
                    }
                }
                Node::Element(e) if e.name() == "br" => {
                    // Two line breaks in a row end a paragraph of loose text.
                    if top.last_br {
                        self.push(out, ParagraphKind::Body, std::mem::take(&mut top.inline));
                    }
                    top.inline.push(' ');
                    top.last_br = true;
                }
                Node::Element(e) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    top.last_br = false;
                    if BLOCKS.contains(&e.name()) || is_caption(c) {
                        self.push(out, ParagraphKind::Body, std::mem::take(&mut top.inline));
                        let in_figure = top.in_figure;
                        if !self.admits(c, in_figure) {
                            // A heading over a list of links that is left out ("More
                            // stories") goes with it.
                            if self.page.link_density(c) > 0.5
                                && out.last().is_some_and(|p| p.kind == ParagraphKind::Heading)
                            {
                                out.pop();
                            }
                        } else if let Some(frame) = self.open(c, in_figure, out) {
                            stack.push(frame);
                        }
                    } else if !self.page.removed(c) && !is_inline_card(self.page, c) {
                        top.inline.push_str(&text_of(self.page, c));
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether a block inside the container is read at all.
    fn admits(&self, el: ElementRef, in_figure: bool) -> bool {
        if self.page.removed(el) {
            return false;
        }
        self.scores.is_none() || !self.looks_like_chrome(el, in_figure)
    }

    /// Starts reading a block: one that holds no other block is one paragraph, pushed at once;
    /// any other is read child by child.
    fn open<'a>(
        &self,
        el: ElementRef<'a>,
        in_figure: bool,
        out: &mut Vec<Paragraph>,
    ) -> Option<Frame<'a>> {
        let name = el.value().name();
        let in_figure = in_figure || name == "figure";
        let kind = match name {
            "div" | "span" if is_picture_with_line(self.page, el) => Some(ParagraphKind::Caption),
            "p" if is_italic_line_under_picture(self.page, el) => Some(ParagraphKind::Caption),
            "p" | "li" | "blockquote" | "pre" | "dd" | "dt" | "address" => {
                Some(ParagraphKind::Body)
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Heading),
            "figcaption" => Some(ParagraphKind::Caption),
            _ if is_caption(el) => Some(ParagraphKind::Caption),
            _ => None,
        };
        if let Some(kind) = kind
            && (kind == ParagraphKind::Caption || !has_block_child(el))
        {
            self.push(out, kind, text_of(self.page, el));
            return None;
        }
        Some(Frame {
            next: el.first_child(),
            in_figure,
            kind: kind.unwrap_or(ParagraphKind::Body),
            inline: String::new(),
            last_br: false,
        })
    }

    fn push(&self, out: &mut Vec<Paragraph>, kind: ParagraphKind, text: String) {
        let text = squeeze(&text);
        if text.chars().any(|c| !is_invisible(c)) {
            out.push(Paragraph { kind, text });
        }
    }

    /// Readability's conditional cleaning: a block inside the article is dropped when its
    /// shape says navigation, form or gallery rather than prose.
    fn looks_like_chrome(&self, el: ElementRef, in_figure: bool) -> bool {
        let name = el.value().name();
        let weight = if self.weigh_classes {
            class_weight(el)
        } else {
            0.0
        };
        let density = self.page.link_density(el);
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            return weight < 0.0 || density > 0.33;
        }
        if matches!(name, "p" | "li") {
            return is_link_line(self.page.stats(el).text, density)
                || (density > 0.5 && is_link_stack(self.page, el));
        }
        if !matches!(
            name,
            "div" | "section" | "table" | "ul" | "ol" | "form" | "fieldset" | "dl"
        ) {
            return false;
        }
        let score = self
            .scores
            .and_then(|s| s.get(&el.id()))
            .copied()
            .unwrap_or(0.0);
        // A list starts from a penalty (lists are more often navigation than prose), and the
        // votes of its paragraphs shrink with their depth: a list of paragraphs three levels
        // deep scored below zero and was cut, prose and all. Here only the votes and the
        // names count; a list of links is caught by its link density below.
        let penalty = tag_base(name).min(0.0) * (1.0 - density);
        let s = self.page.stats(el);
        if weight + score - penalty < 0.0 && !is_prose_wrapper(s, density) {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let is_list = matches!(name, "ul" | "ol" | "dl");
        let p = s.p as f32;
        // More pictures than paragraphs is a gallery, unless the text is a story's worth
        // (a body written with line breaks has no <p> to count).
        (s.img > 1 && p / (s.img as f32) < 0.5 && s.text < 150 * s.img && !in_figure)
            || s.input as f32 > (p / 3.0).floor()
            || (!is_list && s.text < 25 && (s.img == 0 || s.img > 2) && !in_figure)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (is_list && density > 0.5)
            || (weight >= 25.0 && density > 0.5)
            || (s.embed == 1 && s.text < 75)
            || s.embed > 1
    }
}

/// A wrapper of one paragraph of prose (a lead paragraph in a block of its own): its votes are
/// one paragraph's, and its name may be a media or meta class, but it is the story's.
fn is_prose_wrapper(s: Stats, density: f32) -> bool {
    s.p == 1 && s.img == 0 && s.embed == 0 && s.input == 0 && s.text >= 100 && density < 0.25
}

/// A picture with one short line of text under it and no paragraph: the line is its caption,
/// whatever the classes say.
fn is_picture_with_line(page: &Page, el: ElementRef) -> bool {
    let s = page.stats(el);
    s.img == 1
        && s.p == 0
        && s.li == 0
        && (1..=160).contains(&s.text)
        && page.link_density(el) < 0.5
}

/// A short paragraph set wholly in italics right under a paragraph or block that is only a
/// picture: the picture's caption, as blogs write them.
fn is_italic_line_under_picture(page: &Page, el: ElementRef) -> bool {
    let s = page.stats(el);
    if !(1..=200).contains(&s.text) || s.img > 0 {
        return false;
    }
    let mut kids = el.children().filter(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(_) => true,
        _ => false,
    });
    let (Some(only), None) = (kids.next(), kids.next()) else {
        return false;
    };
    if !only
        .value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "em" | "i"))
    {
        return false;
    }
    el.prev_siblings()
        .find(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => true,
            _ => false,
        })
        .and_then(ElementRef::wrap)
        .is_some_and(|prev| {
            let p = page.stats(prev);
            p.img > 0 && p.text == 0
        })
}

/// A short block that is nothing but a link: a headline pointing at another story, not a
/// sentence of this one.
fn is_link_line(text: usize, density: f32) -> bool {
    text > 0 && text < 120 && density > 0.9
}

/// A paragraph that is a stack of links, one to a line: a few headlines of other stories, each
/// after a line break, under a short label at most ("Don't miss"). Prose with a link in it has
/// lines of its own words.
fn is_link_stack(page: &Page, el: ElementRef) -> bool {
    // (characters, characters inside links) of each line.
    let mut lines: Vec<(usize, usize)> = vec![(0, 0)];
    let mut in_link: Option<NodeId> = None;
    let mut skipping: Option<NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(_) if skipping.is_some() => {}
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    let n: usize = t.split_whitespace().map(|w| w.chars().count() + 1).sum();
                    if let Some(line) = lines.last_mut() {
                        line.0 += n;
                        line.1 += if in_link.is_some() { n } else { 0 };
                    }
                }
                Node::Element(e) => {
                    if ElementRef::wrap(node).is_some_and(|c| page.removed(c)) {
                        skipping = Some(node.id());
                    } else if e.name() == "br" {
                        lines.push((0, 0));
                    } else if e.name() == "a" && in_link.is_none() {
                        in_link = Some(node.id());
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if in_link == Some(node.id()) {
                    in_link = None;
                }
            }
        }
    }
    lines.retain(|l| l.0 > 0);
    let links = lines.iter().filter(|l| l.1 * 2 > l.0).count();
    lines.len() >= 3 && links >= 2 && links + 1 >= lines.len()
}

/// A card that pops up over a name in the text (a picture and links to other stories), kept
/// inline in the markup: none of its words are the sentence's. A wrapper that opens with a
/// link is the linked name with its card, and is read (the card inside it is not).
fn is_inline_card(page: &Page, el: ElementRef) -> bool {
    let name = el.value().name();
    if name == "a" || BLOCKS.contains(&name) {
        return false;
    }
    let s = page.stats(el);
    if s.img == 0 || s.text == 0 || page.link_density(el) <= 0.8 {
        return false;
    }
    // Words of its own, outside any link, are the sentence's: this is a wrapper of the
    // paragraph's text (a styled <span> around it all) that a card sits in, not the card.
    if el.children().any(|c| {
        c.value()
            .as_text()
            .is_some_and(|t| t.chars().any(char::is_alphanumeric))
    }) {
        return false;
    }
    let first = el.children().find(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        _ => c.value().is_element(),
    });
    first.is_none_or(|c| c.value().as_element().is_none_or(|e| e.name() != "a"))
}

/// Photo captions and credits, by name where the page does not use <figcaption>.
fn is_caption(el: ElementRef) -> bool {
    if matches!(el.value().name(), "figcaption") {
        return true;
    }
    if !matches!(el.value().name(), "div" | "p" | "span" | "small") {
        return false;
    }
    let n = names(el);
    n.contains("caption") || n.contains("credit")
}

/// An element's text, chrome inside it left out.
pub fn text_of(page: &Page, el: ElementRef) -> String {
    let mut s = String::new();
    let mut skipping: Option<NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => s.push_str(t),
                    Node::Element(e) => {
                        if let Some(c) = ElementRef::wrap(node)
                            && c.id() != el.id()
                            && (page.removed(c) || is_inline_card(page, c))
                        {
                            skipping = Some(node.id());
                        } else if e.name() == "br" || BLOCKS.contains(&e.name()) {
                            s.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                }
            }
        }
    }
    s
}

/// Characters that print nothing: a paragraph of only these (zero-width spaces left as
/// spacers) is empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Collapses runs of white space to one space.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
