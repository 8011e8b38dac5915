//! Entities in the reader, headless: highlight styles on cells (with and without colour), the
//! toggles, the entity panel, walking an entity's mentions across articles, and the list
//! filtered to the articles that mention one. The demo briefing is the project's own text.

mod common;

use briefly::ui::Theme;
use common::{Harness, find};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The demo briefing, every article loaded and analysed, the first one open in the reader.
fn reading(w: u16, h: u16) -> Harness {
    let mut h = Harness::demo(w, h);
    h.load_all();
    h.keys("enter");
    h
}

fn cell_at<'a>(buf: &'a Buffer, text: &str) -> &'a ratatui::buffer::Cell {
    let (x, y) = find(buf, text).unwrap_or_else(|| panic!("{text} is on screen"));
    &buf[(x, y)]
}

#[test]
fn each_type_has_its_own_style_with_and_without_colour() {
    let mut h = reading(100, 50);
    let buf = h.render();
    let person = cell_at(&buf, "Helena Vasconcelos");
    assert!(person.modifier.contains(Modifier::BOLD), "{person:?}");
    assert_eq!(person.fg, Color::Cyan);
    let place = cell_at(&buf, "Lisbon and is");
    assert!(place.modifier.contains(Modifier::UNDERLINED), "{place:?}");
    let date = cell_at(&buf, "Tuesday");
    assert!(date.modifier.contains(Modifier::ITALIC), "{date:?}");
    let money = cell_at(&buf, "EUR 2.4 billion");
    assert!(
        money
            .modifier
            .contains(Modifier::ITALIC | Modifier::UNDERLINED)
    );
    let org = cell_at(&buf, "International Shared Waters Agency");
    assert!(org.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED));
    // Plain words stay plain.
    let plain = cell_at(&buf, "cross their");
    assert_eq!(plain.modifier, Modifier::empty());

    // Without colour every type still differs from the others and from plain text.
    h.theme = Theme { color: false };
    let buf = h.render();
    let styles: Vec<(Modifier, Color)> = [
        "Helena Vasconcelos",
        "International Shared Waters Agency",
        "Lisbon and is",
        "Tuesday",
        "EUR 2.4 billion",
    ]
    .iter()
    .map(|t| {
        let c = cell_at(&buf, t);
        (c.modifier, c.fg)
    })
    .collect();
    for (i, a) in styles.iter().enumerate() {
        assert_eq!(a.1, Color::Reset, "no colour");
        assert_ne!(a.0, Modifier::empty());
        for b in &styles[i + 1..] {
            assert_ne!(a.0, b.0, "{styles:?}");
        }
    }
}

