//! What the shell is given to open a briefing and what it gives back, and what starts before
//! the reader is set up: the article the reader will show first is read (or cleaned and kept)
//! on a thread of its own while the keymap, the settings and the terminal are made ready, so
//! that the first screen waits for neither in turn.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::threads::Prefetch;
use crate::ingest::Source;
use crate::ingest::cache::store as kept_articles;
use crate::keymap::Keymap;
use crate::session::{self, Session};

/// Everything the shell needs to open a briefing, decided before the terminal goes raw.
pub struct Launch {
    pub briefing: String,
    /// Names the briefing across runs (for its session file).
    pub briefing_id: String,
    pub sources: Vec<Source>,
    pub keymap: Keymap,
    pub data_dir: Option<PathBuf>,
    pub settings: crate::config::Settings,
    /// The links the briefing was made from, fetched again on request.
    pub links: Vec<crate::subscriptions::Subscription>,
    /// What was started for these sources before (else it starts in `run`).
    pub early: Option<Early>,
}

/// How a session ended, for the exit code and what to tell the user on the way out.
#[derive(Debug, Default)]
pub struct Ended {
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    /// Problems to print once the terminal is back (saving failed, say).
    pub problems: Vec<String>,
    /// Notes that could not be saved, as one line of W3C JSON for `briefly import`.
    pub unsaved: Option<String>,
}

pub struct Early {
    /// The briefing's saved positions (none without a data folder), read once.
    pub(super) session: Option<Result<Option<Session>, String>>,
    /// Where clean articles are kept (none without a data folder).
    pub(super) kept: Option<Arc<kept_articles::Store>>,
    pub(super) prefetch: Option<Prefetch>,
}

impl Early {
    /// Starts reading the article the session had selected (else the first) of `sources`.
    pub fn start(sources: &[Source], data_dir: Option<&Path>, briefing_id: &str) -> Early {
        let session = data_dir.map(|d| session::load(&session::path_for(d, briefing_id)));
        let selected = match &session {
            Some(Ok(Some(s))) => s
                .selected
                .as_deref()
                .and_then(|key| sources.iter().position(|source| source.key() == key)),
            _ => None,
        };
        let selected = selected.unwrap_or(0);
        // Clean articles are kept beside the notes, checked against each file when reused.
        let kept = data_dir.and_then(|d| {
            // Written once the analysis is done (see `Store::later`).
            Some(Arc::new(
                kept_articles::Store::new(d, kept_articles::build_id()?).later(),
            ))
        });
        let prefetch = sources
            .get(selected)
            .and_then(|source| Prefetch::start(selected, source, kept.clone()));
        Early {
            session,
            kept,
            prefetch,
        }
    }
}
