//! Render tests: the screen drawn into a buffer at fixed sizes, checking text and cell styles.

mod common;

use common::{Harness, find, rows};
use ratatui::style::{Color, Modifier};

#[test]
fn demo_at_80x24_shows_list_reader_and_status() {
    let mut h = Harness::demo(80, 24);
    h.load_all();
    let buf = h.render();
    let text = rows(&buf).join("\n");
    assert!(text.contains("Demo briefing"), "{text}");
    assert!(text.contains("1/5"));
    // Each article under its outlet's name (from the page's copyright line), then its file.
    assert!(text.contains("The Meridian Ledger \u{b7}"), "{text}");
    // The first article is already in the reader, its title bold in the header.
    let (hx, hy) = find(&buf, "Twelve nations sign Lisbon accord").expect("title in the header");
    assert!(hy == 0 && hx > 20 && buf[(hx, hy)].modifier.contains(Modifier::BOLD));
    // The demo's outlets tell one story: its header first, the articles under it.
    assert!(rows(&buf)[1].contains('\u{25be}'), "{text}");
    assert!(rows(&buf)[2].contains("5 outlets"), "{text}");
    // The selected article is marked without colour: reversed cells over both of its rows.
    assert!(rows(&buf)[3].contains("Twelve nations"), "{text}");
    for x in [0, 3, 10] {
        assert!(
            buf[(x, 3)].modifier.contains(Modifier::REVERSED),
            "selection reversed at {x}"
        );
        assert!(buf[(x, 4)].modifier.contains(Modifier::REVERSED));
        assert!(
            !buf[(x, 5)].modifier.contains(Modifier::REVERSED),
            "next article not selected"
        );
        assert!(
            !buf[(x, 1)].modifier.contains(Modifier::REVERSED),
            "the header not selected"
        );
    }
    // Status line at the bottom, reversed, with the help hint.
    let status = &rows(&buf)[23];
    assert!(status.contains("? help"), "{status}");
    assert!(buf[(0, 23)].modifier.contains(Modifier::REVERSED));
    // Article text wrapped inside the reader pane.
    assert!(text.contains("LISBON"), "{text}");
}

#[test]
fn unread_articles_carry_a_marker_that_goes_once_read() {
    let mut h = Harness::demo(100, 30);
    h.load_all();
    let before = rows(&h.render());
    // Row 1 is the story's header; its articles follow.
    assert!(before[3].contains('\u{25cf}'), "{}", before[3]);
    h.keys("enter tab");
    let after = rows(&h.render());
    assert!(!after[3].contains('\u{25cf}'), "{}", after[3]);
    assert!(after[5].contains('\u{25cf}'), "second article still unread");
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    let mut h = Harness::demo(40, 12);
    h.load_all();
    let list = h.screen_text();
    assert!(
        list.contains("The Meridian Ledger \u{b7} 01-meridian") && !list.contains('\u{2502}'),
        "{list}"
    );
    h.keys("enter");
    let buf = h.render();
    let reader = rows(&buf);
    assert!(
        !reader.join("\n").contains("02-northgate-wire.txt"),
        "list hidden while reading"
    );
    // Text wraps inside 38 columns (one column of margin each side).
    for row in &reader[1..11] {
        let used = unicode_width::UnicodeWidthStr::width(row.trim_end());
        assert!(used <= 39, "{row:?}");
    }
    h.keys("esc");
    assert!(h.screen_text().contains("Northgate News Service"));
}

#[test]
fn wide_terminal_caps_the_line_length_and_centres_the_text() {
    let mut h = Harness::demo(200, 60);
    h.load_all();
    h.keys("enter");
    let text = rows(&h.render());
    let divider = text[5]
        .chars()
        .position(|c| c == '\u{2502}')
        .expect("divider");
    let pane_w = 200 - divider - 1;
    let expected_indent = 1 + (pane_w - 2 - 100) / 2;
    for row in &text[3..58] {
        // (The gutter column left of the text may hold the cursor mark.)
        let reader: String = row
            .chars()
            .skip(divider + 1)
            .collect::<String>()
            .replace('\u{258c}', " ");
        let used = unicode_width::UnicodeWidthStr::width(reader.trim());
        assert!(used <= 100, "{reader:?}");
        if used > 0 {
            let indent = reader.chars().take_while(|c| *c == ' ').count();
            assert_eq!(indent, expected_indent, "{reader:?}");
        }
    }
    assert!(h.screen_text().contains("ISWA"));
}

