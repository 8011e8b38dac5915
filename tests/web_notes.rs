//! A note on a page from a link stays on its passage when the page changes: the kept copy is
//! replaced by the new one and the note found again in it, as for a changed file. The server
//! runs on 127.0.0.1; the page is the project's own text.

#[path = "support/http.rs"]
mod http;

use std::process::Command;

use briefly::briefing::Briefing;
use briefly::notes::Store;
use briefly::notes::model::{Note, Target};
use http::{Reply, serve};

const V1: &str = "<html><head><title>Quay reopens</title></head><body><article>\
<p>The quay at Pellwick reopened on Tuesday after a winter of repairs.</p>\
<p>Mara Quayle said the work cost less than feared.</p></article></body></html>";
const V2: &str = "<html><head><title>Quay reopens</title></head><body><article>\
<p>Updated on Wednesday with the harbour board's figures.</p>\
<p>The quay at Pellwick reopened on Tuesday after a winter of repairs.</p>\
<p>Mara Quayle said the work cost less than feared, about 2 million.</p></article></body></html>";

#[test]
fn a_note_on_a_page_is_found_again_after_the_page_changed() {
    let data = tempfile::tempdir().unwrap();
    // The only test in this binary: where the fetched pages are kept.
    unsafe { std::env::set_var("BRIEFLY_DATA_DIR", data.path()) };
    let base = serve(vec![(
        "/quay",
        Reply::ok("text/html", V1).then(Reply::ok("text/html", V2)),
    )]);
    let url = format!("{base}/quay");
    let briefing = Briefing::open(&[url.clone().into()]).unwrap();
    let source = &briefing.sources[0];
    let plain = briefly::ingest::load(source).unwrap().plain_text();
    let passage = "Mara Quayle said the work cost less than feared";
    let start = plain[..plain.find(passage).unwrap()].chars().count();
    let note = Note {
        id: "n1".into(),
        created: "2026-12-06T10:00:00.000Z".into(),
        updated: "2026-12-06T10:00:00.000Z".into(),
        tags: vec!["figure".into()],
        text: "Ask for the final bill.".into(),
        target: Target::new(&source.key(), &plain, start, start + passage.len()),
        deleted: false,
    };
    assert_eq!(source.key(), url, "a link's notes are keyed by the link");
    Store::new(data.path(), &briefing.id).save(&[note]).unwrap();
    // A later run: the page has changed (a paragraph above, words after the passage).
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["export", &url])
        .env("BRIEFLY_DATA_DIR", data.path())
        .env("BRIEFLY_CONFIG_DIR", data.path().join("config"))
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(md.contains(passage), "{md}");
    assert!(md.contains("Ask for the final bill."), "{md}");
    assert!(
        !md.to_lowercase().contains("not found"),
        "found again: {md}"
    );
    // The kept copy is the new page.
    let again = briefly::web::kept_page(&url).unwrap();
    assert!(String::from_utf8_lossy(&again.bytes).contains("about 2 million"));
}
