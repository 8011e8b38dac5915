//! A note's own Markdown, block by block: fences closed, headings and rules escaped, line
//! breaks kept, and a last check with a CommonMark parser that the note ends where it should.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::inline::{link_definition_is_unsafe, note_inline};
use super::{code_block, options};
use crate::sanitize::sanitize;

/// A note as the user wrote it (Markdown), made safe to stand between other blocks: no
/// headings, setext underlines, thematic breaks or HTML blocks; no block id at a line's end;
/// no script links; a code fence left open is closed. If the result still would not end
/// where the note ends, the note is shown as it is, in a code block.
pub fn note(text: &str) -> String {
    let text = sanitize(text);
    let text = text.trim_end();
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    for line in text.split('\n') {
        let line = line.trim_end();
        match &fence {
            Some(open) => {
                if open.closed_by(line) {
                    fence = None;
                }
                out.push(line.to_string());
            }
            None => {
                fence = Fence::opened_by(line);
                out.push(if fence.is_some() {
                    line.to_string()
                } else {
                    note_line(line)
                });
            }
        }
    }
    if let Some(open) = fence {
        out.push(open.closing());
    }
    // The note's line breaks stay line breaks (two spaces: a hard break, invisible in the
    // text), except inside code and before a blank line.
    let mut in_code: Option<Fence> = None;
    for i in 0..out.len() {
        let line = out[i].clone();
        match &in_code {
            Some(open) if open.closed_by(&line) => {
                in_code = None;
                continue;
            }
            Some(_) => continue,
            None => {
                if let Some(f) = Fence::opened_by(&line) {
                    in_code = Some(f);
                    continue;
                }
            }
        }
        // A next line that opens a list item or a quote breaks the line by itself.
        let next_is_text = out.get(i + 1).is_some_and(|n| {
            !n.trim().is_empty() && container_prefix(n) == n.len() - n.trim_start().len()
        });
        let indented_code = line.starts_with("    ");
        if in_code.is_none() && !line.trim().is_empty() && next_is_text && !indented_code {
            out[i].push_str("  ");
        }
    }
    let written = out.join("\n");
    if stands_alone(&written) {
        written
    } else {
        code_block(text)
    }
}

/// A fenced code block's opening: its indent, character and length.
struct Fence {
    indent: usize,
    ch: char,
    len: usize,
}

impl Fence {
    fn opened_by(line: &str) -> Option<Fence> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let ch = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = rest.chars().take_while(|&c| c == ch).count();
        let info = &rest[len..];
        (indent <= 3 && len >= 3 && !(ch == '`' && info.contains('`'))).then_some(Fence {
            indent,
            ch,
            len,
        })
    }

    fn closed_by(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let len = rest.chars().take_while(|&c| c == self.ch).count();
        indent <= 3 && len >= self.len && rest[len * self.ch.len_utf8()..].trim().is_empty()
    }

    fn closing(&self) -> String {
        format!(
            "{}{}",
            " ".repeat(self.indent),
            self.ch.to_string().repeat(self.len)
        )
    }
}

/// One line of a note outside code: the user's Markdown, less what could break out of it.
fn note_line(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent >= 4 {
        // Indented code: shown as it is.
        return line.to_string();
    }
    // Headings and rules are looked for inside quotes and list items too.
    let (head, rest) = line.split_at(container_prefix(line));
    let mut out = head.to_string();
    // A whole line of - = * _ is a setext underline or a thematic break.
    let rule = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '=' | '*' | '_'));
    let hashes = rest.chars().take_while(|&c| c == '#').count();
    let heading =
        (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ');
    if rule.is_some_and(|r| rest.chars().all(|c| c == r || c == ' '))
        || heading
        || (rest.starts_with('[') && link_definition_is_unsafe(rest))
    {
        out.push('\\');
    }
    out.push_str(&note_inline(rest));
    out
}

/// How many bytes of a line are indentation, block quote markers and list markers.
fn container_prefix(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let r = &rest[spaces..];
        if let Some(after) = r.strip_prefix('>') {
            at += spaces + 1 + usize::from(after.starts_with(' '));
            continue;
        }
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        let marker = if r.starts_with(['-', '*', '+']) {
            1
        } else if (1..=9).contains(&digits) && r[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            0
        };
        if marker > 0 && r[marker..].starts_with(' ') {
            at += spaces + marker + 1;
            continue;
        }
        return at + spaces;
    }
}

/// True when `markdown`, followed by a blank line and a paragraph, leaves that paragraph a
/// paragraph of its own at the top of the document, and holds no heading.
fn stands_alone(markdown: &str) -> bool {
    const SENTINEL: &str = "briefly-end-of-note";
    let doc = format!("{markdown}\n\n{SENTINEL}\n");
    let mut depth = 0usize;
    let mut last_top: Vec<Event> = Vec::new();
    for event in Parser::new_ext(&doc, options()) {
        match &event {
            Event::Start(Tag::Heading { .. }) => return false,
            Event::Start(_) => {
                if depth == 0 {
                    last_top.clear();
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        last_top.push(event);
    }
    matches!(
        last_top.as_slice(),
        [Event::Start(Tag::Paragraph), Event::Text(t), Event::End(TagEnd::Paragraph)]
            if t.as_ref() == SENTINEL
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_markdown_but_not_structure() {
        // (a note, as written)
        for (input, written) in [
            ("**bold** and `<code>`", "**bold** and `<code>`"),
            ("# Heading", "\\# Heading"),
            ("#tag at the start", "#tag at the start"),
            ("text\n===", "text  \n\\==="),
            ("> # quoted\n- ## listed", "> \\# quoted\n- \\## listed"),
            (
                "two\nlines\n\nand a paragraph",
                "two  \nlines\n\nand a paragraph",
            ),
            ("<div>x</div>", "\\<div>x\\</div>"),
            ("see ^fake-ref", "see \\^fake-ref"),
            ("a[^1] footnote", "a[^1] footnote"),
            (
                "[x](javascript:alert(1)) [y](https://e.org)",
                "[x\\](javascript:alert(1)) [y](https://e.org)",
            ),
            ("```rust\nlet x;", "```rust\nlet x;\n```"),
            ("~~~~\n# in code\n~~~~", "~~~~\n# in code\n~~~~"),
        ] {
            assert_eq!(note(input), written, "{input:?}");
        }
    }

    #[test]
    fn a_note_that_cannot_be_closed_is_shown_as_code() {
        // The list item's fence closes inside the item, so the later ``` opens a new one.
        let tricky = "- ```\n  code\n  ```\n\nafter\n<pre>";
        let out = note(tricky);
        assert!(out.starts_with("````text\n- ```"), "{out}");
        assert!(stands_alone(&out), "{out}");
    }
}
