//! `update(state, action) -> effects`: every change to the app happens here, with no I/O.

use super::action::{Action, Command, Effect};
use super::search;
use super::state::{Anchor, AppState, Body, Focus};
use crate::wrap::wrap_article;

/// Applies one action. What it needs from the outside world comes back as effects.
pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Resize(w, h) => {
            state.size = (w, h);
        }
        Action::Loaded(index, result) => {
            if let Some(entry) = state.entries.get_mut(index) {
                entry.body = match *result {
                    Ok(article) => {
                        entry.title = article.title.clone();
                        Body::Ready(std::sync::Arc::new(article))
                    }
                    Err(e) => Body::Failed(e.problem),
                };
            }
        }
        Action::PromptInput(c) => {
            if let Some(p) = state.prompt.as_mut() {
                p.push(c);
            }
        }
        Action::Command(command) => {
            state.message = None;
            command_update(state, command, &mut effects);
        }
    }
    sync_view(state, &mut effects);
    effects
}

fn command_update(state: &mut AppState, command: Command, effects: &mut Vec<Effect>) {
    use Command::*;
    if state.help.is_some() {
        let page = state.size.1.saturating_sub(4) as usize;
        let help = state.help.as_mut().expect("checked");
        match command {
            ScrollDown => *help += 1,
            ScrollUp => *help = help.saturating_sub(1),
            PageDown | HalfPageDown => *help += page.max(1),
            PageUp | HalfPageUp => *help = help.saturating_sub(page.max(1)),
            Quit => quit(state, effects),
            Suspend => effects.push(Effect::Suspend),
            _ => state.help = None,
        }
        return;
    }
    let page = state.page_height().max(1);
    match command {
        Quit => quit(state, effects),
        Suspend => {
            effects.push(Effect::SaveSession);
            effects.push(Effect::Suspend);
        }
        Help => state.help = Some(0),
        CloseOverlay => state.help = None,
        FocusReader => state.focus = Focus::Reader,
        // From the list, zoom opens the article full width; in the reader it toggles.
        ToggleZoom => {
            state.zoom = state.focus == Focus::List || !state.zoom;
            state.focus = Focus::Reader;
        }
        FocusList => state.focus = Focus::List,
        ToggleFocus => {
            state.focus = match state.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            }
        }
        NextArticle => select(state, state.selected + 1),
        PrevArticle => select(state, state.selected.saturating_sub(1)),
        FirstArticle => select(state, 0),
        LastArticle => select(state, state.entries.len().saturating_sub(1)),
        ScrollDown => scroll_by(state, 1),
        ScrollUp => scroll_by(state, -1),
        HalfPageDown => scroll_by(state, (page / 2).max(1) as isize),
        HalfPageUp => scroll_by(state, -((page / 2).max(1) as isize)),
        // A page keeps two lines of context, as pagers do.
        PageDown => scroll_by(state, page.saturating_sub(2).max(1) as isize),
        PageUp => scroll_by(state, -(page.saturating_sub(2).max(1) as isize)),
        Top => state.view.top = 0,
        Bottom => state.view.top = state.max_top(),
        Search => state.prompt = Some(String::new()),
        SearchNext => search::step(state, true),
        SearchPrev => search::step(state, false),
        ClearSearch => state.search = None,
        PromptConfirm => {
            if let Some(query) = state.prompt.take() {
                if query.is_empty() {
                    // An empty search repeats the last one, as in less and vim.
                    search::step(state, true);
                } else {
                    search::start(state, query);
                }
            }
        }
        PromptCancel => state.prompt = None,
        PromptBackspace => {
            // Backspace in an empty prompt closes it, as in less and vim.
            if let Some(p) = state.prompt.as_mut()
                && p.pop().is_none()
            {
                state.prompt = None;
            }
        }
        PromptClear => {
            if let Some(p) = state.prompt.as_mut() {
                p.clear();
            }
        }
    }
    if state.focus == Focus::Reader
        && let Some(entry) = state.entries.get_mut(state.selected)
    {
        entry.read = true;
    }
}

fn quit(state: &mut AppState, effects: &mut Vec<Effect>) {
    // The shell saves the session on the way out, whatever ends the program.
    state.quitting = true;
    effects.push(Effect::Quit);
}

fn select(state: &mut AppState, index: usize) {
    if !state.entries.is_empty() {
        state.selected = index.min(state.entries.len() - 1);
    }
}

fn scroll_by(state: &mut AppState, delta: isize) {
    let top = state.view.top as isize + delta;
    state.view.top = top.clamp(0, state.max_top() as isize) as usize;
}

/// Keeps the reader's wrapped lines in step with the selected article and the pane width, and
/// asks for the selected article when it has not been read yet.
pub(super) fn sync_view(state: &mut AppState, effects: &mut Vec<Effect>) {
    let capacity = state.list_capacity();
    if state.selected < state.list_top {
        state.list_top = state.selected;
    } else if state.selected >= state.list_top + capacity {
        state.list_top = state.selected + 1 - capacity;
    }
    let width = state.reader_body().map_or(0, |b| b.width);
    let selected = state.selected;
    let Some(entry) = state.entries.get(selected) else {
        state.view = Default::default();
        return;
    };
    let wanted = match &entry.body {
        Body::Ready(_) => Some(selected),
        Body::Pending => {
            if !effects.contains(&Effect::Load(selected)) {
                effects.push(Effect::Load(selected));
            }
            None
        }
        Body::Failed(_) => None,
    };
    if state.view.article == wanted && state.view.width == width {
        state.view.top = state.view.top.min(state.max_top());
        remember_anchor(state);
        return;
    }
    let switched = state.view.article != wanted;
    let anchor = match wanted {
        Some(i) if !switched => anchor_of(state).unwrap_or(state.entries[i].anchor),
        Some(i) => state.entries[i].anchor,
        None => Anchor::default(),
    };
    state.view.lines = match wanted.and_then(|i| state.entries[i].article().cloned()) {
        Some(article) if width > 0 => wrap_article(&article.paragraphs, width),
        _ => Vec::new(),
    };
    state.view.article = wanted;
    state.view.width = width;
    state.view.top = line_of(state, anchor).min(state.max_top());
    if switched {
        search::refresh(state);
    }
    remember_anchor(state);
}

/// The anchor of the first text line at or below the top of the reader.
fn anchor_of(state: &AppState) -> Option<Anchor> {
    state.view.lines[state.view.top.min(state.view.lines.len())..]
        .iter()
        .find_map(|l| {
            l.para.map(|para| Anchor {
                para,
                offset: l.range.start,
            })
        })
}

fn remember_anchor(state: &mut AppState) {
    if let (Some(i), Some(anchor)) = (state.view.article, anchor_of(state)) {
        state.entries[i].anchor = anchor;
    }
}

/// The visual line that holds an anchor (the first line when it is gone).
pub(super) fn line_of(state: &AppState, anchor: Anchor) -> usize {
    state
        .view
        .lines
        .iter()
        .position(|l| {
            l.para.is_some_and(|p| p > anchor.para)
                || (l.para == Some(anchor.para) && l.range.end > anchor.offset)
        })
        .unwrap_or(0)
}
