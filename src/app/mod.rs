//! The app core: state, actions and the pure `update` that connects them.

mod action;
pub mod annotate;
pub mod editor;
pub mod panel;
mod search;
mod state;
mod update;

pub use action::{Action, Command, Effect};
pub use search::find_all;
pub use state::{Anchor, AppState, Body, Entry, Focus, Match, PromptKind, ReaderView, Search};
pub use update::{help_height, update};

use crate::keymap::{Key, KeyCode, Mode};

/// The action a key asks for in the current mode: its binding, or typed text for an open
/// prompt. An unbound key closes the help overlay.
pub fn action_for_key(state: &AppState, key: Key) -> Option<Action> {
    let mode = state.mode();
    if let Some(command) = state.keymap.lookup(mode, key) {
        return Some(Action::Command(command));
    }
    match (mode, key.code) {
        (Mode::Editor, _) => Some(Action::EditorInput(key)),
        (Mode::Prompt, KeyCode::Char(c)) if !key.ctrl && !key.alt => Some(Action::PromptInput(c)),
        (Mode::Help, _) => Some(Action::Command(Command::CloseOverlay)),
        _ => None,
    }
}
