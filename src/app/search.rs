//! Search in the shown article: smart case (a capital letter in the query makes it exact),
//! matches kept as paragraph byte ranges so they survive re-wrapping.

use super::state::{Anchor, AppState};
use super::sync::line_of;
use crate::ingest::ParagraphKind;

/// A match of the search in the shown article: a byte range of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    /// The match last jumped to.
    pub current: Option<usize>,
    /// The search came from the briefing-wide one: `n`/`N` go on into other articles.
    pub across: bool,
}

/// Runs a new search from the top of the reader and jumps to the first match below it.
pub(super) fn start(state: &mut AppState, query: String) {
    state.search = Some(Search {
        query,
        matches: Vec::new(),
        current: None,
        across: false,
    });
    refresh(state);
    step(state, true);
}

/// Recomputes the matches for the shown article (after switching articles).
pub(super) fn refresh(state: &mut AppState) {
    let Some(query) = state.search.as_ref().map(|s| s.query.clone()) else {
        return;
    };
    let query = super::find::Query::new(&query, state.fold_accents);
    let matches = match state.shown_article() {
        Some(article) => article
            .paragraphs
            .iter()
            .enumerate()
            // Hidden captions are not searched: a match there could not be shown.
            .filter(|(_, p)| state.captions || state.raw || p.kind != ParagraphKind::Caption)
            .flat_map(|(para, p)| {
                query
                    .find(&p.text)
                    .into_iter()
                    .map(move |(start, end)| Match { para, start, end })
            })
            .collect(),
        None => Vec::new(),
    };
    if let Some(search) = state.search.as_mut() {
        search.matches = matches;
        search.current = None;
    }
}

/// Moves to the next (or previous) match, wrapping around the article, and scrolls to it.
pub(super) fn step(state: &mut AppState, forward: bool) {
    let Some(search) = state.search.as_ref() else {
        state.message = Some("no search yet: press / to search".into());
        return;
    };
    let query = search.query.clone();
    let n = search.matches.len();
    if n == 0 {
        state.message = Some(format!(
            "no match for \u{201c}{query}\u{201d} in this article"
        ));
        return;
    }
    let line = |m: &Match| {
        line_of(
            state,
            Anchor {
                para: m.para,
                offset: m.start,
                gap: false,
            },
        )
    };
    let (next, wrapped) = match search.current {
        Some(c) if forward => ((c + 1) % n, c + 1 == n),
        Some(c) => ((c + n - 1) % n, c == 0),
        None => {
            // The first match at or below the top of the reader (above it, going back).
            let top = state.view.top;
            let found = if forward {
                search.matches.iter().position(|m| line(m) >= top)
            } else {
                search.matches.iter().rposition(|m| line(m) < top)
            };
            match found {
                Some(i) => (i, false),
                None if forward => (0, true),
                None => (n - 1, true),
            }
        }
    };
    show(state, next);
    let wrap_note = if wrapped { " (wrapped)" } else { "" };
    state.message = Some(format!(
        "\u{201c}{query}\u{201d}: match {} of {n}{wrap_note}",
        next + 1
    ));
}

/// Makes match `next` the current one: the cursor on it, scrolled into view.
pub(super) fn show(state: &mut AppState, next: usize) {
    let Some(found) = state.search.as_ref().and_then(|s| s.matches.get(next)) else {
        return;
    };
    let anchor = Anchor {
        para: found.para,
        offset: found.start,
        gap: false,
    };
    // The sentence cursor follows, so that v or a tag acts on what was found.
    let pos = super::annotate::Pos {
        para: found.para,
        byte: found.start,
    };
    super::fold::open(state, pos.para);
    state.cursor = pos;
    let target = line_of(state, anchor);
    if let Some(s) = state.search.as_mut() {
        s.current = Some(next);
    }
    let height = state.page_height();
    if target < state.view.top || target >= state.view.top + height {
        // Leave a third of the page above the match, for context.
        state.view.top = target.saturating_sub(height / 3).min(state.max_top());
    }
}
