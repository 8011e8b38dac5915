//! Hostile and odd pages: nothing crashes or hangs, and the text is still there. The scale
//! cases are `#[ignore]`d and print their times (`cargo test --release --test hostile_ingest --
//! --ignored --nocapture`); no test asserts a time.

use std::time::Instant;

use briefly::ingest::{self, Article, Format};

const LONG: &str = "The ferry board met on Tuesday, and it agreed to keep the winter timetable.";

fn html(page: &str) -> Article {
    ingest::article_from_bytes(page.as_bytes(), Format::Html).unwrap()
}

fn has(a: &Article, text: &str) -> bool {
    a.paragraphs.iter().any(|p| p.text.contains(text))
}

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!(
        "<html><body>{}<p>{LONG}</p>{}</body></html>",
        open.repeat(depth),
        close.repeat(depth)
    )
}

#[test]
fn fifty_thousand_nested_divs_are_read() {
    // Used to overflow the stack (the walk recursed once per level) after seconds of
    // quadratic parsing.
    let a = html(&nested("<div>", "</div>", 50_000));
    assert!(has(&a, LONG), "{:?}", a.paragraphs);
}

#[test]
fn deep_tables_lists_and_sections_are_read() {
    for (open, close) in [
        ("<table><tr><td>", "</td></tr></table>"),
        ("<section><article>", "</article></section>"),
        ("<blockquote>", "</blockquote>"),
        ("<span><div>", "</div></span>"),
    ] {
        let a = html(&nested(open, close, 20_000));
        assert!(has(&a, LONG), "{open}: {:?}", a.paragraphs);
    }
}

#[test]
fn thousands_of_unclosed_formatting_tags_keep_the_text() {
    for open in ["<b>", "<a href=x>", "<i><b><u>", "<font size=2>"] {
        let page = format!(
            "<html><body><p>Start of the page.</p>{}<p>{LONG}</p></body></html>",
            open.repeat(50_000)
        );
        let a = html(&page);
        assert!(has(&a, LONG), "{open}: {:?}", a.paragraphs);
    }
}

#[test]
fn distinct_formatting_tags_reopened_in_every_paragraph_stay_bounded() {
    // 500 distinct unclosed <b>s are rebuilt in each new paragraph: 500 elements per "<p>x".
    let mut page = String::from("<html><body><p>");
    for i in 0..500 {
        page.push_str(&format!("<b id=b{i}>"));
    }
    page.push_str("</p>");
    page.push_str(&"<p>Word.</p>".repeat(20_000));
    page.push_str(&format!("<p>{LONG}</p></body></html>"));
    let a = html(&page);
    assert!(has(&a, LONG));
}

#[test]
fn text_after_deep_markup_closes_is_still_structured() {
    // Past the depth limit and back: the page's later paragraphs are ordinary paragraphs.
    let page = format!(
        "<html><body>{}x{}<article><p>{LONG}</p><p>{LONG} Again.</p></article></body></html>",
        "<div>".repeat(5_000),
        "</div>".repeat(5_000)
    );
    let a = html(&page);
    let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.contains(&LONG), "{texts:?}");
    assert!(
        texts.contains(&format!("{LONG} Again.").as_str()),
        "{texts:?}"
    );
}

#[test]
fn a_tag_with_many_attributes_is_read() {
    let attrs: String = (0..20_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    let page = format!("<html><body><div{attrs}><p{attrs}>{LONG}</p></div></body></html>");
    let a = html(&page);
    assert!(has(&a, LONG));
}

#[test]
fn deep_html_in_a_feed_entry_is_read() {
    let content = format!(
        "{}<p>{LONG}</p>{}",
        "<div>".repeat(30_000),
        "</div>".repeat(30_000)
    );
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Deep",
        "items": [{"id": "1", "title": "Deep entry", "content_html": content}],
    });
    let a = ingest::article_from_bytes(json.to_string().as_bytes(), Format::Feed).unwrap();
    assert!(has(&a, LONG), "{:?}", a.paragraphs);
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><item>\
         <title>Deep entry</title><description>{}</description></item></channel></rss>",
        content.replace('<', "&lt;").replace('>', "&gt;")
    );
    let a = ingest::article_from_bytes(rss.as_bytes(), Format::Feed).unwrap();
    assert!(has(&a, LONG), "{:?}", a.paragraphs);
}

#[test]
fn deep_json_and_xml_in_feeds_are_answered() {
    let json = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": \
         [{{\"id\": \"1\", \"title\": \"x\", \"content_text\": \"{LONG}\", \"_deep\": {}{}}}]}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    // Refused with a reason or read; never a crash.
    if let Ok(a) = ingest::article_from_bytes(json.as_bytes(), Format::Feed) {
        assert!(has(&a, LONG));
    }
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>x</title>\
         <description>{LONG}</description><deep>{}{}</deep></item></channel></rss>",
        "<x>".repeat(50_000),
        "</x>".repeat(50_000)
    );
    if let Ok(a) = ingest::article_from_bytes(xml.as_bytes(), Format::Feed) {
        assert!(has(&a, LONG));
    }
}

fn timed(label: &str, page: &str) {
    let t = Instant::now();
    let a = html(page);
    println!(
        "{label:<40} {:>6.1} MB {:>8.3} s {} paragraphs",
        page.len() as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        a.paragraphs.len()
    );
}

#[test]
#[ignore = "scale: prints times at 1x and 10x"]
fn scale_hostile_pages() {
    for n in [50_000, 500_000] {
        timed(&format!("nested divs x{n}"), &nested("<div>", "</div>", n));
        timed(
            &format!("nested tables x{}", n / 10),
            &nested("<table><tr><td>", "</td></tr></table>", n / 10),
        );
        timed(
            &format!("unclosed <b> x{n}"),
            &format!("<p>x</p>{}<p>{LONG}</p>", "<b>".repeat(n)),
        );
        timed(
            &format!("unclosed <a> x{n}"),
            &format!("<p>x</p>{}<p>{LONG}</p>", "<a href=x>".repeat(n)),
        );
        let attrs: String = (0..n * 2).map(|i| format!(" a{i}={i}")).collect();
        timed(
            &format!("one tag, {} attributes", n * 2),
            &format!("<p{attrs}>{LONG}</p>"),
        );
        let tag: String = (0..1000).map(|i| format!(" a{i}={i}")).collect();
        timed(
            &format!("{} tags of 1000 attributes", n / 500),
            &format!("<span{tag}>w </span>").repeat(n / 500),
        );
        timed(
            &format!("{} <div></div> siblings", n * 2),
            &format!("<div>{}<p>{LONG}</p></div>", "<div></div>".repeat(n * 2)),
        );
        timed(
            &format!("{} <div></div> at depth 250", n / 5),
            &format!(
                "{}{}<p>{LONG}</p>",
                "<div>".repeat(250),
                "<div></div>".repeat(n / 5)
            ),
        );
    }
}
