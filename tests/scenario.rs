//! Scenario tests: key sequences fed to the real app state, as a user would type them.

mod common;

use briefly::app::{Body, Effect, Focus};
use briefly::session::Session;
use common::Harness;

fn article(title: &str, paragraphs: usize) -> String {
    let mut text = format!("{title}\n\n");
    for i in 0..paragraphs {
        text.push_str(&format!(
            "Paragraph {i} of {title}: the harbour board met again to weigh the toll plan, and members asked for figures on traffic, repairs and the bridge fund before any vote.\n\n"
        ));
    }
    text
}

/// Forty one-paragraph articles, "Story number 0" to "Story number 39", all loaded.
fn forty_stories() -> Harness {
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("{i:02}.txt"),
                article(&format!("Story number {i}"), 1),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    let mut h = Harness::files(&refs, 100, 30);
    h.load_all();
    h
}

fn three() -> Harness {
    let a = article("Harbour tolls rise", 40);
    let b = article("Bridge fund vote delayed", 30);
    let c = article("Ferry timetable changes", 5);
    let mut h = Harness::files(
        &[
            ("a.txt", a.as_bytes()),
            ("b.txt", b.as_bytes()),
            ("c.md", c.as_bytes()),
        ],
        100,
        30,
    );
    h.load_all();
    h
}

#[test]
fn starts_on_the_list_with_the_first_article_in_the_reader() {
    let h = three();
    assert_eq!(h.state.focus, Focus::List);
    assert_eq!(h.state.selected, 0);
    assert!(
        h.screen_text()
            .contains("Paragraph 0 of Harbour tolls rise")
    );
}

#[test]
fn moving_through_the_list_and_into_the_reader() {
    let mut h = three();
    h.keys("j");
    assert_eq!(h.state.selected, 1);
    assert!(
        h.screen_text()
            .contains("Paragraph 0 of Bridge fund vote delayed")
    );
    h.keys("j j j"); // stops at the last article
    assert_eq!(h.state.selected, 2);
    h.keys("g enter");
    assert_eq!((h.state.selected, h.state.focus), (0, Focus::Reader));
    h.keys("j j j");
    assert_eq!(h.state.view.top, 3);
    h.keys("ctrl-d");
    let half = h.state.page_height() / 2;
    assert_eq!(h.state.view.top, 3 + half);
    h.keys("ctrl-u k");
    assert_eq!(h.state.view.top, 2);
    h.keys("G");
    assert_eq!(h.state.view.top, h.state.max_top());
    assert!(
        h.screen_text()
            .contains("Paragraph 39 of Harbour tolls rise")
    );
    assert!(h.rows().last().unwrap().contains("End"));
    h.keys("g space");
    assert_eq!(
        h.state.view.top,
        h.state.page_height() - 2,
        "a page keeps two lines"
    );
    // The position is the share read alone: a row counter would change on every one-line
    // scroll (bytes over SSH) for what the share already says.
    let status = h.rows().last().unwrap().to_string();
    let share = (h.state.view.top + h.state.page_height()) * 100 / h.state.view.lines.len();
    assert!(status.contains(&format!(" {share}%")), "{status}");
    assert!(
        !status.contains(&format!("/{}", h.state.view.lines.len())),
        "{status}"
    );
    h.keys("b");
    assert_eq!(h.state.view.top, 0);
    h.keys("tab");
    assert_eq!(h.state.focus, Focus::List);
}

#[test]
fn next_and_previous_article_from_the_reader_remember_positions() {
    let mut h = three();
    h.keys("enter space space");
    let top_a = h.state.view.top;
    assert!(top_a > 0);
    h.keys("J");
    assert_eq!(h.state.selected, 1);
    assert_eq!(h.state.view.top, 0, "a new article opens at its top");
    h.keys("j j");
    h.keys("K");
    assert_eq!(h.state.selected, 0);
    assert_eq!(h.state.view.top, top_a, "back where we were");
    h.keys("J J");
    assert_eq!((h.state.selected, h.state.view.top), (2, 0));
    // [ is only the first key of pairs ("[ a"): alone it does nothing, and no key waits.
    h.keys("[");
    h.pause();
    assert_eq!(h.state.selected, 2);
}

