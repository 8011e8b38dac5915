//! Odd sources: gzip-compressed pages and feeds, pipes and devices in folders and on the
//! command line, escape sequences in HTML and feeds, and feeds loaded with one parse.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use briefly::ingest::{self, Article, Source};
use briefly::sanitize::is_unsafe;

const LONG: &str = "The ferry board met on Tuesday, and it agreed to keep the winter timetable.";

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Ferry board</title></head><body><article><p>{body}</p><p>{LONG}</p></article></body></html>"
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn has(a: &Article, text: &str) -> bool {
    a.paragraphs.iter().any(|p| p.text.contains(text))
}

/// Runs `f` on another thread and fails instead of hanging when it blocks.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("blocked: the call did not return")
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn gzip_pages_are_read_whatever_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let packed = gzip(page("A packed page.").as_bytes());
    for name in ["page.html", "page.html.gz", "page.gz", "page"] {
        let path = dir.path().join(name);
        fs::write(&path, &packed).unwrap();
        let a = ingest::load(&Source::file(&path)).unwrap();
        assert!(has(&a, LONG), "{name}: {:?}", a.paragraphs);
    }
}

#[test]
fn folders_open_compressed_pages_and_feeds() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html.gz"), gzip(page("x").as_bytes())).unwrap();
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
        <item><title>One</title><description>First entry text.</description></item>\
        <item><title>Two</title><description>Second entry text.</description></item>\
        </channel></rss>";
    fs::write(dir.path().join("b.rss.gz"), gzip(rss.as_bytes())).unwrap();
    fs::write(dir.path().join("c.tar.gz"), gzip(b"not opened")).unwrap();
    let sources = ingest::collect(&[dir.path().to_path_buf()]);
    let names: Vec<String> = sources.iter().map(Source::display_name).collect();
    assert_eq!(names, ["a.html.gz", "b.rss.gz #1", "b.rss.gz #2"]);
    let loaded = ingest::load_all(&sources);
    assert!(has(loaded[0].as_ref().unwrap(), LONG));
    assert_eq!(loaded[2].as_ref().unwrap().title, "Two");
}

#[test]
fn a_corrupt_gzip_file_gets_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = gzip(page("Corrupt.").as_bytes());
    let n = bad.len();
    for b in &mut bad[12..n - 8] {
        *b = !*b;
    }
    let path = dir.path().join("bad.html.gz");
    fs::write(&path, bad).unwrap();
    let err = ingest::load(&Source::file(&path)).unwrap_err().to_string();
    assert!(
        err.starts_with("bad.html.gz: is a gzip file that cannot be unpacked"),
        "{err}"
    );
    assert!(!err.contains('\n'));
}

#[test]
fn a_gzip_file_that_unpacks_past_the_limit_is_cut_with_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let line = "The tide tables were printed again, page after page of numbers.\n";
    let big = line.repeat(ingest::MAX_BYTES as usize / line.len() + 1000);
    let path = dir.path().join("tides.txt.gz");
    fs::write(&path, gzip(big.as_bytes())).unwrap();
    let a = ingest::load(&Source::file(&path)).unwrap();
    assert!(a.notice.unwrap().contains("only the first 32 MiB"));
}

#[test]
fn a_fifo_in_a_folder_is_listed_with_a_reason_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Ok\n\nText.\n").unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    mkfifo(&dir.path().join("feed.xml"));
    let root = dir.path().to_path_buf();
    let (names, results) = within(move || {
        let sources = ingest::collect(&[root]);
        let names: Vec<String> = sources.iter().map(Source::display_name).collect();
        let results: Vec<String> = ingest::load_all(&sources)
            .into_iter()
            .map(|r| match r {
                Ok(a) => a.title,
                Err(e) => e.to_string(),
            })
            .collect();
        (names, results)
    });
    assert_eq!(names, ["feed.xml", "ok.txt", "pipe.txt"]);
    assert_eq!(
        results,
        [
            "feed.xml: is a FIFO (named pipe), not a regular file; not opened in a folder",
            "Ok",
            "pipe.txt: is a FIFO (named pipe), not a regular file; not opened in a folder",
        ]
    );
}

#[test]
fn the_shell_can_tell_what_may_block() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.txt");
    fs::write(&small, "Small\n\nText.\n").unwrap();
    let packed = dir.path().join("packed.html");
    fs::write(&packed, gzip(b"<p>x</p>")).unwrap();
    let pipe = dir.path().join("pipe.txt");
    mkfifo(&pipe);
    let inline = within(move || {
        [small, packed, pipe, "/dev/zero".into()]
            .iter()
            .map(|p| ingest::read_inline_ok(&Source::file(p)))
            .collect::<Vec<_>>()
    });
    assert_eq!(inline, [true, false, false, false]);
}

