//! Selecting, tagging and deleting notes from the keyboard, on the real app state.

mod common;

use briefly::app::{Action, Effect};
use briefly::notes::Store;
use common::notes::{STORY, live_notes, reading};
use common::{Harness, find};
use ratatui::style::Modifier;

#[test]
fn select_two_sentences_tag_them_and_see_the_mark() {
    let mut h = reading();
    h.keys(") v )");
    assert!(h.state.selection.is_some());
    h.keys("t");
    h.type_text("works, budget");
    h.keys("enter");
    let notes = live_notes(&h);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].tags, ["works", "budget"]);
    assert_eq!(
        notes[0].target.quote().unwrap().0,
        "Work starts in May. The bill is 2.1 million."
    );
    assert!(h.effects.contains(&Effect::SaveNotes));
    assert!(h.state.selection.is_none());
    // The passage is marked in the reader, and the list counts the note.
    let buf = h.render();
    let (x, y) = find(&buf, "The bill is").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::UNDERLINED | Modifier::ITALIC)
    );
    let (bx, by) = find(&buf, "The harbour council")
        .unwrap_or_else(|| panic!("{}", common::rows(&buf).join("\n")));
    assert!(
        !buf[(bx, by)].modifier.contains(Modifier::UNDERLINED),
        "only the passage is marked"
    );
    assert!(h.screen_text().contains("1 note \u{b7} quay.txt"));
}

#[test]
fn quick_tags_apply_to_the_cursor_sentence_and_tags_add_up() {
    let mut h = reading();
    h.keys("2");
    assert_eq!(live_notes(&h)[0].tags, ["quote"]);
    assert_eq!(
        live_notes(&h)[0].target.quote().unwrap().0,
        "The harbour council voted on Monday to repair the north quay."
    );
    // Tagging the same passage again adds to the same note.
    h.keys("4");
    let notes = live_notes(&h);
    assert_eq!(
        (notes.len(), notes[0].tags.clone()),
        (1, vec!["quote".to_string(), "figure".to_string()])
    );
}

#[test]
fn delete_undo_redo() {
    let mut h = reading();
    h.keys("1");
    assert_eq!(live_notes(&h).len(), 1);
    h.keys("d");
    assert!(live_notes(&h).is_empty());
    assert_eq!(
        h.state.notes.len(),
        1,
        "kept as a tombstone so that merges do not revive it"
    );
    h.keys("u");
    assert_eq!(live_notes(&h).len(), 1);
    h.keys("ctrl-r");
    assert!(live_notes(&h).is_empty());
    h.keys("u u");
    assert!(
        live_notes(&h).is_empty(),
        "undoing the creation removes the note"
    );
}

#[test]
fn tab_completes_tags_already_used() {
    let mut h = reading();
    h.keys("t");
    h.type_text("follow-up-with-council");
    h.keys("enter )");
    h.keys("t");
    h.type_text("fol");
    h.keys("tab");
    // Two tags start with "fol": the quick tag follow-up and the one used above.
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap_or("")
            .contains("follow-up-with-council")
    );
    h.type_text("low-up-w");
    h.keys("tab");
    assert_eq!(h.state.prompt.as_deref(), Some("follow-up-with-council, "));
}

#[test]
fn tab_in_the_filter_prompt_lists_the_tags_in_use_on_screen() {
    let mut h = reading();
    h.keys("t");
    h.type_text("council budget");
    h.keys("enter ) t");
    h.type_text("timeline");
    h.keys("enter #");
    h.keys("tab");
    // The prompt stays, and the tags in use show after it on the status line.
    let status = h.rows().last().cloned().unwrap_or_default();
    assert!(
        status.contains("council-budget") && status.contains("timeline"),
        "{status}"
    );
    // Typing hides the list; a single match completes to one tag, with no comma after it.
    h.type_text("tim");
    assert!(!h.rows().last().unwrap().contains("council-budget"));
    h.keys("tab");
    assert_eq!(h.state.prompt.as_deref(), Some("timeline"));
}

