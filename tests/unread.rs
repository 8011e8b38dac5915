//! Marking articles read and unread by hand, and the unread-only list.

mod common;

use briefly::app::Effect;
use common::Harness;

fn three() -> Harness {
    let files: Vec<(String, String)> = ["Quay repairs", "Ferry fares", "Bridge fund"]
        .iter()
        .map(|t| {
            (
                format!("{}.txt", t.replace(' ', "-")),
                format!("{t}\n\nThe harbour board met on Monday about the {t}, and members asked for figures.\n"),
            )
        })
        .collect();
    let mut h = Harness::text_files(&files, 100, 30);
    h.load_all();
    h
}

#[test]
fn an_article_read_can_be_marked_unread_and_all_read_at_once() {
    let mut h = three();
    h.keys("enter tab");
    let first = h.state.selected;
    assert!(h.state.entries[first].read);
    h.keys("m");
    assert!(!h.state.entries[first].read, "marked unread");
    assert!(h.effects.contains(&Effect::SaveSession));
    h.keys("M");
    assert!(h.state.entries.iter().all(|e| e.read));
    assert!(h.screen_text().contains("marked read"));
}

#[test]
fn the_list_can_show_only_unread_articles() {
    let mut h = three();
    h.keys("enter tab j");
    // The first was read; the list keeps the selected one while it is selected.
    h.keys("R");
    assert_eq!(h.state.shown.len(), 2, "{:?}", h.state.shown);
    assert!(h.screen_text().contains("2 unread articles"));
    h.keys("R");
    assert_eq!(h.state.shown.len(), 3);
}
