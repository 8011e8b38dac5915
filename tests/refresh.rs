//! `W` in the reader: the briefing's links fetched again (from a server on 127.0.0.1). A feed
//! entry is found again by its id wherever it moved, a changed entry takes its new text, a new
//! one joins the list, and a link that fails leaves what was kept.

mod common;
#[path = "support/http.rs"]
mod http;

use briefly::app::{Action, Effect};
use briefly::ingest::Source;
use briefly::subscriptions::Subscription;
use common::Harness;
use http::{Reply, serve};

fn item(guid: &str, title: &str, text: &str) -> String {
    format!(
        "<item><guid>{guid}</guid><title>{title}</title>\
         <description>{text}</description></item>"
    )
}

fn feed(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pellwick Post</title>{}</channel></rss>",
        items.concat()
    )
}

fn text(h: &Harness, i: usize) -> String {
    h.state.entries[i]
        .article()
        .map(|a| a.paragraphs[0].text.clone())
        .unwrap_or_default()
}

#[test]
fn w_brings_new_and_changed_entries_and_keeps_them_when_the_server_fails() {
    let data = tempfile::tempdir().unwrap();
    // The data folder the fetches keep pages in (the other test here reads no link).
    unsafe { std::env::set_var("BRIEFLY_DATA_DIR", data.path()) };
    let quay = item("quay", "Quay reopens", "The quay reopened on Tuesday.");
    let crane = item("crane", "Crane moved", "The crane moved north.");
    let quay2 = item(
        "quay",
        "Quay reopens",
        "The quay reopened on Tuesday, a day late.",
    );
    let ferry = item(
        "ferry",
        "Ferry fares frozen",
        "Fares stay as they are until May.",
    );
    let first = feed(&[quay, crane.clone()]);
    // The new entry comes first, as feeds put them: the others moved down one.
    let second = feed(&[ferry, quay2, crane]);
    let base = serve(vec![(
        "/feed.xml",
        Reply::ok("application/rss+xml", first)
            .then(Reply::ok("application/rss+xml", second).once()),
    )]);
    let url = format!("{base}/feed.xml");
    let mut h = Harness::with_sources(Source::from_url(&url), 100, 30, None);
    h.state.refresh.links = 1;
    h.load_all();
    let keys: Vec<String> = h.state.entries.iter().map(|e| e.key.clone()).collect();
    assert_eq!(keys, [format!("{url}#quay"), format!("{url}#crane")]);

    // A note on the first entry, which is on screen when its text changes.
    h.keys("enter 3 tab");
    assert_eq!(h.state.marks.len(), 1);
    assert!(!h.state.marks[0].review);
    h.keys("W");
    assert!(h.effects.contains(&Effect::Refresh), "{:?}", h.effects);
    assert!(h.screen_text().contains("links 0/1"), "progress shows");
    let link = Subscription::link(&url);
    h.act(Action::Refreshed(Box::new(link.refetch())));
    h.act(Action::RefreshDone);
    let status = h.rows().last().cloned().unwrap();
    assert!(
        status.contains("fetched 1 link: 1 new, 1 changed"),
        "{status}"
    );
    let titles: Vec<&str> = h.state.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Quay reopens", "Crane moved", "Ferry fares frozen"]
    );
    assert!(text(&h, 0).ends_with("a day late."), "{}", text(&h, 0));
    // The note is found again in the new text, flagged since its words changed.
    h.keys("enter");
    let mark = h.state.marks[0];
    assert_eq!((mark.start.para, mark.start.byte), (0, 0));
    assert!(mark.review, "{mark:?}");
    h.keys("tab");
    assert_eq!(text(&h, 1), "The crane moved north.");
    assert_eq!(h.state.entries[2].key, format!("{url}#ferry"));
    assert!(h.state.shown.contains(&2), "the new entry is listed");

    // The server fails now: the kept copy stays, and the status line says so.
    h.keys("W");
    h.act(Action::Refreshed(Box::new(link.refetch())));
    h.act(Action::RefreshDone);
    assert_eq!(h.state.entries.len(), 3);
    assert!(text(&h, 0).ends_with("a day late."));
    let status = h.rows().last().cloned().unwrap();
    assert!(status.contains("nothing new"), "{status}");
    assert!(status.contains("HTTP 503"), "{status}");
}

#[test]
fn a_briefing_of_files_has_nothing_to_refresh() {
    let mut h = Harness::files(&[("a.txt", b"Title\n\nSome text here.\n")], 100, 30);
    h.load_all();
    h.keys("W");
    assert!(!h.effects.contains(&Effect::Refresh));
    let status = h.rows().last().cloned().unwrap();
    assert!(status.contains("nothing to refresh"), "{status}");
}
