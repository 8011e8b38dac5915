//! What the shell keeps on disk for the user as the session goes: the reading positions, the
//! open editor's text (through the keeper thread), and the notes once more on the way out.

use std::path::Path;

use super::Shell;
use crate::app::draft::{self, Draft};
use crate::app::{Action, AppState, update};
use crate::notes::Store;
use crate::session::{self, Session};

/// The notes kept for this briefing, and the editor's text from a session that ended before
/// it was saved, into the state.
pub(super) fn take_back(state: &mut AppState, notes: Option<&Store>, drafts: Option<&Path>) {
    if let Some(store) = notes {
        let loaded = store.load();
        update(state, Action::NotesLoaded(loaded.notes, loaded.problem));
    }
    if let Some(folder) = drafts {
        let (found, problems) = crate::keeper::load(folder);
        if let Some(problem) = problems.into_iter().next() {
            state.message = Some(problem);
        }
        if !found.is_empty() {
            update(state, Action::DraftsFound(found));
        }
    }
}

impl Shell {
    pub(super) fn save(&self, state: &AppState) -> Option<String> {
        let path = self.session_path.as_ref()?;
        session::save(path, &Session::capture(state))
            .err()
            .map(|e| format!("{}: cannot save positions ({e})", path.display()))
    }

    /// When the notes could not be saved during the session, one more try; if that fails
    /// too, what to tell the user and the notes as a line of JSON to take back.
    pub(super) fn last_save(&self, state: &AppState) -> Option<(String, String)> {
        if !state.notes_unsaved {
            return None;
        }
        let why = match &self.notes {
            Some(store) => match store.save(&state.notes) {
                Ok(_) => return None,
                Err(e) => format!("{}: {e}", store.path().display()),
            },
            None => "no data folder (set BRIEFLY_DATA_DIR)".to_string(),
        };
        let count = state.notes.iter().filter(|n| !n.deleted).count();
        Some((
            unsaved_message(&why, count),
            crate::notes::w3c::unsaved_json(&state.briefing, &state.notes, false),
        ))
    }

    /// Hands the editor's text to the keeper when it changed, and forgets a draft whose
    /// editor closed (saved or discarded).
    pub(super) fn keep_draft(&self, state: &AppState, last: &mut Option<Draft>) {
        let Some(keeper) = &self.keeper else {
            return;
        };
        let now = draft::capture(state);
        if now == *last {
            return;
        }
        if let Some(old) = last.as_ref()
            && now.as_ref().is_none_or(|d| d.id != old.id)
        {
            keeper.forget(old.id.clone());
        }
        if let Some(d) = &now {
            keeper.set(d.clone());
        }
        *last = now;
    }
}

/// What quitting says when the notes could not be saved: why, and how to take them back.
fn unsaved_message(why: &str, count: usize) -> String {
    let notes = match count {
        1 => "the note of this session follows".to_string(),
        n => format!("the {n} notes of this session follow"),
    };
    format!(
        "notes could not be saved ({why}); {notes} as one line of W3C JSON: save it to a file \
         and run `briefly import FILE` with the same paths to take them back"
    )
}

#[cfg(test)]
mod tests {
    use super::unsaved_message;

    #[test]
    fn the_unsaved_notes_are_counted_in_words_that_agree() {
        let one = unsaved_message("read-only", 1);
        assert!(
            one.contains("; the note of this session follows as"),
            "{one}"
        );
        let two = unsaved_message("read-only", 2);
        assert!(
            two.contains("; the 2 notes of this session follow as"),
            "{two}"
        );
    }
}
