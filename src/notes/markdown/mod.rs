//! Untrusted text in a Markdown document: article passages and titles are shown as they read,
//! and a note keeps its own Markdown, but neither can change the document around it (start a
//! heading, end a block quote, open a code fence that swallows what follows, fake a block
//! reference, run a script link). Pure functions; what they write is CommonMark that also
//! reads well in Obsidian.

mod inline;
mod note;

use pulldown_cmark::Options;

pub use note::note;

use crate::sanitize::sanitize;

/// Escaped wherever they stand in plain text: emphasis, code, links, HTML, tags and block ids
/// (Obsidian), strikethrough, tables, math (Obsidian), escapes themselves.
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', '<', '#', '~', '|', '$', '^'];

/// Plain text (an article's words) as Markdown inline text that renders to the same words:
/// every line stands alone, with nothing at its start that would open a block.
pub fn plain(text: &str) -> String {
    sanitize(text)
        .split('\n')
        .map(|line| plain_line(line.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of plain text, for a heading: line breaks become spaces.
pub fn plain_inline(text: &str) -> String {
    plain(text)
        .split('\n')
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn plain_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let start_escape = line_start_escape(line);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = ALWAYS.contains(&c)
            || Some(i) == start_escape
            // Entities (&amp;), Obsidian highlights (==) and comments (%%).
            || (c == '&' && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'))
            || (c == '=' && (i == 0 || next == Some('=')))
            || (c == '%' && next == Some('%'));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The character at the start of a line that would make it a list item, a thematic break or
/// a setext underline: "- x", "+ x", "---", "1. x", "2) x".
fn line_start_escape(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    if matches!(first, '-' | '+' | '>') {
        return Some(0);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (1..=9)
        .contains(&digits)
        .then(|| line[digits..].chars().next())
        .flatten()
        .filter(|c| matches!(c, '.' | ')'))
        .map(|_| digits)
}

/// Text as a block quote: every line prefixed with `> `, blank lines kept inside it.
pub fn block_quote(text: &str) -> String {
    plain(text)
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The extensions Obsidian reads, for checks.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// Text shown exactly as it is, in a fence longer than any run of backticks inside it.
pub(super) fn code_block(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}text\n{text}\n{fence}")
}

/// A path or other text shown literally, inline: a code span.
pub fn code_span(text: &str) -> String {
    let text = crate::sanitize::sanitize_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    // A space either side when the text starts or ends with a backtick (CommonMark strips one).
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A YAML double-quoted scalar. A JSON string is one (YAML 1.2 reads JSON), and sanitising
/// first leaves no character YAML refuses.
pub fn yaml_string(text: &str) -> String {
    serde_json::to_string(&crate::sanitize::sanitize_line(text)).unwrap_or_else(|_| "\"\"".into())
}

/// A tag as Obsidian reads it after `#`: letters, digits, `-`, `_` and `/`; spaces become `-`.
/// An underscore stays only between letters or digits, where it cannot start emphasis.
pub fn tag(t: &str) -> Option<String> {
    let kept: Vec<char> = t
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '/') => Some(c),
            _ => None,
        })
        .collect();
    let out: String = kept
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let inside = i > 0
                && kept[i - 1].is_alphanumeric()
                && kept.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if c == '_' && !inside { '-' } else { c }
        })
        .collect();
    let out = out.trim_matches('/').to_string();
    (!out.is_empty()).then_some(out)
}

/// An Obsidian block id for a note: the note's id when it is one already (letters, digits and
/// dashes), else a short hash of it.
pub fn block_id(id: &str) -> String {
    let usable = !id.is_empty()
        && id.len() <= 40
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if usable {
        id.to_string()
    } else {
        format!("n{:016x}", crate::session::fnv1a(id.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_its_words_and_loses_its_powers() {
        // (plain text, as written)
        for (input, written) in [
            ("# Not a heading", "\\# Not a heading"),
            ("---", "\\---"),
            ("1. one", "1\\. one"),
            ("2015) was", "2015\\) was"),
            ("- item", "\\- item"),
            ("    indented", "indented"),
            ("A $310 and $20 cost", "A \\$310 and \\$20 cost"),
            ("AT&T &amp; 5 & 6", "AT\\&T \\&amp; 5 & 6"),
            ("50% or 60%", "50% or 60%"),
            ("line ^ref", "line \\^ref"),
            ("a\u{1b}[31mred", "ared"),
        ] {
            assert_eq!(plain(input), written, "{input:?}");
        }
    }

    #[test]
    fn small_pieces() {
        assert_eq!(tag("Follow up"), Some("Follow-up".into()));
        assert_eq!(tag("a.b!c/d"), Some("abc/d".into()));
        assert_eq!(tag("!!"), None);
        assert_eq!(block_id("n18c3a-1f2-0"), "n18c3a-1f2-0");
        assert_eq!(block_id("https://example.org/anno/1").len(), 17);
        assert_eq!(yaml_string("a \"b\": c\n"), "\"a \\\"b\\\": c \"");
        assert_eq!(code_span("/a/b`c.txt"), "``/a/b`c.txt``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
