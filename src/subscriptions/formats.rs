//! The three shapes of briefing file, read into links with the line each is on.

use quick_xml::events::Event;

use super::Subscription;

/// The line (from 1) that byte `at` of `text` is on.
fn line_at(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// newsboat's `urls`: a link, then tags; `#` starts a comment; `query:`, `exec:` and
/// `filter:` lines (newsboat's own feeds) are not links, and not mistakes either.
pub(super) fn newsboat_links(text: &str) -> Vec<(Subscription, usize)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (l.trim(), i + 1))
        .filter(|(l, _)| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|(l, n)| Some((l.split_whitespace().next()?, n)))
        .map(|(url, n)| (url.trim_matches('"'), n))
        .filter(|(url, _)| {
            let lower = url.to_ascii_lowercase();
            !["query:", "exec:", "filter:"]
                .iter()
                .any(|p| lower.starts_with(p))
        })
        .map(|(url, n)| {
            let sub = Subscription {
                url: url.to_string(),
                feed: true,
                full_text: false,
            };
            (sub, n)
        })
        .collect()
}

/// The links are kept with where they are in the file, to name the line of one that is not
/// a link.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BriefingToml {
    #[serde(default)]
    feeds: Vec<toml::Spanned<String>>,
    #[serde(default)]
    pages: Vec<toml::Spanned<String>>,
    /// `[[feed]]` tables: a feed with options.
    #[serde(default)]
    feed: Vec<FeedTable>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedTable {
    url: toml::Spanned<String>,
    #[serde(default)]
    full_text: bool,
}

pub(super) fn toml_links(text: &str) -> Result<Vec<(Subscription, usize)>, String> {
    let file: BriefingToml =
        toml::from_str(text).map_err(|e| crate::config::toml_problem(text, &e))?;
    let entry = |url: toml::Spanned<String>, feed: bool, full_text: bool| {
        let line = line_at(text, url.span().start);
        let sub = Subscription {
            url: url.into_inner(),
            feed,
            full_text,
        };
        (sub, line)
    };
    let feeds = file.feeds.into_iter().map(|url| entry(url, true, false));
    let tables = file
        .feed
        .into_iter()
        .map(|f| entry(f.url, true, f.full_text));
    let pages = file.pages.into_iter().map(|url| entry(url, false, false));
    Ok(feeds.chain(tables).chain(pages).collect())
}

pub(super) fn opml_links(text: &str) -> Result<Vec<(Subscription, usize)>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        // Where the event starts, for the line of an outline whose link is not one.
        let at = reader.buffer_position() as usize;
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
                let line = line_at(text, at);
                out.extend(url.map(|url| {
                    let sub = Subscription {
                        url,
                        feed: true,
                        full_text: false,
                    };
                    (sub, line)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(found: Vec<(Subscription, usize)>) -> Vec<(String, usize)> {
        found.into_iter().map(|(s, line)| (s.url, line)).collect()
    }

    #[test]
    fn newsboat_lines_give_their_links_with_their_lines() {
        let text = "# my feeds\nhttps://a.example/rss news \"~Local\"\n\n  http://b.example/atom.xml\nquery:unread:unread = \"yes\"\nfile:///etc/passwd\n";
        assert_eq!(
            urls(newsboat_links(text)),
            [
                ("https://a.example/rss".to_string(), 2),
                ("http://b.example/atom.xml".to_string(), 4),
                ("file:///etc/passwd".to_string(), 6),
            ]
        );
    }

    #[test]
    fn opml_outlines_give_their_feed_links() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></outline>
            <outline text="B" xmlURL="http://b.example/feed"/></body></opml>"#;
        assert_eq!(
            urls(opml_links(text).unwrap()),
            [
                ("https://a.example/rss?x=1&y=2".to_string(), 2),
                ("http://b.example/feed".to_string(), 3),
            ]
        );
        assert!(opml_links("<opml><body><outline xmlUrl='x'></opml").is_err());
    }

    #[test]
    fn briefing_toml_names_feeds_and_pages() {
        let links = toml_links(
            "feeds = [\"https://a.example/rss\"]\npages = [\n  \"https://b.example/story\",\n]\n",
        )
        .unwrap();
        assert_eq!(links.len(), 2);
        assert!(links[0].0.feed && !links[1].0.feed);
        assert_eq!((links[0].1, links[1].1), (1, 3));
        let e = toml_links("feeds = [\"a\"]\nfeed = 1\n").unwrap_err();
        assert!(e.starts_with("line 2: "), "{e}");
    }
}
