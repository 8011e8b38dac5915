//! The story panels and the differences in the reader, driven by keys: C shows the cursor's
//! sentence as the other outlets carry it with the differing words marked and Enter goes
//! there; D lists what only each outlet reports, then the figures they disagree on; the
//! disagreeing figure is flagged in the reader. Articles written for these tests.

mod common;

use briefly::app::Focus;
use briefly::app::story_panel::{self, PanelKind, Row};
use briefly::keymap::Mode;
use briefly::ui::Theme;
use common::dam::briefing;
use common::{Harness, find};
use ratatui::style::Modifier;

/// The wire's article open in the reader, the cursor on its first sentence.
fn reading_the_wire(w: u16, h: u16) -> Harness {
    let mut h = briefing(w, h);
    h.keys("j enter");
    assert_eq!((h.state.selected, h.state.focus), (1, Focus::Reader));
    h
}

fn texts(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| match r {
            Row::Heading(t) => format!("# {t}"),
            Row::Sentence { text, .. } => text.clone(),
        })
        .collect()
}

#[test]
fn c_shows_the_other_outlets_versions_with_the_differing_words_marked() {
    let mut h = reading_the_wire(100, 30);
    h.keys("C");
    assert_eq!(h.state.mode(), Mode::Story);
    let p = h.state.story_panel.unwrap();
    assert_eq!(
        p.kind,
        PanelKind::Compare {
            article: 1,
            sentence: 0
        }
    );
    let rows = story_panel::rows(&h.state, p.kind);
    let all = texts(&rows).join("\n");
    assert!(
        all.contains("# here: ") && all.contains("a-gazette.txt"),
        "{all}"
    );
    let gazette = rows
        .iter()
        .find_map(|r| match r {
            Row::Sentence {
                text,
                marks,
                article: 0,
                ..
            } => Some((text, marks)),
            _ => None,
        })
        .expect("the gazette's version");
    let marked: Vec<&str> = gazette.1.iter().map(|m| &gazette.0[m.clone()]).collect();
    assert!(marked.contains(&"12"), "{marked:?}");
    assert!(
        !marked.contains(&"reservoir"),
        "shared words are not marked: {marked:?}"
    );
    // Drawn: the marked figure reversed, readable without colour, at 80x24 too.
    for (w, hh) in [(100, 30), (80, 24)] {
        let mut h = reading_the_wire(w, hh);
        h.theme = Theme { color: false };
        h.keys("C");
        let buf = h.render();
        let text = common::rows(&buf).join("\n");
        assert!(text.contains("This sentence in other outlets"), "{text}");
        let (x, y) = find(&buf, "12 sections").expect("the gazette's figure on screen");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }
    // j goes to the gazette's sentence, Enter opens it there.
    h.keys("j enter");
    assert_eq!(h.state.story_panel, None);
    assert_eq!((h.state.selected, h.state.focus), (0, Focus::Reader));
    let s = &h.state.stories.stories.articles[0].sentences[0];
    assert_eq!(h.state.cursor.para, s.para as usize);
}

#[test]
fn c_on_a_sentence_no_one_else_carries_says_so() {
    let mut h = reading_the_wire(100, 30);
    h.keys(") ) )");
    h.keys("C");
    assert_eq!(h.state.story_panel, None);
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap()
            .contains("no other article")
    );
}

#[test]
fn d_lists_what_only_each_outlet_reports_then_the_disagreements() {
    let mut h = reading_the_wire(100, 30);
    h.keys("D");
    let p = h.state.story_panel.unwrap();
    let all = texts(&story_panel::rows(&h.state, p.kind)).join("\n");
    let only = all.find("# only in ").expect(&all);
    let repairs = all.find("Repairing the dam").expect(&all);
    let disagree = all.find("# outlets disagree").expect(&all);
    assert!(only < repairs && repairs < disagree, "{all}");
    assert!(
        !all.contains("Tallwick"),
        "the choir is another story: {all}"
    );
    let after = &all[disagree..];
    assert!(
        after.contains("# figure: ") && after.contains("12") && after.contains("15"),
        "{all}"
    );
    h.keys("esc");
    assert_eq!(h.state.story_panel, None);
}

#[test]
fn a_disagreeing_figure_is_flagged_in_the_reader_without_colour() {
    let mut h = reading_the_wire(80, 24);
    h.theme = Theme { color: false };
    h.keys(")");
    let buf = h.render();
    let (x, y) = find(&buf, "15 sections").expect("on screen");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let body = h.state.reader_body().unwrap();
    assert_eq!(buf[(body.x - 1, y)].symbol(), "!");
}

#[test]
fn a_note_names_the_other_outlets_carrying_its_passage_and_the_export_lists_them() {
    let mut h = reading_the_wire(100, 30);
    h.keys("1"); // a quick tag on the cursor's sentence: a note
    assert_eq!(h.state.notes.len(), 1);
    let gazette = h.state.stories.stories.articles[0].outlet.clone();
    let wire = h.state.stories.stories.articles[1].outlet.clone();
    assert_ne!(gazette, wire);
    h.keys("A");
    let screen = h.screen_text();
    assert!(screen.contains("also in: "), "{screen}");
    h.keys("esc");
    let out = tempfile::tempdir().unwrap();
    let (path, count) =
        briefly::transfer::export_from_app(&h.state, Some(1), Some(out.path())).unwrap();
    assert_eq!(count, 1);
    let md = std::fs::read_to_string(path).unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("also in: "))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(line.contains(&gazette) && !line.contains(&wire), "{line}");
    // The choir's sentences are carried by no one: no such line.
    h.keys("J J 1");
    let (path, _) =
        briefly::transfer::export_from_app(&h.state, Some(3), Some(out.path())).unwrap();
    let md = std::fs::read_to_string(path).unwrap();
    assert!(!md.contains("also in: "), "{md}");
}
