//! A page's metadata: title, publication date and byline, from Open Graph and other meta
//! tags, schema.org JSON-LD, and the markup (h1, <time>, rel=author) when those are missing.

use html5ever::local_name;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::blocks::squeeze;
use super::names::attr;

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub body: Option<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors here are valid CSS")
}

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    doc.select(&selector(css)).next()
}

/// One `<meta>` tag with content: the names it goes by and its content.
struct MetaTag<'a> {
    /// `property`, `name` and `itemprop`.
    names: [Option<&'a str>; 3],
    content: &'a str,
}

/// A page's meta tags with content, in the order `select` gives them, gathered once for all
/// the look-ups (each was a walk of the whole page).
pub struct Metas<'a> {
    doc: &'a Html,
    tags: Vec<MetaTag<'a>>,
}

impl<'a> Metas<'a> {
    pub fn new(doc: &'a Html) -> Metas<'a> {
        let tags = doc
            .select(&selector("meta[content]"))
            .map(|m| {
                let e = m.value();
                MetaTag {
                    names: [
                        attr(e, &local_name!("property")),
                        attr(e, &local_name!("name")),
                        attr(e, &local_name!("itemprop")),
                    ],
                    content: attr(e, &local_name!("content")).unwrap_or(""),
                }
            })
            .collect();
        Metas { doc, tags }
    }

    /// The first non-empty `content` of a meta tag with one of these names.
    pub fn get(&self, names: &[&str]) -> Option<String> {
        for name in names {
            for m in &self.tags {
                let named = m
                    .names
                    .iter()
                    .any(|v| v.is_some_and(|v| v.eq_ignore_ascii_case(name)));
                if named {
                    let content = squeeze(m.content);
                    if !content.is_empty() {
                        return Some(content);
                    }
                }
            }
        }
        None
    }
}

pub fn linked_data(doc: &Html) -> LinkedData {
    let mut ld = LinkedData::default();
    for script in doc.select(&selector("script[type=\"application/ld+json\"]")) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            visit(&value, &mut ld, 0);
        }
    }
    ld
}

/// Walks JSON-LD (objects, arrays, @graph) and keeps the first article fields found.
fn visit(v: &Value, ld: &mut LinkedData, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit(i, ld, depth + 1)),
        Value::Object(map) => {
            if map.contains_key("headline") || map.contains_key("articleBody") {
                let text = |k: &str| map.get(k).and_then(Value::as_str).map(squeeze);
                ld.headline = ld.headline.take().or_else(|| text("headline"));
                ld.published = ld.published.take().or_else(|| text("datePublished"));
                ld.body = ld.body.take().or_else(|| text("articleBody"));
                ld.author = ld
                    .author
                    .take()
                    .or_else(|| map.get("author").and_then(author_names));
                ld.publisher = ld
                    .publisher
                    .take()
                    .or_else(|| map.get("publisher").and_then(author_names));
            }
            if let Some(graph) = map.get("@graph") {
                visit(graph, ld, depth + 1);
            }
        }
        _ => {}
    }
}

fn author_names(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => vec![squeeze(s)],
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .map(squeeze)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().filter_map(author_names).collect(),
        _ => vec![],
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

pub fn title(metas: &Metas, ld: &LinkedData) -> String {
    let doc = metas.doc;
    let page = select_first(doc, "title").map(|t| squeeze(&t.text().collect::<String>()));
    let h1 = select_first(doc, "h1")
        .map(|h| squeeze(&h.text().collect::<String>()))
        // An unclosed <h1> swallows the paragraphs after it; that is no headline.
        .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 30)
        .filter(|t| !page.as_deref().is_some_and(|page| masthead(t, page)));
    let candidate = metas
        .get(&["og:title", "twitter:title"])
        .or_else(|| ld.headline.clone())
        .or(h1)
        .or(page)
        .unwrap_or_default();
    without_site_name(&candidate)
}

/// Whether an `<h1>` is the site's name (a masthead) rather than the article's headline: a
/// few words that share none with a page title of several (which names the article).
fn masthead(h1: &str, page: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect()
    };
    let page = without_site_name(page);
    h1.split_whitespace().count() <= 4
        && page.split_whitespace().count() >= 5
        && words(h1).is_disjoint(&words(&page))
}

/// "Quay vote backed | The Harbour Gazette" -> "Quay vote backed": the last part after a
/// separator is the site's name when it is shorter than what comes before.
/// At most this many parts are taken off (a title of a million " | x" stays linear).
fn without_site_name(title: &str) -> String {
    let mut title = title;
    'strip: for _ in 0..8 {
        for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " « ", " » "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                let head_words = head.split_whitespace().count();
                let tail_words = tail.split_whitespace().count();
                if head_words >= 3 && tail_words <= 4 && tail_words < head_words {
                    title = head.trim();
                    continue 'strip;
                }
            }
        }
        break;
    }
    title.to_string()
}

pub fn published(metas: &Metas, ld: &LinkedData) -> Option<String> {
    metas
        .get(&["article:published_time"])
        .or_else(|| ld.published.clone())
        .or_else(|| {
            metas.get(&[
                "datePublished",
                "pubdate",
                "publishdate",
                "dc.date.issued",
                "dc.date",
                "date",
            ])
        })
        .or_else(|| {
            select_first(metas.doc, "time[datetime]")
                .and_then(|t| t.value().attr("datetime"))
                .map(squeeze)
                .filter(|d| !d.is_empty())
        })
}

pub fn byline(metas: &Metas, ld: &LinkedData) -> Option<String> {
    let is_name = |s: &String| !s.is_empty() && !s.contains("://") && s.len() < 200;
    metas
        .get(&["author", "dc.creator"])
        .filter(is_name)
        .or_else(|| ld.author.clone().filter(is_name))
        .or_else(|| metas.get(&["article:author"]).filter(is_name))
        .or_else(|| {
            ["[rel=author]", "[itemprop=author]", ".byline", ".author"]
                .iter()
                .find_map(|css| select_first(metas.doc, css))
                .map(|el| squeeze(&el.text().collect::<String>()))
                .filter(is_name)
        })
        .map(|s| s.strip_prefix("By ").unwrap_or(&s).trim().to_string())
}

/// The name the site gives itself: `og:site_name`, `application-name`, the JSON-LD publisher.
pub fn site(metas: &Metas, ld: &LinkedData) -> Option<String> {
    metas
        .get(&["og:site_name", "application-name"])
        .or_else(|| ld.publisher.clone())
        .filter(|s| !s.is_empty() && s.chars().count() <= 80)
}

/// The page's own address: its canonical link, else `og:url`; only an absolute http(s) one.
pub fn own_link(metas: &Metas) -> Option<String> {
    let canonical = select_first(metas.doc, "link[rel=\"canonical\"][href]")
        .and_then(|l| l.value().attr("href"))
        .map(squeeze);
    canonical
        .into_iter()
        .chain(metas.get(&["og:url"]))
        .find(|u| {
            let lower = u.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://")) && u.len() <= 2048
        })
}