#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("piped");
    mkfifo(&pipe);
    let writer_path = pipe.clone();
    let writer = std::thread::spawn(move || {
        fs::write(
            writer_path,
            "Piped headline\n\nThe text came through a pipe.\n",
        )
        .unwrap();
    });
    let a = within(move || ingest::load(&Source::file(&pipe))).unwrap();
    writer.join().unwrap();
    assert_eq!(a.title, "Piped headline");
    assert!(has(&a, "through a pipe"));
}

#[test]
fn devices_named_on_the_command_line() {
    let a = ingest::load(&Source::file("/dev/null")).unwrap();
    assert_eq!(a.notice.as_deref(), Some(briefly::ingest::EMPTY));
    let err = within(|| ingest::load(&Source::file("/dev/zero"))).unwrap_err();
    assert_eq!(err.to_string(), "zero: looks like a binary file, not text");
}

/// Every way a terminal can be told to do something, raw and as HTML character references.
const ESCAPES: &[(&str, &str)] = &[
    ("\x1b[31mred\x1b[0m", "&#27;[31mred&#x1b;[0m"),
    ("\x1b]0;window title\x07", "&#27;]0;window title&#7;"),
    (
        "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
        "&#27;]8;;https://evil.example/&#27;\\link",
    ),
    ("\x1b]52;c;SGVsbG8=\x07", "&#x1B;]52;c;SGVsbG8=&#x07;"),
    ("\x1bPq#0;2;0;0;0\x1b\\", "&#27;Pq#0;2;0;0;0&#27;\\"),
    ("\x1b_Gf=100;AAAA\x1b\\", "&#27;_Gf=100;AAAA&#27;\\"),
    ("\u{9b}31m\u{9d}0;t\u{9c}", "&#155;31m"),
    ("bell\x07", "bell&#7;"),
    (
        "\u{202e}desrever\u{202c} \u{2066}iso\u{2069}",
        "&#x202E;desrever&#x202C; &#x2066;",
    ),
];

fn assert_clean(a: &Article, what: &str) {
    let fields = [Some(&a.title), a.byline.as_ref(), a.published.as_ref()];
    let texts = fields
        .into_iter()
        .flatten()
        .chain(a.paragraphs.iter().map(|p| &p.text));
    for t in texts {
        assert!(
            !t.chars().any(|c| is_unsafe(c) && c != '\n'),
            "{what}: {t:?}"
        );
        // Removed whole, parameters and all (a link may show them percent-encoded).
        if !t.starts_with("Full article: ") {
            assert!(!t.contains("]52;") && !t.contains("]8;;"), "{what}: {t:?}");
        }
    }
    // A feed's link may come back percent-encoded; it holds no control either way.
    if let Some(link) = &a.link {
        assert!(!link.chars().any(is_unsafe), "{what}: {link:?}");
    }
}

fn feeds_with(text: &str, escaped: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "feed.rss",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T{escaped}</title><item>\
                 <title>Title {escaped}</title><link>https://example.org/{escaped}</link>\
                 <author>desk@example.org (Desk {escaped})</author>\
                 <description>&lt;p&gt;{escaped} {LONG}&lt;/p&gt;&lt;figure&gt;&lt;figcaption&gt;Cap {escaped}&lt;/figcaption&gt;&lt;/figure&gt;</description>\
                 </item><item><title>Plain</title><description>{escaped} plain text {LONG}</description></item></channel></rss>"
            ),
        ),
        (
            "feed.atom",
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
                 <title>T</title><id>urn:x</id><updated>2026-03-01T10:00:00Z</updated><entry>\
                 <title type=\"html\">Title {escaped}</title><id>urn:1</id><updated>2026-03-01T10:00:00Z</updated>\
                 <author><name>Name {escaped}</name></author><link href=\"https://example.org/{escaped}\"/>\
                 <content type=\"html\">&lt;p&gt;{escaped} {LONG}&lt;/p&gt;</content></entry></feed>"
            ),
        ),
        (
            "feed.json",
            serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": format!("T{text}"),
                "items": [{
                    "id": "1",
                    "title": format!("Title {text}"),
                    "url": format!("https://example.org/{text}"),
                    "authors": [{"name": format!("Name {text}")}],
                    "content_html": format!("<p>{text} {LONG}</p><p>{escaped}</p>"),
                }, {
                    "id": "2",
                    "title": "Plain",
                    "content_text": format!("{text} plain {LONG}"),
                }],
            })
            .to_string(),
        ),
    ]
}

