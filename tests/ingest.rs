//! Files of every kind through the real loader and `briefly extract`.

use std::process::Command;

use briefly::ingest::{self, Source};

fn extract(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .arg("extract")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PAGE: &str = r#"<!doctype html><html><head><title>Quay vote | Harbour Gazette</title>
<meta property="og:title" content="Council backs quay repairs">
<meta name="author" content="Mira Osei"><meta property="article:published_time" content="2026-03-14T09:30:00Z">
</head><body><nav><a href="/">Home</a><a href="/news">News</a></nav><article>
<h1>Council backs quay repairs</h1>
<p>The harbour council voted on Monday to repair the north quay before the winter storms.</p>
<figure><img src="q.jpg"><figcaption>The north quay at low tide.</figcaption></figure>
<p>Repairs will cost about 2.1 million and start in May, the council said.</p></article>
<footer><p>Copyright The Harbour Gazette. All rights reserved in every land and sea.</p></footer></body></html>"#;

#[test]
fn extract_prints_the_title_a_blank_line_and_the_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quay.html");
    std::fs::write(&path, PAGE).unwrap();
    let (code, out, _) = extract(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Council backs quay repairs\n\n\
         The harbour council voted on Monday to repair the north quay before the winter storms.\n\n\
         Repairs will cost about 2.1 million and start in May, the council said.\n",
        "one newline at the end, no blank line"
    );
    let (code, out, _) = extract(&["--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Council backs quay repairs");
    assert_eq!(v["byline"], "Mira Osei");
    assert_eq!(v["published"], "2026-03-14T09:30:00Z");
    assert_eq!(
        v["captions"],
        serde_json::json!(["The north quay at low tide."])
    );
    assert_eq!(
        v["body"],
        "The harbour council voted on Monday to repair the north quay before the winter storms.\n\n\
         Repairs will cost about 2.1 million and start in May, the council said."
    );
}

#[test]
fn extract_reports_bad_files_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("tool.txt");
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 300));
    std::fs::write(&bin, bytes).unwrap();
    let (code, out, err) = extract(&[bin.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(out.is_empty());
    assert_eq!(
        err.trim(),
        format!(
            "briefly: {}: looks like a binary file, not text",
            bin.display()
        )
    );
    let (code, _, err) = extract(&["/nonexistent/x.html"]);
    assert_eq!(
        (code, err.trim()),
        (2, "briefly: /nonexistent/x.html: no such file")
    );
}

#[test]
fn legacy_encodings_and_crlf_and_tabs_read_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252, CRLF line ends, a tab: "Café prices in Besançon rise by €2".
    let text = b"Caf\xe9 prices in Besan\xe7on rise again\r\n\r\nThe caf\xe9 owners said\tprices would rise by \x802 next month, after the fa\xe7ade repairs.\r\n";
    let path = dir.path().join("cafe.txt");
    std::fs::write(&path, text).unwrap();
    let a = ingest::load(&Source::file(&path)).unwrap();
    assert_eq!(a.title, "Caf\u{e9} prices in Besan\u{e7}on rise again");
    let body: Vec<&str> = a.body().map(|p| p.text.as_str()).collect();
    assert!(
        body[0].contains("said    prices would rise by \u{20ac}2")
            || body[0].contains("said prices would rise by \u{20ac}2"),
        "{body:?}"
    );
    assert!(!body.iter().any(|p| p.contains('\r')));
    assert!(a.notice.unwrap().contains("windows-1252"));
}

#[test]
fn a_huge_file_is_cut_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let line =
        "The tide tables for the whole year were printed again, page after page of numbers.\n";
    let big = line.repeat((ingest::MAX_BYTES as usize / line.len()) + 1000);
    std::fs::write(&path, big).unwrap();
    let a = ingest::load(&Source::file(&path)).unwrap();
    assert!(a.notice.unwrap().contains("only the first 32 MiB"));
    assert!(!a.paragraphs.is_empty());
}

#[test]
fn a_page_and_a_feed_say_which_publication_they_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("quay.html");
    std::fs::write(
        &page,
        "<html><head><title>Quay repairs approved</title>\
         <meta property=\"og:site_name\" content=\"Harbour \u{1b}[2JDaily\">\
         <link rel=\"canonical\" href=\"https://harbour-daily.example/quay\"></head>\
         <body><article><h1>Quay repairs approved</h1>\
         <p>The harbour council voted on Monday to repair the north quay before the storms.</p>\
         <p>Work starts in May and should end before the autumn ferries run again.</p>\
         </article></body></html>",
    )
    .unwrap();
    let (code, out, _) = extract(&["--format", "json", page.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["site"], "Harbour Daily", "named, and no escape kept: {v}");
    assert_eq!(v["link"], "https://harbour-daily.example/quay");

    let feed = dir.path().join("news.rss");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ferry Gazette</title>\
         <item><title>Fares frozen</title><link>https://ferry.example/fares</link>\
         <description>Ferry fares stay as they are until June, the operator said.</description>\
         </item></channel></rss>",
    )
    .unwrap();
    let (code, out, _) = extract(&["--format", "json", feed.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["site"], "Ferry Gazette", "{v}");
}
