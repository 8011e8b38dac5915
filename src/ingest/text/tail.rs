//! The end of a scrape: after the article come teaser lists ("Related Articles", "You may
//! also like"), author boxes ("Written By"), share and newsletter promos and footers.
//! Also marks the short in-article headings of plain text.

use super::clutter::is_end_marker;
use super::header::read_meta;
use super::meta::{outlet_credit, wire_credit};
use super::signals::{ends_sentence, is_capitalised, is_truncated, key, word_count};
use super::{Item, Meta, Role};

/// Markers that only promote (share, sign up): the rest is cut only when no prose follows.
fn is_weak_marker(line: &str) -> bool {
    let k = key(line);
    [
        "share",
        "sign up",
        "subscribe",
        "follow",
        "back to top",
        "newsletter",
        "download",
    ]
    .iter()
    .any(|p| k.contains(p))
}

/// The slot of an advertisement: it interrupts the article, and the text goes on below it.
fn is_ad_slot(line: &str) -> bool {
    ["advertisement", "advertising", "ad"].contains(&key(line).as_str())
}

/// Cuts the furniture after the article and takes the byline from author boxes and
/// credit lines.
pub fn cut_tail(items: &mut [Item], meta: &mut Meta) {
    let Some(first_prose) =
        (0..items.len()).find(|&i| items[i].role == Role::Body && items[i].prose)
    else {
        return;
    };
    // Words of kept text after each item, so that each marker is judged in constant time.
    let mut after = vec![0usize; items.len() + 1];
    let mut prose_after = vec![false; items.len() + 1];
    for i in (0..items.len()).rev() {
        let kept = matches!(items[i].role, Role::Body | Role::Heading);
        after[i] = after[i + 1] + if kept { items[i].words as usize } else { 0 };
        prose_after[i] = prose_after[i + 1] || (kept && items[i].prose);
    }
    let mut i = first_prose + 1;
    while i < items.len() {
        if items[i].verbatim {
            i += 1;
            continue;
        }
        let text = items[i].text.as_str();
        if let Some(credit) = outlet_credit(text).filter(|_| !prose_after[i + 1]) {
            meta.byline.get_or_insert(credit);
            items[i].role = Role::Drop;
        } else if wire_credit(text) {
            items[i].role = Role::Drop;
        }
        let text = items[i].text.as_str();
        if !is_end_marker(text) || is_ad_slot(text) {
            i += 1;
            continue;
        }
        let weak = is_weak_marker(text);
        if ["written by", "about the author"].contains(&key(text).as_str()) {
            take_author(items, i, meta);
            drop_author_box(items, i + 1);
        }
        let before = after[first_prose] - after[i];
        let small = after[i + 1] * 2 < before;
        let cut = if weak { !prose_after[i + 1] } else { small };
        items[i].role = Role::Drop;
        if cut {
            for item in &mut items[i + 1..] {
                item.role = Role::Drop;
            }
            return;
        }
        // A teaser list in the middle of the text: short lines until the prose resumes.
        i += 1;
        while i < items.len() && is_teaser(&items[i]) && !is_end_marker(&items[i].text) {
            items[i].role = Role::Drop;
            i += 1;
        }
    }
    // Bylines and dates that close the article ("By Ana Silva", "Updated 3 May 2026").
    for item in items.iter_mut().rev() {
        if item.role == Role::Drop {
            continue;
        }
        if item.verbatim || item.prose || !read_meta(&item.text, meta) {
            break;
        }
        item.role = Role::Drop;
    }
}

/// How far from a "Written By" label its name and biography are looked for, in lines: a
/// file of a million labels must not make each look through all the others.
const AUTHOR_BOX: usize = 8;

/// The name beside a "Written By" label: the short line above it, else the one below.
fn take_author(items: &mut [Item], at: usize, meta: &mut Meta) {
    let name_like = |t: &str| {
        (1..=5).contains(&word_count(t))
            && !ends_sentence(t)
            && t.split_whitespace().all(is_capitalised)
    };
    // Whatever the block model made of them: a name alone on a line reads as furniture to it.
    let above = at.checked_sub(1);
    let below = (at + 1 < items.len()).then_some(at + 1);
    let name = [above, below]
        .into_iter()
        .flatten()
        .find(|&j| name_like(&items[j].text));
    if let Some(j) = name {
        meta.byline.get_or_insert_with(|| items[j].text.clone());
        items[j].role = Role::Drop;
    }
}

/// The few short paragraphs of an author's biography after its label, up to the next
/// piece of furniture.
fn drop_author_box(items: &mut [Item], from: usize) {
    let mut left = 2;
    let to = items.len().min(from + AUTHOR_BOX);
    for item in items[from..to].iter_mut().filter(|i| i.role != Role::Drop) {
        if left == 0 || is_end_marker(&item.text) || item.words > 80 {
            break;
        }
        item.role = Role::Drop;
        left -= 1;
    }
}

fn is_teaser(item: &Item) -> bool {
    !item.prose || is_truncated(&item.text)
}

/// Short lines standing between paragraphs of running text, without a sentence's stop,
/// are the text's subheadings.
pub fn mark_headings(items: &mut [Item]) {
    let kept: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i].role, Role::Body | Role::Heading))
        .collect();
    for w in kept.windows(3) {
        let (prev, this, next) = (&items[w[0]], &items[w[1]], &items[w[2]]);
        let short = (1..=10).contains(&this.words) && !ends_sentence(&this.text);
        let starts_well = this
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "-–—'\"‘“".contains(c));
        if this.role == Role::Body
            && !this.verbatim
            && short
            && starts_well
            && prev.prose
            && next.prose
        {
            items[w[1]].role = Role::Heading;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advertisement_slot_does_not_end_the_article() {
        let para = |n: usize| {
            format!(
                "Paragraph {n} of the story tells what the council decided and why, in full sentences."
            )
        };
        let mut lines: Vec<String> = (0..7).map(para).collect();
        lines.insert(5, "Advertisement".to_string());
        let mut items: Vec<Item> = lines
            .iter()
            .map(|l| super::super::item(l.clone(), Role::Body, 0, false))
            .collect();
        cut_tail(&mut items, &mut Meta::default());
        let kept: Vec<&str> = items
            .iter()
            .filter(|i| i.role == Role::Body)
            .map(|i| i.text.as_str())
            .collect();
        // The two paragraphs below the slot stay (the slot is left to the other rules).
        assert_eq!(kept.len(), 8);
        // A marker that ends the article still cuts what little follows it.
        let mut items: Vec<Item> = lines
            .iter()
            .map(|l| {
                let l = if l == "Advertisement" {
                    "Related Articles"
                } else {
                    l
                };
                super::super::item(l.to_string(), Role::Body, 0, false)
            })
            .collect();
        cut_tail(&mut items, &mut Meta::default());
        assert_eq!(items.iter().filter(|i| i.role == Role::Body).count(), 5);
    }
}
