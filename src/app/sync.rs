//! Keeping the reader's view in step with the state: the list as filtered, the wrapped
//! lines of the selected article, and the reading position kept as an anchor in its text.

use super::action::Effect;
use super::annotate;
use super::entities;
use super::search;
use super::state::{Anchor, AppState, Body};
use crate::wrap::{Wrap, wrap_folded};

/// Applies the tag, title and entity filters to the list (every article when there are none).
pub(super) fn refresh_shown(state: &mut AppState) {
    let mut shown: Vec<usize> = match &state.tag_filter {
        None => (0..state.entries.len()).collect(),
        Some(tag) => {
            let keys: std::collections::HashSet<&str> = state
                .notes
                .iter()
                .filter(|n| !n.deleted && n.tags.contains(tag))
                .map(|n| n.target.source.as_str())
                .collect();
            (0..state.entries.len())
                .filter(|&i| keys.contains(state.entries[i].key.as_str()))
                .collect()
        }
    };
    if let Some(text) = &state.title_filter {
        let q = super::find::Query::new(text, state.fold_accents);
        shown.retain(|&i| q.is_in(&state.entries[i].title));
    }
    if let Some(allowed) = entities::filter_allows(state) {
        shown.retain(|&i| allowed.binary_search(&(i as u32)).is_ok());
    }
    if state.unread_only {
        // The article being read stays until the user moves on.
        shown.retain(|&i| !state.entries[i].read || i == state.selected);
    }
    super::stories::order(state, &mut shown);
    state.shown = shown;
    state.stories.list += 1;
    if !state.shown.contains(&state.selected)
        && let Some(&first) = state.shown.first()
    {
        state.selected = first;
    }
}

pub(super) fn scroll_by(state: &mut AppState, delta: isize) {
    let top = state.view.top as isize + delta;
    state.view.top = top.clamp(0, state.max_top() as isize) as usize;
}

/// Keeps the reader's wrapped lines in step with the selected article and the pane width, and
/// asks for the selected article when it has not been read yet.
pub(super) fn sync_view(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.tag_filter.is_some()
        || state.title_filter.is_some()
        || state.entity_filter.is_some()
        || state.unread_only
        || state.shown.len() != state.entries.len()
    {
        refresh_shown(state);
    }
    // list_top is a position in the list as shown.
    let capacity = state.list_capacity();
    let at = super::stories::cursor_row(state);
    if at < state.list_top {
        state.list_top = at;
    } else if at >= state.list_top + capacity {
        state.list_top = at + 1 - capacity;
    }
    let width = state.reader_body().map_or(0, |b| b.width);
    let selected = state.selected;
    let Some(entry) = state.entries.get(selected) else {
        state.view = Default::default();
        return;
    };
    let raw = state.raw;
    let wanted = match (&entry.body, raw, &entry.raw) {
        (Body::Ready(_), false, _) | (_, true, Some(_)) => Some(selected),
        (Body::Pending, false, _) => {
            push_once(effects, Effect::Load(selected));
            None
        }
        (_, true, None) => {
            push_once(effects, Effect::LoadRaw(selected));
            None
        }
        (Body::Failed(_), false, _) => None,
    };
    let captions = state.captions;
    let folded: Vec<usize> = match wanted {
        Some(_) => super::fold::folded(state),
        None => Vec::new(),
    };
    let view = &state.view;
    if view.article == wanted
        && view.width == width
        && view.raw == raw
        && view.captions == captions
        && view.folded == folded
    {
        state.view.top = state.view.top.min(state.max_top());
        remember_anchor(state);
        return;
    }
    let switched = view.article != wanted || view.raw != raw;
    // Where the reader was put last time, when it has not moved since.
    let placed = view
        .placed
        .filter(|&(_, top)| top == view.top)
        .map(|(anchor, _)| anchor);
    // Positions are kept in the clean article's terms; the raw view opens at its top.
    let anchor = match wanted {
        _ if raw => Anchor::default(),
        Some(i) if !switched => placed
            .or_else(|| anchor_of(state))
            .unwrap_or(state.entries[i].anchor),
        Some(i) => state.entries[i].anchor,
        None => Anchor::default(),
    };
    let wrap = Wrap {
        dense: raw,
        captions: captions || raw,
    };
    state.view.lines = match (wanted, state.shown_article().cloned()) {
        (Some(_), Some(article)) if width > 0 => {
            wrap_folded(&article.paragraphs, width, wrap, &folded)
        }
        _ => Vec::new(),
    };
    state.view.article = wanted;
    state.view.width = width;
    state.view.raw = raw;
    state.view.captions = captions;
    state.view.folded = folded;
    state.view.top = line_of(state, anchor).min(state.max_top());
    state.view.placed = (!raw && wanted.is_some()).then_some((anchor, state.view.top));
    if switched {
        search::refresh(state);
        state.selection = None;
        state.cursor = annotate::Pos::default();
    }
    remember_anchor(state);
}

fn push_once(effects: &mut Vec<Effect>, effect: Effect) {
    if !effects.contains(&effect) {
        effects.push(effect);
    }
}

/// The anchor of the first text line at or below the top of the reader.
fn anchor_of(state: &AppState) -> Option<Anchor> {
    let lines = &state.view.lines[state.view.top.min(state.view.lines.len())..];
    let gap = lines.first().is_some_and(|l| l.para.is_none());
    lines.iter().find_map(|l| {
        l.para.map(|para| Anchor {
            para,
            offset: l.range.start,
            gap,
        })
    })
}

fn remember_anchor(state: &mut AppState) {
    if state.view.raw {
        return;
    }
    if let (Some(i), Some(anchor)) = (state.view.article, anchor_of(state)) {
        state.entries[i].anchor = anchor;
    }
}

/// The visual line that holds an anchor (the first line when it is gone).
pub(super) fn line_of(state: &AppState, anchor: Anchor) -> usize {
    let lines = &state.view.lines;
    let at = lines
        .iter()
        .position(|l| {
            l.para.is_some_and(|p| p > anchor.para)
                || (l.para == Some(anchor.para) && l.range.end > anchor.offset)
        })
        .unwrap_or(0);
    if anchor.gap && at > 0 && lines[at - 1].para.is_none() {
        at - 1
    } else {
        at
    }
}
