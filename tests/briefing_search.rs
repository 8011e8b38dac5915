//! Searching the whole briefing (F), walking its hits with n/N across articles, and the list
//! filtered by title (f), as a user types them.

mod common;

use briefly::app::Focus;
use common::Harness;

/// Three articles: the word "tide" appears 2, 0 and 3 times in their text.
fn three() -> Harness {
    let files = [
        (
            "a.txt",
            "Harbour tolls rise\n\nThe tide came in early. Fishers waited.\n\nBy noon the tide had turned, and the isn\u{2019}t-so-quiet quay emptied.\n",
        ),
        (
            "b.txt",
            "Bridge fund vote delayed\n\nCouncillors could not agree on the bridge fund.\n\nA vote is set for May.\n",
        ),
        (
            "c.txt",
            "Ferry timetable changes\n\nThe ferry now waits for the tide. Tide tables are posted.\n\nZo\u{eb} Marsh, who runs the ferry, said the TIDE decides.\n",
        ),
    ];
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let mut h = Harness::files(&refs, 100, 30);
    h.load_all();
    h
}

fn search(h: &mut Harness, query: &str) {
    h.keys("F");
    h.type_text(query);
    h.keys("enter");
}

fn status(h: &Harness) -> String {
    h.rows().last().cloned().unwrap_or_default()
}

#[test]
fn the_hits_are_listed_by_article_and_enter_goes_there() {
    let mut h = three();
    search(&mut h, "tide");
    let hits = h.state.hits.clone().expect("hits");
    assert_eq!(hits.hits.len(), 5);
    let articles: Vec<u32> = hits.hits.iter().map(|x| x.article).collect();
    assert_eq!(articles, [0, 0, 2, 2, 2]);
    assert_eq!(hits.panel, Some(0), "the panel opens on the first hit");
    assert!(
        status(&h).contains("5 matches in 2 of 3 articles"),
        "{}",
        status(&h)
    );
    let screen = h.screen_text();
    assert!(
        screen.contains("5 matches for \u{201c}tide\u{201d}"),
        "{screen}"
    );
    assert!(screen.contains("Harbour tolls rise (2)"), "{screen}");
    assert!(screen.contains("Ferry timetable changes (3)"), "{screen}");
    assert!(!screen.contains("Bridge fund vote delayed ("), "{screen}");
    // j j: the third hit, the first of the third article; Enter goes there.
    h.keys("j j enter");
    assert_eq!(h.state.selected, 2);
    assert_eq!(h.state.focus, Focus::Reader);
    assert!(h.state.hits.as_ref().unwrap().panel.is_none());
    let s = h.state.search.clone().expect("the article's matches");
    assert_eq!(s.matches.len(), 3);
    assert_eq!(s.current, Some(0));
    let m = &s.matches[0];
    let text = &h.state.entries[2].article().unwrap().paragraphs[m.para].text;
    assert_eq!(&text[m.start..m.end], "tide");
    assert!(
        status(&h).contains("match 3 of 5 (article 2 of 2)"),
        "{}",
        status(&h)
    );
}

#[test]
fn n_and_n_walk_the_hits_from_article_to_article() {
    let mut h = three();
    search(&mut h, "tide");
    h.keys("enter");
    assert_eq!(h.state.selected, 0);
    h.keys("n");
    assert_eq!(h.state.selected, 0);
    assert_eq!(h.state.search.as_ref().unwrap().current, Some(1));
    // The next n crosses into the third article (the second has none).
    h.keys("n");
    assert_eq!(h.state.selected, 2);
    assert_eq!(h.state.search.as_ref().unwrap().current, Some(0));
    h.keys("n n");
    assert_eq!(h.state.search.as_ref().unwrap().current, Some(2));
    h.keys("n");
    assert_eq!(h.state.selected, 0, "wrapped round the briefing");
    assert!(status(&h).contains("wrapped"), "{}", status(&h));
    h.keys("N");
    assert_eq!(h.state.selected, 2);
    assert_eq!(h.state.search.as_ref().unwrap().current, Some(2));
    // A search of one article (/) makes n stay in it again.
    h.keys("/");
    h.type_text("ferry");
    h.keys("enter n n n");
    assert_eq!(h.state.selected, 2);
}

