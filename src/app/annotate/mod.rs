//! The reader's sentence cursor, keyboard selections, tags and notes: the pure half of the
//! notes feature. Positions are (paragraph, byte) in the shown clean article; notes store
//! character offsets in the article's plain text (see `Article::plain_text`).

use super::action::Effect;
use super::state::AppState;
use crate::ingest::Article;
use crate::notes::Anchoring;
use crate::notes::anchor::reanchor_in;
use crate::notes::model::{Note, Target, new_id, now};

mod cursor;

pub(in crate::app) use cursor::passage;
pub use cursor::{
    extend, jump_to, keep_cursor_in_view, leave_hidden, move_cursor, select, sentence_at, swap,
};

/// A place in the shown article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub para: usize,
    pub byte: usize,
}

/// A selection: `start..end`, and which end the extend keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub start: Pos,
    pub end: Pos,
    pub moving_end: bool,
}

/// A note's passage in the shown article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Index into `AppState::notes`.
    pub note: usize,
    pub start: Pos,
    pub end: Pos,
    /// The passage was found only approximately, or in more than one place.
    pub review: bool,
}

/// What a selection or cursor key moves by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Sentence,
    Word,
    Paragraph,
}

/// The tags that 1-9 apply, unless the config names others.
pub const DEFAULT_QUICK_TAGS: [&str; 5] = ["key-fact", "quote", "claim", "figure", "follow-up"];

/// The clean article the reader shows (None in the raw view or before it is loaded).
pub(super) fn shown_article(state: &AppState) -> Option<std::sync::Arc<Article>> {
    if state.raw {
        return None;
    }
    state.entries.get(state.selected)?.article().cloned()
}

/// Adds tags to the note on the passage (making one when there is none), and saves.
pub fn apply_tags(state: &mut AppState, tags: &[String], effects: &mut Vec<Effect>) {
    let mut tags: Vec<String> = tags
        .iter()
        .map(|t| normalise_tag(t))
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    if tags.is_empty() {
        return;
    }
    let Some(a) = shown_article(state) else {
        return;
    };
    let Some((start, end)) = passage(state, &a) else {
        return;
    };
    checkpoint(state);
    let existing = state
        .marks
        .iter()
        .find(|m| m.start == start && m.end == end)
        .map(|m| m.note);
    let time = now();
    match existing {
        Some(i) => {
            let note = &mut state.notes[i];
            for t in &tags {
                if !note.tags.contains(t) {
                    note.tags.push(t.clone());
                }
            }
            note.updated = time;
        }
        None => {
            let note = new_note(state, &a, (start, end), tags.clone(), String::new());
            state.notes.push(note);
        }
    }
    state.message = Some(format!(
        "tagged {}",
        tags.iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    state.selection = None;
    changed(state, effects);
}

/// A new note on the passage `start..end` of the shown article.
pub(super) fn new_note(
    state: &AppState,
    a: &Article,
    (start, end): (Pos, Pos),
    tags: Vec<String>,
    text: String,
) -> Note {
    let time = now();
    let key = &state.entries[state.selected].key;
    let target = Target::new(
        key,
        &a.plain_text(),
        a.char_offset(start.para, start.byte),
        a.char_offset(end.para, end.byte),
    );
    Note {
        id: new_id(),
        created: time.clone(),
        updated: time,
        tags,
        text,
        target,
        deleted: false,
    }
}

/// A tag as stored: lower case, without a leading # or trailing punctuation.
pub fn normalise_tag(tag: &str) -> String {
    let tag = tag
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '-' && c != '_')
        .to_lowercase();
    tag.split_whitespace().collect::<Vec<_>>().join("-")
}

/// A passage in quotation marks, unless it starts with one of its own (then it is shown as
/// it is, rather than as ``““We will…``); one that ends with a closing mark it never opened
/// (the end of a quote: `It is not.”`) closes with that mark, not with a second one.
pub fn quoted(passage: &str) -> String {
    let starts_quoted = passage
        .trim_start()
        .starts_with(['"', '\'', '\u{201c}', '\u{201e}', '\u{2018}', '\u{ab}']);
    if starts_quoted {
        return passage.to_string();
    }
    let body = passage.trim_end();
    let unopened = match body.chars().last() {
        Some('"') => body.matches('"').count() % 2 == 1,
        Some('\u{201d}') => !body.contains(['\u{201c}', '\u{201e}']),
        Some('\u{bb}') => !body.contains('\u{ab}'),
        _ => false,
    };
    match body.char_indices().last() {
        Some((at, _)) if unopened => format!("\u{201c}{}\u{201d}", &body[..at]),
        _ => format!("\u{201c}{passage}\u{201d}"),
    }
}

/// The tags typed in the prompt: commas (or semicolons) separate them, a space inside one
/// becomes `-` ("claim, key fact" is `claim` and `key-fact`); "#a #b" is two tags too.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            if words.len() > 1 && words.iter().all(|w| w.starts_with('#')) {
                words.into_iter().map(normalise_tag).collect()
            } else {
                vec![normalise_tag(part)]
            }
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Deletes the note under the cursor (kept as a tombstone), and saves.
pub fn delete_at_cursor(state: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(mark) = mark_at_cursor(state) else {
        state.message = Some("no note here".into());
        return;
    };
    checkpoint(state);
    let note = &mut state.notes[mark.note];
    note.deleted = true;
    note.updated = now();
    state.message = Some("note deleted (u undoes)".into());
    changed(state, effects);
}

