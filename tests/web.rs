//! Links on the command line, against a server the test starts on 127.0.0.1: a page reads as
//! the same bytes saved to a file would, feeds give their entries, and every failure (404,
//! redirect loop, timeout, refused connection, unknown host, too big) is one line naming the
//! link, exit 1 when nothing could be read, the rest still read. Pages are the project's own.

#[path = "support/http.rs"]
mod http;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use http::{Reply, serve, serve_logged};

const PAGE: &str = "<!doctype html><html><head><title>Ferry timetable changes at Pellwick</title></head>\
<body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Ferry timetable changes at Pellwick</h1>\
<p>The morning ferry from Pellwick will leave twenty minutes earlier from Monday, the harbour board said.</p>\
<p>Councillor Mara Quayle said the change followed months of complaints from commuters who missed the first train.</p>\
<p>The evening service is unchanged, and the board will review the timetable again in the autumn.</p>\
</article><footer>Copyright Pellwick Gazette</footer></body></html>";

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pellwick Gazette</title>\
<item><title>Orchard festival opens</title><link>http://127.0.0.1:1/orchard</link>\
<description>The orchard festival opened on Saturday with cider, music and a parade of tractors through the square.</description></item>\
<item><title>Bridge fund vote delayed</title><link>http://127.0.0.1:1/bridge</link>\
<description>Councillors postponed the vote on the bridge fund until the engineers report in May.</description></item>\
</channel></rss>";

fn briefly(args: &[&str], data: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefly"));
    cmd.args(args)
        .env("BRIEFLY_DATA_DIR", data)
        .env("BRIEFLY_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn server() -> String {
    serve(vec![
        ("/page.html", Reply::ok("text/html; charset=utf-8", PAGE)),
        (
            "/moved",
            Reply::status("301 Moved Permanently").header("Location", "/page.html"),
        ),
        ("/loop", Reply::status("302 Found").header("Location", "/loop")),
        (
            "/tofile",
            Reply::status("302 Found").header("Location", "file:///etc/passwd"),
        ),
        ("/gone", Reply::status("410 Gone")),
        ("/broken", Reply::status("503 Service Unavailable")),
        (
            "/gz",
            Reply::ok("text/html", gzip(PAGE.as_bytes())).header("Content-Encoding", "gzip"),
        ),
        (
            "/latin1",
            Reply::ok(
                "text/html; charset=iso-8859-1",
                b"<html><head><meta charset=utf-8><title>Caf\xe9 reopens</title></head><body><article><p>The harbour caf\xe9 reopened on Friday after a winter of repairs to its roof and kitchen, the owner said.</p></article></body></html>".to_vec(),
            ),
        ),
        ("/feed", Reply::ok("application/rss+xml", FEED)),
        (
            "/slow",
            Reply::ok("text/html", PAGE).after(Duration::from_secs(5)),
        ),
        (
            "/hostile",
            Reply::ok(
                "text/html",
                "<html><head><title>Tide \u{1b}]52;c;aGk=\u{7}tables\u{1b}[2J</title></head><body><article><p>High water at Pellwick is at noon \u{1b}[31mtoday\u{1b}[0m and at half past midnight tonight, the harbour master said.</p></article></body></html>",
            ),
        ),
    ])
}

#[test]
fn a_page_reads_as_the_same_bytes_saved_to_a_file() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let url = format!("{base}/page.html");
    let web = briefly(&["extract", &url], data.path(), &[]);
    assert_eq!(web.status.code(), Some(0), "{}", text(&web.stderr));
    assert_eq!(text(&web.stderr), "", "no progress lines");
    let saved = data.path().join("page.html");
    std::fs::write(&saved, PAGE).unwrap();
    let file = briefly(&["extract", saved.to_str().unwrap()], data.path(), &[]);
    assert_eq!(text(&web.stdout), text(&file.stdout));
    assert!(text(&web.stdout).contains("Councillor Mara Quayle"));
    assert!(!text(&web.stdout).contains("Copyright"));
    // Redirected and gzipped, the same article.
    for path in ["/moved", "/gz"] {
        let out = briefly(&["extract", &format!("{base}{path}")], data.path(), &[]);
        assert_eq!(text(&out.stdout), text(&file.stdout), "{path}");
    }
    // JSON names the page's link.
    let json = briefly(&["extract", "--format", "json", &url], data.path(), &[]);
    assert!(text(&json.stdout).contains(&url), "{}", text(&json.stdout));
}

