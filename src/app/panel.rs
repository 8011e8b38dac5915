//! The notes panel: the shown article's notes (and those that lost their place), or the whole
//! briefing's, with Enter jumping to the passage.

use super::annotate::{self, Pos};
use super::state::{AppState, Focus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panel {
    pub briefing: bool,
    pub selected: usize,
}

/// One row of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Note {
        note: usize,
        article: usize,
        at: Option<Pos>,
        line: String,
    },
}

/// The rows the panel shows now.
pub fn rows(state: &AppState, briefing: bool) -> Vec<Row> {
    let mut out = Vec::new();
    let articles: Vec<usize> = if briefing {
        state.shown.clone()
    } else {
        vec![state.selected]
    };
    for a in articles {
        let key = &state.entries[a].key;
        let mut notes: Vec<(usize, Option<annotate::Mark>)> = state
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.deleted && &n.target.source == key)
            .filter(|(_, n)| state.tag_filter.as_ref().is_none_or(|t| n.tags.contains(t)))
            .map(|(i, _)| {
                let mark = (a == state.selected)
                    .then(|| state.marks.iter().find(|m| m.note == i).copied())
                    .flatten();
                (i, mark)
            })
            .collect();
        if notes.is_empty() {
            continue;
        }
        // In reading order; notes that lost their place last.
        notes.sort_by_key(|(i, m)| {
            let at = m.map(|m| m.start);
            (at.is_none(), at, state.notes[*i].target.position())
        });
        // The passages as the article reads now (the note keeps the quote it was made on).
        let shown = (a == state.selected)
            .then(|| state.entries[a].article())
            .flatten()
            .map(|text| (text, text.plain_text().chars().collect::<Vec<char>>()));
        if briefing {
            out.push(Row::Heading(state.entries[a].title.clone()));
        }
        let mut in_lost_section = false;
        for (note, mark) in notes {
            let n = &state.notes[note];
            let at = mark.map(|m| m.start);
            let tags: String = n.tags.iter().map(|t| format!("#{t} ")).collect();
            let first = n.text.lines().next().unwrap_or("");
            let stored = n.target.quote().map(|q| q.0).unwrap_or("");
            let current = match (mark, &shown) {
                (Some(m), Some((text, chars))) => {
                    let from = text
                        .char_offset(m.start.para, m.start.byte)
                        .min(chars.len());
                    let to = text.char_offset(m.end.para, m.end.byte).min(chars.len());
                    Some(chars[from..to.max(from)].iter().collect::<String>())
                }
                _ => None,
            };
            let quote = current.as_deref().unwrap_or(stored);
            // Found only approximately: `?`, as in the reader's margin.
            let review = if mark.is_some_and(|m| m.review) {
                "? "
            } else {
                ""
            };
            let lost = a == state.selected && at.is_none();
            if lost && !in_lost_section {
                // Notes whose passage is gone keep their own section, with their last quote.
                in_lost_section = true;
                out.push(Row::Heading("Not found in the current text".into()));
            }
            let body = match (lost, first.is_empty()) {
                (true, false) => format!("{} {first}", annotate::quoted(quote)),
                (_, true) => annotate::quoted(quote),
                (false, false) => first.to_string(),
            };
            out.push(Row::Note {
                note,
                article: a,
                at,
                line: format!("{review}{tags}{}{body}", also_in(state, a, quote))
                    .replace('\n', " "),
            });
        }
    }
    // `/` in the panel: only the notes whose line, text, passage or article title holds it.
    match super::panel_filter::query(state) {
        None => out,
        Some(q) => super::panel_filter::sections(
            out,
            |r| matches!(r, Row::Heading(_)),
            |r| match r {
                Row::Note {
                    note,
                    article,
                    line,
                    ..
                } => {
                    let n = &state.notes[*note];
                    [line.as_str(), &n.text, n.target.quote().map_or("", |q| q.0)]
                        .iter()
                        .chain(std::iter::once(&state.entries[*article].title.as_str()))
                        .any(|t| q.is_in(t))
                }
                Row::Heading(_) => false,
            },
        ),
    }
}

/// "also in: A, B · " for a passage other outlets carry (before the text, which is cut).
fn also_in(state: &AppState, article: usize, passage: &str) -> String {
    let outlets = match state.entries[article].article() {
        Some(text) => state
            .stories
            .stories
            .outlets_carrying(article, text, passage),
        None => Vec::new(),
    };
    match outlets.is_empty() {
        true => String::new(),
        false => format!("also in: {} \u{b7} ", outlets.join(", ")),
    }
}

fn note_rows(state: &AppState, briefing: bool) -> Vec<usize> {
    rows(state, briefing)
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Note { .. }))
        .map(|(i, _)| i)
        .collect()
}

pub fn open(state: &mut AppState) {
    state.panel_filter = None;
    state.panel = Some(Panel {
        briefing: false,
        selected: 0,
    });
    reselect(state);
}

/// The panel's selection on its first note (after opening, switching scope or filtering).
pub(super) fn reselect(state: &mut AppState) {
    if let Some(p) = state.panel {
        let selected = note_rows(state, p.briefing).first().copied().unwrap_or(0);
        state.panel = Some(Panel { selected, ..p });
    }
}

pub fn toggle_scope(state: &mut AppState) {
    if let Some(p) = state.panel {
        state.panel = Some(Panel {
            briefing: !p.briefing,
            ..p
        });
        reselect(state);
    }
}

/// Moves the panel's selection to the next (or previous) note row.
pub fn step(state: &mut AppState, forward: bool) {
    let Some(p) = state.panel else { return };
    if let Some(r) = next_row(&note_rows(state, p.briefing), p.selected, forward) {
        state.panel = Some(Panel { selected: r, ..p });
    }
}

/// The selectable row after (or before) `selected`, for a panel's j/k.
pub fn next_row(rows: &[usize], selected: usize, forward: bool) -> Option<usize> {
    if forward {
        rows.iter().copied().find(|&r| r > selected)
    } else {
        rows.iter().copied().rev().find(|&r| r < selected)
    }
}

/// Enter: opens the note's article at its passage.
pub fn jump(state: &mut AppState) {
    let Some(p) = state.panel else { return };
    let Some(Row::Note {
        note, article, at, ..
    }) = rows(state, p.briefing).get(p.selected).cloned()
    else {
        return;
    };
    state.panel = None;
    state.selected = article;
    state.focus = Focus::Reader;
    state.pending_jump = Some(note);
    if let Some(at) = at {
        annotate::jump_to(state, at);
    }
}

/// `>` / `<`: the cursor to the next (previous) note's passage in the article.
pub fn next_note(state: &mut AppState, forward: bool) {
    let cursor = state.cursor;
    let mut starts: Vec<Pos> = state.marks.iter().map(|m| m.start).collect();
    starts.sort();
    let target = if forward {
        starts.into_iter().find(|&s| s > cursor)
    } else {
        starts.into_iter().rev().find(|&s| s < cursor)
    };
    match target {
        Some(at) => annotate::jump_to(state, at),
        None => {
            state.message = Some(
                if forward {
                    "no note below"
                } else {
                    "no note above"
                }
                .into(),
            )
        }
    }
}