#[test]
fn quotes_fold_and_an_empty_query_reopens_the_hits() {
    let mut h = three();
    search(&mut h, "isn't");
    assert_eq!(h.state.hits.as_ref().unwrap().hits.len(), 1);
    h.keys("esc");
    assert!(h.state.hits.as_ref().unwrap().panel.is_none());
    search(&mut h, "");
    assert_eq!(h.state.hits.as_ref().unwrap().panel, Some(0));
    // Smart case: a capital makes the case count.
    h.keys("esc");
    search(&mut h, "TIDE");
    assert_eq!(h.state.hits.as_ref().unwrap().hits.len(), 1);
}

#[test]
fn no_match_says_so_and_opens_nothing() {
    let mut h = three();
    search(&mut h, "volcano");
    assert!(h.state.hits.is_none());
    assert!(status(&h).contains("no match for \u{201c}volcano\u{201d} in 3 articles"));
}

#[test]
fn articles_not_read_yet_are_counted() {
    let files = [
        ("a.txt", "One\n\nThe tide rose.\n"),
        ("b.txt", "Two\n\nThe tide fell.\n"),
    ];
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let mut h = Harness::files(&refs, 100, 30);
    let first = briefly::ingest::load(&h.state.entries[0].source);
    h.act(briefly::app::Action::Loaded(0, Box::new(first)));
    search(&mut h, "tide");
    let hits = h.state.hits.as_ref().unwrap();
    assert_eq!((hits.searched, hits.unsearched, hits.hits.len()), (1, 1, 1));
    assert!(status(&h).contains("(1 not read yet)"), "{}", status(&h));
}

#[test]
fn accents_fold_when_the_setting_asks() {
    let mut h = three();
    search(&mut h, "zoe");
    assert!(h.state.hits.is_none());
    h.state.fold_accents = true;
    search(&mut h, "zoe");
    assert_eq!(h.state.hits.as_ref().unwrap().hits.len(), 1);
}

#[test]
fn the_panel_marks_the_match_without_colour() {
    let mut h = three();
    search(&mut h, "noon");
    let buf = h.render();
    // The selected hit's line (marked ▌) in the panel.
    let rows = common::rows(&buf);
    let y = rows
        .iter()
        .position(|r| r.contains('\u{258c}'))
        .expect("selected hit");
    let x = rows[y].split("noon").next().unwrap().chars().count();
    let cell = &buf[(x as u16, y as u16)];
    assert_eq!(cell.symbol(), "n");
    assert!(
        cell.modifier
            .contains(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::UNDERLINED),
        "{:?}",
        cell.modifier
    );
}

#[test]
fn the_list_filters_by_title_and_an_empty_filter_lists_all() {
    let mut h = three();
    h.keys("f");
    h.type_text("ferry");
    h.keys("enter");
    assert_eq!(h.state.shown, [2]);
    assert_eq!(h.state.selected, 2);
    assert!(status(&h).contains("1 title holds"), "{}", status(&h));
    assert!(
        h.rows()[0].contains("\u{201c}ferry\u{201d}"),
        "{:?}",
        h.rows()[0]
    );
    // The briefing-wide search looks only through what the list shows.
    search(&mut h, "the");
    assert!(
        h.state
            .hits
            .as_ref()
            .unwrap()
            .hits
            .iter()
            .all(|x| x.article == 2)
    );
    h.keys("esc f");
    h.type_text("volcano");
    h.keys("enter");
    assert_eq!(
        h.state.shown,
        [2],
        "a filter matching nothing is not applied"
    );
    assert!(status(&h).contains("no title holds"));
    h.keys("f enter");
    assert_eq!(h.state.shown, [0, 1, 2]);
}

#[test]
fn the_hits_are_the_same_on_any_number_of_threads() {
    let h = three();
    let order = [2, 0, 1];
    let one = briefly::app::hits::find_on(&h.state, &order, "the", 1);
    assert!(one.hits.len() > 5);
    assert_eq!(one.hits[0].article, 2, "in the order asked for");
    for cores in 2..5 {
        assert_eq!(
            briefly::app::hits::find_on(&h.state, &order, "the", cores),
            one
        );
    }
}

#[test]
fn one_match_is_counted_in_the_singular() {
    let mut h = three();
    search(&mut h, "Marsh");
    assert!(
        status(&h).contains("1 match in 1 of 3 articles"),
        "{}",
        status(&h)
    );
    let screen = h.screen_text();
    assert!(
        screen.contains(" 1 match for \u{201c}Marsh\u{201d}"),
        "{screen}"
    );
}
