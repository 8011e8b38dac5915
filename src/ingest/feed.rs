//! RSS 2.0, Atom and JSON Feed files (feed-rs): each entry is an article with its title, link,
//! date and author. HTML content goes through the HTML extractor; an entry with only a summary
//! shows the summary and its link.

use feed_rs::model::Entry;

use super::{Article, Paragraph, feed_markup, feed_split, html};
use crate::sanitize::{sanitize, sanitize_line};

/// Parses a feed, its raw HTML escaped first (`feed_markup`): the parser would drop it.
fn parse(bytes: &[u8]) -> Result<feed_rs::model::Feed, String> {
    feed_rs::parser::parse(&*feed_markup::escape_raw_html(bytes))
        .map_err(|e| format!("not a feed briefly can read ({e})"))
}

/// Entries are parsed this many at a time.
const BATCH: usize = 500;

pub fn entry_count(bytes: &[u8]) -> Result<usize, String> {
    match feed_split::split(bytes) {
        Some(split) if !split.items.is_empty() => Ok(split.items.len()),
        _ => Ok(parse(bytes)?.entries.len()),
    }
}

/// A name for each entry that stays when the feed changes, in the feed's order: its id (or
/// guid), else its link, else its title; None for an entry with none of them, or when the
/// feed cannot be read. A refresh finds an entry again by it, wherever the entry moved.
pub fn entry_ids(bytes: &[u8]) -> Vec<Option<String>> {
    let Some(split) = feed_split::split(bytes).filter(|s| !s.items.is_empty()) else {
        return ids_of(bytes).unwrap_or_default();
    };
    let n = split.items.len();
    let mut out = Vec::with_capacity(n);
    for start in (0..n).step_by(BATCH) {
        let end = (start + BATCH).min(n);
        match ids_of(&split.document(start..end)) {
            Some(ids) if ids.len() == end - start => out.extend(ids),
            _ => out.extend((start..end).map(|i| {
                ids_of(&split.document(i..i + 1)).and_then(|ids| ids.into_iter().next().flatten())
            })),
        }
    }
    out
}

/// The names [`entry_ids`] gives the entries of one (small) feed document.
fn ids_of(doc: &[u8]) -> Option<Vec<Option<String>>> {
    // No made-up ids: the parser's last resort is a random one, which names nothing.
    let feed = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(&*feed_markup::escape_raw_html(doc))
        .ok()?;
    let named = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    Some(
        feed.entries
            .iter()
            .map(|e| {
                named(&e.id)
                    .or_else(|| e.links.first().and_then(|l| named(&l.href)))
                    .or_else(|| e.title.as_ref().and_then(|t| named(&t.content)))
            })
            .collect(),
    )
}

/// Every entry of the feed as an article, in the feed's order. The feed is parsed a few
/// entries at a time (a parsed entry weighs far more than its article), and each is let go
/// as soon as it is converted.
pub fn articles(bytes: &[u8]) -> Result<Vec<Result<Article, String>>, String> {
    let Some(split) = feed_split::split(bytes).filter(|s| !s.items.is_empty()) else {
        let feed = parse(bytes)?;
        let feed_title = feed.title.as_ref().map(|t| t.content.clone());
        return Ok(feed
            .entries
            .into_iter()
            .map(|e| Ok(article(e, feed_title.clone())))
            .collect());
    };
    let n = split.items.len();
    let mut out = Vec::with_capacity(n);
    for start in (0..n).step_by(BATCH) {
        let end = (start + BATCH).min(n);
        match parse(&split.document(start..end)) {
            Ok(feed) if feed.entries.len() == end - start => {
                let feed_title = feed.title.as_ref().map(|t| t.content.clone());
                out.extend(
                    feed.entries
                        .into_iter()
                        .map(|e| Ok(article(e, feed_title.clone()))),
                );
            }
            // One entry spoils its batch, or the parser skipped one: entry by entry, so that
            // each keeps its number.
            _ => out.extend((start..end).map(|i| one(&split, i))),
        }
    }
    Ok(out)
}

fn one(split: &feed_split::Split, index: usize) -> Result<Article, String> {
    let feed = parse(&split.document(index..index + 1))?;
    let feed_title = feed.title.as_ref().map(|t| t.content.clone());
    let entry = feed
        .entries
        .into_iter()
        .next()
        .ok_or_else(|| format!("entry {} of the feed cannot be read", index + 1))?;
    Ok(article(entry, feed_title))
}

