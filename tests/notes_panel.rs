//! The notes panel: listing the notes, jumping to them, filtering by tag, and showing a
//! passage as it reads now (or its last quote when it is gone).

mod common;

use briefly::app::Action;
use common::Harness;
use common::notes::reading;

#[test]
fn the_notes_panel_lists_notes_and_jumps_to_them() {
    let mut h = reading();
    h.keys(") ) 1");
    h.keys("( ( a");
    h.type_text("Check who voted.");
    h.keys("ctrl-s");
    h.keys("A");
    let screen = h.screen_text();
    assert!(screen.contains("Notes in this article (2)"), "{screen}");
    assert!(
        screen.contains("Check who voted.") && screen.contains("#key-fact"),
        "{screen}"
    );
    // In reading order: the note on the first sentence, then the tag on the third.
    h.keys("j enter");
    assert!(h.state.panel.is_none());
    let text = h.state.entries[0].article().unwrap().paragraphs[h.state.cursor.para]
        .text
        .clone();
    assert!(
        text[h.state.cursor.byte..].starts_with("The bill is"),
        "cursor on the tagged sentence"
    );
    // > and < walk the notes in the article.
    h.keys("<");
    assert_eq!(h.state.cursor.byte, 0);
    h.keys(">");
    assert!(text[h.state.cursor.byte..].starts_with("The bill is"));
    // ]a and [a do the same as two keys; ] followed by another key is still next article.
    h.keys("[ a");
    assert_eq!(h.state.cursor.byte, 0);
    h.keys("] a");
    assert!(text[h.state.cursor.byte..].starts_with("The bill is"));
    assert_eq!(h.state.selected, 0);
    // Tab shows the whole briefing's notes, under the article's title.
    h.keys("A tab");
    assert!(h.screen_text().contains("Notes in the briefing (2)"));
    assert!(h.screen_text().contains("Quay repairs approved"));
    h.keys("esc");
    assert!(h.state.panel.is_none());
}

#[test]
fn a_tag_filter_narrows_the_list_and_the_notes() {
    let files: Vec<(String, String)> = (0..4)
        .map(|i| {
            (
                format!("{i}.txt"),
                format!(
                    "Story {i} of the port\n\nThe port board met on day {i}. It decided nothing.\n"
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    let mut h = Harness::files(&refs, 100, 30);
    h.load_all();
    // Tag articles 1 and 3 with "vote", article 2 with "cost".
    h.keys("j enter t");
    h.type_text("vote");
    h.keys("enter J t");
    h.type_text("cost");
    h.keys("enter J t");
    h.type_text("vote");
    h.keys("enter tab #");
    h.type_text("vote");
    h.keys("enter");
    assert_eq!(h.state.shown, [1, 3]);
    let screen = h.screen_text();
    assert!(
        screen.contains("#vote 2/2")
            && screen.contains("Story 1")
            && !screen.contains("Story 2 of"),
        "{screen}"
    );
    // Moving through the list stays among them.
    h.keys("g");
    assert_eq!(h.state.selected, 1);
    h.keys("j");
    assert_eq!(h.state.selected, 3);
    h.keys("A tab");
    assert!(h.screen_text().contains("Notes in the briefing (2)"));
    h.keys("esc #");
    h.keys("enter");
    assert_eq!(h.state.shown.len(), 4, "an empty filter shows all again");
    h.keys("#");
    h.type_text("nothing-like-this");
    h.keys("enter");
    assert_eq!(h.state.shown.len(), 4);
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no note is tagged")
    );
}

#[test]
fn a_note_whose_passage_is_gone_is_listed_with_its_last_quote() {
    use briefly::notes::model::{Note, Target};
    let mut h = reading();
    let key = h.state.entries[0].key.clone();
    let old_text = "Quay repairs approved\n\nThe ferry fares were frozen until next spring.";
    let note = Note {
        id: "n-gone".into(),
        created: "2026-01-01T00:00:00.000Z".into(),
        updated: "2026-01-01T00:00:00.000Z".into(),
        tags: vec!["fares".into()],
        text: "Check the fares".into(),
        target: Target::new(&key, old_text, 23, 47),
        deleted: false,
    };
    h.act(Action::NotesLoaded(vec![note], None));
    assert_eq!(h.state.orphans.len(), 1);
    h.keys("A");
    let screen = h.screen_text();
    assert!(screen.contains("Not found in the current text"), "{screen}");
    assert!(
        screen.contains("#fares \u{201c}The ferry fares were fr"),
        "{screen}"
    );
}

#[test]
fn the_notes_panel_does_not_double_a_passage_s_own_quote_mark() {
    let text =
        "Quay works\n\n\u{201c}We start in May,\u{201d} the council said. Nobody objected.\n";
    let mut h = Harness::files(&[("q.txt", text.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter 1 A");
    let screen = h.screen_text();
    assert!(
        screen.contains("#key-fact \u{201c}We start in May,\u{201d} the council said."),
        "{screen}"
    );
    assert!(!screen.contains("\u{201c}\u{201c}"), "{screen}");
}

#[test]
fn the_notes_panel_shows_the_passage_as_it_reads_now_and_marks_a_doubtful_one() {
    use briefly::notes::model::{Note, Target};
    let mut h = reading();
    let key = h.state.entries[0].key.clone();
    // The note was made on an earlier version of the sentence.
    let old_text =
        "Quay repairs approved\n\nThe harbour council voted last week to repair the old quay.";
    let note = Note {
        id: "n-moved".into(),
        created: "2026-01-01T00:00:00.000Z".into(),
        updated: "2026-01-01T00:00:00.000Z".into(),
        tags: vec!["vote".into()],
        text: String::new(),
        target: Target::new(&key, old_text, 23, 82),
        deleted: false,
    };
    h.act(Action::NotesLoaded(vec![note], None));
    assert_eq!(h.state.marks.len(), 1);
    assert!(h.state.marks[0].review, "found only approximately");
    h.keys("A");
    let screen = h.screen_text();
    assert!(
        screen.contains("? #vote \u{201c}The harbour council"),
        "{screen}"
    );
    assert!(screen.contains("north quay"), "{screen}");
    assert!(!screen.contains("old quay"), "{screen}");
}
