//! Finding the article's container: paragraphs vote for their ancestors (readability's
//! scheme: longer paragraphs with more commas vote more, nearer ancestors get more), votes are
//! discounted by link density, and sibling blocks that look like more of the same article are
//! taken along (stories split over several containers).

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use super::dom::{self, Page, class_weight};

/// The chosen blocks, in document order, and every candidate's score (used again to judge the
/// blocks inside them).
pub struct Choice {
    pub blocks: Vec<NodeId>,
    pub scores: HashMap<NodeId, f32>,
}

/// Blocks whose children are all inline count as one paragraph.
pub const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "table",
    "section",
    "article",
    "main",
    "pre",
    "dl",
    "dd",
    "dt",
    "form",
    "fieldset",
    "header",
    "footer",
    "aside",
    "nav",
    "figcaption",
    "tr",
    "td",
    "tbody",
    "address",
    "hr",
];

pub fn has_block_child(el: ElementRef) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .any(|c| BLOCKS.contains(&c.value().name()))
}

fn scorable(el: ElementRef) -> bool {
    match el.value().name() {
        "p" | "pre" | "td" => true,
        "div" | "section" | "article" | "span" => !has_block_child(el),
        _ => false,
    }
}

pub fn tag_base(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

pub fn choose(page: &Page, weigh_classes: bool) -> Option<Choice> {
    let mut raw: HashMap<NodeId, f32> = HashMap::new();
    for node in page.doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if page.removed(el) || !scorable(el) {
            continue;
        }
        let s = page.stats(el);
        if s.text < 25 || (el.value().name() == "span" && s.text < 80) {
            continue;
        }
        cast_vote(&mut raw, el, s.text, s.commas, 0, weigh_classes);
    }
    // Text that sits loose in a block, between other blocks or line breaks, is a paragraph
    // too (bodies written with <br> rather than <p>): it votes as a <p> in that block would.
    for node in page.doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if page.removed(el) || scorable(el) || !has_block_child(el) {
            continue;
        }
        for (text, commas) in loose_runs(page, el) {
            if text >= 25 {
                cast_vote(&mut raw, el, text, commas, 1, weigh_classes);
            }
        }
    }
    let scores: HashMap<NodeId, f32> = raw
        .into_iter()
        .filter_map(|(id, s)| {
            let el = ElementRef::wrap(page.doc.tree.get(id)?)?;
            Some((id, s * (1.0 - page.link_density(el))))
        })
        .collect();
    let mut ranked: Vec<(NodeId, f32)> = scores.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let &(top_id, _) = ranked.first()?;
    let mut top = ElementRef::wrap(page.doc.tree.get(top_id)?)?;
    top = common_parent_of_rivals(page, top, &ranked);
    top = climb(page, top, &scores);
    let mut blocks = with_siblings(page, top, &scores);
    blocks.extend(same_kind_elsewhere(page, top, &blocks, &scores));
    if blocks.len() > 1 {
        blocks = in_document_order(page, blocks);
    }
    Some(Choice { blocks, scores })
}

/// A paragraph's vote for its nearest ancestors: more for longer text with more commas, less
/// the farther up. `from` is the level of `el` itself: 1 when `el` holds the paragraph's loose
/// text, as its parent would.
fn cast_vote(
    raw: &mut HashMap<NodeId, f32>,
    el: ElementRef,
    text: usize,
    commas: usize,
    from: usize,
    weigh_classes: bool,
) {
    let vote = 1.0 + commas as f32 + (text as f32 / 100.0).min(3.0);
    let chain = std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take(5 - from);
    for (level, anc) in chain.enumerate().map(|(i, a)| (i + from, a)) {
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            n => n as f32 * 3.0,
        };
        let entry = raw.entry(anc.id()).or_insert_with(|| {
            tag_base(anc.value().name())
                + if weigh_classes {
                    class_weight(anc)
                } else {
                    0.0
                }
        });
        *entry += vote / divider;
    }
}

/// The runs of loose text in a block that also holds blocks: (characters, commas) of each
/// stretch of text and inline elements between two blocks or line breaks.
fn loose_runs(page: &Page, el: ElementRef) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let (mut text, mut commas) = (0, 0);
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let s = dom::text_stats(t);
                text += s.text;
                commas += s.commas;
            }
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if e.name() == "br" || BLOCKS.contains(&e.name()) {
                    if text > 0 {
                        runs.push((text, commas));
                    }
                    (text, commas) = (0, 0);
                } else if !page.removed(c) && page.link_density(c) < 0.5 {
                    let s = page.stats(c);
                    text += s.text;
                    commas += s.commas;
                }
            }
            _ => {}
        }
    }
    if text > 0 {
        runs.push((text, commas));
    }
    runs
}

/// When several near-equal candidates share an ancestor, the article is that ancestor (its
/// paragraphs sit in separate wrappers).
fn common_parent_of_rivals<'a>(
    page: &Page<'a>,
    top: ElementRef<'a>,
    ranked: &[(NodeId, f32)],
) -> ElementRef<'a> {
    let best = ranked[0].1;
    let rivals: Vec<NodeId> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| *s >= best * 0.75)
        .map(|(id, _)| *id)
        .collect();
    if rivals.len() < 3 {
        return top;
    }
    // Each rival's ancestors, gathered once (a deep page would otherwise cost depth²).
    let held_by: Vec<HashSet<NodeId>> = rivals
        .iter()
        .filter_map(|r| page.doc.tree.get(*r))
        .map(|n| n.ancestors().map(|a| a.id()).collect())
        .collect();
    for anc in top.ancestors().filter_map(ElementRef::wrap) {
        if matches!(anc.value().name(), "body" | "html") {
            break;
        }
        let held = held_by.iter().filter(|a| a.contains(&anc.id())).count();
        if held >= 3 {
            return anc;
        }
    }
    top
}

