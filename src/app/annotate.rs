//! The reader's sentence cursor, keyboard selections, tags and notes: the pure half of the
//! notes feature. Positions are (paragraph, byte) in the shown clean article; notes store
//! character offsets in the article's plain text (see `Article::plain_text`).

use std::ops::Range;

use super::action::Effect;
use super::state::{AppState, Focus};
use crate::ingest::Article;
use crate::notes::Anchoring;
use crate::notes::anchor::reanchor_in;
use crate::notes::model::{Note, Target, new_id, now};
use crate::sentences;

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

/// The sentence of paragraph `para` that holds `byte` (the last one when past the end).
pub fn sentence_at(a: &Article, pos: Pos) -> Option<(usize, Range<usize>)> {
    let text = &a.paragraphs.get(pos.para)?.text;
    let ranges = sentences::split(text);
    let i = ranges
        .iter()
        .position(|r| pos.byte < r.end.max(r.start + 1))
        .unwrap_or(ranges.len().saturating_sub(1));
    ranges.get(i).cloned().map(|r| (i, r))
}

/// The start of the sentence after (or before) the one at `pos`, across paragraphs.
fn step_sentence(a: &Article, pos: Pos, forward: bool) -> Option<Pos> {
    let (i, _) = sentence_at(a, pos)?;
    let here = sentences::split(&a.paragraphs[pos.para].text);
    if forward {
        if let Some(r) = here.get(i + 1) {
            return Some(Pos {
                para: pos.para,
                byte: r.start,
            });
        }
        (pos.para + 1..a.paragraphs.len())
            .find(|&p| !a.paragraphs[p].text.is_empty())
            .map(|para| Pos { para, byte: 0 })
    } else {
        if i > 0 {
            return Some(Pos {
                para: pos.para,
                byte: here[i - 1].start,
            });
        }
        let para = (0..pos.para)
            .rev()
            .find(|&p| !a.paragraphs[p].text.is_empty())?;
        let last = sentences::split(&a.paragraphs[para].text).last()?.start;
        Some(Pos { para, byte: last })
    }
}

/// Moves the cursor by a sentence and scrolls so that it stays in view.
pub fn move_cursor(state: &mut AppState, forward: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let mut at = state.cursor;
    // Hidden captions are stepped over.
    while let Some(next) = step_sentence(&a, at, forward) {
        at = next;
        if !hidden(state, &a, next.para) {
            state.cursor = next;
            scroll_to(state, next);
            return;
        }
    }
    if forward {
        state.message = Some("the end of the article".into());
    }
}

/// A caption paragraph while captions are hidden.
fn hidden(state: &AppState, a: &Article, para: usize) -> bool {
    !state.captions
        && a.paragraphs
            .get(para)
            .is_some_and(|p| p.kind == crate::ingest::ParagraphKind::Caption)
}

/// After captions are hidden, a cursor on one moves to the next sentence that shows.
pub fn leave_hidden(state: &mut AppState) {
    let Some(a) = shown_article(state) else {
        return;
    };
    if hidden(state, &a, state.cursor.para) {
        move_cursor(state, true);
        if hidden(state, &a, state.cursor.para) {
            move_cursor(state, false);
        }
    }
}

/// The screen line of a position.
fn line_of_pos(state: &AppState, pos: Pos) -> usize {
    state
        .view
        .lines
        .iter()
        .position(|l| {
            l.para == Some(pos.para) && l.range.end > pos.byte
                || l.para.is_some_and(|p| p > pos.para)
        })
        .unwrap_or(0)
}

fn scroll_to(state: &mut AppState, pos: Pos) {
    let line = line_of_pos(state, pos);
    let height = state.page_height().max(1);
    if line < state.view.top {
        state.view.top = line;
    } else if line >= state.view.top + height {
        state.view.top = (line + 1 - height).min(state.max_top());
    }
}

/// Puts the cursor at `pos` and scrolls it into view, a third of the page from the top.
pub fn jump_to(state: &mut AppState, pos: Pos) {
    state.cursor = pos;
    let line = line_of_pos(state, pos);
    let height = state.page_height();
    if line < state.view.top || line >= state.view.top + height {
        state.view.top = line.saturating_sub(height / 3).min(state.max_top());
    }
}

/// After a scroll, the cursor moves onto the first (or last) sentence in view if it left it.
pub fn keep_cursor_in_view(state: &mut AppState) {
    if state.view.lines.is_empty() || state.focus != Focus::Reader {
        return;
    }
    let line = line_of_pos(state, state.cursor);
    let (top, height) = (state.view.top, state.page_height().max(1));
    let target = if line < top {
        top
    } else if line >= top + height {
        top + height - 1
    } else {
        return;
    };
    // The first line at or after (before, when below) the target that starts a sentence.
    let Some(a) = shown_article(state) else {
        return;
    };
    let lines = &state.view.lines;
    // Each paragraph on screen is split into sentences once, not once per line: a paragraph
    // of megabytes fills the whole screen.
    let mut split: Option<(usize, Vec<std::ops::Range<usize>>)> = None;
    let mut starts = |i: usize| {
        let l = lines.get(i)?;
        let para = l.para?;
        let text = &a.paragraphs.get(para)?.text;
        if split.as_ref().is_none_or(|(p, _)| *p != para) {
            split = Some((para, sentences::split(text)));
        }
        let (_, sentences) = split.as_ref()?;
        sentences
            .iter()
            .find(|s| l.range.contains(&s.start) || (l.range.is_empty() && s.start == 0))
            .map(|s| Pos {
                para,
                byte: s.start,
            })
    };
    let found = if line < top {
        (target..top + height).find_map(&mut starts)
    } else {
        (top..=target).rev().find_map(&mut starts)
    };
    if let Some(pos) = found {
        state.cursor = pos;
    }
}