#[test]
fn commas_separate_tags_and_a_space_inside_one_becomes_a_dash() {
    let mut h = reading();
    h.keys("t");
    h.type_text("claim, key fact");
    h.keys("enter");
    assert_eq!(live_notes(&h)[0].tags, ["claim", "key-fact"]);
    // Hashtags typed with spaces between them are separate tags.
    h.keys(")");
    h.keys("t");
    h.type_text("#timeline #source");
    h.keys("enter");
    assert_eq!(live_notes(&h)[1].tags, ["timeline", "source"]);
}

#[test]
fn tab_completes_the_tag_after_the_last_comma() {
    let mut h = reading();
    h.keys("t");
    h.type_text("council budget");
    h.keys("enter )");
    h.keys("t");
    h.type_text("claim, coun");
    h.keys("tab");
    assert_eq!(h.state.prompt.as_deref(), Some("claim, council-budget, "));
}

#[test]
fn a_sticky_tag_goes_passage_after_passage() {
    let mut h = reading();
    h.keys("T");
    h.type_text("timeline");
    h.keys("enter s s");
    let notes = live_notes(&h);
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].target.quote().unwrap().0, "Work starts in May.");
    assert!(h.rows().last().unwrap().contains("[#timeline]"));
    h.keys("T");
    assert!(h.state.sticky.is_none());
}

#[test]
fn selections_extend_by_word_and_paragraph_and_swap_ends() {
    let mut h = reading();
    h.keys("v w w");
    let quote = |h: &mut Harness| {
        h.keys("t");
        h.type_text("x");
        h.keys("enter");
        let q = live_notes(h)
            .last()
            .unwrap()
            .target
            .quote()
            .unwrap()
            .0
            .to_string();
        h.keys("u");
        q
    };
    assert_eq!(
        quote(&mut h),
        "The harbour council voted on Monday to repair the north quay. Work starts"
    );
    h.keys("v }");
    assert_eq!(
        quote(&mut h),
        "The harbour council voted on Monday to repair the north quay. Work starts in May. The bill is 2.1 million."
    );
    h.keys(") v o b");
    assert_eq!(quote(&mut h), "quay. Work starts in May.");
    h.keys(") v o (");
    assert_eq!(
        quote(&mut h),
        "Work starts in May. The bill is 2.1 million."
    );
    h.keys("v esc");
    assert!(h.state.selection.is_none());
}

#[test]
fn notes_survive_an_edited_article_and_a_store_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = reading();
    h.keys(") 3");
    let store = Store::new(dir.path(), "b");
    store.save(&h.state.notes).unwrap();
    // The article is re-saved with a new first paragraph: the note moves with its words.
    let edited = STORY.replace(
        "Quay repairs approved\n\n",
        "Quay repairs approved\n\nUpdated on Tuesday with the council's figures.\n\n",
    );
    let path = h.dir.as_ref().unwrap().path().join("quay.txt");
    std::fs::write(&path, edited).unwrap();
    let mut again = Harness::files(
        &[("quay.txt", std::fs::read(&path).unwrap().as_slice())],
        100,
        30,
    );
    again.load_all();
    let loaded = store.load();
    assert!(loaded.problem.is_none());
    // The source key is the file's path: point the loaded note at the new temp file.
    let key = again.state.entries[0].key.clone();
    let notes = loaded
        .notes
        .into_iter()
        .map(|mut n| {
            n.target.source = key.clone();
            n
        })
        .collect();
    again.act(Action::NotesLoaded(notes, None));
    again.keys("enter");
    assert_eq!(again.state.marks.len(), 1);
    let m = again.state.marks[0];
    let text = &again.state.entries[0].article().unwrap().paragraphs[m.start.para].text;
    assert_eq!(&text[m.start.byte..m.end.byte], "Work starts in May.");
    assert!(!m.review);
}

