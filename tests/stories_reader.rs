//! The reader side of stories, driven headless by keys: the list grouped by story, folding,
//! the flat list again, sentences read before in another outlet dimmed and counted, how many
//! other outlets carry a sentence, and what was read surviving a restart. Articles written
//! for these tests: three outlets on one invented dam story and an unrelated one.

mod common;

use briefly::app::Focus;
use briefly::app::stories::{self, Row};
use briefly::session::Session;
use briefly::ui::Theme;
use common::dam::briefing;
use common::{Harness, find};
use ratatui::style::{Color, Modifier};

#[test]
fn the_list_groups_the_dam_story_under_a_header_and_leaves_the_choir_alone() {
    let h = briefing(100, 30);
    assert!(stories::grouped(&h.state));
    let rows = stories::rows(&h.state);
    let dam = stories::story_of(&h.state, 0).unwrap();
    assert_eq!(rows[0], Row::Header(dam), "{rows:?}");
    assert!(rows.contains(&Row::Article {
        index: 1,
        in_story: true
    }));
    assert!(rows.contains(&Row::Article {
        index: 3,
        in_story: false
    }));
    assert_ne!(stories::story_of(&h.state, 3), Some(dam));
    let screen = h.screen_text();
    assert!(
        screen.contains("\u{25be} "),
        "an open story's marker:\n{screen}"
    );
    assert!(screen.contains("outlets \u{b7} "), "{screen}");
    // It opens as before: the first article in the reader, its row selected.
    assert_eq!((h.state.selected, h.state.focus), (0, Focus::List));
    assert_eq!(stories::cursor_row(&h.state), 1);
    assert!(screen.contains("Farmers along the Ossel"), "{screen}");
}

#[test]
fn enter_on_a_header_opens_its_first_article_and_o_folds_it() {
    let mut h = briefing(100, 30);
    h.keys("j k k");
    assert_eq!(stories::cursor_row(&h.state), 0, "on the header");
    assert!(h.state.stories.header.is_some());
    h.keys("o");
    let rows = stories::rows(&h.state);
    assert!(rows.len() <= 3, "folded: header and the choir: {rows:?}");
    assert!(
        h.screen_text().contains("\u{25b8} "),
        "a folded story's marker"
    );
    h.keys("j");
    assert_eq!(h.state.selected, 3, "past the folded story");
    h.keys("k o j");
    assert_eq!(h.state.selected, 0, "opened again, its first article");
    h.keys("k enter");
    assert_eq!((h.state.selected, h.state.focus), (0, Focus::Reader));
    assert!(h.state.stories.header.is_none());
}

#[test]
fn capital_s_switches_between_stories_and_the_flat_list() {
    let mut h = briefing(100, 30);
    h.keys("S");
    assert!(!stories::grouped(&h.state));
    assert_eq!(h.state.shown, vec![0, 1, 2, 3]);
    assert!(!h.screen_text().contains("\u{25be} "));
    h.keys("j j j");
    assert_eq!(h.state.selected, 3);
    h.keys("S");
    assert!(stories::grouped(&h.state));
    assert_eq!(h.state.selected, 3, "the selection stays");
}

/// Opens the first article in the reader (all of it fits on screen), then the second.
fn read_gazette_then_wire(h: &mut Harness) {
    h.keys("enter");
    assert_eq!(h.state.selected, 0);
    assert!(
        !h.state.entries[0].seen.is_empty(),
        "what was on screen is read"
    );
    h.keys("J");
    assert_eq!(h.state.selected, 1);
}

