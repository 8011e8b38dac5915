//! Page shapes the extractor met on pages it had never seen (issue 11), each written here with
//! invented text: a body written with line breaks instead of paragraphs, a story cut into
//! chunks with adverts between, a story inside a <header> or <aside>, cards that pop up over
//! names, and headings over lists of other stories.

use briefly::ingest::html::extract;
use briefly::ingest::{Extracted, ParagraphKind};

fn body(e: &Extracted) -> String {
    e.paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

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
    let text = body(&extract(&page));
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
    let text = body(&extract(&page));
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
    let text = body(&extract(&page));
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
    let text = body(&extract(&page));
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
    let text = body(&e);
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
