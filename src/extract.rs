//! Articles as text and JSON for other programs (`briefly extract`). Pure functions.

use serde_json::json;

use crate::ingest::Article;

/// The title, a blank line, then the paragraphs separated by blank lines (captions left out),
/// ending with one newline (no blank line after the last paragraph).
pub fn article_text(article: &Article) -> String {
    let mut out = String::new();
    out.push_str(&article.title);
    out.push('\n');
    for p in article.body() {
        out.push('\n');
        out.push_str(&p.text);
        out.push('\n');
    }
    out
}

/// Several articles (a feed's entries) as text: each as [`article_text`], two blank lines
/// between them, one newline at the end.
pub fn articles_text<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    articles
        .into_iter()
        .map(article_text)
        .collect::<Vec<_>>()
        .join("\n\n")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Paragraph;

    fn article(title: &str, body: &[&str]) -> Article {
        Article {
            title: title.into(),
            paragraphs: body.iter().map(|t| Paragraph::body(*t)).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn text_ends_with_exactly_one_newline() {
        let a = article("Quay vote", &["First.", "Second."]);
        assert_eq!(article_text(&a), "Quay vote\n\nFirst.\n\nSecond.\n");
        let b = article("Ferry", &["Late."]);
        assert_eq!(
            articles_text([&a, &b]),
            "Quay vote\n\nFirst.\n\nSecond.\n\n\nFerry\n\nLate.\n"
        );
    }
}