/// Entry number `index` of a feed already split into its entries.
pub fn entry_of(split: &feed_split::Split, index: usize) -> Result<Article, String> {
    if index >= split.items.len() {
        return Err(format!("the feed has no entry {}", index + 1));
    }
    one(split, index)
}

/// The feed's entry number `index` as an article.
pub fn entry(bytes: &[u8], index: usize) -> Result<Article, String> {
    if let Some(split) = feed_split::split(bytes).filter(|s| !s.items.is_empty()) {
        return entry_of(&split, index);
    }
    let feed = parse(bytes)?;
    let feed_title = feed.title.as_ref().map(|t| t.content.clone());
    let entry = feed
        .entries
        .into_iter()
        .nth(index)
        .ok_or_else(|| format!("the feed has no entry {}", index + 1))?;
    Ok(article(entry, feed_title))
}

fn article(entry: Entry, feed_title: Option<String>) -> Article {
    let link = entry.links.first().map(|l| l.href.clone());
    let title = entry
        .title
        .as_ref()
        .map(|t| {
            text_of(
                &t.content,
                t.content_type.essence().to_string().contains("html"),
            )
        })
        .unwrap_or_default();
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string());
    let mut authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref())
        .map(sanitize_line)
        .filter(|n| !n.is_empty())
        .collect();
    authors.dedup();
    let site = feed_title
        .map(|t| sanitize_line(&t))
        .filter(|t| !t.is_empty());
    let byline = (!authors.is_empty())
        .then(|| authors.join(", "))
        .or_else(|| site.clone());

    let content = entry.content.as_ref().and_then(|c| c.body.clone());
    let mut paragraphs = match content {
        Some(body) => blocks(&body),
        None => Vec::new(),
    };
    if paragraphs.is_empty() {
        // Summary only: the summary (or a media description, all that video and podcast
        // feeds give), then where to read the rest.
        let summary = entry
            .summary
            .as_ref()
            .or_else(|| entry.media.iter().find_map(|m| m.description.as_ref()));
        if let Some(summary) = summary {
            paragraphs = blocks(&summary.content);
        }
        if let Some(link) = &link {
            paragraphs.push(Paragraph::body(format!("Full article: {link}")));
        }
    }
    Article {
        title,
        published,
        byline,
        site,
        link,
        paragraphs,
        notice: None,
    }
}

/// HTML (or plain text) content to paragraphs.
fn blocks(content: &str) -> Vec<Paragraph> {
    if content.contains('<') {
        html::fragment(content)
    } else {
        sanitize(content)
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .map(Paragraph::body)
            .collect()
    }
}

