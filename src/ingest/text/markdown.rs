//! Markdown source read with pulldown-cmark, so that its structure is kept: headings (with
//! their level), paragraphs, list items at any depth, quotes inside quotes, code, tables,
//! footnotes and HTML blocks. Markup never reaches the reader: a list item shows a bullet or
//! its number, indented by its depth, and a quote inside a quote a bar per extra level.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::md_chunks::chunks;
use crate::ingest::ParagraphKind;
use crate::ingest::html;

/// One paragraph candidate of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// The heading level (1 to 6); 0 for anything else.
    pub heading: u8,
    /// Code: shown as written.
    pub verbatim: bool,
    /// Where it starts in the source, in bytes.
    pub at: usize,
}

/// A fence line of fenced code (the line scan keeps code out of its wrapping measure).
pub fn is_fence(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// The bullets of unordered lists, by depth.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];
/// Indentation per level of nesting: no-break spaces, which wrapping keeps at a line's start.
const INDENT: &str = "\u{a0}\u{a0}";
/// A quote inside a quote is marked with a bar per extra level.
const QUOTE_BAR: &str = "│ ";
/// Deeper nesting than this is shown as this deep: a line of a thousand `>` stays one line.
const MAX_SHOWN_DEPTH: usize = 8;

enum Container {
    List { next: Option<u64> },
    Item { marker: Option<String> },
    Quote,
    Footnote { label: Option<String> },
}

/// The blocks of a Markdown text, handed to `emit` in order. `wrapped`: the file is
/// hard-wrapped, so the lines of a paragraph are joined; otherwise each line stays a
/// paragraph of its own, as in a scrape. A large file is parsed piece by piece (`md_chunks`).
pub fn blocks(text: &str, wrapped: bool, mut emit: impl FnMut(Block)) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for piece in chunks(text) {
        let mut r = Reader {
            wrapped,
            ..Reader::default()
        };
        let start = piece.start;
        for (event, range) in Parser::new_ext(&text[piece], options).into_offset_iter() {
            r.event(event, start + range.start);
        }
        r.flush();
        r.out.into_iter().for_each(&mut emit);
    }
}

#[derive(Default)]
struct Reader {
    out: Vec<Block>,
    wrapped: bool,
    containers: Vec<Container>,
    /// How many lists are open.
    lists: usize,
    /// The marks of the open containers once their markers are shown: computed once for a
    /// run of lines (a lazy paragraph inside a thousand quotes is a thousand lines).
    continuation: Option<String>,
    /// Inline text being gathered, and where it started.
    buf: String,
    at: Option<usize>,
    heading: u8,
    /// Raw lines (code, front matter) are shown line by line; code verbatim.
    raw: Option<bool>,
    html: Option<(String, usize)>,
    row: Vec<String>,
}