#[test]
fn write_edit_and_close_a_note_in_the_editor() {
    let mut h = reading();
    h.keys(") a");
    assert!(h.state.editor.is_some());
    let screen = h.screen_text();
    assert!(
        screen.contains("New note") && screen.contains("\u{201c}Work starts in May.\u{201d}"),
        "{screen}"
    );
    h.type_text("Ask the council");
    h.keys("enter");
    h.type_text("for the contract.");
    assert!(h.screen_text().contains("for the contract."));
    h.keys("ctrl-s");
    assert!(h.state.editor.is_none());
    let notes = live_notes(&h);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Ask the council\nfor the contract.");
    assert_eq!(notes[0].target.quote().unwrap().0, "Work starts in May.");
    assert!(h.effects.contains(&Effect::SaveNotes));
    // e edits it; Esc with changes asks first, a second Esc discards them.
    h.keys("e");
    h.type_text(" Soon.");
    h.keys("esc");
    assert!(h.state.editor.is_some(), "the first Esc only asks");
    assert!(h.rows().last().unwrap().contains("unsaved note"));
    h.keys("esc");
    assert!(h.state.editor.is_none());
    assert_eq!(
        live_notes(&h)[0].text,
        "Ask the council\nfor the contract.",
        "discarded"
    );
    // Keys that are commands elsewhere are text in the editor.
    h.keys("e");
    h.type_text(" q d u");
    h.keys("ctrl-s");
    assert_eq!(
        live_notes(&h)[0].text,
        "Ask the council\nfor the contract. q d u"
    );
    assert!(!h.effects.contains(&Effect::Quit));
    // And undo takes the edit back.
    h.keys("u");
    assert_eq!(live_notes(&h)[0].text, "Ask the council\nfor the contract.");
}

#[test]
fn an_empty_new_note_is_not_saved() {
    let mut h = reading();
    h.keys("a ctrl-s");
    assert!(live_notes(&h).is_empty());
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap_or("")
            .contains("empty note")
    );
}

#[test]
fn notes_loaded_before_the_article_are_marked_once_it_arrives() {
    use briefly::app::{AppState, update};
    let mut h = reading();
    h.keys(") 2");
    let notes = h.state.notes.clone();
    let sources: Vec<_> = h.state.entries.iter().map(|e| e.source.clone()).collect();
    // As the shell starts: notes first, then the first frame asks for the article.
    let mut state = AppState::new(
        "b".into(),
        sources,
        briefly::keymap::Keymap::default_map(),
        (100, 30),
    );
    update(&mut state, Action::NotesLoaded(notes, None));
    let effects = update(&mut state, Action::Resize(100, 30));
    for e in effects {
        if let Effect::Load(i) = e {
            let a = briefly::ingest::load(&state.entries[i].source);
            update(&mut state, Action::Loaded(i, Box::new(a)));
        }
    }
    assert_eq!(
        state.marks.len(),
        1,
        "the note is marked without leaving the article"
    );
}

#[test]
fn shrinking_goes_back_across_a_paragraph() {
    let mut h = reading();
    h.keys(") ) v ) (");
    h.keys("t");
    h.type_text("x");
    h.keys("enter");
    assert_eq!(
        live_notes(&h)[0].target.quote().unwrap().0,
        "The bill is 2.1 million."
    );
}

#[test]
fn tags_are_normalised() {
    let mut h = reading();
    h.keys("t");
    h.type_text("#Foo, foo; Bar");
    h.keys("enter");
    assert_eq!(live_notes(&h)[0].tags, ["foo", "bar"]);
}

#[test]
fn hiding_captions_moves_the_cursor_off_them() {
    let mut h = Harness::demo(100, 40);
    h.load_all();
    h.keys("enter");
    let article = h.state.entries[0].article().unwrap().clone();
    let caption = article
        .paragraphs
        .iter()
        .position(|p| p.kind == briefly::ingest::ParagraphKind::Caption)
        .expect("the demo has a caption");
    while h.state.cursor.para < caption {
        h.keys(")");
    }
    assert_eq!(h.state.cursor.para, caption);
    h.keys("c");
    assert_ne!(
        article.paragraphs[h.state.cursor.para].kind,
        briefly::ingest::ParagraphKind::Caption
    );
    h.keys("4");
    let note = live_notes(&h)[0].target.quote().unwrap().0.to_string();
    assert!(
        !article.captions().any(|c| c.text == note),
        "a hidden caption is never tagged: {note}"
    );
}

