//! The HTML extractor on whole pages (fixtures in tests/fixtures/html, invented text): what a
//! reader would notice, namely the story's paragraphs in order and nothing from the page
//! around it.

use briefly::ingest::html::{extract, fragment};
use briefly::ingest::{Extracted, ParagraphKind};

fn page(name: &str) -> Extracted {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extract(&html)
}

fn texts(e: &Extracted, kind: ParagraphKind) -> Vec<&str> {
    e.paragraphs
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| p.text.as_str())
        .collect()
}

/// All the text a reader sees as the article (body and headings).
fn reading(e: &Extracted) -> String {
    e.paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each needle appears, in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n) {
            Some(at) => from += at + n.len(),
            None => panic!("{n:?} missing or out of order in:\n{haystack}"),
        }
    }
}

fn assert_absent(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(!haystack.contains(n), "{n:?} should not be in:\n{haystack}");
    }
}

#[test]
fn page_chrome_is_left_out() {
    let e = page("chrome.html");
    assert_eq!(e.title, "Lantern festival returns to the old canal");
    assert_eq!(e.byline.as_deref(), Some("Tomasz Ferreira"));
    assert_eq!(e.published.as_deref(), Some("2026-02-02T18:00:00Z"));
    assert_eq!(
        texts(&e, ParagraphKind::Body),
        [
            "After a pause of four years, the paper lantern festival will light up the old canal again this Saturday, organisers confirmed on Tuesday evening.",
            "Volunteers have folded more than six thousand lanterns in the library basement since January, many of them painted by pupils from the three primary schools along the towpath.",
            "The boats will leave the lock gates at dusk and drift toward the mill, where a brass band from the neighbouring village is expected to play until late.",
            "Road closures will apply on Quay Street from four in the afternoon, and the council has asked visitors to leave cars at the park-and-ride.",
        ]
    );
    assert_absent(
        &reading(&e),
        &[
            "Sport",
            "Share on",
            "newsletter",
            "Related stories",
            "Mill restoration",
            "sidebar paragraph",
            "grandmother",
            "Copyright",
            "tracker",
            "culture desk",
            "Canal boat tours",
        ],
    );
}

#[test]
fn captions_are_marked_and_headings_lists_quotes_kept() {
    let e = page("figures.html");
    assert_eq!(e.title, "How the orchard survived the frost");
    assert_eq!(
        texts(&e, ParagraphKind::Caption),
        [
            "Frost candles burning between the rows before dawn.",
            "The wind machines on the ridge, seen from the farm track.",
        ]
    );
    assert_eq!(
        texts(&e, ParagraphKind::Heading),
        ["Candles, fans and a phone alarm"]
    );
    assert_in_order(
        &reading(&e),
        &[
            "When the temperature dropped",
            "Instead, a mix of old methods",
            "Candles, fans and a phone alarm",
            "The growers used three tools",
            "paraffin candles",
            "two wind machines",
            "a network of cheap sensors",
            "We were out in the dark",
            "Insurers say",
        ],
    );
    assert_absent(
        &reading(&e),
        &["Frost candles burning", "seen from the farm track"],
    );
}

#[test]
fn json_ld_gives_the_metadata() {
    let e = page("jsonld.html");
    assert_eq!(e.title, "Night trains expand to the coast");
    assert_eq!(e.published.as_deref(), Some("2026-01-20T07:15:00+01:00"));
    assert_eq!(e.byline.as_deref(), Some("Ines Okafor, Leo Brandt"));
    assert_in_order(
        &reading(&e),
        &[
            "A second night train",
            "The new train will leave",
            "Sleeper cabins",
        ],
    );
}

#[test]
fn broken_html_still_reads_in_order() {
    let e = page("broken.html");
    assert_eq!(e.title, "Ferry strike ends after nine days");
    let text = reading(&e);
    assert_in_order(
        &text,
        &[
            "The ferry crews returned to work",
            "even those with non-refundable tickets.",
            "Timetables return to normal",
        ],
    );
}

#[test]
fn an_article_split_over_sibling_containers_is_read_whole() {
    let e = page("split.html");
    assert_eq!(e.title, "The bakery that never closes");
    let text = reading(&e);
    assert_in_order(
        &text,
        &[
            "On the corner of Weaver Lane",
            "The owners, two brothers",
            "Flour is delivered twice a week",
            "Asked whether they would ever close",
            "Next spring, a grandson",
        ],
    );
    assert_absent(&text, &["mattress", "Subscribe now", "About"]);
}

#[test]
fn link_lists_do_not_outweigh_a_short_article() {
    let e = page("linkheavy.html");
    assert_eq!(e.title, "Tram line opens to the university");
    assert_eq!(
        texts(&e, ParagraphKind::Body),
        [
            "The new tram line to the university campus opened on Monday, cutting the journey from the central station to under fifteen minutes.",
            "Students queued from early morning to ride the first tram, and several lecturers admitted they had come just to see the ribbon cut.",
            "The line cost less than planned, the transport authority said, because the track reuses the bed of a freight railway closed decades ago.",
        ]
    );
}

#[test]
fn a_feed_fragment_keeps_every_block() {
    let paragraphs = fragment(
        "<p>First line of the entry.</p>Loose words between blocks.<ul><li>one item</li></ul><figure><img src=x><figcaption>A picture.</figcaption></figure>",
    );
    let got: Vec<(&str, ParagraphKind)> = paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("First line of the entry.", ParagraphKind::Body),
            ("Loose words between blocks.", ParagraphKind::Body),
            ("one item", ParagraphKind::Body),
            ("A picture.", ParagraphKind::Caption),
        ]
    );
}

#[test]
fn an_empty_or_textless_page_gives_no_paragraphs() {
    assert!(extract("").paragraphs.is_empty());
    let e = extract("<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>");
    assert!(e.paragraphs.is_empty(), "{:?}", e.paragraphs);
}
