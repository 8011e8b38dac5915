//! The article list names each article's outlet beside its file, when the article names one.

mod common;

use common::Harness;

#[test]
fn the_list_shows_the_outlet_an_article_names_and_only_then() {
    let page = "<html><head><title>Quay repairs approved</title>\
        <meta property=\"og:site_name\" content=\"Harbour Daily\"></head><body><article>\
        <h1>Quay repairs approved</h1>\
        <p>The harbour council voted on Monday to repair the north quay before the storms.</p>\
        <p>Work starts in May and should end before the autumn ferries run again.</p>\
        </article></body></html>";
    let note =
        "Ferry fares frozen\n\nFerry fares stay as they are until June, the operator said.\n";
    let mut h = Harness::files(
        &[
            ("a-quay.html", page.as_bytes()),
            ("b-ferry.txt", note.as_bytes()),
        ],
        140,
        20,
    );
    h.load_all();
    let screen = h.screen_text();
    assert!(
        screen.contains("Harbour Daily \u{b7} a-quay.html"),
        "{screen}"
    );
    let ferry_row = screen
        .lines()
        .find(|l| l.contains("b-ferry.txt"))
        .expect("the text file is listed");
    assert!(
        !ferry_row.contains('\u{b7}'),
        "no outlet is made up from a file name: {ferry_row}"
    );
}
