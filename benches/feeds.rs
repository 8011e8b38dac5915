//! Feed loading at scale (printed, not asserted): time to list a feed's entries
//! (`ingest::collect`) and to load them all (`ingest::load_all`, kept in memory as the reader
//! keeps them), and the peak resident memory (VmHWM) after each step.
//!
//! `cargo bench --bench feeds -- [rss|atom|json] [ENTRIES]...` (default: all three kinds at
//! 1,000, 10,000 and 100,000 entries). Peak memory only grows, so for one figure per size run
//! one kind and size at a time: `cargo bench --bench feeds -- rss 100000`.

use std::time::Instant;

use briefly::ingest;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let kinds: Vec<&str> = match args.first().map(String::as_str) {
        Some(k @ ("rss" | "atom" | "json")) => vec![k],
        _ => vec!["rss", "atom", "json"],
    };
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000, 100_000];
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    for kind in &kinds {
        for &n in &sizes {
            let path = dir.path().join(format!("feed.{kind}"));
            let text = feed(kind, n);
            std::fs::write(&path, &text).expect("the feed is written");
            let mb = text.len() as f64 / 1e6;
            drop(text);
            let t = Instant::now();
            let sources = ingest::collect(&[path]);
            let listed = t.elapsed().as_secs_f64();
            let peak_listed = peak_mb();
            let t = Instant::now();
            let articles = ingest::load_all(&sources);
            let loaded = t.elapsed().as_secs_f64();
            let ok = articles.iter().filter(|a| a.is_ok()).count();
            println!(
                "{kind:<4} {n:>7} entries ({mb:>6.1} MB): listed {listed:>6.2} s (peak {peak_listed:>5.0} MB), \
                 loaded {loaded:>6.2} s (peak {:>5.0} MB), {ok} ok",
                peak_mb()
            );
            drop(articles);
        }
    }
}

/// The peak resident set size of this process so far, in MB (Linux; 0 elsewhere).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A feed of `n` entries, each with a title, a link, a date, an author and two paragraphs.
fn feed(kind: &str, n: usize) -> String {
    let para = |i: usize| {
        format!(
            "<p>Entry {i} reports that the harbour board met again on Tuesday, and that the \
             ferry timetable for the winter will stay as it is.</p><p>The board will meet \
             again in March, when the repairs to the north quay are due to start.</p>"
        )
    };
    match kind {
        "json" => {
            // Written out by hand: a serde_json tree of the whole feed would weigh more than
            // what is measured.
            let mut s = String::from(
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour news\", \"items\": [",
            );
            for i in 0..n {
                if i > 0 {
                    s.push(',');
                }
                let item = serde_json::json!({
                    "id": format!("urn:entry:{i}"),
                    "title": format!("Harbour board, meeting {i}"),
                    "url": format!("https://example.org/news/{i}"),
                    "date_published": "2026-03-01T10:00:00Z",
                    "authors": [{"name": "Desk"}],
                    "content_html": para(i),
                });
                s.push_str(&item.to_string());
            }
            s.push_str("]}");
            s
        }
        "atom" => {
            let mut s = String::from(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
                 <title>Harbour news</title><id>urn:feed</id><updated>2026-03-01T10:00:00Z</updated>",
            );
            for i in 0..n {
                s.push_str(&format!(
                    "<entry><title>Harbour board, meeting {i}</title><id>urn:entry:{i}</id>\
                     <updated>2026-03-01T10:00:00Z</updated><author><name>Desk</name></author>\
                     <link href=\"https://example.org/news/{i}\"/><content type=\"html\">{}</content></entry>",
                    escape(&para(i))
                ));
            }
            s.push_str("</feed>");
            s
        }
        _ => {
            let mut s = String::from(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour news</title>",
            );
            for i in 0..n {
                s.push_str(&format!(
                    "<item><title>Harbour board, meeting {i}</title><link>https://example.org/news/{i}</link>\
                     <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate><author>desk@example.org (Desk)</author>\
                     <description>{}</description></item>",
                    escape(&para(i))
                ));
            }
            s.push_str("</channel></rss>");
            s
        }
    }
}

fn escape(html: &str) -> String {
    html.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