#[test]
fn tiny_terminal_gets_a_message_not_a_panic() {
    for (w, h) in [(20, 5), (29, 30), (100, 5)] {
        let harness = Harness::demo(w, h);
        let text = harness.screen_text().replace('\n', " ");
        assert!(text.contains("small"), "{w}x{h}: {text}");
    }
    // Even a single cell draws without panicking.
    let mut one = Harness::demo(1, 1);
    one.keys("j enter space G");
    one.render();
}

#[test]
fn no_color_uses_modifiers_only() {
    let mut h = Harness::demo(100, 30);
    h.theme = briefly::ui::Theme { color: false };
    h.load_all();
    h.keys("enter /");
    h.type_text("river");
    h.keys("enter ?");
    h.keys("esc");
    let buf = h.render();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    // Matches are still visible: underlined, the current one reversed too.
    let styled = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .count();
    assert!(styled >= 5, "matches underlined");
}

#[test]
fn search_matches_are_styled_and_the_current_one_stands_out() {
    let mut h = Harness::demo(100, 50);
    h.load_all();
    // Entity highlights off, so that only the search's styles are on screen.
    h.keys("enter H H");
    h.keys("/");
    h.type_text("iswa");
    h.keys("enter");
    let buf = h.render();
    let (x, y) = find(&buf, "ISWA").expect("match visible");
    let current = &buf[(x, y)];
    assert!(
        current
            .modifier
            .contains(Modifier::REVERSED | Modifier::UNDERLINED),
        "{current:?}"
    );
    let others: Vec<_> = buf
        .content()
        .iter()
        .filter(|c| {
            c.modifier.contains(Modifier::UNDERLINED) && !c.modifier.contains(Modifier::REVERSED)
        })
        .collect();
    assert!(!others.is_empty(), "other matches underlined");
    assert!(others.iter().all(|c| c.bg == Color::Yellow));
}

#[test]
fn wide_and_combining_characters_render_whole() {
    let text = "Tokyo note\n\n\u{5ddd}\u{306b}\u{56fd}\u{5883}\u{306f}\u{306a}\u{3044} said the delegate \u{1f30a} and Nguye\u{302}\u{303}n agreed.\n";
    let mut h = Harness::files(&[("wide.txt", text.as_bytes())], 80, 24);
    h.keys("enter");
    let screen = h.screen_text();
    assert!(
        screen.contains("\u{5ddd}\u{306b}\u{56fd}\u{5883}"),
        "{screen}"
    );
    assert!(screen.contains("\u{1f30a}"));
    assert!(screen.contains("Nguye\u{302}\u{303}n"));
}

#[test]
fn help_overlay_lists_every_binding_with_its_description() {
    let mut h = Harness::demo(100, 40);
    h.keys("?");
    let text = h.screen_text();
    assert!(
        text.contains("Article list") && text.contains("Reader"),
        "{text}"
    );
    assert!(text.contains("Scroll down half a page"), "{text}");
    assert!(text.contains("ctrl-d"));
    // Scroll the overlay to reach the end.
    h.keys("space space space space space");
    assert!(
        h.screen_text().contains("Close the help"),
        "{}",
        h.screen_text()
    );
    h.keys("esc");
    assert!(!h.screen_text().contains("Scroll down half a page"));
}

/// Where `needle` (any case) starts on screen in reading order, right of column `left` and
/// above the status line, on cells with a reversed look (the reader's matches).
fn reversed_spots(buf: &ratatui::buffer::Buffer, needle: &str, left: u16) -> Vec<(u16, u16)> {
    let area = buf.area;
    let mut spots = Vec::new();
    for y in area.top() + 1..area.bottom() - 1 {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in left..area.right() {
            let sym = buf[(x, y)].symbol();
            starts.extend(std::iter::repeat_n(x, sym.len()));
            line.push_str(sym);
        }
        for (i, _) in line.to_lowercase().match_indices(needle) {
            let at = (starts[i], y);
            if buf[at].modifier.contains(Modifier::REVERSED) {
                spots.push(at);
            }
        }
    }
    spots
}