#[test]
fn sentences_read_in_another_outlet_are_dimmed_marked_and_counted() {
    let mut h = briefing(100, 30);
    read_gazette_then_wire(&mut h);
    let (before, total) = h.state.stories.before.counts();
    assert!(before >= 1 && before < total, "{before}/{total}");
    h.keys(") )"); // the cursor's mark leaves the first two sentences' gutter
    let buf = h.render();
    let (x, y) = find(&buf, "The water board of Brennmoor began").expect("on screen");
    let cell = &buf[(x + 4, y)];
    assert_eq!(cell.fg, Color::DarkGray, "read in the gazette: dimmed");
    // Its figure differs from the gazette's: that mark comes first.
    assert_eq!(buf[(x - 1, y)].symbol(), "!");
    // A sentence read before with nothing in dispute: dimmed and marked in the gutter.
    let wire = &h.state.stories.stories.articles[1];
    let text = h.state.entries[1].article().unwrap().clone();
    let calm: Vec<&str> = wire
        .sentences
        .iter()
        .zip(&h.state.stories.before.read_in)
        .filter(|(s, read)| read.is_some() && s.conflicts().is_empty())
        .map(|(s, _)| &text.paragraphs[s.para as usize].text[s.range()])
        .collect();
    assert!(
        !calm.is_empty(),
        "the quote, re-quoted, was read in the gazette"
    );
    let start: String = calm[0].chars().take(20).collect();
    let (x, y) = find(&buf, &start).expect("on screen");
    assert_eq!(buf[(x + 2, y)].fg, Color::DarkGray);
    assert_eq!(buf[(x - 1, y)].symbol(), "\u{b7}", "marked in the gutter");
    let (x, y) = find(&buf, "Repairing the dam").expect("on screen");
    assert_ne!(buf[(x + 4, y)].fg, Color::DarkGray, "new here: not dimmed");
    let status = h.rows().last().cloned().unwrap();
    assert!(status.contains("% new"), "{status}");
    // Back in the gazette: read there first, so nothing is dimmed.
    h.keys("K");
    assert_eq!(h.state.stories.before.counts().0, 0);
}

#[test]
fn without_colour_read_sentences_are_faint_and_the_margin_counts_outlets() {
    let mut h = briefing(80, 24);
    h.theme = Theme { color: false };
    read_gazette_then_wire(&mut h);
    let buf = h.render();
    let (x, y) = find(&buf, "The water board of").expect("on screen at 80x24");
    assert!(buf[(x + 4, y)].modifier.contains(Modifier::DIM));
    // The first sentence is carried by one other outlet (the gazette).
    let body = h.state.reader_body().unwrap();
    assert_eq!(buf[(body.right() + 1, y)].symbol(), "1");
    // A blank column before it, so that it never reads as part of a word.
    assert_eq!(buf[(body.right(), y)].symbol(), " ");
    // The choir's sentences are carried by no one: no figure.
    h.keys("J J");
    assert_eq!(h.state.selected, 3);
    let buf = h.render();
    let (_, y) = find(&buf, "The choir of Tallwick").expect("on screen");
    assert_eq!(buf[(body.right() + 1, y)].symbol(), " ");
}

#[test]
fn what_was_read_survives_a_restart() {
    let mut h = briefing(100, 30);
    // The gazette, then the wire: the wire's copy of the gazette's sentences was read second.
    h.keys("enter J");
    let saved = Session::capture(&h.state);
    let json = serde_json::to_string(&saved).unwrap();
    // The same files (their keys name them), opened again.
    let sources = h.state.entries.iter().map(|e| e.source.clone()).collect();
    let mut again = Harness::with_sources(sources, 100, 30, None);
    again.load_all();
    serde_json::from_str::<Session>(&json)
        .unwrap()
        .restore(&mut again.state);
    // It opens where the user was: in the wire.
    again.keys("enter");
    assert_eq!(again.state.selected, 1);
    assert!(
        again.state.stories.before.counts().0 >= 1,
        "still read before"
    );
    again.keys("K");
    assert_eq!(again.state.selected, 0);
    assert_eq!(again.state.stories.before.counts().0, 0, "read first");
}