#[test]
fn search_jumps_between_matches_and_wraps() {
    let mut h = three();
    h.keys("enter /");
    h.type_text("paragraph 3");
    h.keys("enter");
    let search = h.state.search.clone().expect("search");
    // "Paragraph 3" and "Paragraph 30".."39": smart case ignores case for a lower-case query.
    assert_eq!(search.matches.len(), 11);
    assert_eq!(search.current, Some(0));
    assert!(
        h.rows().last().unwrap().contains("match 1 of 11"),
        "{:?}",
        h.rows().last()
    );
    h.keys("n");
    assert_eq!(h.state.search.as_ref().unwrap().current, Some(1));
    assert!(h.screen_text().contains("Paragraph 30 of"));
    h.keys("N N");
    assert_eq!(
        h.state.search.as_ref().unwrap().current,
        Some(10),
        "wrapped to the last"
    );
    assert!(h.rows().last().unwrap().contains("wrapped"));
    // A query with a capital letter is exact.
    h.keys("/");
    h.type_text("PARAGRAPH");
    h.keys("enter");
    assert!(h.state.search.as_ref().unwrap().matches.is_empty());
    assert!(h.rows().last().unwrap().contains("no match"));
    // Esc in the prompt cancels; typed q does not quit.
    h.keys("/");
    h.type_text("q");
    h.keys("esc");
    assert!(h.state.prompt.is_none() && !h.effects.contains(&Effect::Quit));
}

#[test]
fn search_follows_into_the_next_article() {
    let mut h = three();
    h.keys("enter /");
    h.type_text("bridge fund");
    h.keys("enter");
    assert!(h.state.search.as_ref().unwrap().matches.len() >= 40);
    h.keys("J");
    let s = h.state.search.as_ref().unwrap();
    // Each of the 30 paragraphs names it twice: its title and "the bridge fund". (The
    // headline itself is shown above the text, not in it.)
    assert_eq!(s.matches.len(), 60);
}

#[test]
fn resizing_keeps_the_same_paragraph_at_the_top() {
    let mut h = three();
    h.keys("enter");
    for _ in 0..25 {
        h.keys("j");
    }
    let anchor = h.state.entries[0].anchor;
    h.act(briefly::app::Action::Resize(60, 20));
    let top_line = &h.state.view.lines[h.state.view.top];
    assert_eq!(top_line.para, Some(anchor.para));
    h.act(briefly::app::Action::Resize(200, 60));
    assert_eq!(h.state.view.lines[h.state.view.top].para, Some(anchor.para));
}

#[test]
fn zoom_gives_the_reader_the_whole_width() {
    let mut h = three();
    h.keys("enter");
    let split = h.state.view.width;
    h.keys("z");
    assert!(h.state.view.width > split);
    assert!(!h.screen_text().contains("b.txt"), "list hidden");
    h.keys("z");
    assert_eq!(h.state.view.width, split);
}

#[test]
fn bad_files_are_listed_with_a_reason_and_the_rest_open() {
    let mut binary = vec![0u8; 64];
    binary.extend_from_slice(b"\x7fELF");
    binary.extend(std::iter::repeat_n(0u8, 500));
    let good = article("Quay repairs approved", 3);
    let mut h = Harness::files(
        &[
            ("a-good.txt", good.as_bytes()),
            ("b-binary.txt", &binary),
            ("c-empty.txt", b""),
        ],
        100,
        30,
    );
    h.load_all();
    assert!(matches!(h.state.entries[1].body, Body::Failed(_)));
    let screen = h.screen_text();
    assert!(
        screen.contains("b-binary.txt \u{2014} looks like"),
        "{screen}"
    );
    h.keys("j");
    assert!(h.screen_text().contains("b-binary.txt cannot be opened"));
    h.keys("j");
    assert!(
        h.screen_text().contains("c-empty.txt \u{2014} empty"),
        "{}",
        h.screen_text()
    );
    h.keys("g");
    assert!(
        h.screen_text()
            .contains("Paragraph 2 of Quay repairs approved")
    );
}

