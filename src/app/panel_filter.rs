//! `/` in the notes panel, the entity panel and the help: only the rows holding some text
//! (matched as a search is: smart case, quotes and dashes fold), under their headings.
//! `/` then Enter shows every row again; opening a panel starts unfiltered.

use super::find::Query;
use super::state::AppState;
use crate::keymap::Mode;

/// The open panel's filter as a query.
pub fn query(state: &AppState) -> Option<Query> {
    state
        .panel_filter
        .as_deref()
        .map(|text| Query::new(text, state.fold_accents))
}

/// The rows to keep: those `keep` accepts, each with the headings above it (rows `is_heading`
/// says are headings or separators), a heading only when some row under it is kept.
pub fn sections<T>(
    rows: Vec<T>,
    is_heading: impl Fn(&T) -> bool,
    keep: impl Fn(&T) -> bool,
) -> Vec<T> {
    let mut out = Vec::with_capacity(rows.len());
    let mut headings = Vec::new();
    let mut after_row = false;
    for row in rows {
        if is_heading(&row) {
            // A new section: the headings of one that kept nothing are dropped.
            if after_row {
                headings.clear();
                after_row = false;
            }
            headings.push(row);
        } else {
            after_row = true;
            if keep(&row) {
                out.append(&mut headings);
                out.push(row);
            }
        }
    }
    out
}

/// Enter in the filter prompt: the open panel shows only the rows holding `text` (all of
/// them when nothing was typed). A filter that matches nothing is not applied.
pub(super) fn confirm(state: &mut AppState, text: String) {
    let mode = state.mode();
    let before = state.panel_filter.take();
    if !text.trim().is_empty() {
        state.panel_filter = Some(text.clone());
    }
    let n = selectable(state, mode);
    if n == 0 && state.panel_filter.is_some() {
        state.panel_filter = before;
        state.message = Some(format!("nothing here holds \u{201c}{text}\u{201d}"));
        return;
    }
    state.message = Some(match &state.panel_filter {
        Some(_) => format!(
            "{} {} \u{201c}{text}\u{201d} (/ then Enter shows all)",
            crate::plural::count(n, "row"),
            crate::plural::verb(n, "holds", "hold")
        ),
        None => "every row".into(),
    });
    // The selection on the first row shown.
    match mode {
        Mode::Help => state.help = Some(0),
        Mode::Notes => super::panel::reselect(state),
        Mode::Entities => super::entities::reselect(state),
        _ => {}
    }
}

/// How many rows (bindings, notes, entities) the panel of `mode` shows now.
fn selectable(state: &AppState, mode: Mode) -> usize {
    match mode {
        Mode::Help => state
            .keymap
            .help_rows()
            .iter()
            .filter(|r| !r.heading && !r.keys.is_empty() && help_row_kept(state, &r.keys, &r.desc))
            .count(),
        Mode::Notes => state.panel.map_or(0, |p| {
            super::panel::rows(state, p.briefing)
                .iter()
                .filter(|r| matches!(r, super::panel::Row::Note { .. }))
                .count()
        }),
        Mode::Entities => super::entities::rows(state)
            .iter()
            .filter(|r| matches!(r, super::entities::Row::Entity { .. }))
            .count(),
        _ => 0,
    }
}

/// Whether a help row (its keys and description) passes the filter.
pub fn help_row_kept(state: &AppState, keys: &str, desc: &str) -> bool {
    query(state).is_none_or(|q| q.is_in(keys) || q.is_in(desc))
}
