//! Sources to articles: find the files a briefing names, read and decode them, and turn them
//! into clean articles: plain-text scrapes and Markdown (`text`), HTML pages (`html`), and
//! RSS/Atom/JSON feeds (`feed`). No terminal or UI types here.

mod decode;
mod feed;
pub mod html;
mod text;
pub(crate) use text::MONTH_NAMES;

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::sanitize::sanitize_line;
pub use decode::{Decoded, decode};
pub use text::parse_text;

/// The most of one file that is read; the rest is left out with a notice.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// File endings opened when a folder is given. A file named on the command line is opened
/// whatever its ending.
const OPENED_IN_FOLDERS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "rss", "atom", "xml",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Body,
    Heading,
    /// A photo caption or credit: not part of the article's text, shown dimmed.
    Caption,
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
    /// The text in reading order: body paragraphs, headings and captions.
    pub paragraphs: Vec<Paragraph>,
}

/// A clean article, ready to wrap and show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub title: String,
    pub published: Option<String>,
    pub byline: Option<String>,
    /// Where the article lives on the web, when known (feeds).
    pub link: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Something the reader should know about this file (empty, truncated, odd bytes).
    pub notice: Option<String>,
}

impl Article {
    fn from_extracted(e: Extracted) -> Article {
        Article {
            title: sanitize_line(&e.title),
            published: e.published.map(|p| sanitize_line(&p)),
            byline: e.byline.map(|b| sanitize_line(&b)),
            link: None,
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
            .collect::<String>()
            .to_lowercase();
        if start.contains("<rss")
            || start.contains("<feed")
            || start.contains("jsonfeed.org/version")
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

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, with the name the list shows: its path inside the folder it was found in, or
    /// its file name when it was named on the command line.
    File { path: PathBuf, label: String },
    /// One entry of a feed file.
    FeedEntry {
        path: PathBuf,
        index: usize,
        label: String,
    },
    /// Text compiled into the binary (the demo briefing).
    Embedded {
        name: &'static str,
        text: &'static str,
    },
}

impl Source {
    /// A file source named by its file name.
    pub fn file(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        Source::File {
            label: file_label(&path),
            path,
        }
    }

    /// The name the list shows, made safe for the terminal.
    pub fn display_name(&self) -> String {
        match self {
            Source::File { label, .. } | Source::FeedEntry { label, .. } => sanitize_line(label),
            Source::Embedded { name, .. } => (*name).to_string(),
        }
    }

    /// A key that names this source across runs (used to remember positions). `collect`
    /// makes file paths absolute, so this is the path.
    pub fn key(&self) -> String {
        match self {
            Source::File { path, .. } => path.to_string_lossy().into_owned(),
            Source::FeedEntry { path, index, .. } => format!("{}#{index}", path.to_string_lossy()),
            Source::Embedded { name, .. } => format!("demo:{name}"),
        }
    }

    fn name_for_format(&self) -> String {
        match self {
            Source::File { path, .. } | Source::FeedEntry { path, .. } => {
                path.to_string_lossy().into_owned()
            }
            Source::Embedded { name, .. } => name.to_string(),
        }
    }
}

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

/// Expands the paths given on the command line into sources, in a stable order: each path in
/// the order given, a folder's files sorted by their path inside it, a feed's entries in the
/// feed's order. Paths are made absolute (so that positions are remembered wherever briefly
/// is started) and each file is listed once. Paths that do not exist are kept, so that the
/// list can say what is wrong with them.
pub fn collect(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let path = canonical(path);
        if path.is_dir() {
            let mut files = Vec::new();
            let mut visited = std::collections::HashSet::new();
            walk(&path, &mut files, &mut visited, 0);
            let mut labelled: Vec<(String, PathBuf)> = files
                .into_iter()
                .map(|f| {
                    let label = f
                        .strip_prefix(&path)
                        .unwrap_or(&f)
                        .to_string_lossy()
                        .into_owned();
                    (label, f)
                })
                .collect();
            // Name order as people read it: "b.txt" before "C.txt".
            labelled.sort_by(|a, b| {
                a.0.to_lowercase()
                    .cmp(&b.0.to_lowercase())
                    .then(a.0.cmp(&b.0))
            });
            for (label, f) in labelled {
                if seen.insert(f.clone()) {
                    push_file(&mut out, f, label);
                }
            }
        } else if seen.insert(path.clone()) {
            let label = file_label(&path);
            push_file(&mut out, path, label);
        }
    }
    out
}

/// Adds a file, or one source per entry when it is a feed. Only files whose name says feed
/// (.rss, .atom, .xml) are opened here, so that listing a large folder stays fast.
fn push_file(out: &mut Vec<Source>, path: PathBuf, label: String) {
    let lower = label.to_lowercase();
    if [".rss", ".atom", ".xml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
        && let Ok((bytes, _)) = read_capped(&path)
        && Format::detect(&lower, &bytes) == Format::Feed
        && let Ok(n) = feed::entry_count(&bytes)
        && n > 0
    {
        for index in 0..n {
            out.push(Source::FeedEntry {
                path: path.clone(),
                index,
                label: format!("{label} #{}", index + 1),
            });
        }
        return;
    }
    out.push(Source::File { path, label });
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Collects the files under `dir` (an absolute, canonical path) that briefly opens, so that
/// the paths it adds are canonical too: only symlinks need resolving, not every file (10,000
/// files cost 10,000 `canonicalize` calls otherwise).
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    visited: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
) {
    // Symlinked folders can form loops; a folder is entered once.
    if depth > 16 || !visited.insert(dir.to_path_buf()) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let (path, is_dir) = if kind.is_symlink() {
            let target = canonical(&path);
            let is_dir = target.is_dir();
            (target, is_dir)
        } else {
            (path, kind.is_dir())
        };
        if is_dir {
            walk(&path, files, visited, depth + 1);
        } else if opened_in_folders(&path) {
            files.push(path);
        }
    }
}

fn opened_in_folders(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| OPENED_IN_FOLDERS.contains(&e.as_str()))
}

