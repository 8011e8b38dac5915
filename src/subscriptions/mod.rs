//! Briefing files: lists of feeds and pages to read from the web. Three shapes are known, by
//! name or content:
//! - newsboat's `urls` file (named `urls`): one link a line, tags after it, `#` comments;
//! - OPML (named `*.opml`, or beginning with `<opml`): every `outline` with an `xmlUrl`;
//! - `briefing.toml` (or `*.briefing.toml`): `feeds = ["…"]` and `pages = ["…"]`.
//!
//! Each feed's entries and each page become the briefing's articles, fetched (and kept for
//! reading offline) when it opens or on `briefly fetch FILE`.

use std::path::Path;

mod fetch;
mod formats;

pub use fetch::run_fetch;
use formats::{newsboat_links, opml_links, toml_links};

/// One link a briefing file lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    /// A feed (whose entries are the articles), or a page (itself an article).
    pub feed: bool,
    /// Each entry's full article is fetched from its link (`full_text = true`).
    pub full_text: bool,
}

impl Subscription {
    /// A link named on the command line: a page or a feed, as it turns out.
    pub fn link(url: &str) -> Subscription {
        Subscription {
            url: url.to_string(),
            feed: false,
            full_text: false,
        }
    }

    /// The sources it gives (fetched now, kept); for a feed marked `full_text`, each entry's
    /// linked page is fetched and kept too, four at a time, so that the entries read in full.
    pub fn sources(&self) -> Vec<crate::ingest::Source> {
        let sources = crate::ingest::Source::from_link(&self.url, self.feed);
        if self.full_text {
            let links: Vec<String> = sources
                .iter()
                .filter_map(|s| crate::ingest::load(s).ok()?.link)
                .filter(|l| crate::web::is_url(l))
                .collect();
            // Kept for the entry's load; a page that fails leaves the summary.
            crate::web::four_at_a_time(&links, |link| drop(crate::web::fetch(link)), |_, ()| {});
        }
        sources
    }
}

impl Subscription {
    /// Fetches the link again (a refresh in the reader), its articles loaded.
    pub fn refetch(&self) -> crate::app::refresh::Refreshed {
        use crate::sanitize::sanitize_line;
        let sources = self.sources();
        let problem = sources.first().and_then(|s| match s {
            crate::ingest::Source::Web { page, .. } => match page.as_ref() {
                Ok(p) => p.notice.clone(),
                Err(problem) => Some(problem.clone()),
            },
            _ => None,
        });
        crate::app::refresh::Refreshed {
            url: sanitize_line(&self.url),
            problem: problem.map(|p| sanitize_line(&p)),
            sources: sources
                .into_iter()
                .map(|s| {
                    let article = crate::ingest::load(&s);
                    (s, article)
                })
                .collect(),
        }
    }
}

/// Whether `path` names a briefing file (by its name, or an OPML file by its first bytes).
pub fn is_briefing_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name == "urls" || name.ends_with(".opml") || name == "briefing.toml" {
        return true;
    }
    if name.ends_with(".briefing.toml") {
        return true;
    }
    // An OPML file with another name: its first bytes say so.
    name.ends_with(".xml")
        && std::fs::File::open(path).is_ok_and(|f| {
            use std::io::Read;
            let mut head = Vec::new();
            let _ = f.take(512).read_to_end(&mut head);
            String::from_utf8_lossy(&head)
                .to_lowercase()
                .contains("<opml")
        })
}

/// What a briefing file lists: its links, in order, each once, and a line for each entry that
/// is not one ("urls: line 3: not a link: htps://…"), which is skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listed {
    pub links: Vec<Subscription>,
    pub skipped: Vec<String>,
}

/// The links a briefing file lists, in order, each once; only http and https links (a file
/// cannot make briefly read another file). An entry that is not such a link is named by its
/// line in `skipped`, and the rest still come; a file that cannot be read or parsed, or that
/// lists nothing at all, is an error. Every message names the file and, where known, the line.
pub fn read(path: &Path) -> Result<Listed, String> {
    let name = path.display().to_string();
    let bytes = crate::ingest::read_whole(path).map_err(|e| format!("{name}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let lower = path.to_string_lossy().to_lowercase();
    let found = if lower.ends_with(".toml") {
        toml_links(&text).map_err(|e| format!("{name}: {e}"))?
    } else if lower.ends_with("urls") {
        newsboat_links(&text)
    } else {
        opml_links(&text).map_err(|e| format!("{name}: {e}"))?
    };
    let mut seen = std::collections::HashSet::new();
    let mut listed = Listed::default();
    for (sub, line) in found {
        match link_problem(&sub.url) {
            Some(problem) => listed
                .skipped
                .push(format!("{name}: line {line}: {problem}")),
            None if seen.insert(sub.url.clone()) => listed.links.push(sub),
            None => {}
        }
    }
    if listed.links.is_empty() && listed.skipped.is_empty() {
        return Err(format!("{name}: lists no http or https link"));
    }
    Ok(listed)
}

/// Why an entry of a briefing file is not a link briefly follows (None when it is one): not
/// a link at all, a link that cannot be read, or another scheme (`file:` is never followed).
fn link_problem(entry: &str) -> Option<String> {
    let shown = |text: &str| {
        let mut chars = text.chars();
        let cut: String = chars.by_ref().take(60).collect();
        match chars.next() {
            Some(_) => format!("{cut}\u{2026}"),
            None => cut,
        }
    };
    match url::Url::parse(entry) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => None,
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            Some(format!("not a link (no server): {}", shown(entry)))
        }
        // Another file is never read through a briefing file.
        Ok(u) if u.scheme() == "file" => {
            Some("file: links are not followed (only http and https)".into())
        }
        Ok(_) => Some(format!("not an http or https link: {}", shown(entry))),
        Err(e) if crate::web::is_url(entry) => Some(format!(
            "not a link that can be read ({e}): {}",
            shown(entry)
        )),
        Err(_) if entry.trim().is_empty() => Some("an empty link".into()),
        Err(_) => Some(format!("not a link: {}", shown(entry))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_that_is_not_a_link_is_named_by_its_line_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("urls");
        std::fs::write(
            &path,
            "https://a.example/rss\nhtps://b.example/rss\nb.example/feed tag\nhttp://\nfile:///etc/passwd\nhttps://a.example/rss\n",
        )
        .unwrap();
        let listed = read(&path).unwrap();
        assert_eq!(listed.links.len(), 1, "the good link, once");
        let name = path.display();
        assert_eq!(
            listed.skipped,
            [
                format!("{name}: line 2: not an http or https link: htps://b.example/rss"),
                format!("{name}: line 3: not a link: b.example/feed"),
                format!("{name}: line 4: not a link that can be read (empty host): http://"),
                format!("{name}: line 5: file: links are not followed (only http and https)"),
            ]
        );
        // Only entries that are not links: each said, and nothing to fetch.
        std::fs::write(&path, "example.org/rss\n").unwrap();
        let listed = read(&path).unwrap();
        assert!(listed.links.is_empty());
        assert_eq!(listed.skipped.len(), 1);
        // Nothing listed at all is an error.
        std::fs::write(&path, "# nothing yet\n").unwrap();
        assert!(
            read(&path)
                .unwrap_err()
                .ends_with("lists no http or https link")
        );
    }
}
