//! Sources to articles: find the files a briefing names, read and decode them, and turn them
//! into clean articles: plain-text scrapes and Markdown (`text`), HTML pages (`html`), and
//! RSS/Atom/JSON feeds (`feed`). No terminal or UI types here.

pub mod cache;
mod collect;
mod decode;
mod feed;
mod feed_markup;
mod feed_split;
pub mod html;
mod load;
mod parallel;
mod read;
mod source;
mod text;
pub(crate) use text::{MONTH_NAMES, is_alnum, is_alpha, is_date_part};

use std::fmt;

pub use collect::collect;
pub use decode::{Decoded, decode};
pub use load::{Loader, fetch_article, load, load_all, load_raw, read_inline_ok, size_of};
pub use parallel::load_on_threads;
pub use read::MAX_BYTES;
pub use read::io_problem;
pub use source::Source;
pub use text::blocks as text_blocks;
pub use text::parse_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Body,
    Heading,
    /// A photo caption or credit: not part of the article's text, shown dimmed.
    Caption,
    /// In the raw view only: a line of the source that cleaning left out (shown struck).
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
}

impl Paragraph {
    pub fn body(text: impl Into<String>) -> Paragraph {
        Paragraph {
            kind: ParagraphKind::Body,
            text: text.into(),
        }
    }
}

/// What an extractor finds in one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    pub title: String,
    /// The publication date and time as found (normalised where the source gives a machine
    /// form, as HTML metadata and feeds do).
    pub published: Option<String>,
    pub byline: Option<String>,
    /// The site or publication the page names itself by (`og:site_name`, JSON-LD publisher).
    pub site: Option<String>,
    /// The page's own address as it gives it (canonical link, `og:url`), when absolute.
    pub link: Option<String>,
    /// The text in reading order: body paragraphs, headings and captions.
    pub paragraphs: Vec<Paragraph>,
}

/// A clean article, ready to wrap and show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub title: String,
    pub published: Option<String>,
    pub byline: Option<String>,
    /// The publication it comes from, as it names itself (a page's site name, a feed's title).
    pub site: Option<String>,
    /// Where the article lives on the web, when known (a feed entry's link, a page's own).
    pub link: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Something the reader should know about this file (empty, truncated, odd bytes).
    pub notice: Option<String>,
}

impl Article {
    /// The extractor's findings as they are; `clean` makes them safe to show.
    fn from_extracted(e: Extracted) -> Article {
        Article {
            title: e.title,
            published: e.published,
            byline: e.byline,
            site: e.site,
            link: e.link,
            paragraphs: e.paragraphs,
            notice: None,
        }
    }

    /// The article's own text: body paragraphs and headings, without captions.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Caption)
    }

    pub fn captions(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Caption)
    }

    /// The clean text that notes point into: every paragraph, separated by blank lines.
    pub fn plain_text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The character offset in `plain_text` of byte `byte` of paragraph `para`.
    pub fn char_offset(&self, para: usize, byte: usize) -> usize {
        let before: usize = self.paragraphs[..para.min(self.paragraphs.len())]
            .iter()
            .map(|p| p.text.chars().count() + 2)
            .sum();
        let within = self
            .paragraphs
            .get(para)
            .map_or(0, |p| p.text[..byte.min(p.text.len())].chars().count());
        before + within
    }

    /// The paragraph and byte of a character offset in `plain_text` (a place between two
    /// paragraphs goes to the start of the next one).
    pub fn position_of(&self, offset: usize) -> (usize, usize) {
        let mut left = offset;
        for (i, p) in self.paragraphs.iter().enumerate() {
            let n = p.text.chars().count();
            if left <= n {
                let byte = p
                    .text
                    .char_indices()
                    .nth(left)
                    .map_or(p.text.len(), |(b, _)| b);
                return (i, byte);
            }
            left = left.saturating_sub(n + 2);
        }
        let last = self.paragraphs.len().saturating_sub(1);
        (last, self.paragraphs.last().map_or(0, |p| p.text.len()))
    }
}

const JSON_FEED_VERSION: &[u8] = b"jsonfeed.org/version";

/// What kind of document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
}

