//! What Enter does in the prompt: search, tag, filter the list or set the sticky tag.

use super::action::{Command, Effect};
use super::annotate;
use super::search;
use super::state::{AppState, PromptKind};
use super::sync::refresh_shown;

pub(super) fn confirm(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(text) = state.prompt.take() {
        match state.prompt_kind {
            // An empty search repeats the last one, as in less and vim.
            PromptKind::Search if text.is_empty() => search::step(state, true),
            PromptKind::Search => {
                state.walk = None;
                search::start(state, text);
            }
            PromptKind::Tags => {
                annotate::apply_tags(state, &annotate::split_tags(&text), effects);
            }
            PromptKind::Filter => {
                let tag = annotate::normalise_tag(&text);
                if tag.is_empty() {
                    state.tag_filter = None;
                    state.message = Some("all articles".into());
                } else if !state
                    .notes
                    .iter()
                    .any(|n| !n.deleted && n.tags.contains(&tag))
                {
                    state.message = Some(format!("no note is tagged #{tag}"));
                } else {
                    state.message = Some(format!(
                        "articles and notes tagged #{tag} (# then Enter shows all)"
                    ));
                    state.tag_filter = Some(tag);
                }
                refresh_shown(state);
            }
            PromptKind::Briefing => super::hits::start(state, text),
            PromptKind::Title => super::hits::filter_titles(state, text),
            PromptKind::Panel => super::panel_filter::confirm(state, text),
            PromptKind::Sticky => {
                let tag = annotate::split_tags(&text).into_iter().next();
                state.message = Some(match &tag {
                    Some(t) => format!("sticky tag #{t}: s applies it and moves on"),
                    None => "no sticky tag".into(),
                });
                state.sticky = tag;
            }
        }
    }
}

/// The prompt's own keys: Enter, Tab (tags complete), Esc, Backspace and clearing it.
pub(super) fn command(state: &mut AppState, command: Command, effects: &mut Vec<Effect>) {
    match command {
        Command::PromptConfirm => confirm(state, effects),
        Command::PromptComplete => {
            if matches!(
                state.prompt_kind,
                PromptKind::Tags | PromptKind::Sticky | PromptKind::Filter
            ) {
                annotate::complete(state);
            }
        }
        Command::PromptCancel => state.prompt = None,
        Command::PromptBackspace => {
            // Backspace in an empty prompt closes it, as in less and vim.
            if let Some(p) = state.prompt.as_mut()
                && p.pop().is_none()
            {
                state.prompt = None;
            }
        }
        Command::PromptClear => {
            if let Some(p) = state.prompt.as_mut() {
                p.clear();
            }
        }
        _ => {}
    }
}