#[test]
fn the_servers_charset_wins_over_the_page() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let out = briefly(&["extract", &format!("{base}/latin1")], data.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("harbour caf\u{e9} reopened"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_feed_link_gives_each_entry() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let out = briefly(&["extract", &format!("{base}/feed")], data.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Orchard festival opens") && stdout.contains("Bridge fund vote delayed")
    );
}

#[test]
fn each_failure_is_one_line_naming_the_link() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let cases = [
        (format!("{base}/gone"), "HTTP 410 Gone"),
        (format!("{base}/broken"), "HTTP 503 Service Unavailable"),
        (format!("{base}/nowhere"), "HTTP 404 Not Found"),
        (format!("{base}/loop"), "redirects"),
        (
            format!("{base}/tofile"),
            "redirected to file:///etc/passwd: only http and https links are followed",
        ),
        (format!("{base}/slow"), "timed out"),
        (format!("http://127.0.0.1:{closed}/"), "connection refused"),
        ("http://pellwick.invalid/".to_string(), "no such host"),
    ];
    for (url, problem) in cases {
        let out = briefly(
            &["extract", &url],
            data.path(),
            &[("BRIEFLY_HTTP_TIMEOUT", "1")],
        );
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{url}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with(&format!("briefly: {url}: ")), "{stderr}");
        assert!(stderr.contains(problem), "{url}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_failing_link_among_good_sources_leaves_the_rest() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("notes.txt");
    std::fs::write(
        &file,
        "Quay repairs\n\nMara Quayle opened the repaired quay at Pellwick on Tuesday.\n",
    )
    .unwrap();
    let gone = format!("{base}/gone");
    let page = format!("{base}/page.html");
    let out = briefly(
        &["entities", file.to_str().unwrap(), &gone, &page],
        data.path(),
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr).trim(),
        format!("briefly: {gone}: HTTP 410 Gone")
    );
    assert!(text(&out.stdout).contains("Mara Quayle"));
    // A proxy in the environment is never used for the machine itself.
    let proxied = briefly(
        &["extract", &page],
        data.path(),
        &[
            ("HTTP_PROXY", "http://127.0.0.1:9"),
            ("http_proxy", "http://127.0.0.1:9"),
        ],
    );
    assert_eq!(proxied.status.code(), Some(0), "{}", text(&proxied.stderr));
}

#[test]
fn page_text_cannot_reach_the_terminal_with_escapes() {
    let base = server();
    let data = tempfile::tempdir().unwrap();
    let url = format!("{base}/hostile");
    for args in [vec!["extract", &url], vec!["entities", &url]] {
        let out = briefly(&args, data.path(), &[]);
        assert!(
            !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
            "{args:?}"
        );
        assert!(!out.stdout.contains(&0x07));
    }
    // A link's own escapes are not written back either.
    let odd = format!("{base}/\u{1b}[2Jx");
    let out = briefly(&["extract", &odd], data.path(), &[]);
    assert!(!out.stderr.contains(&0x1b), "{}", text(&out.stderr));
}

#[test]
fn other_schemes_are_paths_not_links() {
    let data = tempfile::tempdir().unwrap();
    let out = briefly(&["extract", "file:///etc/passwd"], data.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no such file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn pages_are_kept_asked_for_again_conditionally_and_read_offline() {
    let (base, log) = serve_logged(vec![
        (
            "/tagged",
            Reply::ok("text/html", PAGE).header("ETag", "\"v1\""),
        ),
        ("/once", Reply::ok("text/html", PAGE).once()),
    ]);
    let data = tempfile::tempdir().unwrap();
    let tagged = format!("{base}/tagged");
    let first = briefly(&["extract", &tagged], data.path(), &[]);
    let second = briefly(&["extract", &tagged], data.path(), &[]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert_eq!(text(&second.stdout), text(&first.stdout));
    assert_eq!(text(&second.stderr), "");
    let heads = log.lock().unwrap().clone();
    assert!(
        heads
            .iter()
            .any(|h| h.to_ascii_lowercase().contains("if-none-match: \"v1\"")),
        "{heads:?}"
    );
    assert!(
        heads.iter().all(|h| h.contains("briefly/")),
        "a user agent naming briefly"
    );
    // The server goes down: the kept copy is read, and the reader is told.
    let once = format!("{base}/once");
    let up = briefly(&["extract", &once], data.path(), &[]);
    let down = briefly(&["extract", &once], data.path(), &[]);
    assert_eq!(down.status.code(), Some(0), "{}", text(&down.stderr));
    assert_eq!(text(&down.stdout), text(&up.stdout));
    let stderr = text(&down.stderr);
    assert!(
        stderr.contains("HTTP 503 Service Unavailable: showing the copy fetched"),
        "{stderr}"
    );
    // With nothing kept (another data folder), the failure is the answer.
    let other = tempfile::tempdir().unwrap();
    let fresh = briefly(&["extract", &once], other.path(), &[]);
    assert_eq!(fresh.status.code(), Some(1));
}

#[test]
fn the_reader_does_not_open_when_no_link_could_be_read() {
    let data = tempfile::tempdir().unwrap();
    let out = briefly(&["http://pellwick.invalid/"], data.path(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "briefly: http://pellwick.invalid/: cannot find the server (no such host)"
    );
}
