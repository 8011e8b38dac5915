//! The shapes of text users bring, each on text written for these tests: Markdown notes,
//! hard-wrapped e-mail, one huge paragraph, a short clean text, and a scrape with its page
//! around it. The block model must keep every article and drop only the page.

use super::parse_text;
use crate::ingest::{Extracted, ParagraphKind};

const ARTICLE: [&str; 4] = [
    "The harbour board of Velmora met on Tuesday evening to settle the ferry timetable, which \
     has been argued over since the spring storms closed the northern quay.",
    "Members asked for the passenger counts of the last three winters before any vote, and the \
     chair agreed to publish them in full on the council's notice board next week.",
    "Repairs to the quay will start in March if the levy passes, the engineer told the meeting, \
     though the stone has to come by barge and the barges are booked until the thaw.",
    "Fishermen who use the quay at dawn said they would accept a later ferry if the repairs \
     were finished before the herring season, when the harbour is at its busiest.",
];

fn body(e: &Extracted) -> Vec<&str> {
    e.paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect()
}

#[test]
fn a_short_clean_text_comes_out_whole() {
    let text = format!(
        "Ferry timetable agreed\n\n{}\n\n{}\n",
        ARTICLE[0], ARTICLE[1]
    );
    let e = parse_text(&text, false);
    assert_eq!(e.title, "Ferry timetable agreed");
    assert_eq!(body(&e), [ARTICLE[0], ARTICLE[1]]);
}

#[test]
fn a_markdown_article_is_kept_whole() {
    let text = format!(
        "# Ferry timetable agreed\n\n{}\n\n## The repairs\n\n{}\n\n- stone by barge\n- work from March\n\n{}\n\n> {}\n",
        ARTICLE[0], ARTICLE[1], ARTICLE[2], ARTICLE[3]
    );
    let e = parse_text(&text, true);
    assert_eq!(e.title, "Ferry timetable agreed");
    let got = body(&e);
    for want in [
        ARTICLE[0],
        ARTICLE[1],
        "The repairs",
        ARTICLE[2],
        ARTICLE[3],
    ] {
        assert!(
            got.iter().any(|p| p.contains(want)),
            "{want:?} lost: {got:?}"
        );
    }
    assert!(got.iter().any(|p| p.contains("stone by barge")), "{got:?}");
}

/// `text` wrapped at `width` columns, as an e-mail client or editor writes it.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    out.push_str(&line);
    out
}

#[test]
fn hard_wrapped_text_is_joined_back_into_its_paragraphs() {
    for width in [72, 80] {
        let paragraphs: Vec<String> = ARTICLE.iter().map(|p| wrap(p, width)).collect();
        assert!(paragraphs[0].lines().count() > 1);
        let text = format!("Ferry timetable agreed\n\n{}\n", paragraphs.join("\n\n"));
        let e = parse_text(&text, false);
        assert_eq!(body(&e), ARTICLE, "width {width}");
    }
}

#[test]
fn a_single_huge_paragraph_is_kept() {
    let huge = ARTICLE.join(" ").repeat(400);
    let e = parse_text(&format!("Ferry timetable agreed\n{huge}\n"), false);
    assert_eq!(body(&e), [huge.as_str()]);
}

#[test]
fn a_scrape_keeps_its_article_and_drops_the_page() {
    let page = [
        "Skip to content",
        "Velmora Courier",
        "Home",
        "News",
        "Harbour",
        "Weather",
        "Ferry timetable agreed",
        ARTICLE[0],
        ARTICLE[1],
        ARTICLE[2],
        ARTICLE[3],
        "More from the harbour",
        "Quay lights to be replaced",
        "Storm damage tallied",
        "New barge for the island run",
        "Contact us",
        "Privacy",
        "Terms",
    ];
    let e = parse_text(&page.join("\n\n"), false);
    assert_eq!(e.title, "Ferry timetable agreed");
    assert_eq!(body(&e), ARTICLE);
}

#[test]
fn a_photo_credit_above_the_text_is_never_the_title() {
    let page = [
        "Home | World | Harbour | Sign in",
        "Ferry timetable agreed",
        "By Ana Reis",
        // A caption and its credit, in one block.
        "The quay at dawn on Tuesday.\nPhoto: Tomas Vell / Example Images",
        ARTICLE[0],
        ARTICLE[1],
    ];
    let e = parse_text(&page.join("\n\n"), false);
    assert_eq!(e.title, "Ferry timetable agreed");
    assert_eq!(body(&e), [ARTICLE[0], ARTICLE[1]]);
}
