//! HTML pages to articles: main-content extraction on an HTML5 parser (html5ever, through
//! scraper). Metadata comes from the page's head and JSON-LD (`meta`); the body from the
//! container that readability-style paragraph votes pick (`score`), with chrome found by tag,
//! role, class names and link density left out (`dom`, `blocks`).

mod blocks;
mod dom;
mod furniture;
mod markup;
mod meta;
mod names;
mod parse;
mod score;
mod sink;
mod tags;

use scraper::Html;

use super::{Extracted, Paragraph, ParagraphKind};
use blocks::Walk;
use dom::{ChromeNames, Page};

/// Below this many characters of body text, a pass is retried with fewer rules: the rules
/// that trim chrome have probably cut into the article.
const ENOUGH_TEXT: usize = 500;

/// A short article found while still leaving out comments and share bars beats a longer text
/// found by ignoring class names, which is too often the comment thread.
const SHORT_ARTICLE: usize = 150;

/// Extracts the article from a whole page.
pub fn extract(html: &str) -> Extracted {
    let doc = parse::document(html);
    let ld = meta::linked_data(&doc);
    let metas = meta::Metas::new(&doc);
    let title = meta::title(&metas, &ld);
    let mut paragraphs = body(&doc);
    furniture::drop_furniture(&mut paragraphs);
    // The headline is shown above the text; it is not repeated in it.
    if paragraphs
        .first()
        .is_some_and(|p| same_text(&p.text, &title))
    {
        paragraphs.remove(0);
    }
    // A heading with nothing under it heads something that was left out.
    while paragraphs
        .last()
        .is_some_and(|p| p.kind == ParagraphKind::Heading)
    {
        paragraphs.pop();
    }
    Extracted {
        published: meta::published(&metas, &ld),
        byline: meta::byline(&metas, &ld),
        site: meta::site(&metas, &ld),
        link: meta::own_link(&metas),
        title,
        paragraphs,
    }
}

/// Every block of text in an HTML fragment (a feed entry's content), in order.
pub fn fragment(html: &str) -> Vec<Paragraph> {
    let doc = parse::fragment(html);
    let page = Page::new(&doc, ChromeNames::Ignored);
    let walk = Walk {
        page: &page,
        scores: None,
        weigh_classes: false,
    };
    let mut paragraphs = Vec::new();
    walk.root(doc.root_element(), &mut paragraphs);
    paragraphs
}

/// The article's paragraphs: strict rules first, then looser ones when they leave too little.
fn body(doc: &Html) -> Vec<Paragraph> {
    let mut best: Vec<Paragraph> = Vec::new();
    let passes = [
        (ChromeNames::All, true),
        (ChromeNames::Strong, true),
        (ChromeNames::Ignored, false),
        (ChromeNames::Nothing, false),
    ];
    for (names, weigh_classes) in passes {
        if matches!(names, ChromeNames::Ignored | ChromeNames::Nothing)
            && text_len(&best) >= SHORT_ARTICLE
        {
            break;
        }
        let page = Page::new(doc, names);
        let found = match score::choose(&page, weigh_classes) {
            Some(choice) => {
                let walk = Walk {
                    page: &page,
                    scores: Some(&choice.scores),
                    weigh_classes,
                };
                let mut out = Vec::new();
                if std::env::var_os("BRIEFLY_DEBUG_BLOCKS").is_some() {
                    debug_blocks(doc, &choice.blocks, names);
                }
                for id in &choice.blocks {
                    if let Some(el) = doc.tree.get(*id).and_then(scraper::ElementRef::wrap) {
                        walk.root(el, &mut out);
                    }
                }
                out
            }
            None => Vec::new(),
        };
        if text_len(&found) >= ENOUGH_TEXT {
            return found;
        }
        if text_len(&found) > text_len(&best) {
            best = found;
        }
    }
    best
}

/// Prints where each chosen block sits (BRIEFLY_DEBUG_BLOCKS set): its tags and classes
/// from the top of the page.
fn debug_blocks(doc: &Html, blocks: &[ego_tree::NodeId], names: ChromeNames) {
    for id in blocks {
        let Some(node) = doc.tree.get(*id) else {
            continue;
        };
        let mut path: Vec<String> = std::iter::once(node)
            .chain(node.ancestors())
            .filter_map(scraper::ElementRef::wrap)
            .map(|e| {
                let v = e.value();
                format!(
                    "{}.{}",
                    v.name(),
                    v.attr("class").unwrap_or("").replace(' ', ".")
                )
            })
            .collect();
        path.reverse();
        // Class names are the page's text: never raw to the terminal.
        let line =
            crate::sanitize::sanitize_line(&format!("block ({names:?}): {}", path.join(" > ")));
        eprintln!("{line}");
    }
}

fn text_len(paragraphs: &[Paragraph]) -> usize {
    paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.len())
        .sum()
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masthead_in_an_h1_is_not_the_headline() {
        let page = |h1: &str| {
            format!(
                "<html><head><title>Council backs quay repairs before the storms - Harbour Gazette</title></head>\
                 <body><a href=\"/\"><h1>{h1}</h1></a><article><p>The harbour council voted on Monday \
                 to repair the north quay before the winter storms, and work starts in May.</p></article></body></html>"
            )
        };
        assert_eq!(
            extract(&page("Harbour Gazette")).title,
            "Council backs quay repairs before the storms"
        );
        // A headline sharing words with the page's title is kept, shorter as it may be.
        assert_eq!(
            extract(&page("Quay repairs backed")).title,
            "Quay repairs backed"
        );
    }

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