fn text_of(content: &str, is_html: bool) -> String {
    if is_html || content.contains('<') {
        html::fragment(content)
            .into_iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        content.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
        <item><title>Quay repairs approved</title><link>https://example.org/quay</link>
        <pubDate>Sat, 14 Mar 2026 09:30:00 GMT</pubDate><author>desk@example.org (Mira Osei)</author>
        <description>&lt;p&gt;The council voted to repair the north quay.&lt;/p&gt;&lt;p&gt;Work starts in May.&lt;/p&gt;</description></item>
        <item><title>Ferry fares frozen</title><link>https://example.org/ferry</link>
        <description>Fares stay the same until next year.</description></item>
        </channel></rss>"#;

    #[test]
    fn rss_entries_become_articles() {
        assert_eq!(entry_count(RSS.as_bytes()).unwrap(), 2);
        let a = entry(RSS.as_bytes(), 0).unwrap();
        assert_eq!(a.title, "Quay repairs approved");
        assert_eq!(a.link.as_deref(), Some("https://example.org/quay"));
        assert_eq!(a.published.as_deref(), Some("2026-03-14 09:30 UTC"));
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[..2],
            [
                "The council voted to repair the north quay.",
                "Work starts in May."
            ]
        );
        // A summary-only entry shows the summary and its link.
        let b = entry(RSS.as_bytes(), 1).unwrap();
        let texts: Vec<&str> = b.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Fares stay the same until next year.",
                "Full article: https://example.org/ferry"
            ]
        );
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>Canal Notes</title><id>urn:x</id><updated>2026-03-01T10:00:00Z</updated>
            <entry><title>Lock gates replaced</title><id>urn:1</id><updated>2026-03-01T10:00:00Z</updated>
            <author><name>Tomas Rey</name></author><link href="https://example.org/locks"/>
            <content type="html">&lt;p&gt;New gates were fitted at the upper lock.&lt;/p&gt;</content></entry></feed>"#;
        let a = entry(atom.as_bytes(), 0).unwrap();
        assert_eq!(
            (a.title.as_str(), a.byline.as_deref()),
            ("Lock gates replaced", Some("Tomas Rey"))
        );
        assert_eq!(
            a.paragraphs[0].text,
            "New gates were fitted at the upper lock."
        );
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Dock Log",
            "items": [{"id": "1", "title": "Crane inspection passed", "url": "https://example.org/crane",
            "content_html": "<p>The big crane passed its yearly inspection.</p>", "date_published": "2026-02-02T08:00:00Z"}]}"#;
        let a = entry(json.as_bytes(), 0).unwrap();
        assert_eq!(a.title, "Crane inspection passed");
        assert_eq!(
            a.paragraphs[0].text,
            "The big crane passed its yearly inspection."
        );
    }

    /// Every entry converted from one parse of the whole feed.
    fn whole(bytes: &[u8]) -> Vec<Article> {
        let feed = parse(bytes).unwrap();
        let title = feed.title.as_ref().map(|t| t.content.clone());
        feed.entries
            .into_iter()
            .map(|e| article(e, title.clone()))
            .collect()
    }

    #[test]
    fn entries_parsed_in_batches_match_the_whole_feed() {
        let items: String = (0..1200)
            .map(|i| {
                format!("<item><title>T{i}</title><description>Text {i}.</description></item>")
            })
            .collect();
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gazette</title>{items}</channel></rss>"
        );
        let json = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1", "title": "Log",
            "items": (0..700).map(|i| serde_json::json!({"id": i.to_string(), "title": format!("T{i}"),
                "content_html": format!("<p>Text {i}.</p>")})).collect::<Vec<_>>(),
        })
        .to_string();
        for feed in [RSS.to_string(), rss, json] {
            let batched: Vec<Article> = articles(feed.as_bytes())
                .unwrap()
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(batched, whole(feed.as_bytes()));
            assert_eq!(entry_count(feed.as_bytes()).unwrap(), batched.len());
            let last = batched.len() - 1;
            assert_eq!(entry(feed.as_bytes(), last).unwrap(), batched[last]);
        }
    }

    #[test]
    fn a_feed_cut_at_the_size_limit_keeps_its_whole_entries() {
        // What a feed larger than the limit looks like once read: cut in its second entry.
        let bytes = &RSS[..RSS.find("<item><title>Ferry").unwrap() + 40];
        assert_eq!(entry_count(bytes.as_bytes()).unwrap(), 1);
        let all = articles(bytes.as_bytes()).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].as_ref().unwrap().title, "Quay repairs approved");
    }

    #[test]
    fn a_bad_entry_keeps_its_number() {
        // The second entry's date is not a date feed-rs accepts in JSON: it fails alone.
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
            {"id": "1", "title": "One", "content_text": "First."},
            {"id": "2", "title": "Two", "content_text": 5},
            {"id": "3", "title": "Three", "content_text": "Third."}]}"#;
        let all = articles(json.as_bytes()).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].as_ref().unwrap().title, "One");
        assert!(all[1].is_err());
        assert_eq!(all[2].as_ref().unwrap().title, "Three");
    }

    #[test]
    fn not_a_feed_says_so() {
        assert!(
            entry_count(b"<notes><n>1</n></notes>")
                .unwrap_err()
                .contains("not a feed")
        );
    }

    #[test]
    fn entries_are_named_by_id_then_link_then_title() {
        let rss = r#"<rss version="2.0"><channel><title>Harbour</title>
        <item><guid>tag:harbour,1</guid><title>One</title><link>https://example.org/1</link></item>
        <item><title>Two</title><link>https://example.org/2</link></item>
        <item><title>Three</title></item>
        <item><description>Nothing else</description></item>
        </channel></rss>"#;
        let ids = entry_ids(rss.as_bytes());
        assert_eq!(
            ids,
            [
                Some("tag:harbour,1".to_string()),
                Some("https://example.org/2".to_string()),
                Some("Three".to_string()),
                None
            ]
        );
        assert!(entry_ids(b"not a feed").is_empty());
    }
}
