//! The note editor: a ratatui-textarea in a popup, for the passage being annotated. Ctrl-s
//! saves, Esc closes (asking first when there are unsaved changes).

use ratatui_textarea::{Input, Key as TaKey, TextArea};

use super::action::{Command, Effect};
use super::annotate::{self, Pos};
use super::state::AppState;
use crate::keymap::{Key, KeyCode, Mode};
use crate::notes::model::now;

#[derive(Debug, Clone)]
pub struct Editor {
    pub area: TextArea<'static>,
    /// The note being edited, or None for a new one.
    pub note: Option<String>,
    /// The passage a new note is for.
    pub passage: (Pos, Pos),
    /// The passage's text, shown above the editor.
    pub quote: String,
    pub dirty: bool,
    /// Esc was pressed once with unsaved changes.
    pub confirm_close: bool,
    /// Names this editing session's draft (see `draft`).
    pub started: String,
}

/// `a`: a note on the selection (or the cursor's sentence); the passage's note when it has one.
pub fn open_for_passage(state: &mut AppState) {
    // Without a selection, the cursor on a note's passage writes in that note ("t" then "a"
    // on a passage gives one note with tags and text, not two).
    if state.selection.is_none()
        && let Some(mark) = annotate::mark_at_cursor(state)
    {
        open_note(state, mark.note);
        return;
    }
    let Some(article) = annotate::shown_article(state) else {
        return;
    };
    let Some((start, end)) = annotate::passage(state, &article) else {
        return;
    };
    match state
        .marks
        .iter()
        .find(|m| m.start == start && m.end == end)
        .map(|m| m.note)
    {
        Some(i) => open_note(state, i),
        None => {
            let quote = slice(&article, start, end);
            state.editor = Some(Editor {
                area: TextArea::default(),
                note: None,
                passage: (start, end),
                quote,
                dirty: false,
                confirm_close: false,
                started: format!("new-{}-{}-{}", now(), start.para, start.byte),
            });
        }
    }
}

/// `e`: the note under the cursor.
pub fn open_at_cursor(state: &mut AppState) {
    match annotate::mark_at_cursor(state) {
        Some(mark) => open_note(state, mark.note),
        None => state.message = Some("no note here: a adds one".into()),
    }
}

fn open_note(state: &mut AppState, i: usize) {
    let note = &state.notes[i];
    let lines: Vec<String> = if note.text.is_empty() {
        vec![String::new()]
    } else {
        note.text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    let quote = note
        .target
        .quote()
        .map(|q| q.0.to_string())
        .unwrap_or_default();
    state.editor = Some(Editor {
        area,
        note: Some(note.id.clone()),
        passage: (Pos::default(), Pos::default()),
        quote,
        dirty: false,
        confirm_close: false,
        started: note.id.clone(),
    });
}

fn slice(article: &crate::ingest::Article, start: Pos, end: Pos) -> String {
    let text = article.plain_text();
    let (s, e) = (
        article.char_offset(start.para, start.byte),
        article.char_offset(end.para, end.byte),
    );
    text.chars().skip(s).take(e.saturating_sub(s)).collect()
}

/// A key typed into the editor.
pub fn input(state: &mut AppState, key: Key) {
    let Some(editor) = state.editor.as_mut() else {
        return;
    };
    let code = match key.code {
        KeyCode::Char(c) => TaKey::Char(c),
        KeyCode::Enter => TaKey::Enter,
        KeyCode::Tab => TaKey::Tab,
        KeyCode::Backspace => TaKey::Backspace,
        KeyCode::Delete => TaKey::Delete,
        KeyCode::Left => TaKey::Left,
        KeyCode::Right => TaKey::Right,
        KeyCode::Up => TaKey::Up,
        KeyCode::Down => TaKey::Down,
        KeyCode::Home => TaKey::Home,
        KeyCode::End => TaKey::End,
        KeyCode::PageUp => TaKey::PageUp,
        KeyCode::PageDown => TaKey::PageDown,
        KeyCode::Esc => TaKey::Esc,
        KeyCode::F(n) => TaKey::F(n),
        KeyCode::BackTab | KeyCode::Insert => return,
    };
    let changed = editor.area.input(Input {
        key: code,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: false,
    });
    editor.dirty |= changed;
    editor.confirm_close = false;
}

/// Pasted text goes in as it is, newlines included.
pub fn paste(state: &mut AppState, text: &str) {
    if let Some(editor) = state.editor.as_mut() {
        let clean = crate::sanitize::sanitize(text);
        editor.dirty |= editor.area.insert_str(clean);
    }
}

/// Ctrl-s: saves the note (a new one, or the edited one) and closes the editor.
pub fn save(state: &mut AppState, effects: &mut Vec<Effect>) {
    // A new note needs its article on screen; until it is (a restored draft whose article is
    // still loading), the editor stays open with everything in it.
    if state.editor.as_ref().is_some_and(|e| e.note.is_none())
        && annotate::shown_article(state).is_none()
    {
        state.message = Some("the article is not shown yet: ctrl-s again once it is".into());
        return;
    }
    let Some(editor) = state.editor.take() else {
        return;
    };
    let text = editor.area.lines().join("\n").trim_end().to_string();
    let time = now();
    match &editor.note {
        Some(id) => {
            annotate::checkpoint(state);
            if let Some(note) = state.notes.iter_mut().find(|n| &n.id == id) {
                note.text = text;
                note.updated = time;
            }
        }
        None if text.is_empty() => {
            state.message = Some("empty note not saved".into());
            return;
        }
        None => {
            let Some(article) = annotate::shown_article(state) else {
                return;
            };
            annotate::checkpoint(state);
            let passage = super::draft::fit_passage(&article, editor.passage, &editor.quote);
            let note = annotate::new_note(state, &article, passage, Vec::new(), text);
            state.notes.push(note);
        }
    }
    state.selection = None;
    state.message = Some("note saved".into());
    annotate::changed(state, effects);
}

/// Esc: closes; with unsaved changes, the first Esc asks.
pub fn close(state: &mut AppState) {
    let Some(editor) = state.editor.as_mut() else {
        return;
    };
    if editor.dirty && !editor.confirm_close {
        editor.confirm_close = true;
        let keys = &state.keymap;
        let close = keys.hint(Mode::Editor, &[Command::EditorClose]);
        let save = keys.hint(Mode::Editor, &[Command::EditorSave]);
        state.message = Some(format!(
            "unsaved note: {} again discards it, {} saves it",
            close.as_deref().unwrap_or("closing"),
            save.as_deref().unwrap_or("saving")
        ));
        return;
    }
    state.editor = None;
}