#[test]
fn h_switches_highlights_off_and_h_with_a_letter_one_type() {
    let mut h = reading(100, 50);
    h.keys("H p");
    let buf = h.render();
    assert_eq!(
        cell_at(&buf, "Helena Vasconcelos").modifier,
        Modifier::empty(),
        "people no longer highlighted"
    );
    assert!(
        cell_at(&buf, "Lisbon and is")
            .modifier
            .contains(Modifier::UNDERLINED),
        "places still are"
    );
    assert!(h.screen_text().contains("people not highlighted"));
    // H: every type again when some are hidden, then off.
    h.keys("H H");
    let buf = h.render();
    assert!(
        cell_at(&buf, "Helena Vasconcelos")
            .modifier
            .contains(Modifier::BOLD)
    );
    h.keys("H H");
    let buf = h.render();
    assert_eq!(cell_at(&buf, "Lisbon and is").modifier, Modifier::empty());
    assert_eq!(
        cell_at(&buf, "Helena Vasconcelos").modifier,
        Modifier::empty()
    );
    assert!(h.screen_text().contains("entity highlights off"));
    // With highlights off, a type's key shows that type alone; H then shows them all.
    h.keys("H p");
    let buf = h.render();
    assert!(
        cell_at(&buf, "Helena Vasconcelos")
            .modifier
            .contains(Modifier::BOLD)
    );
    assert_eq!(cell_at(&buf, "Lisbon and is").modifier, Modifier::empty());
    assert!(h.screen_text().contains("only people highlighted"));
    h.keys("H H");
    assert!(h.screen_text().contains("every entity type highlighted"));
    let buf = h.render();
    assert!(
        cell_at(&buf, "Lisbon and is")
            .modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn the_help_shows_the_legend_in_each_style() {
    let mut h = reading(100, 40);
    h.keys("?");
    let buf = h.render();
    assert!(h.screen_text().contains("Entity highlights"));
    let person = cell_at(&buf, "PERSON");
    assert!(person.modifier.contains(Modifier::BOLD));
    let place = cell_at(&buf, "PLACE");
    assert!(place.modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn the_panel_lists_the_articles_entities_by_type_with_counts() {
    let mut h = reading(100, 40);
    h.keys("i");
    let text = h.screen_text();
    for heading in [
        "People (",
        "Organisations (",
        "Places (",
        "Dates and times (",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    let row = text
        .lines()
        .find(|l| l.contains("Helena Vasconcelos"))
        .expect("Helena Vasconcelos is listed");
    assert!(row.contains("5 articles"), "{row}");
    let agency = text
        .lines()
        .find(|l| l.contains("International Shared Waters Agency"))
        .expect("the agency is listed");
    assert!(agency.contains("(ISWA"), "its alias is shown: {agency}");
    // Esc closes it.
    h.keys("esc");
    assert!(!h.screen_text().contains("People ("));
}

/// Opens the panel and moves its selection to the row that names `name`.
fn choose(h: &mut Harness, name: &str) {
    h.keys("i");
    for _ in 0..60 {
        let selected = briefly::app::entities::rows(&h.state)
            .get(h.state.entity_panel.unwrap().selected)
            .cloned();
        if let Some(briefly::app::entities::Row::Entity { id, .. }) = selected
            && h.state.index.entities[id as usize].name == name
        {
            return;
        }
        h.keys("j");
    }
    panic!("{name} is not in the panel");
}

#[test]
fn enter_goes_to_the_first_mention_and_n_walks_on_through_the_briefing() {
    let mut h = reading(100, 30);
    choose(&mut h, "Helena Vasconcelos");
    h.keys("enter");
    assert!(h.state.entity_panel.is_none());
    let status = h.rows().last().unwrap().clone();
    assert!(
        status.contains("Helena Vasconcelos: mention 1 of 8"),
        "{status}"
    );
    // The mention is marked on screen as the current one.
    let buf = h.render();
    let at = cell_at(&buf, "Helena Vasconcelos");
    assert!(at.modifier.contains(Modifier::REVERSED));
    let mut articles = vec![h.state.selected];
    for _ in 0..7 {
        h.keys("n");
        articles.push(h.state.selected);
    }
    articles.dedup();
    assert_eq!(articles.len(), 5, "every article names her: {articles:?}");
    assert!(h.screen_text().contains("mention 8 of 8"));
    // On past the last comes the first again; N goes back.
    h.keys("n");
    assert!(h.screen_text().contains("mention 1 of 8"));
    h.keys("N");
    assert!(h.screen_text().contains("mention 8 of 8"));
    // The reader shows the mention.
    let buf = h.render();
    assert!(find(&buf, "Vasconcel").is_some());
}

#[test]
fn f_filters_the_list_to_the_articles_that_mention_it_and_f_again_clears() {
    let mut h = reading(100, 30);
    choose(&mut h, "Coalition for Open Rivers");
    let id = briefly::app::entities::find(&h.state.index, "Coalition for Open Rivers").unwrap();
    let mentioning = h.state.index.entities[id as usize].articles.len();
    assert!(mentioning < 5);
    h.keys("f");
    assert_eq!(h.state.shown.len(), mentioning);
    let text = h.screen_text();
    assert!(text.contains(&format!("1/{mentioning}")), "{text}");
    assert!(text.contains("articles that mention Coalition for Open Rivers"));
    // j stays within the filtered list.
    h.keys("j j j j");
    assert!(
        h.state.shown.contains(&h.state.selected),
        "the selection stays among them"
    );
    h.keys("i F");
    assert_eq!(h.state.shown.len(), 5);
    assert!(h.screen_text().contains("all articles"));
}

#[test]
fn bracket_e_goes_to_the_next_mention_of_the_entity_in_the_cursors_sentence() {
    let mut h = reading(100, 30);
    // Move the cursor to the first sentence that names the agency by its acronym or name.
    let mut found = false;
    for _ in 0..40 {
        let shown = h.state.shown_article().unwrap().clone();
        let para = &shown.paragraphs[h.state.cursor.para].text;
        let sentence = briefly::app::annotate::sentence_at(&shown, h.state.cursor)
            .map(|(_, r)| para[r].to_string())
            .unwrap_or_default();
        if sentence.starts_with("At its heart") {
            found = true;
            break;
        }
        h.keys(")");
    }
    assert!(found, "the cursor reaches the sentence");
    h.keys("] e");
    let status = h.rows().last().unwrap().clone();
    assert!(
        status.contains("International Shared Waters Agency: mention 2 of"),
        "{status}"
    );
    h.keys("[ e");
    assert!(
        h.rows()
            .last()
            .unwrap()
            .contains("International Shared Waters Agency: mention 1 of")
    );
}

#[test]
fn the_panel_fits_a_small_terminal() {
    let mut h = reading(80, 24);
    h.keys("i");
    let rows = h.rows();
    assert!(rows.iter().any(|r| r.contains("People (")), "{rows:#?}");
    let mut h = reading(40, 12);
    h.keys("i");
    let text = h.screen_text();
    assert!(text.contains("Entities"), "{text}");
}

/// Moves the reader's cursor to the sentence that starts with `start`.
fn cursor_to(h: &mut Harness, start: &str) {
    for _ in 0..40 {
        let shown = h.state.shown_article().unwrap().clone();
        let para = &shown.paragraphs[h.state.cursor.para].text;
        if let Some((_, r)) = briefly::app::annotate::sentence_at(&shown, h.state.cursor)
            && para[r].starts_with(start)
        {
            return;
        }
        h.keys(")");
    }
    panic!("no sentence starts with {start}");
}

#[test]
fn inside_a_noted_passage_names_keep_their_own_style() {
    let mut h = reading(100, 50);
    h.theme = Theme { color: false };
    cursor_to(&mut h, "LISBON");
    // A quick tag makes a note on the cursor's sentence.
    h.keys("1");
    let buf = h.render();
    let noted = cell_at(&buf, "signed a treaty");
    assert_eq!(
        noted.modifier,
        Modifier::UNDERLINED | Modifier::ITALIC,
        "the note's own look"
    );
    let place = cell_at(&buf, "LISBON");
    assert_eq!(
        place.modifier,
        Modifier::UNDERLINED,
        "PLACE, not PLACE + note"
    );
    let date = cell_at(&buf, "Tuesday that");
    assert_eq!(date.modifier, Modifier::ITALIC, "DATE, not the note's look");
}

#[test]
fn without_colour_a_search_match_differs_from_a_selection() {
    let mut h = reading(100, 50);
    h.theme = Theme { color: false };
    cursor_to(&mut h, "LISBON");
    h.keys("v /");
    h.type_text("data");
    h.keys("enter");
    let buf = h.render();
    let selected = cell_at(&buf, "signed a treaty");
    assert_eq!(selected.modifier, Modifier::REVERSED);
    let plain_match = buf
        .content()
        .iter()
        .find(|c| {
            c.modifier
                .contains(Modifier::REVERSED | Modifier::UNDERLINED)
                && !c.modifier.contains(Modifier::BOLD)
        })
        .expect("a match that is not the current one");
    assert_ne!(selected.modifier, plain_match.modifier);
}

#[test]
fn the_sentence_s_next_entity_can_be_picked_and_walked_without_the_panel() {
    let mut h = reading(100, 50);
    // Down to the first sentence naming two entities or more.
    let mut names = Vec::new();
    for _ in 0..40 {
        h.keys("] E");
        let first = h.state.walk.as_ref().map(|w| w.entity.clone());
        h.keys("] E");
        let second = h.state.walk.as_ref().map(|w| w.entity.clone());
        if let (Some(a), Some(b)) = (first, second)
            && a != b
        {
            names = vec![a, b];
            break;
        }
        h.keys(")");
    }
    assert_eq!(names.len(), 2, "a demo sentence names two entities");
    // ] e goes on with the entity picked, not the sentence's first.
    h.keys("] e");
    assert_eq!(h.state.walk.as_ref().unwrap().entity, names[1]);
}
