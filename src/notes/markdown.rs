//! Untrusted text in a Markdown document: article passages and titles are shown as they read,
//! and a note keeps its own Markdown, but neither can change the document around it (start a
//! heading, end a block quote, open a code fence that swallows what follows, fake a block
//! reference, run a script link). Pure functions; what they write is CommonMark that also
//! reads well in Obsidian.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

/// Inside a note's line: raw HTML, script links, comments and block ids are escaped; code
/// spans are left as they are. One pass over the line, with what the checks look ahead for
/// (the end of a link destination, the next code span closer) found once beforehand, so
/// that a long line costs no more than a short one per character.
fn note_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let ahead = Lookahead::new(&chars);
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            // An escape already: keep it and the character it escapes.
            out.extend(&chars[i..(i + 2).min(chars.len())]);
            i += 2;
            continue;
        }
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&x| x == '`').count();
            let end = ahead.closing_run(i + run, run).map_or(i + run, |j| j + run);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            ']' => next == Some('(') && ahead.destination_is_unsafe(i + 2),
            '%' | '$' => next == Some(c),
            '^' => {
                let id = chars[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == '-')
                    .count();
                id > 0 && ahead.blank_from(i + 1 + id) && (i == 0 || chars[i - 1].is_whitespace())
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// What `note_inline` looks ahead for, found in one pass from the end of the line.
struct Lookahead<'a> {
    chars: &'a [char],
    /// For each position, the first at or after it that ends a link destination.
    dest_end: Vec<usize>,
    /// For each position, the first at or after it that makes a destination not relative.
    not_relative: Vec<usize>,
    /// Where the line's last character that is not white space is, plus one.
    text_end: usize,
    /// The maximal runs of backticks, as (length, start), sorted.
    runs: Vec<(usize, usize)>,
}

impl<'a> Lookahead<'a> {
    fn new(chars: &'a [char]) -> Lookahead<'a> {
        let n = chars.len();
        let mut dest_end = vec![n; n + 1];
        let mut not_relative = vec![n; n + 1];
        for k in (0..n).rev() {
            let c = chars[k];
            dest_end[k] = if c.is_whitespace() || matches!(c, ')' | '>') {
                k
            } else {
                dest_end[k + 1]
            };
            not_relative[k] = if matches!(c, ':' | '&' | '\\' | '%') {
                k
            } else {
                not_relative[k + 1]
            };
        }
        let text_end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map_or(0, |k| k + 1);
        let mut runs = Vec::new();
        let mut k = 0;
        while k < n {
            let len = chars[k..].iter().take_while(|&&x| x == '`').count();
            if len > 0 {
                runs.push((len, k));
                k += len;
            } else {
                k += 1;
            }
        }
        runs.sort_unstable();
        Lookahead {
            chars,
            dest_end,
            not_relative,
            text_end,
            runs,
        }
    }

    /// The start of the first run of exactly `len` backticks at or after `from`.
    fn closing_run(&self, from: usize, len: usize) -> Option<usize> {
        let at = self.runs.partition_point(|&r| r < (len, from));
        self.runs.get(at).filter(|r| r.0 == len).map(|r| r.1)
    }

    /// Nothing but white space from `k` to the end of the line.
    fn blank_from(&self, k: usize) -> bool {
        k >= self.text_end
    }

    /// `destination_is_unsafe` for the destination that starts at `k`.
    fn destination_is_unsafe(&self, k: usize) -> bool {
        let n = self.chars.len();
        let mut s = k.min(n);
        while s < n && self.chars[s].is_whitespace() {
            s += 1;
        }
        while s < n && self.chars[s] == '<' {
            s += 1;
        }
        let end = self.dest_end[s];
        let head: String = self.chars[s..end].iter().take(SCHEME_CHARS).collect();
        !(safe_scheme(&head) || self.not_relative[s] >= end)
    }
}

/// `[label]: destination` with a destination that is not a web, mail or relative address.
fn link_definition_is_unsafe(line: &str) -> bool {
    match line.find("]:") {
        Some(at) => destination_is_unsafe(&line[at + 2..]),
        None => false,
    }
}

/// A link destination (the text after `(` or `]:`) that could run something: anything but
/// http(s), mailto, obsidian, an anchor or a plain relative path.
fn destination_is_unsafe(rest: &str) -> bool {
    let dest: String = rest
        .trim_start()
        .trim_start_matches('<')
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>'))
        .collect();
    let relative = !dest.contains([':', '&', '\\', '%']);
    !(safe_scheme(&dest) || relative)
}

const SAFE_SCHEMES: [&str; 5] = ["http://", "https://", "mailto:", "obsidian://", "#"];
/// The longest of `SAFE_SCHEMES`, in characters.
const SCHEME_CHARS: usize = 11;

fn safe_scheme(dest: &str) -> bool {
    SAFE_SCHEMES.iter().any(|s| {
        dest.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    })
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
fn code_block(text: &str) -> String {
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

    /// The first, plainly quadratic way of writing `note_inline`: the linear one must agree
    /// with it everywhere.
    fn reference_inline(line: &str) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::with_capacity(line.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                // An escape already: keep it and the character it escapes.
                out.extend(&chars[i..(i + 2).min(chars.len())]);
                i += 2;
                continue;
            }
            if c == '`' {
                let run = chars[i..].iter().take_while(|&&x| x == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&x| x == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                let end = close.map_or(i + run, |j| j + run);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            let next = chars.get(i + 1).copied();
            let rest: String = chars[i + 1..].iter().collect();
            let escape = match c {
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                ']' => next == Some('(') && reference_destination_is_unsafe(&rest[1..]),
                '%' | '$' => next == Some(c),
                '^' => {
                    let id = rest
                        .chars()
                        .take_while(|x| x.is_ascii_alphanumeric() || *x == '-')
                        .count();
                    id > 0
                        && rest[id..].trim().is_empty()
                        && (i == 0 || chars[i - 1].is_whitespace())
                }
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
            i += 1;
        }
        out
    }
    fn reference_destination_is_unsafe(rest: &str) -> bool {
        let dest: String = rest
            .trim_start()
            .trim_start_matches('<')
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>'))
            .collect();
        let lower = dest.to_ascii_lowercase();
        let safe_scheme = ["http://", "https://", "mailto:", "obsidian://", "#"]
            .iter()
            .any(|s| lower.starts_with(s));
        let relative = !dest.contains([':', '&', '\\', '%']);
        !(safe_scheme || relative)
    }

    #[test]
    fn inline_escaping_agrees_with_the_plain_reading_on_random_lines() {
        let alphabet: Vec<char> = "`\\<a/](:^-  %$&>#hts(p)!\u{e9}1".chars().collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let mut s = seed;
            let line: String = (0..len)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(s >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(note_inline(&line), reference_inline(&line), "{line:?}");
        }
        for line in [
            "](https://x) ](javascript:y)",
            "``a`b``c``",
            "x ^id-1  ",
            "]( <<mailto:a",
        ] {
            assert_eq!(note_inline(line), reference_inline(line), "{line:?}");
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
