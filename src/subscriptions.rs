//! Briefing files: lists of feeds and pages to read from the web. Three shapes are known, by
//! name or content:
//! - newsboat's `urls` file (named `urls`): one link a line, tags after it, `#` comments;
//! - OPML (named `*.opml`, or beginning with `<opml`): every `outline` with an `xmlUrl`;
//! - `briefing.toml` (or `*.briefing.toml`): `feeds = ["…"]` and `pages = ["…"]`.
//!
//! Each feed's entries and each page become the briefing's articles, fetched (and kept for
//! reading offline) when it opens or on `briefly fetch FILE`.

use std::path::Path;

use quick_xml::events::Event;

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

/// The links a briefing file lists, in order, each once; only http and https links (a file
/// cannot make briefly read another file). A mistake names the file and, where known, the line.
pub fn read(path: &Path) -> Result<Vec<Subscription>, String> {
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
    let links: Vec<Subscription> = found
        .into_iter()
        .filter(|s| crate::web::is_url(&s.url))
        .filter(|s| seen.insert(s.url.clone()))
        .collect();
    if links.is_empty() {
        return Err(format!("{name}: lists no http or https link"));
    }
    Ok(links)
}

/// newsboat's `urls`: a link, then tags; `#` starts a comment; `query:` and `exec:` lines
/// (newsboat's own) are not links.
fn newsboat_links(text: &str) -> Vec<Subscription> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .map(|url| Subscription {
            url: url.trim_matches('"').to_string(),
            feed: true,
            full_text: false,
        })
        .collect()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BriefingToml {
    #[serde(default)]
    feeds: Vec<String>,
    #[serde(default)]
    pages: Vec<String>,
    /// `[[feed]]` tables: a feed with options.
    #[serde(default)]
    feed: Vec<FeedTable>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedTable {
    url: String,
    #[serde(default)]
    full_text: bool,
}

fn toml_links(text: &str) -> Result<Vec<Subscription>, String> {
    let file: BriefingToml =
        toml::from_str(text).map_err(|e| crate::config::toml_problem(text, &e))?;
    let feeds = file.feeds.into_iter().map(|url| Subscription {
        url,
        feed: true,
        full_text: false,
    });
    let tables = file.feed.into_iter().map(|f| Subscription {
        url: f.url,
        feed: true,
        full_text: f.full_text,
    });
    let pages = file.pages.into_iter().map(|url| Subscription {
        url,
        feed: false,
        full_text: false,
    });
    Ok(feeds.chain(tables).chain(pages).collect())
}

fn opml_links(text: &str) -> Result<Vec<Subscription>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref().eq_ignore_ascii_case("outline") =>
            {
                let url = e.attributes().flatten().find_map(|a| {
                    a.key
                        .local_name()
                        .as_ref()
                        .eq_ignore_ascii_case("xmlurl")
                        .then(|| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.trim().to_string())
                        })
                        .flatten()
                });
                out.extend(url.map(|url| Subscription {
                    url,
                    feed: true,
                    full_text: false,
                }));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "not OPML that can be read (at byte {}: {e})",
                    reader.buffer_position()
                ));
            }
        }
    }
    Ok(out)
}

/// `briefly fetch FILE`: fetches every link of a briefing file now, keeping each page for
/// reading offline, one line on standard error per link as it comes. Exit 0 when some link
/// could be read, 1 when none could, 2 when FILE is not a briefing file.
pub fn run_fetch(path: &Path) -> std::process::ExitCode {
    use crate::output::say;
    use std::process::ExitCode;
    let name = crate::sanitize::sanitize_line(&path.display().to_string());
    if crate::web::is_url_path(path) {
        say(&format!(
            "{name}: fetch takes a briefing file (urls, *.opml, briefing.toml); a link opens with `briefly LINK`"
        ));
        return ExitCode::from(2);
    }
    if !path.is_file() {
        say(&format!("{name}: no such file"));
        return ExitCode::from(2);
    }
    if !is_briefing_file(path) {
        say(&format!(
            "{name}: not a briefing file (newsboat's urls, *.opml, briefing.toml)"
        ));
        return ExitCode::from(2);
    }
    let links = match read(path) {
        Ok(links) => links,
        Err(problem) => {
            say(&crate::sanitize::sanitize_line(&problem));
            return ExitCode::FAILURE;
        }
    };
    if crate::config::data_dir().is_none() {
        say("no data folder: the pages are fetched but not kept (set BRIEFLY_DATA_DIR)");
    }
    let total = links.len();
    let mut read_any = false;
    let mut done = 0;
    crate::web::four_at_a_time(&links, Subscription::sources, |i, sources| {
        let sub = &links[i];
        done += 1;
        let url = crate::sanitize::sanitize_line(&sub.url);
        let outcome = match sources.first() {
            Some(crate::ingest::Source::Web { page, .. }) => match page.as_ref() {
                Ok(p) => {
                    read_any = true;
                    let what = match sources.len() {
                        1 if !sub.feed => "a page".to_string(),
                        1 => "1 entry".to_string(),
                        n => format!("{n} entries"),
                    };
                    match &p.notice {
                        Some(n) => format!("{what}; {}", crate::sanitize::sanitize_line(n)),
                        None => what,
                    }
                }
                Err(problem) => crate::sanitize::sanitize_line(problem),
            },
            _ => "nothing read".into(),
        };
        say(&format!("[{done}/{total}] {url}: {outcome}"));
    });
    if read_any {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_lines_give_their_links() {
        let text = "# my feeds\nhttps://a.example/rss news \"~Local\"\n\n  http://b.example/atom.xml\nquery:unread:unread = \"yes\"\nfile:///etc/passwd\n";
        let links: Vec<String> = newsboat_links(text).into_iter().map(|s| s.url).collect();
        assert_eq!(
            links[..2],
            ["https://a.example/rss", "http://b.example/atom.xml"]
        );
    }

    #[test]
    fn opml_outlines_give_their_feed_links() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></outline>
            <outline text="B" xmlURL="http://b.example/feed"/></body></opml>"#;
        let links: Vec<String> = opml_links(text)
            .unwrap()
            .into_iter()
            .map(|s| s.url)
            .collect();
        assert_eq!(
            links,
            ["https://a.example/rss?x=1&y=2", "http://b.example/feed"]
        );
        assert!(opml_links("<opml><body><outline xmlUrl='x'></opml").is_err());
    }

    #[test]
    fn briefing_toml_names_feeds_and_pages() {
        let links = toml_links(
            "feeds = [\"https://a.example/rss\"]\npages = [\"https://b.example/story\"]\n",
        )
        .unwrap();
        assert_eq!(links.len(), 2);
        assert!(links[0].feed && !links[1].feed);
        let e = toml_links("feeds = [\"a\"]\nfeed = 1\n").unwrap_err();
        assert!(e.starts_with("line 2: "), "{e}");
    }
}
