//! Read and unread by hand: mark one article unread (or read), mark the list read, and show
//! only unread articles. What was read is kept with the reading positions.

use super::action::{Command, Effect};
use super::state::AppState;
use super::sync::refresh_shown;

pub(super) fn run(state: &mut AppState, command: Command, effects: &mut Vec<Effect>) {
    match command {
        Command::ToggleRead => {
            let Some(entry) = state.entries.get_mut(state.selected) else {
                return;
            };
            entry.read = !entry.read;
            state.message = Some(if entry.read {
                "marked read".into()
            } else {
                "marked unread".into()
            });
        }
        Command::MarkAllRead => {
            let mut n = 0;
            for &i in &state.shown {
                if !state.entries[i].read {
                    state.entries[i].read = true;
                    n += 1;
                }
            }
            state.message = Some(format!(
                "{} marked read",
                crate::plural::count(n, "article")
            ));
        }
        Command::FilterUnread => {
            state.unread_only = !state.unread_only;
            refresh_shown(state);
            state.message = Some(if state.unread_only {
                let n = state.shown.len();
                format!("{n} unread {}", crate::plural::for_count(n, "article"))
            } else {
                "all articles".into()
            });
            return;
        }
        _ => return,
    }
    if state.unread_only {
        refresh_shown(state);
    }
    effects.push(Effect::SaveSession);
}
