//! The reader opened on a link, in a pseudo-terminal, against a server on 127.0.0.1: it says
//! it is fetching before the screen is taken, then shows the page's article.

#[path = "support/http.rs"]
mod http;
#[path = "support/pty.rs"]
mod support;

use http::{Reply, serve};
use support::{Pty, dirs};

#[test]
fn the_reader_opens_a_link_after_saying_it_fetches() {
    let base = serve(vec![(
        "/quay.html",
        Reply::ok(
            "text/html",
            "<html><head><title>Quay reopens at Pellwick</title></head><body><article><p>The quay at Pellwick reopened on Tuesday after a winter of repairs, the harbour board said.</p></article></body></html>",
        ),
    )]);
    let (data, config) = dirs();
    let url = format!("{base}/quay.html");
    let mut pty = Pty::spawn(&[&url], data.path(), config.path());
    assert!(
        pty.wait_for_screen("the harbour board said", 10),
        "{}",
        pty.screen()
    );
    let said = String::from_utf8_lossy(&pty.output);
    assert!(said.contains("fetching the links"), "{said}");
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}

#[test]
fn w_fetches_the_feed_again_and_new_entries_join_the_list() {
    let item = |guid: &str, title: &str| {
        format!(
            "<item><guid>{guid}</guid><title>{title}</title><description>{title}, the harbour board said.</description></item>"
        )
    };
    let feed = |items: &[String]| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pellwick Post</title>{}</channel></rss>",
            items.concat()
        )
    };
    let quay = item("quay", "Quay reopens at Pellwick");
    let later = feed(&[item("ferry", "Ferry fares frozen"), quay.clone()]);
    let base = serve(vec![(
        "/feed.xml",
        Reply::ok("application/rss+xml", feed(&[quay]))
            .then(Reply::ok("application/rss+xml", later)),
    )]);
    let (data, config) = dirs();
    let url = format!("{base}/feed.xml");
    let mut pty = Pty::spawn(&[&url], data.path(), config.path());
    assert!(
        pty.wait_for_screen("the harbour board said", 10),
        "{}",
        pty.screen()
    );
    pty.send(b"W");
    assert!(
        pty.wait_for_screen("1 new, 0 changed", 10),
        "{}",
        pty.screen()
    );
    assert!(
        pty.screen().contains("Ferry fares frozen"),
        "{}",
        pty.screen()
    );
    // The new entry is read and analysed like the others.
    pty.send(b"j");
    assert!(
        pty.wait_for_screen("Ferry fares frozen, the harbour", 10),
        "{}",
        pty.screen()
    );
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}
