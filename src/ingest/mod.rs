//! Sources to articles: find the files a briefing names, read and decode them, and turn their
//! text into clean paragraphs. No terminal or UI types here.

mod text;

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::sanitize::sanitize_line;
pub use text::{Paragraph, ParagraphKind, parse_text};

/// The most of one file that is read; the rest is left out with a notice.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// File endings opened when a folder is given. A file named on the command line is opened
/// whatever its ending.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, with the name the list shows: its path inside the folder it was found in, or
    /// its file name when it was named on the command line.
    File { path: PathBuf, label: String },
    /// Text compiled into the binary (the demo briefing).
    Embedded {
        name: &'static str,
        text: &'static str,
    },
}

impl Source {
    /// The file name as shown in the list, made safe for the terminal.
    pub fn display_name(&self) -> String {
        match self {
            Source::File { label, .. } => sanitize_line(label),
            Source::Embedded { name, .. } => (*name).to_string(),
        }
    }

    /// A key that names this source across runs (used to remember positions). `collect`
    /// makes file paths absolute, so this is the path.
    pub fn key(&self) -> String {
        match self {
            Source::File { path, .. } => path.to_string_lossy().into_owned(),
            Source::Embedded { name, .. } => format!("demo:{name}"),
        }
    }

    fn is_markdown(&self) -> bool {
        let name = match self {
            Source::File { path, .. } => path.to_string_lossy().to_lowercase(),
            Source::Embedded { name, .. } => name.to_lowercase(),
        };
        name.ends_with(".md") || name.ends_with(".markdown")
    }
}

/// A clean article, ready to wrap and show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// Something the reader should know about this file (empty, truncated, odd bytes).
    pub notice: Option<String>,
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
/// the order given, a folder's files sorted by their path inside it. Paths are made absolute
/// (so that positions are remembered wherever briefly is started) and each file is listed once.
/// Paths that do not exist are kept, so that the list can say what is wrong with them.
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
                    out.push(Source::File { path: f, label });
                }
            }
        } else if seen.insert(path.clone()) {
            let label = file_label(&path);
            out.push(Source::File { path, label });
        }
    }
    out
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
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
}

fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Collects the text files under `dir` (an absolute, canonical path), so that the paths it
/// adds are canonical too: only symlinks need resolving, not every file (10,000 files cost
/// 10,000 `canonicalize` calls otherwise).
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
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
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
        } else if has_text_extension(&path) {
            files.push(path);
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.as_str()))
}

/// Reads, decodes and cleans one source.
pub fn load(source: &Source) -> Result<Article, LoadError> {
    let fail = |problem: String| LoadError {
        name: source.display_name(),
        problem,
    };
    let (bytes, truncated) = match source {
        Source::Embedded { text, .. } => (text.as_bytes().to_vec(), false),
        Source::File { path, .. } => read_capped(path).map_err(fail)?,
    };
    let mut article = article_from_bytes(&bytes, source.is_markdown()).map_err(fail)?;
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

fn read_capped(path: &Path) -> Result<(Vec<u8>, bool), String> {
    let meta = fs::metadata(path).map_err(io_problem)?;
    if meta.is_dir() {
        return Err("is a folder with no text files".into());
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

fn io_problem(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read ({e})"),
    }
}

/// Decodes bytes to clean text and parses it; binary data is refused.
pub fn article_from_bytes(bytes: &[u8], markdown: bool) -> Result<Article, String> {
    let text = decode(bytes)?;
    let (title, paragraphs) = parse_text(&text, markdown);
    let notice = paragraphs
        .is_empty()
        .then(|| "this file is empty".to_string());
    Ok(Article {
        title,
        paragraphs,
        notice,
    })
}

/// UTF-8 (with or without BOM) or UTF-16 with BOM; anything else with invalid sequences is
/// decoded with replacement characters. Binary data is refused.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    for (bom, little) in [(b"\xFF\xFE", true), (b"\xFE\xFF", false)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| {
                    if little {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            return Ok(String::from_utf16_lossy(&units));
        }
    }
    if looks_binary(bytes) {
        return Err("looks like a binary file, not text".into());
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// Binary when the start has many NUL bytes or control bytes that text does not use.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    nul * 100 > head.len() || odd * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_refused_with_a_reason() {
        let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 200));
        let err = article_from_bytes(&bytes, false).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn utf8_bom_and_utf16_are_decoded() {
        let a = article_from_bytes(b"\xEF\xBB\xBFHeadline here\n\nBody text.", false).unwrap();
        assert_eq!(a.title, "Headline here");
        let utf16: Vec<u8> = "\u{feff}Zo\u{eb} wins the vote\n\nText."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let a = article_from_bytes(&utf16, false).unwrap();
        assert_eq!(a.title, "Zo\u{eb} wins the vote");
    }

    #[test]
    fn empty_file_opens_with_a_notice() {
        let a = article_from_bytes(b"", false).unwrap();
        assert!(a.paragraphs.is_empty());
        assert_eq!(a.notice.as_deref(), Some("this file is empty"));
    }

    #[test]
    fn missing_file_names_the_file() {
        let err = load(&Source::file("/nonexistent/brief-x.txt")).unwrap_err();
        assert_eq!(err.to_string(), "brief-x.txt: no such file");
    }

    #[test]
    fn folders_are_walked_in_name_order_and_skip_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "C.txt", "c.jpg", ".hidden.txt"] {
            fs::write(dir.path().join(name), "Title line\n").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/0.txt"), "x y\n").unwrap();
        let names: Vec<String> = collect(&[dir.path().to_path_buf()])
            .iter()
            .map(Source::display_name)
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "C.txt", "sub/0.txt"]);
    }
}
