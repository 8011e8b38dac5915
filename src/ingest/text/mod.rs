//! Plain text and Markdown to a title, metadata and clean paragraphs.
//!
//! Scraped text carries the page around the article: navigation, promos, captions, teaser
//! lists, a second copy of the body. The stages below mark each line with a role, looking
//! at general signals (length, function words, sentence punctuation, position relative to
//! the title and the running text, repetition), never at any one site's wording.

pub mod blocks;
mod captions;
pub(crate) mod clutter;
mod clutter_words;
mod comments;
mod copyright;
mod dedupe;
mod header;
mod markdown;
mod md_chunks;
pub(crate) mod meta;
pub(crate) use meta::{MONTH_NAMES, is_date_part};
pub(crate) use scan::{is_alnum, is_alpha};
#[cfg(test)]
mod scale;
mod scan;
#[cfg(test)]
mod shapes;
mod signals;
mod tail;

use std::ops::Range;

use super::{Extracted, Paragraph, ParagraphKind};
use crate::sanitize::sanitize;
use blocks::BlockModel;

/// What a line of the source is to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Heading,
    Caption,
    Drop,
}

/// One paragraph candidate: a line, or a block of hard-wrapped lines joined.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    role: Role,
    /// Which blank-line-separated block it came from: captions and credits share one.
    block: u32,
    /// Code: shown as written, never cleaned.
    verbatim: bool,
    /// Its number of words, counted once: lines can be megabytes long.
    words: u32,
    /// Whether it reads as running text (`signals::is_prose`), measured once.
    prose: bool,
    /// Page furniture by the look of the line alone (`clutter`): never taken for the title,
    /// and back only when nothing else in the file is text (see `keep_some_text`).
    furniture: bool,
    /// Dropped by the block model: such a line comes back when nothing else in the file is
    /// text (see `keep_model_drops`).
    model_drop: bool,
    /// A Markdown heading's level (1 to 6); 0 for anything else.
    heading: u8,
}

/// Metadata found in the text.
#[derive(Debug, Default)]
struct Meta {
    published: Option<String>,
    byline: Option<String>,
}

/// Splits text into paragraphs, picks a title, finds the date and byline, and leaves out
/// what belongs to the page rather than the article.
///
/// A blank line always ends a paragraph. Inside a block, each line is a paragraph of its own
/// (scrapes often put one paragraph per line), unless the block looks hard-wrapped: lines of
/// similar length that run on, as in e-mail or Markdown source, which are joined.
pub fn parse_text(raw: &str, markdown: bool) -> Extracted {
    parse_text_in_stages(raw, markdown, BlockModel::embedded(), &mut |_| {})
}

/// The items of a text that the block model judges, as it sees them (for training).
fn items_of(raw: &str, markdown: bool) -> Vec<Item> {
    let mut items = split_items(&sanitize(raw), markdown);
    captions::mark_captions(&mut items);
    items.retain(judged);
    items
}

/// Whether the block model judges an item: captions (found by their credits) and code are
/// left as they are, and the model reads the text around them as if they were not there.
fn judged(item: &Item) -> bool {
    item.role != Role::Caption && !item.verbatim
}

/// The body `briefly extract` prints for a plain-text file cleaned with `model`: its
/// paragraphs without captions, separated by blank lines (for training and scoring).
fn body_with(raw: &str, model: &BlockModel) -> String {
    let e = parse_text_in_stages(raw, false, model, &mut |_| {});
    let body: Vec<&str> = e
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect();
    body.join("\n\n")
}

/// [`parse_text`] with `model`, calling `done` with the name of each stage as it ends (the
/// scale checks time them one by one).
fn parse_text_in_stages(
    raw: &str,
    markdown: bool,
    model: &BlockModel,
    done: &mut dyn FnMut(&str),
) -> Extracted {
    let text = sanitize(raw);
    done("sanitize");
    let mut items = split_items(&text, markdown);
    drop(text);
    // Read before the footer is dropped with the rest of the page.
    let site = copyright::site(items.iter().map(|i| i.text.as_str()));
    done("split");
    captions::mark_captions(&mut items);
    done("captions");
    // Markdown is structured by its writer (headings, lists, quotes): the model, which has
    // learned from pages copied as text, leaves it to the rules.
    let at: Vec<usize> = (0..items.len())
        .filter(|&i| !markdown && judged(&items[i]))
        .collect();
    let seen: Vec<&Item> = at.iter().map(|&i| &items[i]).collect();
    let states = model.decode(&blocks::extract(&seen));
    for (i, state) in at.into_iter().zip(states) {
        if state != blocks::BODY {
            items[i].role = Role::Drop;
            items[i].model_drop = true;
        }
    }
    keep_model_drops(&mut items);
    done("blocks");
    let mut meta = Meta::default();
    header::mark_furniture(&mut items);
    let (mut title, title_at) = header::take_title(&mut items, &mut meta);
    done("title");
    tail::cut_tail(&mut items, &mut meta);
    comments::cut_comments(&mut items);
    done("tail");
    dedupe::drop_repeats(&mut items);
    done("repeats");
    dedupe::drop_pull_quotes(&mut items);
    done("pull quotes");
    if !markdown {
        tail::mark_headings(&mut items);
    }
    done("headings");
    keep_some_text(&mut items);
    if title_at.is_some_and(|at| header::give_back_title(&mut items, at)) {
        title.clear();
    }
    done("lone text");
    let paragraphs = items
        .into_iter()
        .filter_map(|i| {
            let kind = match i.role {
                Role::Body => ParagraphKind::Body,
                Role::Heading => ParagraphKind::Heading,
                Role::Caption => ParagraphKind::Caption,
                Role::Drop => return None,
            };
            Some(Paragraph { kind, text: i.text })
        })
        .collect();
    Extracted {
        title,
        published: meta.published,
        byline: meta.byline,
        site,
        link: None,
        paragraphs,
    }
}

