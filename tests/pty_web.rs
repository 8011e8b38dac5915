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
        pty.wait_for_screen("winter of repairs", 10),
        "{}",
        pty.screen()
    );
    let said = String::from_utf8_lossy(&pty.output);
    assert!(said.contains("fetching the links"), "{said}");
    pty.send(b"q");
    pty.wait_exit(10).expect("quits");
}