/// Reads, decodes and cleans one source.
pub fn load(source: &Source) -> Result<Article, LoadError> {
    let fail = |problem: String| LoadError {
        name: source.display_name(),
        problem,
    };
    let (bytes, truncated) = read_source(source).map_err(fail)?;
    let mut article = match source {
        Source::FeedEntry { index, .. } => feed::entry(&bytes, *index).map_err(fail)?,
        _ => {
            let format = Format::detect(&source.name_for_format(), &bytes);
            article_from_bytes(&bytes, format).map_err(fail)?
        }
    };
    if truncated {
        article.notice = Some(format!(
            "only the first {} MiB of this file are shown",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    if article.title.is_empty() {
        article.title = source.display_name();
    }
    Ok(article)
}

/// The source's text as it is, decoded but not cleaned: what the reader's raw view shows.
pub fn load_raw(source: &Source) -> Result<String, LoadError> {
    let fail = |problem: String| LoadError {
        name: source.display_name(),
        problem,
    };
    let (bytes, _) = read_source(source).map_err(fail)?;
    let decoded = decode(&bytes, declared_charset(&bytes).as_deref()).map_err(fail)?;
    Ok(decoded.text)
}

fn read_source(source: &Source) -> Result<(Vec<u8>, bool), String> {
    match source {
        Source::Embedded { text, .. } => Ok((text.as_bytes().to_vec(), false)),
        Source::File { path, .. } | Source::FeedEntry { path, .. } => read_capped(path),
    }
}

fn read_capped(path: &Path) -> Result<(Vec<u8>, bool), String> {
    let meta = fs::metadata(path).map_err(io_problem)?;
    if meta.is_dir() {
        return Err("is a folder with no files briefly can open".into());
    }
    let file = fs::File::open(path).map_err(io_problem)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_BYTES) as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    let truncated = bytes.len() as u64 > MAX_BYTES;
    if truncated {
        bytes.truncate(MAX_BYTES as usize);
    }
    Ok((bytes, truncated))
}

/// The size of the file behind a source (0 when unknown): the shell reads large ones off the
/// main thread.
pub fn size_of(source: &Source) -> u64 {
    match source {
        Source::File { path, .. } | Source::FeedEntry { path, .. } => {
            fs::metadata(path).map(|m| m.len()).unwrap_or(0)
        }
        Source::Embedded { text, .. } => text.len() as u64,
    }
}

fn io_problem(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read ({e})"),
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

/// Decodes bytes and extracts the article the format calls for; binary data is refused.
pub fn article_from_bytes(bytes: &[u8], format: Format) -> Result<Article, String> {
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
                "this file is empty"
            } else {
                "no article text found"
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
        assert_eq!(a.notice.as_deref(), Some("this file is empty"));
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
    }

    #[test]
    fn folders_are_walked_in_name_order_and_skip_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "C.txt", "c.jpg", ".hidden.txt", "d.html"] {
            fs::write(dir.path().join(name), "Title line\n").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/0.txt"), "x y\n").unwrap();
        let names: Vec<String> = collect(&[dir.path().to_path_buf()])
            .iter()
            .map(Source::display_name)
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "C.txt", "d.html", "sub/0.txt"]);
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
