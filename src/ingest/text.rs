//! Plain text and Markdown to a title and paragraphs.

use super::{Extracted, Paragraph, ParagraphKind};
use crate::sanitize::sanitize;

/// Splits text into paragraphs and picks a title.
///
/// A blank line always ends a paragraph. Inside a block, each line is a paragraph of its own
/// (scrapes often put one paragraph per line), unless the block looks hard-wrapped: lines of
/// similar length that run on, as in e-mail or Markdown source, which are joined.
pub fn parse_text(raw: &str, markdown: bool) -> Extracted {
    let text = sanitize(raw);
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !blocks.last().is_some_and(Vec::is_empty) {
                blocks.push(Vec::new());
            }
        } else if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks.retain(|b| !b.is_empty());
    let wrapped = looks_hard_wrapped(&blocks);
    let mut paragraphs = Vec::new();
    for block in &blocks {
        let structured = markdown && block.iter().any(|l| is_md_structure(l));
        if wrapped && block.len() > 1 && !structured {
            let text = block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            paragraphs.push(body(text));
            continue;
        }
        for line in block {
            if markdown && is_md_heading(line) {
                let text = line.trim_start().trim_start_matches('#').trim();
                paragraphs.push(Paragraph {
                    kind: ParagraphKind::Heading,
                    text: text.to_string(),
                });
            } else {
                paragraphs.push(body(line.trim().to_string()));
            }
        }
    }
    let title = pick_title(&paragraphs);
    // The reader shows the title above the text: copies of a headline at the top are not
    // repeated (a long first paragraph standing in for a title is kept).
    let mut seen_body = title.chars().count() > 120;
    paragraphs.retain(|p| {
        let copy = !seen_body && p.text == title;
        // Copies are looked for until the running text starts (a line of 80 characters or more).
        seen_body |= !copy && p.kind == ParagraphKind::Body && p.text.chars().count() >= 80;
        !copy
    });
    Extracted {
        title,
        paragraphs,
        ..Extracted::default()
    }
}

fn body(text: String) -> Paragraph {
    Paragraph {
        kind: ParagraphKind::Body,
        text: squeeze_spaces(&text),
    }
}

fn squeeze_spaces(text: &str) -> String {
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

fn is_md_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// Whether the file's text was wrapped by an editor (lines joined into paragraphs) rather than
/// written one paragraph per line, as scrapes are. Decided for the whole file, so that a short
/// two-line paragraph is joined like the long ones: the lines that run on into a next line
/// are nearly all 40 to 100 columns, and no line in the file is longer.
fn looks_hard_wrapped(blocks: &[Vec<&str>]) -> bool {
    let longest = blocks
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let running: Vec<usize> = blocks
        .iter()
        .filter(|b| b.len() > 1)
        .flat_map(|b| b[..b.len() - 1].iter().map(|l| l.chars().count()))
        .collect();
    let fitting = running.iter().filter(|&&n| (40..=100).contains(&n)).count();
    longest <= 100 && running.len() >= 2 && fitting * 10 >= running.len() * 8
}

/// Markdown lines that must keep their own line: headings, list items, quotes, fences, code.
fn is_md_structure(line: &str) -> bool {
    let t = line.trim_start();
    is_md_heading(line)
        || line.starts_with("    ")
        || t.starts_with("```")
        || t.starts_with("> ")
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The first line that reads like a headline: a few words of letters, not a row of navigation
/// links and not a whole paragraph.
fn pick_title(paragraphs: &[Paragraph]) -> String {
    paragraphs
        .iter()
        .take(30)
        .find(|p| is_headline_like(&p.text))
        .or_else(|| paragraphs.first())
        .map(|p| truncate_chars(&p.text, 200))
        .unwrap_or_default()
}

fn is_headline_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let wordy = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let separators = line
        .chars()
        .filter(|c| matches!(c, '|' | '•' | '·'))
        .count();
    wordy >= 2 && separators < 2 && line.chars().count() <= 250
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &[Paragraph]) -> Vec<&str> {
        p.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn one_paragraph_per_line_scrapes_keep_their_lines() {
        let Extracted {
            title,
            paragraphs: p,
            ..
        } = parse_text(
            "Home | World | Sport | Sign in\nCanal levy rises again\nFirst paragraph here.\nSecond one.\n",
            false,
        );
        assert_eq!(title, "Canal levy rises again");
        assert_eq!(
            texts(&p),
            [
                "Home | World | Sport | Sign in",
                "First paragraph here.",
                "Second one."
            ]
        );
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let text = "The council met on a wet Monday to argue about the\n\
                    bridge tolls, which have risen twice this year while\n\
                    the repairs they pay for have not yet started.\n\nNext.";
        let Extracted { paragraphs: p, .. } = parse_text(text, false);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].text.starts_with("The council met") && p[0].text.ends_with("started."));
    }

    #[test]
    fn short_paragraphs_join_in_a_wrapped_file() {
        let text = "Bridge tolls\n\n\
                    The council met on a wet Monday to argue about the\n\
                    bridge tolls, which have risen twice this year.\n\n\
                    Members asked for the figures before any vote on\n\
                    the repairs, which have not yet started at all.\n";
        let Extracted {
            title,
            paragraphs: p,
            ..
        } = parse_text(text, false);
        assert_eq!(title, "Bridge tolls");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[1].text.starts_with("Members") && p[1].text.ends_with("at all."));
    }

    #[test]
    fn markdown_headings_are_marked_and_give_the_title() {
        let Extracted {
            title,
            paragraphs: p,
            ..
        } = parse_text(
            "# Port strike ends\n\nWorkers return.\n\n## Next steps\n",
            true,
        );
        assert_eq!(title, "Port strike ends");
        // The title is shown above the text, so it is not repeated in it.
        assert_eq!(texts(&p), ["Workers return.", "Next steps"]);
        assert_eq!(p[1].kind, ParagraphKind::Heading);
    }

    #[test]
    fn a_repeated_headline_is_dropped_from_the_text() {
        let Extracted {
            title,
            paragraphs: p,
            ..
        } = parse_text(
            "Ferry fares frozen\nFerry fares frozen\nThe council agreed on Monday.\n",
            false,
        );
        assert_eq!(title, "Ferry fares frozen");
        assert_eq!(texts(&p), ["The council agreed on Monday."]);
    }

    #[test]
    fn control_characters_never_survive_parsing() {
        let Extracted {
            title,
            paragraphs: p,
            ..
        } = parse_text(
            "Bad \x1b[2Jtitle\x07 here\n\nText\u{9b}31m with \u{202e}tricks",
            false,
        );
        assert_eq!(title, "Bad title\u{FFFD} here");
        assert!(
            p.iter()
                .all(|p| !p.text.chars().any(crate::sanitize::is_unsafe))
        );
    }
}