impl Format {
    /// By the file's ending, else by its first bytes.
    pub fn detect(name: &str, head: &[u8]) -> Format {
        let lower = name.to_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "md" | "markdown" => return Format::Markdown,
            "html" | "htm" | "xhtml" => return Format::Html,
            "rss" | "atom" => return Format::Feed,
            _ => {}
        }
        let start: String = String::from_utf8_lossy(&head[..head.len().min(1024)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .take(1024)
            .collect::<String>();
        // Only ASCII is looked for, and no other character lower-cases to these letters:
        // the ASCII letters are enough to lower-case.
        let start = start.to_ascii_lowercase();
        // A JSON Feed's "version" may come after its items (keys in any order).
        let json_feed = ext == "json"
            && start.starts_with('{')
            && head
                .windows(JSON_FEED_VERSION.len())
                .any(|w| w == JSON_FEED_VERSION);
        if start.contains("<rss")
            || start.contains("<feed")
            || start.contains("jsonfeed.org/version")
            || json_feed
        {
            Format::Feed
        } else if start.starts_with("<!doctype html")
            || start.starts_with("<html")
            || (ext == "xml" && start.contains("<html"))
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// The notice of a file with nothing in it (or only white space).
pub const EMPTY: &str = "empty";
/// The notice of a file with text, none of which is an article's.
pub const NO_TEXT: &str = "empty: no article text found";

/// Why a source could not be opened, as one line for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub name: String,
    pub problem: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.problem)
    }
}

/// The charset an HTML page declares in its first kilobytes (`<meta charset=...>`).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Decodes bytes and extracts the article the format calls for, cleaned for the terminal;
/// binary data is refused.
/// A file's bytes, read as an article file named on the command line is (size limit, pipes
/// and devices with care), for the other files briefly reads (briefing files).
pub fn read_whole(path: &std::path::Path) -> Result<Vec<u8>, String> {
    read::read(path, false).map(|c| c.bytes)
}

pub fn article_from_bytes(bytes: &[u8], format: Format) -> Result<Article, String> {
    extract_article(bytes, format).map(load::clean)
}

fn extract_article(bytes: &[u8], format: Format) -> Result<Article, String> {
    let declared = (format == Format::Html)
        .then(|| declared_charset(bytes))
        .flatten();
    let decoded = decode(bytes, declared.as_deref())?;
    let mut article = match format {
        Format::Text => Article::from_extracted(parse_text(&decoded.text, false)),
        Format::Markdown => Article::from_extracted(parse_text(&decoded.text, true)),
        Format::Html => Article::from_extracted(html::extract(&decoded.text)),
        Format::Feed => {
            // A feed opened as one article (a single-entry feed, or named as a file).
            feed::entry(decoded.text.as_bytes(), 0)?
        }
    };
    article.notice = if article.paragraphs.is_empty() {
        Some(
            if decoded.text.trim().is_empty() {
                EMPTY
            } else {
                NO_TEXT
            }
            .to_string(),
        )
    } else {
        decoded.note
    };
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_refused_with_a_reason() {
        let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 200));
        let err = article_from_bytes(&bytes, Format::Text).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn empty_file_opens_with_a_notice() {
        let a = article_from_bytes(b"", Format::Text).unwrap();
        assert!(a.paragraphs.is_empty());
        assert_eq!(a.notice.as_deref(), Some(EMPTY));
    }

    #[test]
    fn missing_file_names_the_file() {
        let err = load(&Source::file("/nonexistent/brief-x.txt")).unwrap_err();
        assert_eq!(err.to_string(), "brief-x.txt: no such file");
    }

    #[test]
    fn character_offsets_round_trip_through_paragraphs() {
        let a = Article {
            paragraphs: vec![
                Paragraph::body("Zo\u{eb} spoke."),
                Paragraph::body("The quay opens."),
            ],
            ..Article::default()
        };
        assert_eq!(a.plain_text(), "Zo\u{eb} spoke.\n\nThe quay opens.");
        let quay = a.char_offset(1, 4);
        assert_eq!(
            a.plain_text()
                .chars()
                .skip(quay)
                .take(4)
                .collect::<String>(),
            "quay"
        );
        assert_eq!(a.position_of(quay), (1, 4));
        assert_eq!(a.position_of(a.char_offset(0, 4)), (0, 4));
    }

    #[test]
    fn formats_by_name_and_by_content() {
        assert_eq!(Format::detect("a.md", b"# x"), Format::Markdown);
        assert_eq!(
            Format::detect("a.txt", b"  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(Format::detect("page", b"<html lang=en>"), Format::Html);
        assert_eq!(
            Format::detect("a.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            Format::detect(
                "a.json",
                b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"
            ),
            Format::Feed
        );
        assert_eq!(
            Format::detect("a.txt", b"Plain words <b>not html</b>"),
            Format::Text
        );
        let late = format!(
            "{{\"items\": [{}], \"version\": \"https://jsonfeed.org/version/1.1\"}}",
            "{\"id\": \"1\"},".repeat(200) + "{}"
        );
        assert_eq!(Format::detect("a.json", late.as_bytes()), Format::Feed);
    }

    #[test]
    fn a_declared_charset_is_found() {
        assert_eq!(
            declared_charset(b"<meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>"
            )
            .as_deref(),
            Some("windows-1252")
        );
    }
}
