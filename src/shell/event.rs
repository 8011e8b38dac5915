//! What the shell's loop waits for: keys, signals, and the results of the background work.

use std::sync::Arc;

use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;
use crate::ingest::{Article, LoadError};

pub(super) enum Event {
    Input(Vec<u8>),
    Resize,
    /// The input ended (None) or a signal asked us to stop.
    Stop(Option<i32>),
    Loaded(usize, Result<Article, LoadError>),
    RawLoaded(usize, Result<String, LoadError>),
    /// Articles' entities, a batch at a time (at most a few per second, so that the status
    /// line's progress does not cost a redraw per article).
    Analyzed(Vec<(usize, Arc<ArticleEntities>)>),
    Indexed(Arc<Index>),
    Stories(Arc<crate::stories::Stories>, usize),
    FullText(usize, Result<Article, String>),
    Refreshed(Box<crate::app::refresh::Refreshed>),
    RefreshDone,
}
