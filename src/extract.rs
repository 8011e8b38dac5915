//! Articles as text and JSON for other programs (`briefly extract`). Pure functions.

use serde_json::json;

use crate::ingest::Article;

/// The title, a blank line, then the paragraphs separated by blank lines (captions left out).
pub fn article_text(article: &Article) -> String {
    let mut out = String::new();
    out.push_str(&article.title);
    out.push_str("\n\n");
    for p in article.body() {
        out.push_str(&p.text);
        out.push_str("\n\n");
    }
    out
}

/// `{"title", "published", "byline", "captions", "body"}`, with `body` as one string whose
/// paragraphs are separated by blank lines, `site` and `link` when known, and `notice` when
/// the file was cut, empty or odd.
pub fn article_json(article: &Article) -> serde_json::Value {
    let body: Vec<&str> = article.body().map(|p| p.text.as_str()).collect();
    let captions: Vec<&str> = article.captions().map(|p| p.text.as_str()).collect();
    let mut value = json!({
        "title": article.title,
        "published": article.published,
        "byline": article.byline,
        "captions": captions,
        "body": body.join("\n\n"),
    });
    if let Some(notice) = &article.notice {
        value["notice"] = json!(notice);
    }
    if let Some(site) = &article.site {
        value["site"] = json!(site);
    }
    if let Some(link) = &article.link {
        value["link"] = json!(link);
    }
    value
}
