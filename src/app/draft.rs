//! What the open note editor holds, kept outside the notes until it is saved: the shell writes
//! it to the data folder every few seconds of typing and when a signal (a dropped SSH
//! connection) ends the session, and the next start offers it back. Pure: capturing the
//! editor, offering drafts, and putting one back in the editor.

use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

use super::action::{Command, Effect};
use super::annotate::Pos;
use super::editor::Editor;
use super::state::{AppState, Focus};
use crate::ingest::Article;
use crate::keymap::Mode;

/// An unsaved note as it stood in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Names the editing session: the note's id when an existing note was being edited.
    pub id: String,
    /// The article's key (`Entry::key`) and title.
    pub article: String,
    pub title: String,
    /// The note being edited, or None for a new one.
    pub note: Option<String>,
    /// A new note's passage: (paragraph, byte) of its start and end in the clean text.
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub quote: String,
    pub text: String,
}

/// The editor's content as a draft, when the editor is open and holds something unsaved.
pub fn capture(state: &AppState) -> Option<Draft> {
    let editor = state.editor.as_ref()?;
    if !editor.dirty {
        return None;
    }
    let entry = state.entries.get(state.selected)?;
    Some(Draft {
        id: editor
            .note
            .clone()
            .unwrap_or_else(|| editor.started.clone()),
        article: entry.key.clone(),
        title: entry.title.clone(),
        note: editor.note.clone(),
        start: (editor.passage.0.para, editor.passage.0.byte),
        end: (editor.passage.1.para, editor.passage.1.byte),
        quote: editor.quote.clone(),
        text: editor.area.lines().join("\n"),
    })
}

/// Drafts found at start: the first is offered (the others after it).
pub fn found(state: &mut AppState, drafts: Vec<Draft>) {
    state.drafts = drafts;
}

/// What the status line asks while drafts wait: what the first one is and which keys
/// restore or discard it.
pub fn offer(state: &AppState) -> Option<String> {
    let draft = state.drafts.first()?;
    let key = |c: Command| {
        state
            .keymap
            .key_for(Mode::Draft, c)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    };
    let what = if draft.quote.is_empty() {
        draft.title.clone()
    } else {
        super::annotate::quoted(&shorten(&draft.quote, 40))
    };
    let more = match state.drafts.len() {
        1 => String::new(),
        n => format!(" (1 of {n})"),
    };
    // The keys first, so that a narrow terminal still shows them.
    Some(format!(
        "Unsaved note{more}: {} restore \u{b7} {} discard \u{b7} {} later \u{2014} on {what}",
        key(Command::DraftRestore),
        key(Command::DraftDiscard),
        key(Command::DraftLater),
    ))
}

fn shorten(text: &str, max: usize) -> String {
    let line = crate::sanitize::sanitize_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// `y`: opens the editor on the draft's article with its text. The draft's file stays until
/// the note is saved or discarded.
pub fn restore(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.drafts.is_empty() {
        return;
    }
    let draft = state.drafts.remove(0);
    let Some(index) = state.entries.iter().position(|e| e.key == draft.article) else {
        state.message = Some(format!(
            "the unsaved note's article is not in this briefing ({}); it is kept for when it is",
            shorten(&draft.title, 40)
        ));
        return;
    };
    state.selected = index;
    state.focus = Focus::Reader;
    if state.entries[index].article().is_none() {
        effects.push(Effect::Load(index));
    }
    let note = draft
        .note
        .filter(|id| state.notes.iter().any(|n| &n.id == id && !n.deleted));
    let mut area = TextArea::new(draft.text.lines().map(str::to_string).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    let pos = |(para, byte): (usize, usize)| Pos { para, byte };
    state.editor = Some(Editor {
        area,
        note,
        passage: (pos(draft.start), pos(draft.end)),
        quote: draft.quote,
        dirty: true,
        confirm_close: false,
        started: draft.id,
    });
    state.message = Some("unsaved note restored: ctrl-s saves it".into());
}

/// `n`: the draft is thrown away (its file removed).
pub fn discard(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.drafts.is_empty() {
        return;
    }
    let draft = state.drafts.remove(0);
    effects.push(Effect::ForgetDraft(draft.id));
    state.message = Some("unsaved note discarded".into());
}

/// Esc: not now; the drafts stay on disk and are offered again next time.
pub fn later(state: &mut AppState) {
    let n = state.drafts.len();
    state.drafts.clear();
    state.message = Some(match n {
        1 => "the unsaved note is kept for next time".to_string(),
        n => format!("{n} unsaved notes are kept for next time"),
    });
}

/// The passage a new note goes on in the article as it is now: where it was while the quote
/// still reads there, else where the quote is found, else the first paragraph (a draft put
/// back after the article changed must never point between the bytes of a character).
pub fn fit_passage(article: &Article, (start, end): (Pos, Pos), quote: &str) -> (Pos, Pos) {
    let valid = |p: Pos| {
        article
            .paragraphs
            .get(p.para)
            .is_some_and(|t| t.text.is_char_boundary(p.byte))
    };
    let text = article.plain_text();
    if valid(start) && valid(end) && start <= end {
        let (s, e) = (
            article.char_offset(start.para, start.byte),
            article.char_offset(end.para, end.byte),
        );
        if text.chars().skip(s).take(e - s).eq(quote.chars()) {
            return (start, end);
        }
    }
    if !quote.is_empty()
        && let Some(at) = text.find(quote)
    {
        let s = text[..at].chars().count();
        let e = s + quote.chars().count();
        let at = |offset| {
            let (para, byte) = article.position_of(offset);
            Pos { para, byte }
        };
        return (at(s), at(e));
    }
    let first = article.paragraphs.first().map_or(0, |p| p.text.len());
    (
        Pos { para: 0, byte: 0 },
        Pos {
            para: 0,
            byte: first,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Paragraph;

    fn article(paras: &[&str]) -> Article {
        Article {
            paragraphs: paras.iter().map(|p| Paragraph::body(*p)).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_passage_is_kept_moved_to_its_quote_or_put_on_the_first_paragraph() {
        let a = article(&["Caf\u{e9} owners met.", "The ferry was late."]);
        let p = |para, byte| Pos { para, byte };
        // Still there: unchanged.
        let kept = fit_passage(&a, (p(1, 4), p(1, 9)), "ferry");
        assert_eq!(kept, (p(1, 4), p(1, 9)));
        // The text moved: found by its quote.
        let moved = fit_passage(&a, (p(0, 4), p(0, 9)), "ferry");
        assert_eq!(moved, (p(1, 4), p(1, 9)));
        // Inside a character, or gone: the first paragraph, never a broken offset.
        let gone = fit_passage(&a, (p(0, 4), p(5, 2)), "tram");
        assert_eq!(gone, (p(0, 0), p(0, a.paragraphs[0].text.len())));
    }
}
