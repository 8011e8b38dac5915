//! Finding the article's container: paragraphs vote for their ancestors (readability's
//! scheme: longer paragraphs with more commas vote more, nearer ancestors get more), votes are
//! discounted by link density, and sibling blocks that look like more of the same article are
//! taken along (stories split over several containers).

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::ElementRef;

use super::dom::{Page, class_weight};

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
        let vote = 1.0 + s.commas as f32 + (s.text as f32 / 100.0).min(3.0);
        for (level, anc) in el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(5)
            .enumerate()
        {
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
    let blocks = with_siblings(page, top, &scores);
    Some(Choice { blocks, scores })
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