#[test]
fn without_colour_the_current_match_differs_from_every_other() {
    for query in ["iswa", "lisbon", "river"] {
        let mut h = Harness::demo(100, 40);
        h.theme = briefly::ui::Theme { color: false };
        h.load_all();
        h.keys("enter /");
        h.type_text(query);
        h.keys("enter");
        let buf = h.render();
        let (left, _) = find(&buf, "Twelve nations sign").expect("header");
        let spots = reversed_spots(&buf, query, left);
        assert!(spots.len() >= 2, "{query}: {spots:?}");
        // The search starts at the top of the article: the first match on screen is current.
        let current = buf[spots[0]].modifier;
        for &at in &spots[1..] {
            assert_ne!(buf[at].modifier, current, "{query} at {at:?}");
        }
    }
}

#[test]
fn a_straight_apostrophe_finds_a_curly_one_and_marks_it() {
    let text = "Tide report\n\nThe harbour master said the pier isn\u{2019}t safe, and the \u{201c}well\u{2013}known\u{201d} ferry waits.\n";
    let mut h = Harness::files(&[("tide.txt", text.as_bytes())], 100, 20);
    h.load_all();
    for (query, want) in [
        ("isn't", "isn\u{2019}t"),
        ("\"well-known\"", "\u{201c}well\u{2013}known\u{201d}"),
    ] {
        h.keys("enter /");
        h.type_text(query);
        h.keys("enter");
        let search = h.state.search.clone().expect("search");
        assert_eq!(search.matches.len(), 1, "{query}");
        let buf = h.render();
        // Every cell of the match, the curly marks included, drawn as the current match.
        let (x, y) = find(&buf, want).expect("match on screen");
        let width = want.chars().count() as u16;
        for dx in 0..width {
            assert!(
                buf[(x + dx, y)].modifier.contains(Modifier::REVERSED),
                "{query}: cell {dx} of {want}"
            );
        }
        assert!(!buf[(x + width, y)].modifier.contains(Modifier::REVERSED));
        h.keys("tab");
    }
}

#[test]
fn the_raw_view_strikes_the_lines_cleaning_removed() {
    let text = "Home | World | Sport | Weather\n\nQuay repairs approved\n\nThe harbour council voted on Monday to repair the north quay, and work starts in May.\n\nSign up for our morning newsletter today\n";
    let mut h = Harness::files(&[("quay.txt", text.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter r");
    let buf = h.render();
    let struck = |needle: &str| {
        let (x, y) = find(&buf, needle).unwrap_or_else(|| panic!("{needle}"));
        buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT)
    };
    assert!(struck("Home | World"));
    assert!(struck("Sign up for our"));
    assert!(!struck("The harbour council voted"));
    assert!(
        h.screen_text()
            .contains("struck lines: removed by cleaning")
    );
}

#[test]
fn the_cursor_s_sentence_is_shown_whole_when_it_fits() {
    let mut h = Harness::demo(100, 30);
    h.load_all();
    h.keys("enter");
    let height = h.state.page_height();
    for _ in 0..40 {
        h.keys(")");
        let pos = h.state.cursor;
        let lines = &h.state.view.lines;
        let rows: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let l = &lines[i];
                l.para == Some(pos.para) && l.range.end > pos.byte
            })
            .collect();
        let first = rows[0];
        // The sentence's lines: from its first, those of its paragraph up to its end.
        let article = h.state.entries[h.state.selected].article().unwrap().clone();
        let (_, range) = briefly::app::annotate::sentence_at(&article, pos).expect("a sentence");
        let last = rows
            .iter()
            .copied()
            .take_while(|&i| lines[i].range.start < range.end)
            .last()
            .unwrap();
        if last - first < height {
            let top = h.state.view.top;
            assert!(
                first >= top && last < top + height,
                "{pos:?}: lines {first}..={last}, top {top}, height {height}"
            );
        }
    }
}

#[test]
fn hiding_and_showing_captions_again_leaves_the_reader_on_the_same_text() {
    // The demo's first article opens with a photo caption and its credit.
    for start in ["g", "g j", "g j j", "g j j j", "g j j j j j", "G", "G k k"] {
        let mut h = Harness::demo(100, 30);
        h.load_all();
        h.keys("enter");
        h.keys(start);
        // The screen without the status line, and without the cursor's bar (hiding the
        // captions moves the cursor off them, on purpose).
        let text = |h: &Harness| {
            let rows = h.rows();
            rows[..rows.len() - 1].join("\n").replace('\u{258c}', " ")
        };
        let (top, before) = (h.state.view.top, text(&h));
        h.keys("c");
        assert!(!h.state.captions);
        h.keys("c");
        assert_eq!(h.state.view.top, top, "after {start:?} c c");
        assert_eq!(text(&h), before, "after {start:?} c c");
    }
}