#[test]
fn tagging_a_selection_then_writing_gives_one_note_with_both() {
    let mut h = reading();
    h.keys(") v )");
    h.keys("t");
    h.type_text("works");
    h.keys("enter a");
    h.type_text("Ask about the tender.");
    h.keys("ctrl-s");
    let notes = live_notes(&h);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].tags, ["works"]);
    assert_eq!(notes[0].text, "Ask about the tender.");
    assert_eq!(
        notes[0].target.quote().unwrap().0,
        "Work starts in May. The bill is 2.1 million."
    );
}

#[test]
fn on_the_too_small_screen_only_quit_acts() {
    let mut h = reading();
    h.keys("1");
    assert_eq!(live_notes(&h).len(), 1);
    h.act(briefly::app::Action::Resize(20, 4));
    assert!(h.screen_text().contains("too small"));
    // Keys that would delete the note, open a search prompt or wait for a second key do
    // nothing while nothing can be seen.
    h.keys("d ) / x ]");
    assert_eq!(live_notes(&h).len(), 1, "the note is still there");
    assert!(h.state.prompt.is_none(), "no hidden prompt was opened");
    assert!(h.state.pending_key.is_none());
    h.act(briefly::app::Action::Resize(100, 30));
    h.keys("d");
    assert!(live_notes(&h).is_empty(), "keys act again once it fits");
    h.act(briefly::app::Action::Resize(20, 4));
    h.keys("q");
    assert!(h.effects.contains(&Effect::Quit));
}

#[test]
fn ctrl_c_closes_the_editor_asking_first_when_there_is_text() {
    let mut h = reading();
    h.keys("a");
    h.type_text("Half a thought");
    h.keys("ctrl-c");
    assert!(h.state.editor.is_some(), "the first Ctrl-c only asks");
    let message = h.state.message.clone().unwrap_or_default();
    assert!(message.contains("unsaved note"), "{message}");
    assert!(
        !h.effects.contains(&Effect::Quit),
        "Ctrl-c does not quit from the editor"
    );
    h.keys("ctrl-c");
    assert!(h.state.editor.is_none());
    assert!(live_notes(&h).is_empty());
}

#[test]
fn extending_by_word_crosses_into_the_next_paragraph_as_sentences_do() {
    let mut h = reading();
    h.keys(") ) v w");
    h.keys("t");
    h.type_text("x");
    h.keys("enter");
    let quote = live_notes(&h)[0].target.quote().unwrap().0.to_string();
    assert!(
        quote.starts_with("The bill is 2.1 million.") && quote.ends_with("Residents"),
        "{quote}"
    );
}

#[test]
fn the_status_line_shows_the_editors_keys_while_it_is_open() {
    let mut h = reading();
    let status = |h: &Harness| h.rows().last().cloned().unwrap_or_default();
    assert!(status(&h).contains("page"), "{}", status(&h));
    h.keys("a");
    let line = status(&h);
    assert!(
        line.contains("ctrl-s save") && line.contains("esc cancel"),
        "{line}"
    );
    // Not the reader's keys, nor `? help`: `?` is typed into the note.
    assert!(
        !line.contains("page") && !line.contains("next/prev") && !line.contains("help"),
        "{line}"
    );
    // From the keymap in effect: a user's binding shows.
    h.keys("esc");
    h.state.keymap = briefly::keymap::Keymap::with_user(
        "keymap.toml",
        "[editor]\nkeymap = [{ on = \"ctrl-w\", run = \"editor_save\" }, { on = \"ctrl-s\", run = \"none\" }]\n",
    )
    .unwrap();
    h.keys("a");
    let line = status(&h);
    assert!(
        line.contains("ctrl-w save") && !line.contains("ctrl-s"),
        "{line}"
    );
    h.keys("esc");
    assert!(status(&h).contains("page"), "{}", status(&h));
}
