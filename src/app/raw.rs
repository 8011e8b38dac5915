//! The raw view: the source one line a paragraph, with the lines cleaning left out marked
//! (`ParagraphKind::Removed`), so `r` shows what cleaning removed.

use crate::ingest::{Article, Paragraph, ParagraphKind};
use crate::sanitize::sanitize_line;

/// How far ahead in the clean text a line is looked for: the clean text follows the
/// source's order, so a kept line is near where the last one was found. The bound keeps the
/// work linear in the size of the source.
const WINDOW: usize = 64 * 1024;

/// The source's lines, made safe, each marked removed unless the clean article holds its
/// text (a hard-wrapped line is part of a joined paragraph; markup lines of an HTML page are
/// all "removed", which is what they are). Without a clean article nothing is marked.
pub fn lines(source: &str, clean: Option<&Article>) -> Vec<Paragraph> {
    // Paragraphs one a line, each squeezed, with a line break at both ends.
    let kept = clean.map(|a| {
        let mut text = format!("\n{}\n", squeeze(&a.title));
        for p in &a.paragraphs {
            text.push_str(&squeeze(&p.text));
            text.push('\n');
        }
        text
    });
    let mut at = 0;
    source
        .lines()
        .map(|line| {
            let text = sanitize_line(line);
            let removed = match &kept {
                None => false,
                Some(kept) => {
                    let needle = squeeze(&text);
                    // A short line (a menu item, "World") must start or end a paragraph,
                    // not merely occur inside one.
                    let short = needle.split(' ').count() < 4;
                    let hit = match short {
                        false => found(kept, &needle, &mut at),
                        true => {
                            found(kept, &format!("\n{needle}"), &mut at)
                                || found(kept, &format!("{needle}\n"), &mut at)
                        }
                    };
                    !needle.is_empty() && !hit
                }
            };
            Paragraph {
                kind: if removed {
                    ParagraphKind::Removed
                } else {
                    ParagraphKind::Body
                },
                text,
            }
        })
        .collect()
}

/// Whether `needle` is in `kept` within the window after `at` (or, failing that, the window
/// before it: cleaning may move the title first); moves `at` past a match ahead.
fn found(kept: &str, needle: &str, at: &mut usize) -> bool {
    let start = floor(kept, *at);
    let end = floor(kept, start.saturating_add(WINDOW).min(kept.len()));
    if let Some(i) = kept[start..end].find(needle) {
        *at = start + i + needle.len();
        return true;
    }
    let back = floor(kept, start.saturating_sub(WINDOW));
    let back_end = floor(kept, (start + needle.len()).min(kept.len()));
    kept[back..back_end].contains(needle)
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words joined by single spaces: line breaks and runs of spaces do not matter.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            title: title.into(),
            paragraphs: paragraphs.iter().map(|p| Paragraph::body(*p)).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn lines_cleaning_dropped_are_marked_and_wrapped_lines_are_kept() {
        let source = "Home | World | Sport\nQuay repairs approved\n\nThe council voted on Monday\nto repair the quay.\nSubscribe to our newsletter\nWorld\n";
        let clean = article(
            "Quay repairs approved",
            &["The council voted on Monday to repair the quay. It is a World Heritage town."],
        );
        let kinds: Vec<ParagraphKind> =
            lines(source, Some(&clean)).iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        // "World" alone is a menu item, though the word is in the text.
        assert_eq!(kinds, [Removed, Body, Body, Body, Body, Removed, Removed]);
    }

    #[test]
    fn without_a_clean_article_nothing_is_marked_and_escapes_go() {
        let out = lines("a\u{1b}[2Jb\n", None);
        assert_eq!(out[0].kind, ParagraphKind::Body);
        assert!(!out[0].text.contains('\u{1b}'));
    }
}
