//! Briefing files (newsboat's urls, OPML, briefing.toml) against a server on 127.0.0.1: their
//! feeds' entries and pages are the briefing, `briefly fetch` fetches and keeps them with one
//! line per link, a listed feed that is not one says so, and only http(s) links are followed.

#[path = "support/http.rs"]
mod http;

use std::path::Path;
use std::process::{Command, Output};

use http::{Reply, serve};

fn feed(title: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(t, d)| format!("<item><title>{t}</title><description>{d}</description></item>"))
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{items}</channel></rss>"
    )
}

fn briefly(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .env("BRIEFLY_DATA_DIR", data)
        .env("BRIEFLY_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn server() -> String {
    serve(vec![
        (
            "/harbour.rss",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "Pellwick Harbour News",
                    &[
                        (
                            "Quay reopens",
                            "Mara Quayle reopened the quay at Pellwick on Tuesday after a winter of repairs.",
                        ),
                        (
                            "Crane moved",
                            "The old crane at Pellwick harbour was moved to the north pier on Wednesday.",
                        ),
                    ],
                ),
            ),
        ),
        (
            "/council.rss",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "Council",
                    &[(
                        "Budget agreed",
                        "Councillors agreed the budget for the coming year on Thursday evening at Pellwick.",
                    )],
                ),
            ),
        ),
        (
            "/story.html",
            Reply::ok(
                "text/html",
                "<html><head><title>Orchard festival</title></head><body><article><p>The orchard festival at Pellwick drew a record crowd on Saturday, the organisers said.</p></article></body></html>",
            ),
        ),
    ])
}

#[test]
fn a_newsboat_urls_file_is_a_briefing_of_its_feeds() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let urls = data.path().join("urls");
    std::fs::write(
        &urls,
        format!(
            "# feeds\n{base}/harbour.rss local \"~Harbour\"\n{base}/council.rss\n{base}/story.html\n{base}/gone.rss\nfile:///etc/passwd\n"
        ),
    )
    .unwrap();
    let out = briefly(
        &["search", urls.to_str().unwrap(), "--", "pellwick"],
        data.path(),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    // The page listed as a feed, and the missing feed: one line each.
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{base}/story.html: not a feed (text/html)")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{base}/gone.rss: HTTP 404 Not Found")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("passwd") && !stdout.contains("root:"),
        "file: is never read"
    );
}

#[test]
fn fetch_keeps_every_link_with_a_line_each() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let opml = data.path().join("news.opml");
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Local\"><outline type=\"rss\" text=\"Harbour\" xmlUrl=\"{base}/harbour.rss\"/><outline xmlUrl=\"{base}/nothing.rss\"/></outline></body></opml>"
        ),
    )
    .unwrap();
    let out = briefly(&["fetch", opml.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    // One line per link as it is done, counted in the order they finish.
    assert!(
        stderr.contains(&format!("] {base}/harbour.rss: 2 entries")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("] {base}/nothing.rss: HTTP 404")),
        "{stderr}"
    );
    assert!(
        stderr.contains("[1/2]") && stderr.contains("[2/2]"),
        "{stderr}"
    );
    let kept = std::fs::read_dir(data.path().join("web")).unwrap().count();
    assert_eq!(kept, 1, "the page that came is kept");
    // Not a briefing file; no such file.
    let plain = data.path().join("notes.txt");
    std::fs::write(&plain, "Title\n\nText.\n").unwrap();
    assert_eq!(
        briefly(&["fetch", plain.to_str().unwrap()], data.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        briefly(&["fetch", "missing.opml"], data.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_briefing_toml_names_feeds_and_pages_and_its_mistakes() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let toml = data.path().join("briefing.toml");
    std::fs::write(
        &toml,
        format!("feeds = [\"{base}/council.rss\"]\npages = [\"{base}/story.html\"]\n"),
    )
    .unwrap();
    let out = briefly(&["entities", toml.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Pellwick"));
    std::fs::write(&toml, "feeds = \"not a list\"\n").unwrap();
    let out = briefly(&["entities", toml.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("briefing.toml: line 1"), "{stderr}");
}

#[test]
fn a_feed_marked_full_text_reads_each_entrys_page() {
    let story = serve(vec![(
        "/story.html",
        Reply::ok(
            "text/html",
            "<html><head><title>Orchard festival</title></head><body><article><p>The orchard festival at Pellwick drew a record crowd on Saturday, the organisers said.</p></article></body></html>",
        ),
    )]);
    let feeds = serve(vec![(
        "/linked.rss",
        Reply::ok(
            "application/rss+xml",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Linked</title><item><title>Festival</title><link>{story}/story.html</link><description>A festival in the orchard.</description></item></channel></rss>"
            ),
        ),
    )]);
    let feed_url = format!("{feeds}/linked.rss");
    // Without full_text the entry is its summary.
    let data = tempfile::tempdir().unwrap();
    let plain = data.path().join("plain.briefing.toml");
    std::fs::write(&plain, format!("feeds = [\"{feed_url}\"]\n")).unwrap();
    let summary = briefly(
        &["search", plain.to_str().unwrap(), "--", "record crowd"],
        data.path(),
    );
    assert_eq!(summary.status.code(), Some(1), "{}", text(&summary.stderr));
    // With it, the page behind the entry's link.
    let data = tempfile::tempdir().unwrap();
    let toml = data.path().join("news.briefing.toml");
    std::fs::write(
        &toml,
        format!("[[feed]]\nurl = \"{feed_url}\"\nfull_text = true\n"),
    )
    .unwrap();
    let full = briefly(
        &["search", toml.to_str().unwrap(), "--", "record crowd"],
        data.path(),
    );
    assert_eq!(full.status.code(), Some(0), "{}", text(&full.stderr));
    assert!(text(&full.stdout).contains("drew a record crowd"));
}

#[test]
fn extract_and_fetch_say_what_a_briefing_file_and_a_link_are_for() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("urls");
    std::fs::write(&file, "http://127.0.0.1:9/feed\n").unwrap();
    let out = briefly(&["extract", file.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a briefing file"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let out = briefly(&["fetch", "http://127.0.0.1:9/feed"], data.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("fetch takes a briefing file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn fetch_names_each_line_that_is_not_a_link_and_fetches_the_rest() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let urls = data.path().join("urls");
    std::fs::write(
        &urls,
        format!("# feeds\n{base}/harbour.rss\nharbour.example/rss\n\nhtps://council.example/rss\n{base}/council.rss\n"),
    )
    .unwrap();
    let out = briefly(&["fetch", urls.to_str().unwrap()], data.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let name = urls.display();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert_eq!(
        lines[..2],
        [
            format!("briefly: {name}: line 3: not a link: harbour.example/rss"),
            format!(
                "briefly: {name}: line 5: not an http or https link: htps://council.example/rss"
            ),
        ]
    );
    assert!(
        stderr.contains(&format!("] {base}/harbour.rss: 2 entries"))
            && stderr.contains(&format!("] {base}/council.rss: 1 entry")),
        "{stderr}"
    );
    // No line a link: each said, nothing fetched, exit 1 (the content is the problem).
    std::fs::write(&urls, "harbour.example/rss\nftp://council.example/rss\n").unwrap();
    let out = briefly(&["fetch", urls.to_str().unwrap()], data.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    assert!(
        stderr.contains("line 1: not a link")
            && stderr.contains("line 2: not an http or https link")
            && stderr.contains(&format!("{name}: lists no http or https link")),
        "{stderr}"
    );
}