#[test]
fn a_position_on_the_blank_line_between_paragraphs_is_restored_exactly() {
    let mut h = three();
    h.keys("enter");
    // Find a top line that is the blank line between two paragraphs.
    while h.state.view.lines[h.state.view.top].para.is_some() {
        h.keys("j");
    }
    let top = h.state.view.top;
    h.keys("J K");
    assert_eq!(h.state.view.top, top);
}

#[test]
fn positions_survive_a_restart() {
    let mut h = three();
    h.keys("j enter space");
    let top = h.state.view.top;
    let saved = serde_json::to_string(&Session::capture(&h.state)).unwrap();

    // A new run over the same files.
    let sources = h.state.entries.iter().map(|e| e.source.clone()).collect();
    let mut again = Harness::with_sources(sources, 100, 30, None);
    let session: Session = serde_json::from_str(&saved).unwrap();
    session.restore(&mut again.state);
    again.act(briefly::app::Action::Resize(100, 30));
    assert_eq!(again.state.selected, 1);
    assert_eq!(again.state.view.top, top);
    assert!(again.state.entries[1].read && !again.state.entries[2].read);
}

#[test]
fn quit_and_suspend_are_effects_for_the_shell() {
    let mut h = three();
    h.keys("ctrl-z");
    assert!(h.effects.contains(&Effect::Suspend));
    h.keys("q");
    assert!(h.effects.contains(&Effect::Quit));
}

#[test]
fn a_long_list_scrolls_to_keep_the_selection_visible() {
    let mut h = forty_stories();
    h.keys("G");
    let screen = h.screen_text();
    assert!(
        screen.contains("Story number 39") && screen.contains("40/40"),
        "{screen}"
    );
    assert!(!screen.contains("Story number 0\n"));
    h.keys("g");
    assert!(h.screen_text().contains("Story number 0"));
}

#[test]
fn a_paste_goes_into_the_prompt_as_text_and_is_never_run() {
    let mut h = three();
    h.keys("/");
    h.act(briefly::app::Action::Paste("bridge\r\nq fund".into()));
    assert_eq!(h.state.prompt.as_deref(), Some("bridge q fund"));
    assert!(!h.effects.contains(&Effect::Quit));
    h.keys("esc");
    // Outside the prompt a paste does nothing but say so.
    h.act(briefly::app::Action::Paste("qqq".into()));
    assert!(!h.effects.contains(&Effect::Quit));
    assert!(h.state.message.as_deref().unwrap_or("").contains("paste"));
}

#[test]
fn the_prompt_cancels_on_ctrl_c_and_ctrl_g() {
    let mut h = three();
    for cancel in ["ctrl-c", "ctrl-g", "esc"] {
        h.keys("/");
        h.type_text("ab");
        h.keys(cancel);
        assert!(h.state.prompt.is_none(), "{cancel}");
    }
    assert!(!h.effects.contains(&Effect::Quit));
    // Backspace on an empty prompt closes it too.
    h.keys("/ backspace");
    assert!(h.state.prompt.is_none());
}

#[test]
fn global_keys_in_the_help_close_it_and_run() {
    let mut h = three();
    h.keys("? F");
    assert!(
        h.state.help.is_none() && h.state.prompt.is_some(),
        "F searches the briefing from the help"
    );
    // / filters the help itself (as less searches its help).
    h.keys("esc ? /");
    assert!(h.state.help.is_some() && h.state.prompt.is_some());
    h.keys("esc esc");
    // q closes the help (as in less); ctrl-c, a global key, quits from it.
    h.keys("esc ? q");
    assert!(!h.effects.contains(&Effect::Quit) && h.state.help.is_none());
    h.keys("? ctrl-c");
    assert!(h.effects.contains(&Effect::Quit));
}

#[test]
fn help_scrolling_stops_at_the_end() {
    let mut h = Harness::demo(100, 20);
    h.keys("?");
    for _ in 0..200 {
        h.keys("j");
    }
    let end = h.state.help.unwrap();
    assert!(end > 0 && end < 200, "{end}");
    assert!(h.screen_text().contains("end"), "{}", h.screen_text());
    h.keys("k");
    assert_eq!(h.state.help, Some(end - 1), "one k moves back at once");
    assert!(h.screen_text().contains("\u{2193} more"));
}

