//! RSS 2.0, Atom and JSON Feed files (feed-rs): each entry is an article with its title, link,
//! date and author. HTML content goes through the HTML extractor; an entry with only a summary
//! shows the summary and its link.

use feed_rs::model::Entry;

use super::{Article, Paragraph, html};
use crate::sanitize::{sanitize, sanitize_line};

fn parse(bytes: &[u8]) -> Result<feed_rs::model::Feed, String> {
    feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed briefly can read ({e})"))
}

pub fn entry_count(bytes: &[u8]) -> Result<usize, String> {
    Ok(parse(bytes)?.entries.len())
}

/// Every entry of the feed as an article, in the feed's order; each entry of the parsed feed
/// is let go as soon as it is converted.
pub fn articles(bytes: &[u8]) -> Result<Vec<Article>, String> {
    let feed = parse(bytes)?;
    let feed_title = feed.title.as_ref().map(|t| t.content.clone());
    Ok(feed
        .entries
        .into_iter()
        .map(|e| article(e, feed_title.clone()))
        .collect())
}

/// The feed's entry number `index` as an article.
pub fn entry(bytes: &[u8], index: usize) -> Result<Article, String> {
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
    let byline = (!authors.is_empty())
        .then(|| authors.join(", "))
        .or(feed_title);

    let content = entry.content.as_ref().and_then(|c| c.body.clone());
    let mut paragraphs = match content {
        Some(body) => blocks(&body),
        None => Vec::new(),
    };
    if paragraphs.is_empty() {
        // Summary only: the summary, then where to read the rest.
        if let Some(summary) = &entry.summary {
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

    #[test]
    fn not_a_feed_says_so() {
        assert!(
            entry_count(b"<notes><n>1</n></notes>")
                .unwrap_err()
                .contains("not a feed")
        );
    }
}