#[test]
fn escape_sequences_never_survive_html_or_feeds() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (raw, escaped)) in ESCAPES.iter().enumerate() {
        let html = format!(
            "<!doctype html><html><head><title>T {escaped}</title>\
             <meta name=\"author\" content=\"Desk {raw}\">\
             <meta property=\"article:published_time\" content=\"2026 {raw}\"></head><body><article>\
             <h2>Head {raw}</h2><p>{raw} {LONG}</p><p>{escaped} {LONG}</p>\
             <figure><img src=x><figcaption>Cap {raw} {escaped}</figcaption></figure></article></body></html>"
        );
        let path = dir.path().join(format!("{i}.html"));
        fs::write(&path, html).unwrap();
        let a = ingest::load(&Source::file(&path)).unwrap();
        assert_clean(&a, &format!("html {raw:?}"));
        assert!(has(&a, LONG));
        // The raw bytes must be escaped for XML; JSON escapes them itself.
        let xml_safe: String = raw
            .chars()
            .map(|c| {
                if c.is_control() {
                    format!("&#{};", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        for (name, feed) in feeds_with(raw, &format!("{xml_safe} {escaped}")) {
            let path = dir.path().join(format!("{i}-{name}"));
            fs::write(&path, feed).unwrap();
            let sources = ingest::collect(&[path]);
            for result in ingest::load_all(&sources) {
                match result {
                    Ok(a) => assert_clean(&a, &format!("{name} {raw:?}")),
                    // A feed parser may refuse a control character; the reason is clean too.
                    Err(e) => assert!(!e.to_string().chars().any(is_unsafe), "{name}: {e}"),
                }
            }
        }
    }
}

#[test]
fn extract_prints_no_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("osc.html");
    fs::write(
        &path,
        page("Evil \x1b]52;c;SGVsbG8=\x07 and &#27;[2J cleared"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["extract", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Evil  and  cleared"), "{text}");
    assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
}

fn rss(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| {
            format!(
                "<item><title>Item {i}</title><link>https://example.org/{i}</link>\
                 <description>&lt;p&gt;Paragraph number {i} of the feed, with a few more words.&lt;/p&gt;</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>"
    )
}

fn json_feed(n: usize) -> String {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"id": i.to_string(), "title": format!("Item {i}"),
                "url": format!("https://example.org/{i}"),
                "content_html": format!("<p>Paragraph number {i} of the feed.</p>")})
        })
        .collect();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": items})
        .to_string()
}

#[test]
fn load_all_gives_what_load_gives_each_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.rss");
    fs::write(&path, rss(40)).unwrap();
    let sources = ingest::collect(&[path]);
    assert_eq!(sources.len(), 40);
    let all: Vec<Article> = ingest::load_all(&sources)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    for (s, a) in sources.iter().zip(&all) {
        assert_eq!(&ingest::load(s).unwrap(), a);
    }
    // A loader hands each entry over once; asked again, it reads the feed again.
    let mut loader = ingest::Loader::default();
    let first = loader.load(&sources[3]).unwrap();
    assert_eq!(loader.load(&sources[3]).unwrap(), first);
    assert_eq!(first.title, "Item 3");
}

#[test]
fn entries_loaded_one_by_one_follow_a_changed_feed() {
    // `load` keeps the feed it read last; a file changed since is read again.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changing.rss");
    fs::write(&path, rss(3)).unwrap();
    let sources = ingest::collect(std::slice::from_ref(&path));
    assert_eq!(ingest::load(&sources[2]).unwrap().title, "Item 2");
    fs::write(&path, rss(3).replace("Item 2", "Item two, corrected")).unwrap();
    assert_eq!(
        ingest::load(&sources[2]).unwrap().title,
        "Item two, corrected"
    );
    assert_eq!(ingest::load(&sources[0]).unwrap().title, "Item 0");
}

#[test]
#[ignore = "scale: prints times at 1x and 10x"]
fn scale_feeds() {
    let dir = tempfile::tempdir().unwrap();
    for n in [5_000, 50_000] {
        for (name, text) in [("f.rss", rss(n)), ("f.json", json_feed(n))] {
            let path = dir.path().join(name);
            fs::write(&path, text).unwrap();
            let t = Instant::now();
            let sources = ingest::collect(&[path]);
            let listed = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let ok = ingest::load_all(&sources)
                .iter()
                .filter(|r| r.is_ok())
                .count();
            let all = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let one_by_one = sources.iter().filter(|s| ingest::load(s).is_ok()).count();
            println!(
                "{name} {n:>6} entries: listed in {listed:.2} s, load_all {all:.2} s ({ok} ok), \
                 load one by one {:.2} s ({one_by_one} ok)",
                t.elapsed().as_secs_f64()
            );
        }
    }
}