#[test]
fn capital_z_folds_the_paragraphs_read_in_another_outlet() {
    let mut h = briefing(100, 40);
    read_gazette_then_wire(&mut h);
    let folded = h.state.stories.before.folded.clone();
    assert!(
        !folded.is_empty(),
        "a paragraph of the wire was all read in the gazette"
    );
    let text = h.state.entries[1].article().unwrap().clone();
    let hidden: String = text.paragraphs[folded[0]].text.chars().take(24).collect();
    assert!(h.screen_text().contains(&hidden), "shown before Z");
    h.keys("Z");
    let screen = h.screen_text();
    assert!(!screen.contains(&hidden), "folded:\n{screen}");
    assert!(screen.contains("you read in"), "{screen}");
    assert!(h.state.view.lines.iter().any(|l| l.fold > 0));
    // The cursor walks past folded paragraphs.
    for _ in 0..12 {
        h.keys(")");
        assert!(
            !folded.contains(&h.state.cursor.para),
            "{:?}",
            h.state.cursor
        );
    }
    // Another article opened, and back: still folded, computed for it.
    h.keys("K J");
    assert!(!h.screen_text().contains(&hidden));
    h.keys("Z");
    assert!(h.screen_text().contains(&hidden), "shown again");
}

#[test]
fn a_search_into_a_folded_paragraph_opens_it_and_a_noted_one_never_folds() {
    let mut h = briefing(100, 40);
    read_gazette_then_wire(&mut h);
    let folded = h.state.stories.before.folded.clone();
    let text = h.state.entries[1].article().unwrap().clone();
    let para = folded[0];
    let hidden: String = text.paragraphs[para].text.chars().take(24).collect();
    h.keys("Z");
    assert!(!h.screen_text().contains(&hidden), "folded");
    // A search lands in the fold: it opens, with the cursor on the match.
    h.keys("/");
    h.type_text(&hidden);
    h.keys("enter");
    let screen = h.screen_text();
    assert!(screen.contains(&hidden), "opened by the search:\n{screen}");
    assert_eq!(h.state.cursor.para, para);
    assert!(!h.state.stories.before.folded.contains(&para));

    // A passage with a note is never folded away.
    let mut h = briefing(100, 40);
    read_gazette_then_wire(&mut h);
    h.keys("/");
    h.type_text(&hidden);
    h.keys("enter 1");
    assert!(h.state.notes.iter().any(|n| !n.deleted), "noted");
    h.keys("Z");
    let screen = h.screen_text();
    assert!(
        screen.contains(&hidden),
        "a noted paragraph shows:\n{screen}"
    );
    assert!(!briefly::app::fold::hides(&h.state, para));
}

#[test]
fn a_story_header_shortens_its_title_to_show_its_dates_whole() {
    for width in [80, 100, 120] {
        let mut h = Harness::demo(width, 30);
        h.load_all();
        // The demo's articles all give one day: a range, as articles of two days give.
        let stories = std::sync::Arc::make_mut(&mut h.state.stories.stories);
        stories.stories[0].first = Some("2026-04-12".into());
        stories.stories[0].last = Some("2026-04-15T08:00:00Z".into());
        let rows = h.rows();
        let list_w = h.state.panes().list.unwrap().width as usize;
        let head: String = rows[1].chars().take(list_w).collect();
        assert!(
            head.trim_end().ends_with("2026-04-12\u{2013}15"),
            "{width}: {head:?}"
        );
        assert!(head.contains("Lisbon"), "{width}: {head:?}");
        assert!(head.contains('\u{2026}'), "the title is cut: {head:?}");
        let detail: String = rows[2].chars().take(list_w).collect();
        assert_eq!(
            detail.trim(),
            "5 outlets \u{b7} 5 articles",
            "{width}: {detail:?}"
        );
    }
    // Dates too long to leave the title some room stay under it, after the counts.
    let mut h = Harness::demo(80, 30);
    h.load_all();
    let stories = std::sync::Arc::make_mut(&mut h.state.stories.stories);
    stories.stories[0].first = Some("Tuesday, the fourteenth of April".into());
    stories.stories[0].last = Some("Wednesday, the fifteenth of April".into());
    let rows = h.rows();
    let list_w = h.state.panes().list.unwrap().width as usize;
    let head: String = rows[1].chars().take(list_w).collect();
    assert!(
        head.contains("Lisbon summit ends") && !head.contains("April"),
        "{head:?}"
    );
    assert!(
        rows[2].contains("5 outlets \u{b7} 5 article"),
        "{:?}",
        rows[2]
    );
}
