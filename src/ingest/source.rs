//! Where an article comes from: a file, a feed's entry, the demo's text, or a page fetched
//! from a link; with the names the list and the messages give it.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Format, collect, read};
use crate::sanitize::sanitize_line;
use crate::web::{self, Page};

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, with the name the list shows: its path inside the folder it was found in, or
    /// its file name when it was named on the command line.
    File {
        path: PathBuf,
        label: String,
        /// Found in a folder (not named on the command line): opened only when it is a
        /// regular file, never a pipe or a device.
        in_folder: bool,
    },
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
    /// A page fetched from a link named on the command line (or why it could not be), or one
    /// entry of a feed fetched so.
    Web {
        url: String,
        page: Arc<Result<Page, String>>,
        entry: Option<usize>,
        /// The entry's name in its feed ([`super::feed::entry_ids`]), which stays when
        /// entries come and go; None: known by its number only.
        id: Option<String>,
        label: String,
    },
}

impl Source {
    /// A file source named by its file name.
    pub fn file(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        Source::File {
            label: collect::file_label(&path),
            path,
            in_folder: false,
        }
    }

    /// The name the list shows, made safe for the terminal.
    pub fn display_name(&self) -> String {
        match self {
            Source::File { label, .. } | Source::FeedEntry { label, .. } => sanitize_line(label),
            Source::Embedded { name, .. } => (*name).to_string(),
            Source::Web { label, .. } => sanitize_line(label),
        }
    }

    /// A key that names this source across runs (used to remember positions). `collect`
    /// makes file paths absolute, so this is the path.
    pub fn key(&self) -> String {
        match self {
            Source::File { path, .. } => path.to_string_lossy().into_owned(),
            Source::FeedEntry { path, index, .. } => format!("{}#{index}", path.to_string_lossy()),
            Source::Embedded { name, .. } => format!("demo:{name}"),
            Source::Web { url, entry, id, .. } => match (entry, id) {
                (Some(_), Some(id)) => format!("{url}#{id}"),
                (Some(i), None) => format!("{url}#{i}"),
                (None, _) => url.clone(),
            },
        }
    }

    /// The name the format is told by: a compressed file's without its `.gz`.
    pub(super) fn name_for_format(&self) -> String {
        match self {
            Source::File { path, .. } | Source::FeedEntry { path, .. } => {
                read::inner_name(&path.to_string_lossy()).to_string()
            }
            Source::Embedded { name, .. } => name.to_string(),
            Source::Web { page, .. } => page
                .as_ref()
                .as_ref()
                .map(web::format_name)
                .unwrap_or_default(),
        }
    }

    /// A page fetched already, as a source (the full article behind a feed entry's link).
    pub fn from_page(url: &str, page: Page) -> Source {
        Source::Web {
            url: url.to_string(),
            page: Arc::new(Ok(page)),
            entry: None,
            id: None,
            label: url.to_string(),
        }
    }

    /// A source that only fails, saying `problem` under `label` (a briefing file that cannot
    /// be read, say).
    pub fn failed(label: &str, problem: String) -> Source {
        Source::Web {
            url: label.to_string(),
            page: Arc::new(Err(problem)),
            entry: None,
            id: None,
            label: label.to_string(),
        }
    }

    /// The sources a link gives: its page, or each entry of the feed it is (fetched once).
    /// A link that cannot be fetched is one source that fails to load, saying why.
    pub fn from_url(url: &str) -> Vec<Source> {
        Source::from_link(url, false)
    }

    /// [`Source::from_url`]; with `feed`, a page that is not a feed is a source that says so
    /// (a briefing file listed it as a feed).
    pub fn from_link(url: &str, feed: bool) -> Vec<Source> {
        let mut page = web::fetch(url);
        let is_feed = |p: &Page| Format::detect(&web::format_name(p), &p.bytes) == Format::Feed;
        if feed
            && let Ok(p) = &page
            && !is_feed(p)
        {
            let what = p.mime.as_deref().unwrap_or("no media type");
            page = Err(format!("not a feed ({what})"));
        }
        let (entries, ids) = match &page {
            Ok(p) if is_feed(p) => (
                super::feed::entry_count(&p.bytes).unwrap_or(0),
                super::feed::entry_ids(&p.bytes),
            ),
            _ => (0, Vec::new()),
        };
        let page = Arc::new(page);
        if entries == 0 {
            return vec![Source::Web {
                url: url.to_string(),
                page,
                entry: None,
                id: None,
                label: url.to_string(),
            }];
        }
        // Two entries of one name are told apart by their numbers.
        let mut named = std::collections::HashMap::new();
        for id in ids.iter().flatten() {
            *named.entry(id.as_str()).or_insert(0) += 1;
        }
        (0..entries)
            .map(|i| Source::Web {
                url: url.to_string(),
                page: page.clone(),
                entry: Some(i),
                id: ids
                    .get(i)
                    .cloned()
                    .flatten()
                    .filter(|id| named.get(id.as_str()) == Some(&1)),
                label: format!("{url} #{}", i + 1),
            })
            .collect()
    }
}
