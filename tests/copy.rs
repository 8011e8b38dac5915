//! Copying with y / Y: what goes to the clipboard effect, made safe.

mod common;

use briefly::app::Effect;
use common::Harness;

const STORY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May.\n\n\
Residents asked for a public meeting first.\n";

fn reading(text: &str) -> Harness {
    let mut h = Harness::files(&[("quay.txt", text.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter");
    h
}

fn copied(h: &Harness) -> Vec<String> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn y_copies_the_cursor_sentence_and_says_so() {
    let mut h = reading(STORY);
    h.keys(") y");
    assert_eq!(copied(&h), ["Work starts in May."]);
    assert!(
        h.screen_text().contains("copied 4 words"),
        "{}",
        h.screen_text()
    );
}

#[test]
fn y_copies_a_selection_across_paragraphs() {
    let mut h = reading(STORY);
    h.keys(") v ) y");
    assert_eq!(
        copied(&h),
        ["Work starts in May.\n\nResidents asked for a public meeting first."]
    );
    assert!(h.state.selection.is_some(), "the selection stays");
}

#[test]
fn capital_y_copies_a_markdown_quote_with_its_source() {
    let mut h = reading(STORY);
    h.keys("Y");
    let out = copied(&h);
    assert_eq!(out.len(), 1);
    let text = &out[0];
    assert!(
        text.starts_with(
            "> The harbour council voted on Monday to repair the north quay.\n>\n> \u{2014} "
        ),
        "{text}"
    );
    assert!(
        text.contains("\u{201c}Quay repairs approved\u{201d}"),
        "{text}"
    );
    assert!(text.contains("quay.txt`"), "the path as code: {text}");
}

#[test]
fn the_notes_panel_copies_the_note() {
    let mut h = reading(STORY);
    h.keys("a");
    h.type_text("Ask about the tender");
    h.keys("ctrl-s A y");
    assert_eq!(copied(&h), ["Ask about the tender"]);
    h.keys("Y");
    assert!(
        copied(&h)[1].starts_with("> The harbour council"),
        "{:?}",
        copied(&h)
    );
}

#[test]
fn escapes_in_the_article_never_reach_the_clipboard() {
    let text = "Title\n\nThe board met \u{1b}]52;c;ZXZpbA==\u{7} and \u{1b}[2Jagreed.\n";
    let mut h = reading(text);
    h.keys("y");
    let out = copied(&h);
    assert_eq!(out.len(), 1);
    assert!(!out[0].chars().any(char::is_control), "{:?}", out[0]);
}

#[test]
fn copying_can_be_switched_off() {
    let mut h = reading(STORY);
    h.state.copy_enabled = false;
    h.keys("y");
    assert!(copied(&h).is_empty());
    assert!(h.screen_text().contains("copying is off"));
}

#[test]
fn the_message_counts_one_word_and_never_doubles_the_passages_quotes() {
    // A quotation split in two sentences: one opens its quote, the next closes it.
    let text = "Harbour talks\n\n\u{201c}We will decide. Soon.\u{201d}\n\nDone.\n";
    let mut h = reading(text);
    h.keys("y");
    let status = h.rows().last().cloned().unwrap_or_default();
    assert!(
        status.contains("copied 3 words \u{201c}We will decide."),
        "{status}"
    );
    assert!(!status.contains("\u{201c}\u{201c}"), "{status}");
    h.keys(") y");
    let status = h.rows().last().cloned().unwrap_or_default();
    assert!(
        status.contains("copied 1 word \u{201c}Soon.\u{201d}")
            && !status.contains("\u{201d}\u{201d}"),
        "{status}"
    );
}