#[test]
fn the_list_pages_and_finds_the_next_unread_article() {
    let mut h = forty_stories();
    let page = h.state.list_capacity();
    h.keys("ctrl-f");
    assert_eq!(h.state.selected, page);
    h.keys("ctrl-b");
    assert_eq!(h.state.selected, 0);
    // Read the first two, then U skips to the third.
    h.keys("enter J tab g U");
    assert_eq!(h.state.selected, 2);
}

#[test]
fn empty_and_failed_files_say_so_in_the_list_and_have_no_unread_mark() {
    let good = article("Quay repairs approved", 3);
    let mut h = Harness::files(&[("a.txt", good.as_bytes()), ("b-empty.txt", b"")], 140, 30);
    h.load_all();
    let rows = h.rows();
    assert!(
        rows[4].contains("b-empty.txt \u{2014} empty"),
        "{}",
        rows[4]
    );
    assert!(
        !rows[3].contains('\u{25cf}'),
        "no unread dot for an empty file: {}",
        rows[3]
    );
    assert!(rows[1].contains('\u{25cf}'));
}

#[test]
fn the_raw_view_shows_what_cleaning_removed_and_comes_back() {
    let page = "<html><head><title>Quay vote</title><meta name=\"author\" content=\"Mira Osei\"></head>\n\
        <body><nav>Home | News | Sport</nav>\n<article><p>The harbour council voted on Monday to repair the north quay.</p>\n\
        <figure><figcaption>The north quay at low tide.</figcaption></figure>\n\
        <p>Work starts in May and should end before the winter storms arrive.</p></article></body></html>\n";
    let mut h = Harness::files(&[("quay.html", page.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter");
    let clean = h.screen_text();
    assert!(
        clean.contains("Mira Osei"),
        "byline under the title: {clean}"
    );
    assert!(!clean.contains("Home | News"), "navigation removed");
    assert!(
        clean.contains("The north quay at low tide."),
        "caption shown"
    );
    // A short terminal, so that the article scrolls.
    h.act(briefly::app::Action::Resize(60, 8));
    h.keys("j r");
    let raw = h.screen_text();
    assert!(raw.contains("raw source"), "{raw}");
    assert!(raw.contains("<nav>Home | News | Sport</nav>"), "{raw}");
    assert_eq!(h.state.view.top, 0, "the raw view opens at its top");
    h.keys("r");
    assert_eq!(h.state.view.top, 1, "back where we were in the article");
    assert!(!h.screen_text().contains("<nav>"));
    // Captions can be hidden, and search skips them then.
    h.keys("c");
    assert!(!h.screen_text().contains("low tide"));
    h.keys("/");
    h.type_text("low tide");
    h.keys("enter");
    assert!(h.state.search.as_ref().unwrap().matches.is_empty());
    h.keys("c n");
    assert!(h.screen_text().contains("low tide"));
}

#[test]
fn feeds_list_one_article_per_entry() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
        <item><title>Quay repairs approved</title><link>https://example.org/quay</link>
        <description>&lt;p&gt;The council voted to repair the north quay.&lt;/p&gt;</description></item>
        <item><title>Ferry fares frozen</title><link>https://example.org/ferry</link>
        <description>Fares stay the same until next year.</description></item></channel></rss>"#;
    let mut h = Harness::files(
        &[
            ("gazette.rss", rss.as_bytes()),
            ("note.txt", b"Tide tables\n\nHigh water at noon.\n"),
        ],
        100,
        30,
    );
    h.load_all();
    let titles: Vec<&str> = h.state.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Quay repairs approved", "Ferry fares frozen", "Tide tables"]
    );
    h.keys("j");
    let screen = h.screen_text();
    assert!(
        screen.contains("Full article: https://example.org/ferry"),
        "{screen}"
    );
    assert!(screen.contains("gazette.rss #2"));
}

#[test]
fn after_g_the_cursor_is_on_screen_and_moves_from_there() {
    let mut h = Harness::demo(100, 20);
    h.load_all();
    h.keys("enter ) ) ) ) ) ) ) ) ) ) ) ) ) ) g");
    assert_eq!(h.state.view.top, 0);
    let top_before = h.state.view.top;
    h.keys(")");
    assert_eq!(
        h.state.view.top, top_before,
        "the cursor moved within the page, the view stayed at the top"
    );
}
