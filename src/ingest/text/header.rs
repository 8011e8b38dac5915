//! The top of a scrape: the headline, and around it the page's furniture, the date and the
//! byline. Lines before the headline are navigation and section labels; between the headline
//! and the running text sit the date, byline, reading time and a repeat of the headline.

use super::clutter::{is_clutter, is_section_label};
use super::meta::{byline_and_date, byline_line, date_line};
use super::signals::{same_words, word_count};
use super::{Item, Meta, Role};

/// How far down a headline is looked for.
const TITLE_WINDOW: usize = 30;
/// How many lines after the headline may hold the date and byline, prose or not.
const HEADER_LINES: usize = 6;

/// Marks the lines that look like page furniture on their own (buttons, promos, reading
/// times, icon names, rows of section links) and drops them: they are never the title, and
/// the block model, which weighs lines by their shape, keeps a few of them.
pub fn mark_furniture(items: &mut [Item]) {
    for item in items.iter_mut().filter(|i| !i.verbatim) {
        // A Markdown `#` heading is the writer's own title, never page furniture; a caption
        // cut off mid-sentence is furniture already (`captions`).
        item.furniture |= item.heading != 1 && is_clutter(&item.text);
        if item.furniture {
            item.role = Role::Drop;
        }
    }
}

/// Finds the headline, drops it and what comes before it from the text, and takes the date
/// and byline from the header. Gives the title and where it was.
pub fn take_title(items: &mut [Item], meta: &mut Meta) -> (String, Option<usize>) {
    let candidates = || {
        (0..items.len())
            .filter(|&i| !items[i].furniture && !items[i].verbatim)
            .take(TITLE_WINDOW)
    };
    let first = candidates().next();
    // A Markdown `#` heading is the title the writer gave; so is a heading of any level that
    // opens the file.
    let written = candidates()
        .find(|&i| items[i].heading == 1)
        .or_else(|| first.filter(|&i| items[i].heading > 0));
    // The headline stands just above the article: the last headline-like line (not a photo
    // caption) before the first running text the block model kept, when there is one in reach.
    let text_at = items.iter().position(|i| i.role == Role::Body && i.prose);
    let above_text = || {
        let text_at = text_at?;
        candidates()
            .filter(|&i| {
                i < text_at && items[i].role != Role::Caption && is_headline_like(&items[i].text)
            })
            .last()
    };
    let at = written
        .or_else(|| first.filter(|&i| is_short_title(items, i)))
        .or_else(above_text)
        .or_else(|| candidates().find(|&i| is_headline_like(&items[i].text)))
        .or(first);
    let Some(at) = at else {
        return (String::new(), None);
    };
    let title = truncate_chars(&items[at].text, 200);
    // A long first paragraph standing in for a title stays in the text.
    let long = items[at].text.chars().count() > 120;
    // The header ends where the running text starts, though a standfirst (prose itself) may
    // come before the date and byline: a few lines after the headline are always looked at.
    let body_starts = (at + 1..items.len())
        .find(|&i| items[i].role == Role::Body && items[i].prose)
        .unwrap_or(items.len())
        .max((at + HEADER_LINES).min(items.len()));
    for item in &mut items[..at] {
        read_meta(&item.text, meta);
        // Prose above the headline is kept (the pick may have skipped a real first line), and
        // running text above a title the writer marked.
        if item.text.chars().count() <= 250 && !(written.is_some() && item.prose) {
            item.role = Role::Drop;
        }
    }
    if !long {
        items[at].role = Role::Drop;
    }
    for item in &mut items[at + 1..body_starts] {
        if item.verbatim {
            continue;
        }
        if same_words(&item.text, &title) || read_meta(&item.text, meta) {
            item.role = Role::Drop;
        }
    }
    (title, Some(at))
}

/// A title of a word or two on the file's first line, standing alone, with a sentence after
/// it ("Brexit", then the story): too short to look like a headline, but placed as one. A
/// section label ("World", "Menu") or a date placed so is not one.
fn is_short_title(items: &[Item], at: usize) -> bool {
    let item = &items[at];
    let alone = at
        .checked_sub(1)
        .is_none_or(|i| items[i].block != item.block);
    let Some(next) = items.get(at + 1) else {
        return false;
    };
    let sentence_follows = next.block != item.block
        && !next.furniture
        && !next.verbatim
        && (next.prose || (next.words >= 3 && next.text.trim_end().ends_with(['.', '!'])));
    alone
        && sentence_follows
        && item.words <= 12
        && item.text.chars().count() <= 120
        && item.text.chars().any(char::is_alphabetic)
        && !is_section_label(&item.text)
        && date_line(&item.text).is_none()
        && byline_line(&item.text).is_none()
}

/// When the title took all of the file's text, gives it back: the text stays the body, and
/// the title is left to the caller (the file's name). Whether it did.
pub fn give_back_title(items: &mut [Item], at: usize) -> bool {
    if items
        .iter()
        .any(|i| matches!(i.role, Role::Body | Role::Heading))
    {
        return false;
    }
    for item in items.iter_mut().take(at + 1) {
        let header_line = date_line(&item.text).is_some() || byline_line(&item.text).is_some();
        if item.role == Role::Drop && !item.furniture && !item.verbatim && !header_line {
            item.role = Role::Body;
        }
    }
    true
}

/// Takes a date or byline from a header line; whether the line was one.
pub fn read_meta(line: &str, meta: &mut Meta) -> bool {
    let (byline, after) = byline_and_date(line).unzip();
    let date = date_line(line).or(after.flatten());
    if meta.published.is_none() {
        meta.published.clone_from(&date);
    }
    if meta.byline.is_none() {
        meta.byline.clone_from(&byline);
    }
    date.is_some() || byline.is_some()
}

/// A few words of letters, not a row of links, a date, a byline or a whole paragraph.
fn is_headline_like(line: &str) -> bool {
    let wordy = line
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    wordy >= 2
        && word_count(line) <= 40
        && line.chars().count() <= 250
        && date_line(line).is_none()
        && byline_line(line).is_none()
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
