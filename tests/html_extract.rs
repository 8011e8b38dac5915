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

// Page shapes the extractor met on pages it had never seen (issue 11), written here with
// invented text: a body written with line breaks instead of paragraphs, a story cut into
// chunks with adverts between, a story inside a <header> or <aside>, cards that pop up over
// names, and headings over lists of other stories.

const LINES: [&str; 4] = [
    "The river ferry will stop running at night from March, the operator said, because the crews are short.",
    "Commuters who cross after ten will have to take the bridge road, which adds about twenty minutes, or a taxi.",
    "The operator said it hoped to bring the night crossings back in the autumn, once new crews are trained.",
    "A petition against the cut, started by a nurse who works late shifts, had gathered four thousand names by Friday.",
];

#[test]
fn a_body_written_with_line_breaks_is_read_whole() {
    let page = format!(
        r#"<html><head><title>Night ferry</title></head><body>
        <div class="layout"><section class="post-text">{}<br><br>{}<br><br>
        <h2>What riders say</h2><br>{}<br><br>{}<div class="clear"></div></section>
        <div class="col"><p>Weather: cloudy, with rain later, and a strong wind from the west.</p>
        <p>Tides: high water at noon, low water at six, and again high near midnight.</p></div></div>
        </body></html>"#,
        LINES[0], LINES[1], LINES[2], LINES[3]
    );
    let text = reading(&extract(&page));
    assert_in_order(
        &text,
        &[LINES[0], LINES[1], "What riders say", LINES[2], LINES[3]],
    );
    assert_absent(&text, &["Tides: high water"]);
}

#[test]
fn a_story_cut_into_chunks_between_adverts_is_read_whole_and_in_order() {
    let chunk = |a: &str, b: &str| {
        format!(
            r#"<div class="row"><div class="story-chunk"><p>{a}</p><p>{b}</p></div>
            <div class="rail"><div class="slot">Advertisement</div></div></div>"#
        )
    };
    let page = format!(
        r#"<html><body><main><div class="chunks">{}{}</div>
        <div class="row"><div class="story-chunk"><p>{}</p><p>{} It has, the nurse said, been signed by drivers, cleaners, cooks and porters, and by many more.</p></div></div>
        </main></body></html>"#,
        chunk(LINES[0], LINES[1]),
        "<div class=\"break\"><div class=\"slot\">Advertisement</div></div>",
        LINES[2],
        LINES[3]
    );
    let text = reading(&extract(&page));
    assert_in_order(&text, &[LINES[0], LINES[1], LINES[2], LINES[3]]);
}

#[test]
fn a_story_inside_a_header_landmark_is_still_found() {
    let page = format!(
        r#"<html><body><nav><a href="/">Home</a></nav><main><aside class="wrap"><section>
        <header><h1>Night ferry to stop</h1><div class="lead"><p>{} {} {}</p></div></header>
        </section></aside></main></body></html>"#,
        LINES[0], LINES[1], LINES[2]
    );
    let text = reading(&extract(&page));
    assert_in_order(&text, &[LINES[0], LINES[2]]);
}

#[test]
fn a_card_that_pops_up_over_a_name_is_left_out() {
    let card = r#"<span class="person-card"><img src="p.jpg"><a href="/p/1">Ada Brook</a>
        <a href="/s/1">Ada Brook opens the new library wing on the east side of town</a>
        <a href="/s/2">Council names Ada Brook to lead the harbour review panel</a></span>"#;
    let page = format!(
        r#"<html><body><article><p>The petition was handed to councillor <span><a href="/p/1">Ada Brook</a>{card}</span>
        on Friday, who said she would raise it with the operator.</p><p>{}</p><p>{}</p></article></body></html>"#,
        LINES[0], LINES[1]
    );
    let text = reading(&extract(&page));
    assert_in_order(
        &text,
        &["The petition was handed to councillor Ada Brook on Friday, who said"],
    );
    assert_absent(&text, &["library wing", "harbour review"]);
}

#[test]
fn a_heading_over_a_list_of_other_stories_goes_with_the_list() {
    let links: String = (0..5)
        .map(|i| {
            format!("<li><a href=\"/s/{i}\">Another story about the town, number {i}</a></li>")
        })
        .collect();
    let page = format!(
        r#"<html><body><article><p>{}</p><p>{}</p><p>{}</p>
        <h3>More from the town</h3><ul>{links}</ul><p>&#8203;</p></article></body></html>"#,
        LINES[0], LINES[1], LINES[2]
    );
    let e = extract(&page);
    let text = reading(&e);
    assert_in_order(&text, &[LINES[0], LINES[2]]);
    assert_absent(&text, &["More from the town", "Another story"]);
    assert!(
        e.paragraphs
            .iter()
            .all(|p| !p.text.trim_matches('\u{200b}').is_empty()),
        "a paragraph of zero-width spaces is empty: {:?}",
        e.paragraphs
    );
}