/// The note whose passage holds the cursor.
pub fn mark_at_cursor(state: &AppState) -> Option<Mark> {
    let cursor = state.cursor;
    state
        .marks
        .iter()
        .find(|m| {
            m.start <= cursor
                && cursor
                    < m.end.max(Pos {
                        para: m.end.para,
                        byte: m.end.byte + 1,
                    })
        })
        .copied()
}

/// Remembers the notes before a change, for undo.
pub(super) fn checkpoint(state: &mut AppState) {
    state.undo.push(state.notes.clone());
    state.redo.clear();
}

/// Undo (or redo) the last note change. The restored notes get a fresh update time, so that
/// the merge on save keeps them over the undone version on disk.
pub fn undo(state: &mut AppState, redo: bool, effects: &mut Vec<Effect>) {
    let (from, to) = if redo {
        (&mut state.redo, &mut state.undo)
    } else {
        (&mut state.undo, &mut state.redo)
    };
    let Some(mut previous) = from.pop() else {
        state.message = Some(
            if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            }
            .into(),
        );
        return;
    };
    to.push(state.notes.clone());
    let time = now();
    for note in &mut previous {
        let current = state.notes.iter().find(|n| n.id == note.id);
        if current != Some(note) {
            note.updated = time.clone();
        }
    }
    // A note created after the checkpoint is gone in `previous`: keep it as a tombstone.
    for note in &state.notes {
        if !previous.iter().any(|n| n.id == note.id) {
            let mut gone = note.clone();
            gone.deleted = true;
            gone.updated = time.clone();
            previous.push(gone);
        }
    }
    state.notes = previous;
    state.message = Some(if redo { "redone" } else { "undone" }.into());
    changed(state, effects);
}

pub(super) fn changed(state: &mut AppState, effects: &mut Vec<Effect>) {
    state.notes_version += 1;
    if !effects.contains(&Effect::SaveNotes) {
        effects.push(Effect::SaveNotes);
    }
}

/// Finds where each note of the shown article is now (see `notes::anchor`).
pub fn refresh_marks(state: &mut AppState) {
    // Keyed on the article the reader shows (None until it is loaded), so that marks are
    // computed again once the article arrives.
    let key = (state.view.article, state.notes_version, state.raw);
    if state.marks_for == Some(key) {
        return;
    }
    state.marks.clear();
    state.orphans.clear();
    if let Some(a) = shown_article(state) {
        let entry_key = &state.entries[state.selected].key;
        // The text as characters once for all the article's notes, not once per note.
        let text: Vec<char> = a.plain_text().chars().collect();
        for (i, note) in state.notes.iter().enumerate() {
            if note.deleted || &note.target.source != entry_key {
                continue;
            }
            match reanchor_in(&text, &note.target) {
                Anchoring::Found { start, end, review } => {
                    let (sp, sb) = a.position_of(start);
                    let (ep, eb) = a.position_of(end);
                    state.marks.push(Mark {
                        note: i,
                        start: Pos { para: sp, byte: sb },
                        end: Pos { para: ep, byte: eb },
                        review,
                    });
                }
                Anchoring::Orphan => state.orphans.push(i),
            }
        }
    }
    state.marks_for = Some(key);
}

/// Tags used anywhere in the briefing, for completion.
pub fn known_tags(state: &AppState) -> Vec<String> {
    let mut tags: Vec<String> = state
        .notes
        .iter()
        .filter(|n| !n.deleted)
        .flat_map(|n| n.tags.iter().cloned())
        .collect();
    tags.extend(state.quick_tags.iter().cloned());
    tags.sort();
    tags.dedup();
    tags
}

/// Tab in the tag prompt: completes the last word from the known tags.
pub fn complete(state: &mut AppState) {
    let mut tags = known_tags(state);
    // The filter prompt offers the tags notes have (a quick tag no note has filters nothing).
    if state.prompt_kind == super::PromptKind::Filter {
        tags.retain(|t| state.notes.iter().any(|n| !n.deleted && n.tags.contains(t)));
    }
    // Only the tags prompt takes several tags: the others complete to one.
    let several = state.prompt_kind == super::PromptKind::Tags;
    let Some(input) = state.prompt.as_mut() else {
        return;
    };
    // Tags are separated by commas: the one being typed starts after the last.
    let after = input.rfind([',', ';']).map_or(0, |i| i + 1);
    let word_start = after + (input[after..].len() - input[after..].trim_start().len());
    let partial = &input[word_start..];
    let matches: Vec<&String> = tags.iter().filter(|t| t.starts_with(partial)).collect();
    match matches.as_slice() {
        [one] => {
            input.truncate(word_start);
            input.push_str(one);
            if several {
                input.push_str(", ");
            }
        }
        [] => state.message = Some("no tag in use starts so".into()),
        many => {
            state.message = Some(
                many.iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
    }
}

/// Number of live notes on an article, for the list.
pub fn note_count(state: &AppState, key: &str) -> usize {
    state
        .notes
        .iter()
        .filter(|n| !n.deleted && n.target.source == key)
        .count()
}
