//! HTML pages to articles: main-content extraction on an HTML5 parser (html5ever, through
//! scraper). Metadata from the page's head; the body from the element whose paragraphs hold
//! the most text, with navigation, asides, footers, scripts and forms left out.

use scraper::{ElementRef, Html, Node, Selector};

use super::{Extracted, Paragraph, ParagraphKind};

/// Elements that never hold article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "aside", "footer", "form", "button", "select", "svg",
    "iframe", "template", "header",
];

/// Extracts the article from a whole page.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let body_root = best_container(&doc).unwrap_or(root);
    let mut paragraphs = Vec::new();
    collect_blocks(body_root, &mut paragraphs);
    let title = title(&doc).unwrap_or_default();
    // The headline is shown above the text; it is not repeated in it.
    if paragraphs.first().is_some_and(|p| p.text == title) {
        paragraphs.remove(0);
    }
    Extracted {
        title,
        published: meta(
            &doc,
            &["article:published_time", "datePublished", "pubdate", "date"],
        )
        .or_else(|| {
            select_first(&doc, "time[datetime]")
                .and_then(|t| t.value().attr("datetime").map(str::to_string))
        }),
        byline: meta(&doc, &["author", "article:author"]),
        paragraphs,
    }
}

/// Every block of text in an HTML fragment (a feed entry's content), in order.
pub fn fragment(html: &str) -> Vec<Paragraph> {
    let doc = Html::parse_fragment(html);
    let mut paragraphs = Vec::new();
    collect_blocks(doc.root_element(), &mut paragraphs);
    paragraphs
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors here are valid CSS")
}

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    doc.select(&selector(css)).next()
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    for name in names {
        for attr in ["property", "name", "itemprop"] {
            let css = format!("meta[{attr}=\"{name}\"]");
            if let Some(content) = select_first(doc, &css).and_then(|m| m.value().attr("content")) {
                let content = squeeze(content);
                if !content.is_empty() {
                    return Some(content);
                }
            }
        }
    }
    None
}

fn title(doc: &Html) -> Option<String> {
    meta(doc, &["og:title", "twitter:title"])
        .or_else(|| {
            select_first(doc, "h1")
                .map(|h| squeeze(&text_of(h)))
                .filter(|t| !t.is_empty())
        })
        .or_else(|| select_first(doc, "title").map(|t| squeeze(&text_of(t))))
}

/// The element holding the article: the one whose direct paragraphs carry the most text.
fn best_container(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scores: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    for p in doc.select(&selector("p")) {
        if inside_skipped(p) {
            continue;
        }
        let len = squeeze(&text_of(p)).len();
        if len < 25 {
            continue;
        }
        if let Some(parent) = p.parent().and_then(ElementRef::wrap) {
            match scores.iter_mut().find(|(id, _)| *id == parent.id()) {
                Some(s) => s.1 += len,
                None => scores.push((parent.id(), len)),
            }
        }
    }
    let (id, _) = scores.into_iter().max_by_key(|s| s.1)?;
    doc.tree.get(id).and_then(ElementRef::wrap)
}

fn inside_skipped(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| SKIPPED.contains(&a.value().name()))
}

/// Walks `el` in document order, turning block elements into paragraphs.
fn collect_blocks(el: ElementRef, out: &mut Vec<Paragraph>) {
    let name = el.value().name();
    if SKIPPED.contains(&name) {
        return;
    }
    let kind = match name {
        "p" | "li" | "blockquote" | "pre" | "dd" | "dt" => Some(ParagraphKind::Body),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Heading),
        "figcaption" => Some(ParagraphKind::Caption),
        _ => None,
    };
    if let Some(kind) = kind
        && !has_block_child(el)
    {
        let text = squeeze(&text_of(el));
        if !text.is_empty() {
            out.push(Paragraph { kind, text });
        }
        return;
    }
    for child in el.children() {
        if let Some(child) = ElementRef::wrap(child) {
            collect_blocks(child, out);
        } else if let Node::Text(t) = child.value() {
            // Loose text directly inside a container (common in old pages) is a paragraph.
            let text = squeeze(t);
            if text.len() > 40 && kind.is_none() {
                out.push(Paragraph::body(text));
            }
        }
    }
}

fn has_block_child(el: ElementRef) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        matches!(
            c.value().name(),
            "p" | "div"
                | "ul"
                | "ol"
                | "li"
                | "blockquote"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "figure"
                | "table"
                | "section"
        )
    })
}

fn text_of(el: ElementRef) -> String {
    let mut s = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(t)
                if !node
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| matches!(a.value().name(), "script" | "style" | "noscript")) =>
            {
                s.push_str(t);
            }
            Node::Element(e) if e.name() == "br" => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Collapses runs of white space to one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_article_and_leaves_the_page_chrome() {
        let page = r#"<!doctype html><html><head><title>Quay vote | The Harbour Gazette</title>
            <meta property="og:title" content="Council backs quay repairs">
            <meta name="author" content="Mira Osei">
            <meta property="article:published_time" content="2026-03-14T09:30:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Council backs quay repairs</h1>
            <p>The harbour council voted on Monday to repair the north quay before the winter storms.</p>
            <figure><img src="q.jpg"><figcaption>The north quay at low tide.</figcaption></figure>
            <p>Repairs will cost about 2.1 million and start in May, the council said.</p>
            <h2>What comes next</h2><p>Contractors will be chosen by an open tender this spring.</p></article>
            <aside><p>Most read: a long list of other stories that are not this article at all.</p></aside>
            <footer><p>Copyright The Harbour Gazette, all rights reserved in every land.</p></footer>
            <script>var x = "not text";</script></body></html>"#;
        let e = extract(page);
        assert_eq!(e.title, "Council backs quay repairs");
        assert_eq!(e.byline.as_deref(), Some("Mira Osei"));
        assert_eq!(e.published.as_deref(), Some("2026-03-14T09:30:00Z"));
        let texts: Vec<(&str, ParagraphKind)> = e
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.kind))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "The harbour council voted on Monday to repair the north quay before the winter storms.",
                    ParagraphKind::Body
                ),
                ("The north quay at low tide.", ParagraphKind::Caption),
                (
                    "Repairs will cost about 2.1 million and start in May, the council said.",
                    ParagraphKind::Body
                ),
                ("What comes next", ParagraphKind::Heading),
                (
                    "Contractors will be chosen by an open tender this spring.",
                    ParagraphKind::Body
                ),
            ]
        );
    }

    #[test]
    fn broken_html_still_gives_text() {
        let e = extract(
            "<html><body><div><p>Unclosed paragraph about the ferry strike that ended today<p>Second one <b>bold",
        );
        assert!(e.paragraphs.iter().any(|p| p.text.contains("ferry strike")));
    }
}
