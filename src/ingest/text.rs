//! Plain text and Markdown to a title and paragraphs.

use crate::sanitize::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Body,
    Heading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
}

/// Splits text into paragraphs and picks a title.
///
/// A blank line always ends a paragraph. Inside a block, each line is a paragraph of its own
/// (scrapes often put one paragraph per line), unless the block looks hard-wrapped: lines of
/// similar length that run on, as in e-mail or Markdown source, which are joined.
pub fn parse_text(raw: &str, markdown: bool) -> (String, Vec<Paragraph>) {
    let text = sanitize(raw);
    let mut paragraphs = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush_block(&mut block, markdown, &mut paragraphs);
        } else {
            block.push(line);
        }
    }
    flush_block(&mut block, markdown, &mut paragraphs);
    let title = pick_title(&paragraphs);
    (title, paragraphs)
}

fn flush_block(block: &mut Vec<&str>, markdown: bool, out: &mut Vec<Paragraph>) {
    if block.is_empty() {
        return;
    }
    if looks_hard_wrapped(block) && !(markdown && block.iter().any(|l| is_md_heading(l))) {
        let text = block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        out.push(body(text));
    } else {
        for line in block.iter() {
            if markdown && is_md_heading(line) {
                let text = line.trim_start().trim_start_matches('#').trim();
                out.push(Paragraph {
                    kind: ParagraphKind::Heading,
                    text: text.to_string(),
                });
            } else {
                out.push(body(line.trim().to_string()));
            }
        }
    }
    block.clear();
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

/// Three or more lines, all but the last between 40 and 100 columns and within a third of the
/// longest: the shape of text wrapped by an editor, not of one-paragraph-per-line scrapes.
fn looks_hard_wrapped(block: &[&str]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let lens: Vec<usize> = block.iter().map(|l| l.chars().count()).collect();
    let body = &lens[..lens.len() - 1];
    let max = *body.iter().max().unwrap_or(&0);
    max <= 100 && body.iter().all(|&n| n >= 40 && n * 3 >= max * 2)
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
        let (title, p) = parse_text(
            "Home | World | Sport | Sign in\nCanal levy rises again\nFirst paragraph here.\nSecond one.\n",
            false,
        );
        assert_eq!(title, "Canal levy rises again");
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let text = "The council met on a wet Monday to argue about the\n\
                    bridge tolls, which have risen twice this year while\n\
                    the repairs they pay for have not yet started.\n\nNext.";
        let (_, p) = parse_text(text, false);
        assert_eq!(p.len(), 2);
        assert!(p[0].text.starts_with("The council met") && p[0].text.ends_with("started."));
    }

    #[test]
    fn markdown_headings_are_marked_and_give_the_title() {
        let (title, p) = parse_text(
            "# Port strike ends\n\nWorkers return.\n\n## Next steps\n",
            true,
        );
        assert_eq!(title, "Port strike ends");
        assert_eq!(p[0].kind, ParagraphKind::Heading);
        assert_eq!(
            texts(&p),
            ["Port strike ends", "Workers return.", "Next steps"]
        );
    }

    #[test]
    fn control_characters_never_survive_parsing() {
        let (title, p) = parse_text(
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