impl Reader {
    fn event(&mut self, event: Event, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.raw.is_some() => self.raw_lines(&t, at),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push(&t, at);
            }
            Event::Html(t) => match &mut self.html {
                Some((html, _)) => html.push_str(&t),
                None => self.html = Some((t.to_string(), at)),
            },
            Event::InlineHtml(t) => {
                let tag = t.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    self.flush();
                }
            }
            Event::FootnoteReference(label) => self.push(&format!("[{label}]"), at),
            Event::SoftBreak => {
                if self.wrapped {
                    self.buf.push(' ');
                } else {
                    self.flush();
                }
            }
            Event::HardBreak | Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.push(if done { "☑ " } else { "☐ " }, at),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => self.flush(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = level as u8;
            }
            Tag::BlockQuote(_) => self.open(Container::Quote),
            Tag::List(first) => {
                self.lists += 1;
                self.open(Container::List { next: first });
            }
            Tag::Item => {
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n) }) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => BULLETS[self.lists.saturating_sub(1) % BULLETS.len()].to_string(),
                };
                self.open(Container::Item {
                    marker: Some(marker),
                });
            }
            Tag::FootnoteDefinition(label) => self.open(Container::Footnote {
                label: Some(format!("[{label}]")),
            }),
            Tag::CodeBlock(_) => {
                self.flush();
                self.raw = Some(true);
            }
            Tag::MetadataBlock(_) => {
                self.flush();
                self.raw = Some(false);
            }
            Tag::HtmlBlock => self.flush(),
            Tag::Table(_) | Tag::TableHead | Tag::TableRow => {
                self.flush();
                self.row.clear();
            }
            Tag::Image { .. } if !self.buf.is_empty() => self.buf.push(' '),
            _ => {}
        }
    }

    fn open(&mut self, container: Container) {
        self.flush();
        self.containers.push(container);
        self.continuation = None;
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = 0;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                if let Some(Container::List { .. }) = self.containers.pop() {
                    self.lists -= 1;
                }
                self.continuation = None;
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => self.raw = None,
            TagEnd::HtmlBlock => self.html_block(),
            TagEnd::TableCell => {
                let cell = squeeze(&std::mem::take(&mut self.buf));
                self.row.push(cell);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if row.iter().any(|c| !c.is_empty()) {
                    self.buf = row.join(" │ ");
                }
                self.flush();
            }
            _ => {}
        }
    }

    fn push(&mut self, text: &str, at: usize) {
        if self.at.is_none() {
            self.at = Some(at);
        }
        self.buf.push_str(text);
    }

    fn raw_lines(&mut self, text: &str, at: usize) {
        let verbatim = self.raw == Some(true);
        let mut offset = at;
        for line in text.split('\n') {
            if !line.trim().is_empty() {
                self.out.push(Block {
                    text: line.trim_end().to_string(),
                    heading: 0,
                    verbatim,
                    at: offset,
                });
            }
            offset += line.len() + 1;
        }
    }

    /// An HTML block: its text, read as HTML.
    fn html_block(&mut self) {
        let Some((source, at)) = self.html.take() else {
            return;
        };
        for p in html::fragment(&source) {
            self.buf = p.text;
            self.at = Some(at);
            self.heading = if p.kind == ParagraphKind::Heading {
                2
            } else {
                0
            };
            self.flush();
        }
        self.heading = 0;
    }

    /// The gathered text as a block, with the marks of the lists and quotes it sits in.
    fn flush(&mut self) {
        let text = squeeze(&self.buf);
        self.buf.clear();
        let Some(at) = self.at.take() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let prefix = match &self.continuation {
            Some(p) => p.clone(),
            None => {
                let (prefix, marked) = self.prefix();
                if !marked {
                    self.continuation = Some(prefix.clone());
                }
                prefix
            }
        };
        self.out.push(Block {
            text: prefix + &text,
            heading: self.heading,
            verbatim: false,
            at,
        });
    }

    /// The marks of the open lists and quotes, the markers not yet shown taken (the first
    /// line of an item shows its bullet, the next ones its indentation); whether any was.
    /// Only the innermost [`MAX_SHOWN_DEPTH`] marks are shown.
    fn prefix(&mut self) -> (String, bool) {
        let mut marks: Vec<String> = Vec::new();
        let (mut quotes, mut marked) = (0, false);
        for c in &mut self.containers {
            let mark = match c {
                Container::Item { marker } => match marker.take() {
                    Some(m) => {
                        marked = true;
                        format!("{m} ")
                    }
                    None => INDENT.to_string(),
                },
                Container::Quote => {
                    quotes += 1;
                    if quotes == 1 {
                        continue;
                    }
                    QUOTE_BAR.to_string()
                }
                Container::Footnote { label } => match label.take() {
                    Some(l) => {
                        marked = true;
                        format!("{l} ")
                    }
                    None => continue,
                },
                Container::List { .. } => continue,
            };
            marks.push(mark);
        }
        let shown = marks.len().saturating_sub(MAX_SHOWN_DEPTH);
        (marks[shown..].concat(), marked)
    }
}

/// Collapses runs of white space to one space.
fn squeeze(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(md: &str, wrapped: bool) -> Vec<Block> {
        let mut out = Vec::new();
        blocks(md, wrapped, |b| out.push(b));
        out
    }

    fn texts(md: &str) -> Vec<String> {
        all(md, false).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn inline_markup_is_reduced_to_text() {
        assert_eq!(
            texts("A **bold** and *em* `x + 1` [link](http://a.b/c) snake_case_name."),
            ["A bold and em x + 1 link snake_case_name."]
        );
        assert_eq!(texts("2 * 3 * 4"), ["2 * 3 * 4"]);
        assert_eq!(texts("_under_ ![a cat](c.png)"), ["under a cat"]);
    }

    #[test]
    fn nested_lists_and_quotes_show_their_depth() {
        assert_eq!(
            texts("- one\n  - two\n    - three\n- four\n\n1. first\n2. second\n"),
            [
                "• one",
                "\u{a0}\u{a0}◦ two",
                "\u{a0}\u{a0}\u{a0}\u{a0}▪ three",
                "• four",
                "1. first",
                "2. second"
            ]
        );
        assert_eq!(texts("> one\n>\n> > two\n"), ["one", "│ two"]);
        assert_eq!(texts("- [x] done\n- [ ] to do"), ["• ☑ done", "• ☐ to do"]);
    }

    #[test]
    fn headings_code_tables_and_html_blocks() {
        let b = all(
            "Title\n=====\n\n## Part\n\n```\nlet x = 1;\n  y\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div><p>Inside <b>HTML</b></p></div>\n",
            false,
        );
        let got: Vec<(&str, u8, bool)> = b
            .iter()
            .map(|b| (b.text.as_str(), b.heading, b.verbatim))
            .collect();
        assert_eq!(
            got,
            [
                ("Title", 1, false),
                ("Part", 2, false),
                ("let x = 1;", 0, true),
                ("  y", 0, true),
                ("a │ b", 0, false),
                ("1 │ 2", 0, false),
                ("Inside HTML", 0, false),
            ]
        );
    }

    #[test]
    fn lines_stay_apart_unless_the_file_is_wrapped() {
        assert_eq!(texts("one line\nnext line"), ["one line", "next line"]);
        let joined: Vec<String> = all("one line\nnext line", true)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(joined, ["one line next line"]);
    }
}
