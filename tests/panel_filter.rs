//! `/` in the help, the notes panel and the entity panel: only the rows holding the text,
//! under their headings; `/` then Enter shows them all again. Demo briefing (the project's
//! own text).

mod common;

use briefly::app::{entities, panel};
use common::Harness;

fn reading() -> Harness {
    let mut h = Harness::demo(100, 40);
    h.load_all();
    h.keys("enter");
    h
}

fn filter(h: &mut Harness, text: &str) {
    h.keys("/");
    h.type_text(text);
    h.keys("enter");
}

#[test]
fn the_help_shows_only_the_keys_holding_the_text() {
    let mut h = reading();
    h.keys("?");
    let all = briefly::app::help::lines(&h.state, 100).len();
    filter(&mut h, "OSC 52");
    assert!(h.state.help.is_some(), "the help stays open");
    let lines = briefly::app::help::lines(&h.state, 100);
    assert!(lines.len() < all / 5, "{} of {all}", lines.len());
    let keyed: Vec<&str> = lines
        .iter()
        .filter(|l| !l.heading && !l.keys.is_empty())
        .map(|l| l.keys.as_str())
        .collect();
    assert!(keyed.contains(&"y"), "{keyed:?}");
    // Every heading shown has a binding under it.
    for (i, l) in lines.iter().enumerate() {
        if l.heading {
            assert!(
                lines
                    .get(i + 1)
                    .is_some_and(|n| !n.heading && !n.keys.is_empty())
            );
        }
    }
    assert!(h.screen_text().contains("holding \u{201c}OSC 52\u{201d}"));
    // Nothing matching: said, and the filter stays as it was.
    filter(&mut h, "zyxwv");
    assert!(h.rows().last().unwrap().contains("nothing here holds"));
    assert_eq!(briefly::app::help::lines(&h.state, 100), lines);
    filter(&mut h, "");
    assert_eq!(briefly::app::help::lines(&h.state, 100).len(), all);
    // Reopening starts unfiltered.
    filter(&mut h, "copy");
    h.keys("esc ?");
    assert_eq!(briefly::app::help::lines(&h.state, 100).len(), all);
}

#[test]
fn the_entity_panel_filters_by_name_or_alias() {
    let mut h = reading();
    h.keys("i");
    let names = |h: &Harness| -> Vec<String> {
        entities::rows(&h.state)
            .iter()
            .filter_map(|r| match r {
                entities::Row::Entity { id, .. } => {
                    Some(h.state.index.entities[*id as usize].name.clone())
                }
                _ => None,
            })
            .collect()
    };
    let all = names(&h);
    assert!(all.len() > 5, "{all:?}");
    filter(&mut h, "lisbon");
    let some = names(&h);
    assert!(!some.is_empty() && some.len() < all.len(), "{some:?}");
    for name in &some {
        let e = h
            .state
            .index
            .entities
            .iter()
            .find(|e| &e.name == name)
            .unwrap();
        assert!(
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| n.to_lowercase().contains("lisbon")),
            "{name}"
        );
    }
    // The selection is on a row shown, and Enter still goes to it.
    let p = h.state.entity_panel.unwrap();
    assert!(matches!(
        entities::rows(&h.state)[p.selected],
        entities::Row::Entity { .. }
    ));
    filter(&mut h, "");
    assert_eq!(names(&h), all);
}

#[test]
fn the_notes_panel_filters_by_note_tag_or_passage() {
    let mut h = reading();
    // Two notes: one tagged, one written.
    h.keys("t");
    h.type_text("budget");
    h.keys("enter ) ) a");
    h.type_text("Ask the agency about staffing");
    h.keys("ctrl-s A");
    let notes = |h: &Harness| {
        panel::rows(&h.state, false)
            .iter()
            .filter(|r| matches!(r, panel::Row::Note { .. }))
            .count()
    };
    assert_eq!(notes(&h), 2);
    filter(&mut h, "staffing");
    assert_eq!(notes(&h), 1);
    filter(&mut h, "budget");
    assert_eq!(notes(&h), 1);
    let p = h.state.panel.unwrap();
    assert!(matches!(
        panel::rows(&h.state, false)[p.selected],
        panel::Row::Note { .. }
    ));
    filter(&mut h, "");
    assert_eq!(notes(&h), 2);
}