/// The cursor's sentence as a range of positions.
fn cursor_range(state: &AppState, a: &Article) -> Option<(Pos, Pos)> {
    let (_, r) = sentence_at(a, state.cursor)?;
    Some((
        Pos {
            para: state.cursor.para,
            byte: r.start,
        },
        Pos {
            para: state.cursor.para,
            byte: r.end,
        },
    ))
}

/// `v`: select the cursor's sentence. `V`: its whole paragraph.
pub fn select(state: &mut AppState, whole_paragraph: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let Some((mut start, mut end)) = cursor_range(state, &a) else {
        return;
    };
    if whole_paragraph {
        start.byte = 0;
        end.byte = a.paragraphs[start.para].text.len();
    }
    state.selection = Some(Selection {
        start,
        end,
        moving_end: true,
    });
}

/// Extends (forward) or shrinks (back) the moving end of the selection by a unit.
pub fn extend(state: &mut AppState, unit: Unit, forward: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let Some(mut sel) = state.selection else {
        return;
    };
    let moving = if sel.moving_end { sel.end } else { sel.start };
    let moved = match unit {
        Unit::Sentence => step_sentence_edge(&a, moving, forward, sel.moving_end),
        Unit::Word => step_word(&a, moving, forward, sel.moving_end),
        Unit::Paragraph => step_paragraph(&a, moving, forward, sel.moving_end),
    };
    let Some(moved) = moved else { return };
    if sel.moving_end {
        sel.end = moved.max(sel.start);
    } else {
        sel.start = moved.min(sel.end);
    }
    if sel.start < sel.end {
        state.selection = Some(sel);
        scroll_to(state, moved);
    }
}

/// The next sentence edge: for the end, the end of the next sentence (or of the previous
/// one); for the start, the start of the next sentence (or of the previous one).
fn step_sentence_edge(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    if !is_end {
        return step_sentence(a, pos, forward);
    }
    let ranges = sentences::split(&a.paragraphs.get(pos.para)?.text);
    if forward {
        match ranges.iter().find(|r| r.end > pos.byte) {
            Some(r) => Some(Pos {
                para: pos.para,
                byte: r.end,
            }),
            None => {
                let para = (pos.para + 1..a.paragraphs.len())
                    .find(|&p| !a.paragraphs[p].text.is_empty())?;
                let first = sentences::split(&a.paragraphs[para].text).first()?.end;
                Some(Pos { para, byte: first })
            }
        }
    } else if let Some(r) = ranges.iter().rev().find(|r| r.end < pos.byte) {
        Some(Pos {
            para: pos.para,
            byte: r.end,
        })
    } else {
        // Back into the previous paragraph: the end of its last sentence.
        let para = (0..pos.para)
            .rev()
            .find(|&p| !a.paragraphs[p].text.is_empty())?;
        let last = sentences::split(&a.paragraphs[para].text).last()?.end;
        Some(Pos { para, byte: last })
    }
}

/// The next word edge: ends of words for the selection's end, starts for its start.
fn step_word(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    let text = &a.paragraphs.get(pos.para)?.text;
    let edges: Vec<usize> = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter(|&(i, c)| {
            let prev = text[..i].chars().next_back();
            if is_end {
                c.is_whitespace() && prev.is_some_and(|p| !p.is_whitespace())
            } else {
                !c.is_whitespace() && prev.is_none_or(char::is_whitespace)
            }
        })
        .map(|(i, _)| i)
        .collect();
    let byte = if forward {
        edges.into_iter().find(|&b| b > pos.byte)?
    } else {
        edges.into_iter().rev().find(|&b| b < pos.byte)?
    };
    Some(Pos {
        para: pos.para,
        byte,
    })
}

fn step_paragraph(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    let len = |p: usize| a.paragraphs[p].text.len();
    match (forward, is_end) {
        (true, true) if pos.byte < len(pos.para) => Some(Pos {
            para: pos.para,
            byte: len(pos.para),
        }),
        (true, true) => (pos.para + 1 < a.paragraphs.len()).then(|| Pos {
            para: pos.para + 1,
            byte: len(pos.para + 1),
        }),
        (false, true) => (pos.para > 0).then(|| Pos {
            para: pos.para - 1,
            byte: len(pos.para - 1),
        }),
        (true, false) => (pos.para + 1 < a.paragraphs.len()).then_some(Pos {
            para: pos.para + 1,
            byte: 0,
        }),
        (false, false) if pos.byte > 0 => Some(Pos {
            para: pos.para,
            byte: 0,
        }),
        (false, false) => pos.para.checked_sub(1).map(|para| Pos { para, byte: 0 }),
    }
}

/// `o`: the other end moves from now on.
pub fn swap(state: &mut AppState) {
    if let Some(sel) = state.selection.as_mut() {
        sel.moving_end = !sel.moving_end;
    }
}

/// The passage tags and notes apply to: the selection, else the cursor's sentence.
pub(super) fn passage(state: &AppState, a: &Article) -> Option<(Pos, Pos)> {
    state
        .selection
        .map(|s| (s.start, s.end))
        .or_else(|| cursor_range(state, a))
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
    tag.trim()
        .trim_start_matches('#')
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '-' && c != '_')
        .to_lowercase()
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
    let tags = known_tags(state);
    let Some(input) = state.prompt.as_mut() else {
        return;
    };
    let word_start = input.rfind([' ', ',']).map_or(0, |i| i + 1);
    let partial = &input[word_start..];
    let matches: Vec<&String> = tags.iter().filter(|t| t.starts_with(partial)).collect();
    match matches.as_slice() {
        [one] => {
            input.truncate(word_start);
            input.push_str(one);
            input.push(' ');
        }
        [] => {}
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