/// The blocks of the text, as items: one per line, or one per block when the file is
/// hard-wrapped. Markdown is read by its structure (`markdown`), each item numbered by the
/// blank-line-separated block of the source it starts in.
fn split_items(text: &str, markdown: bool) -> Vec<Item> {
    // The lines, and the blocks as ranges of them: no list per block, as a file may hold a
    // million one-line blocks. In Markdown, where in the source each block starts.
    let mut lines: Vec<&str> = Vec::new();
    let mut blocks: Vec<Range<usize>> = Vec::new();
    blocks.push(0..0);
    let mut block_starts: Vec<usize> = vec![0];
    let mut in_fence = false;
    let mut at = 0;
    for raw in text.split('\n') {
        let line = raw.trim_end();
        let new_block = if markdown && markdown::is_fence(line) {
            in_fence = !in_fence;
            true
        } else if in_fence {
            // Code is left out of the measure of wrapping.
            false
        } else if line.trim().is_empty() {
            !blocks.last().is_some_and(Range::is_empty)
        } else {
            lines.push(line);
            if let Some(block) = blocks.last_mut() {
                block.end = lines.len();
            }
            false
        };
        if new_block {
            blocks.push(lines.len()..lines.len());
            if markdown {
                block_starts.push(at);
            }
        }
        at += raw.len() + 1;
    }
    let wrapped = looks_hard_wrapped(&lines, &blocks);
    if markdown {
        drop((lines, blocks));
        return markdown_items(text, wrapped, &block_starts);
    }
    let mut items = Vec::new();
    for (b, range) in blocks.iter().enumerate() {
        let block = &lines[range.clone()];
        if wrapped && block.len() > 1 {
            let joined = block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            items.push(item(squeeze_spaces(&joined), Role::Body, b, false));
            continue;
        }
        for line in block {
            items.push(item(squeeze_spaces(line.trim()), Role::Body, b, false));
        }
    }
    items.retain(|i| !i.text.trim().is_empty());
    items
}

/// The blocks of Markdown source as items, each numbered by the block of the source it
/// starts in (`block_starts`: where each starts).
fn markdown_items(text: &str, wrapped: bool, block_starts: &[usize]) -> Vec<Item> {
    let mut items = Vec::new();
    markdown::blocks(text, wrapped, |b| {
        if b.text.trim().is_empty() {
            return;
        }
        let block = block_starts
            .partition_point(|&s| s <= b.at)
            .saturating_sub(1);
        let role = if b.heading > 0 {
            Role::Heading
        } else {
            Role::Body
        };
        let text = if b.verbatim {
            b.text
        } else {
            squeeze_spaces(&b.text)
        };
        let mut item = item(text, role, block, b.verbatim);
        item.heading = b.heading;
        items.push(item);
    });
    items
}

fn item(text: String, role: Role, block: usize, verbatim: bool) -> Item {
    Item {
        words: u32::try_from(signals::word_count(&text)).unwrap_or(u32::MAX),
        prose: signals::is_prose(&text),
        text,
        role,
        block: u32::try_from(block).unwrap_or(u32::MAX),
        verbatim,
        furniture: false,
        model_drop: false,
        heading: 0,
    }
}

/// Whether an item is enough text to be an article's body: a few sentences' worth of words,
/// or of characters in scripts written without spaces.
fn substantial(item: &Item) -> bool {
    item.words >= 20 || item.text.chars().nth(100).is_some()
}

/// When the block model leaves the file without any text of substance, the lines it dropped
/// that are text of substance are the body; when it leaves nothing at all, the file is a
/// short note, all of it text.
fn keep_model_drops(items: &mut [Item]) {
    let kept = |i: &Item| matches!(i.role, Role::Body | Role::Heading);
    let any = items.iter().any(kept);
    if items.iter().any(|i| kept(i) && substantial(i)) {
        return;
    }
    for item in items.iter_mut().filter(|i| i.model_drop) {
        if !any || substantial(item) {
            item.role = Role::Body;
            item.model_drop = false;
        }
    }
}

/// The furniture rules judge each line alone, by its look (no function words, no full stop,
/// a run of labels). When they leave the file without any text of substance, the lines they
/// dropped that are text of substance are the body: a block of words in another language, a
/// list, a paragraph that never uses a full stop.
fn keep_some_text(items: &mut [Item]) {
    let has_body = items.iter().any(|i| i.role == Role::Body && substantial(i));
    if has_body {
        return;
    }
    for item in items.iter_mut() {
        if item.role == Role::Drop && item.furniture && substantial(item) {
            item.role = Role::Body;
        }
    }
}

fn squeeze_spaces(text: &str) -> String {
    if !text.contains("  ") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = c == ' ';
        if !(space && last_space) {
            out.push(c);
        }
        last_space = space;
    }
    out
}

/// Whether the file's text was wrapped by an editor (lines joined into paragraphs) rather than
/// written one paragraph per line, as scrapes are. Decided for the whole file, so that a short
/// two-line paragraph is joined like the long ones: the lines that run on into a next line
/// are nearly all 40 to 100 columns, and no line in the file is longer.
fn looks_hard_wrapped(lines: &[&str], blocks: &[Range<usize>]) -> bool {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let (mut running, mut fitting) = (0usize, 0usize);
    for block in blocks.iter().filter(|b| b.len() > 1) {
        for line in &lines[block.start..block.end - 1] {
            running += 1;
            fitting += usize::from((40..=100).contains(&line.chars().count()));
        }
    }
    longest <= 100 && running >= 2 && fitting * 10 >= running * 8
}

#[cfg(test)]
mod tests;
