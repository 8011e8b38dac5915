//! `L` in the reader: a feed entry's summary replaced by the full article behind its link
//! (from a server on 127.0.0.1), the summary kept when the page cannot be had, and the full
//! text there again the next time the feed is read (kept in the data folder).

mod common;
#[path = "support/http.rs"]
mod http;

use common::Harness;
use http::{Reply, serve};

#[test]
fn l_fetches_the_full_article_and_keeps_it() {
    let data = tempfile::tempdir().unwrap();
    // The only test in this binary: the data folder the fetches keep pages in.
    unsafe { std::env::set_var("BRIEFLY_DATA_DIR", data.path()) };
    let base = serve(vec![(
        "/story.html",
        Reply::ok(
            "text/html",
            "<html><head><title>Quay reopens after winter repairs</title></head><body><article>\
             <p>The quay at Pellwick reopened on Tuesday after a winter of repairs, the harbour board said.</p>\
             <p>Mara Quayle, who chairs the board, said the work had cost less than feared and finished early.</p>\
             </article></body></html>",
        ),
    )]);
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pellwick</title>\
         <item><title>Quay reopens</title><link>{base}/story.html</link><description>The quay reopened.</description></item>\
         <item><title>Crane moved</title><link>{base}/gone.html</link><description>The crane moved north.</description></item>\
         </channel></rss>"
    );
    let mut h = Harness::files(&[("news.rss", feed.as_bytes())], 100, 30);
    h.load_all();
    assert_eq!(h.state.entries.len(), 2);
    h.keys("enter L");
    let text = |h: &Harness, i: usize| {
        h.state.entries[i]
            .article()
            .map(|a| {
                a.paragraphs
                    .iter()
                    .map(|p| p.text.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    assert!(text(&h, 0).contains("Mara Quayle"), "{}", text(&h, 0));
    assert!(
        h.screen_text().contains("Mara Quayle"),
        "the reader shows it"
    );
    assert!(
        h.rows()
            .last()
            .unwrap()
            .contains("full text from 127.0.0.1")
    );
    // A link that fails leaves the summary, and says why.
    h.keys("J L");
    assert!(
        text(&h, 1).starts_with("The crane moved north."),
        "{}",
        text(&h, 1)
    );
    let status = h.rows().last().cloned().unwrap();
    assert!(
        status.contains("HTTP 404 Not Found; the summary stays"),
        "{status}"
    );
    // Read again (a later run), the entry has its full text from the kept page.
    let again = briefly::ingest::load(&h.state.entries[0].source).unwrap();
    assert!(
        again
            .paragraphs
            .iter()
            .any(|p| p.text.contains("Mara Quayle"))
    );
    let other = briefly::ingest::load(&h.state.entries[1].source).unwrap();
    assert!(
        other.paragraphs[0]
            .text
            .starts_with("The crane moved north.")
    );
}
