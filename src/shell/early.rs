//! What starts before the reader is set up: the article the reader will show first is read
//! (or cleaned and kept) on a thread of its own while the keymap, the settings and the
//! terminal are made ready, so that the first screen waits for neither in turn.

use std::path::Path;
use std::sync::Arc;

use super::threads::Prefetch;
use crate::ingest::Source;
use crate::ingest::cache::store as kept_articles;
use crate::session::{self, Session};

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
            Some(Arc::new(kept_articles::Store::new(
                d,
                kept_articles::build_id()?,
            )))
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