/// Goes up while a parent scores higher (the candidate was one part of a bigger article), and
/// through wrappers that hold nothing else.
fn climb<'a>(
    page: &Page<'a>,
    mut top: ElementRef<'a>,
    scores: &HashMap<NodeId, f32>,
) -> ElementRef<'a> {
    let mut last = scores.get(&top.id()).copied().unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = top.parent().and_then(ElementRef::wrap);
    while let Some(p) = parent {
        if matches!(p.value().name(), "body" | "html") {
            break;
        }
        if let Some(&s) = scores.get(&p.id()) {
            if s < threshold {
                break;
            }
            if s > last {
                top = p;
                break;
            }
            last = s;
        }
        parent = p.parent().and_then(ElementRef::wrap);
    }
    while let Some(p) = top.parent().and_then(ElementRef::wrap) {
        if matches!(p.value().name(), "body" | "html")
            || p.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| !page.removed(*c))
                .count()
                != 1
        {
            break;
        }
        top = p;
    }
    top
}

/// The top candidate and those of its siblings that look like more of the article.
fn with_siblings(page: &Page, top: ElementRef, scores: &HashMap<NodeId, f32>) -> Vec<NodeId> {
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top.id()];
    };
    if matches!(parent.value().name(), "html") {
        return vec![top.id()];
    }
    let top_score = scores.get(&top.id()).copied().unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top.value().attr("class").unwrap_or("");
    let mut out = Vec::new();
    for sib in parent.children().filter_map(ElementRef::wrap) {
        if sib.id() == top.id() {
            out.push(sib.id());
            continue;
        }
        if page.removed(sib) {
            continue;
        }
        let mut score = scores.get(&sib.id()).copied().unwrap_or(0.0);
        if !top_class.is_empty() && sib.value().attr("class") == Some(top_class) {
            score += top_score * 0.2;
        }
        if score >= threshold || reads_like_prose(page, sib) {
            out.push(sib.id());
        }
    }
    out
}

/// A story cut into chunks (an advert or a picture between each) often repeats its container:
/// the same tag with the same classes, each chunk under its own wrapper. Those that score
/// like article, or read like prose, are more of it, wherever they sit.
const MAX_CHUNKS: usize = 20;

fn same_kind_elsewhere(
    page: &Page,
    top: ElementRef,
    taken: &[NodeId],
    scores: &HashMap<NodeId, f32>,
) -> Vec<NodeId> {
    let Some(class) = top.value().attr("class").filter(|c| !c.trim().is_empty()) else {
        return Vec::new();
    };
    let name = top.value().name();
    let top_score = scores.get(&top.id()).copied().unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let taken: HashSet<NodeId> = taken.iter().copied().collect();
    let mut out = Vec::new();
    for node in page.doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if taken.contains(&el.id())
            || el.value().name() != name
            || el.value().attr("class") != Some(class)
            || page.removed(el)
            || el.ancestors().any(|a| taken.contains(&a.id()))
            || top.ancestors().any(|a| a.id() == el.id())
        {
            continue;
        }
        // A chunk of story holds paragraphs; a teaser of another story sharing the
        // container's class is one blurb, or mostly links.
        let s = page.stats(el);
        if s.p < 2 || page.link_density(el) > 0.2 {
            continue;
        }
        let score = scores.get(&el.id()).copied().unwrap_or(0.0);
        if score >= threshold || reads_like_prose(page, el) {
            out.push(el.id());
        }
    }
    // Many of them make a list of stories, not one story in a few chunks.
    if out.len() > MAX_CHUNKS {
        return Vec::new();
    }
    // A chunk inside another one that is taken is already read with it.
    let all: HashSet<NodeId> = out.iter().copied().collect();
    out.retain(|id| {
        page.doc
            .tree
            .get(*id)
            .is_some_and(|n| !n.ancestors().any(|a| all.contains(&a.id())))
    });
    out
}

fn in_document_order(page: &Page, blocks: Vec<NodeId>) -> Vec<NodeId> {
    let wanted: HashSet<NodeId> = blocks.into_iter().collect();
    page.doc
        .tree
        .root()
        .descendants()
        .map(|n| n.id())
        .filter(|id| wanted.contains(id))
        .collect()
}

/// A paragraph next to the article that is prose, not a list of links; or a block that
/// holds such paragraphs, however deep in lists, tables or quotes they sit.
fn reads_like_prose(page: &Page, el: ElementRef) -> bool {
    let s = page.stats(el);
    let density = page.link_density(el);
    if !matches!(el.value().name(), "p") && has_block_child(el) {
        return matches!(
            el.value().name(),
            "div" | "blockquote" | "ul" | "ol" | "dl" | "table" | "section"
        ) && s.p > 0
            && density < 0.1
            && s.text >= 100 * s.p;
    }
    if !matches!(el.value().name(), "p" | "div" | "blockquote") {
        return false;
    }
    if s.text > 80 {
        return density < 0.25;
    }
    let text = el.text().collect::<String>();
    s.text > 0 && density == 0.0 && text.trim_end().ends_with('.')
}
