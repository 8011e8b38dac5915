//! The app core: state, actions and the pure `update` that connects them.

mod action;
pub mod annotate;
pub mod copy;
pub mod draft;
pub mod editor;
pub mod entities;
mod entity_pick;
pub mod export;
mod find;
pub mod fold;
mod fulltext;
pub mod help;
pub mod hits;
pub mod panel;
pub mod panel_filter;
mod prompt;
mod raw;
pub mod refresh;
mod rows_memo;
mod search;
mod state;
pub mod stories;
pub mod story_panel;
mod sync;
mod unread;
mod update;
mod walk;

pub use action::{Action, Command, Effect};
pub use find::{Query, find_all};
pub use state::{Anchor, AppState, Body, Entry, Focus, Match, PromptKind, ReaderView, Search};
pub use update::{help_height, update};

use crate::keymap::{Key, KeyCode, Mode};

/// The actions a key asks for in the current mode: its binding, or typed text for an open
/// prompt or the editor. A key that starts a two-key binding ("] a") waits for the next; when
/// the next does not complete it, the first does what it does alone and the second follows.
pub fn action_for_key(state: &AppState, key: Key) -> Vec<Action> {
    let mode = state.mode();
    if state.panes().too_small {
        return too_small(state, mode, key);
    }
    if let Some(first) = state.pending_key {
        let pair = Key {
            after: Some(first.code),
            ..key
        };
        if let Some(command) = state.keymap.lookup(mode, pair) {
            return vec![Action::Command(command)];
        }
        let mut out = vec![Action::ClearPendingKey];
        out.extend(single(state, mode, first));
        out.extend(single(state, mode, key));
        return out;
    }
    if state.keymap.is_prefix(mode, key) {
        return vec![Action::PendingKey(key)];
    }
    single(state, mode, key).into_iter().collect()
}

/// On the "terminal too small" screen nothing can be seen, so only quitting and suspending
/// act; every other key (a first key of a pair included) does nothing.
fn too_small(state: &AppState, mode: Mode, key: Key) -> Vec<Action> {
    let mut out = Vec::new();
    if state.pending_key.is_some() {
        out.push(Action::ClearPendingKey);
    }
    if let Some(command @ (Command::Quit | Command::Suspend)) = state.keymap.lookup(mode, key) {
        out.push(Action::Command(command));
    }
    out
}

/// The keys an Alt-key stands for: itself when the keymap binds it (or the editor takes it),
/// else Esc and the key, typed too quickly for the terminal to tell them apart.
pub fn keys_meant(state: &AppState, key: Key) -> Vec<Key> {
    let mode = state.mode();
    if !key.alt
        || key.ctrl
        || mode == Mode::Editor
        || state.keymap.lookup(mode, key).is_some()
        || state.keymap.is_prefix(mode, key)
    {
        return vec![key];
    }
    vec![Key::plain(KeyCode::Esc), Key { alt: false, ..key }]
}

/// No second key came in time: the waiting first key does what it does alone.
pub fn pending_key_alone(state: &AppState) -> Vec<Action> {
    match state.pending_key {
        Some(first) => std::iter::once(Action::ClearPendingKey)
            .chain(single(state, state.mode(), first))
            .collect(),
        None => Vec::new(),
    }
}

fn single(state: &AppState, mode: Mode, key: Key) -> Option<Action> {
    if let Some(command) = state.keymap.lookup(mode, key) {
        return Some(Action::Command(command));
    }
    match (mode, key.code) {
        (Mode::Editor, _) => Some(Action::EditorInput(key)),
        (Mode::Prompt, KeyCode::Char(c)) if !key.ctrl && !key.alt => Some(Action::PromptInput(c)),
        (Mode::Help, _) => Some(Action::Command(Command::CloseOverlay)),
        (Mode::Export, _) => Some(Action::Command(Command::ExportCancel)),
        (Mode::Draft, _) => Some(Action::Command(Command::DraftLater)),
        _ => None,
    }
}
