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

fn page(title: &str, date: &str) -> String {
    format!(
        "<html><head><title>{title}</title>\
        <meta property=\"og:site_name\" content=\"Harbour Daily\">\
        <meta property=\"article:published_time\" content=\"{date}T09:30:00Z\"></head><body><article>\
        <h1>{title}</h1>\
        <p>The harbour council voted on Monday to repair the north quay before the storms.</p>\
        <p>Work starts in May and should end before the autumn ferries run again.</p>\
        </article></body></html>"
    )
}

#[test]
fn titles_that_begin_alike_are_told_apart_and_hashed_names_give_way_to_the_date() {
    let a = page(
        "Harbour council talks kick off on the quay repairs",
        "2026-03-02",
    );
    let b = page(
        "Harbour council talks kick off with a ferry fares row",
        "2026-03-03",
    );
    let mut h = Harness::files(
        &[
            ("000_2ed440f412a22c34.html", a.as_bytes()),
            ("001_9fa1c0de55b7e213.html", b.as_bytes()),
        ],
        100,
        30,
    );
    h.load_all();
    let rows = h.rows();
    let list: Vec<String> = rows
        .iter()
        .map(|r| r.split('\u{2502}').next().unwrap_or("").to_string())
        .collect();
    let text = list.join("\n");
    assert!(
        text.contains("repairs") && text.contains("fares row"),
        "{text}"
    );
    assert!(text.contains("Harbour Daily \u{b7} 2026-03-02"), "{text}");
    assert!(!text.contains("2ed440f412"), "{text}");
}
