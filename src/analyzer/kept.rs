//! The analyzer's entity index and stories kept in the data folder (beside the entities file):
//! read once at the start, given back instead of building them again when every article and
//! its entities are what they were, written again once the analyzer is idle after building
//! new ones.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;
use crate::ingest::Article;
use crate::stories::Stories;
use crate::stories::kept::{self, Key};

/// What kept stories depend on besides their articles: this build of briefly and its analysis.
pub(super) fn build_stamp() -> Option<u64> {
    crate::ingest::cache::store::build_id()
        .map(|b| b ^ crate::analysis::stored::build_id().rotate_left(1))
}

pub(super) struct KeptStories {
    /// Where the stories are kept; None keeps nothing (no data folder, or no build stamp).
    path: Option<PathBuf>,
    build: u64,
    /// The file as read at the start, until it is used or found outdated.
    file: Option<Vec<u8>>,
    /// How many articles the kept stories covered: stories over fewer are not worth
    /// building while more are coming.
    expect: usize,
    /// Per list entry, what its article and entities are ([`kept::digest`]), 0 until known.
    entries: Vec<u64>,
    /// The kept stories, once their index was taken, until they are.
    ready: Option<(Key, Stories)>,
    /// The index and stories last built, not yet written.
    unsaved: Option<(Key, Arc<Index>, Arc<Stories>)>,
}

impl KeptStories {
    /// No kept stories (until the analysis thread opens them).
    pub(super) fn none() -> KeptStories {
        KeptStories {
            path: None,
            build: 0,
            file: None,
            expect: 0,
            entries: Vec::new(),
            ready: None,
            unsaved: None,
        }
    }

    /// The stories kept at `path` for a list of `n` entries (read now; a missing or damaged
    /// file is no stories).
    pub(super) fn open(path: Option<PathBuf>, n: usize) -> KeptStories {
        let build = build_stamp();
        let path = path.filter(|_| build.is_some());
        let file = path.as_ref().and_then(|p| std::fs::read(p).ok());
        let expect = file.as_deref().and_then(kept::covered).unwrap_or(0);
        KeptStories {
            path,
            build: build.unwrap_or(0),
            file,
            expect,
            entries: vec![0; n],
            ready: None,
            unsaved: None,
        }
    }

    /// One more list entry (a refresh added it).
    pub(super) fn grow(&mut self) {
        self.entries.push(0);
    }

    /// Entry `i` is this article, with these entities.
    pub(super) fn note(&mut self, i: usize, label: &str, article: &Article, e: &ArticleEntities) {
        if self.path.is_some()
            && let Some(slot) = self.entries.get_mut(i)
        {
            *slot = kept::digest(label, article, e);
        }
    }

    /// Whether stories over `received` articles would be outdated at once: the kept ones
    /// covered more, which are most likely still loading.
    pub(super) fn waiting(&self, received: usize) -> bool {
        received < self.expect
    }

    /// No more articles came for a while: build over what there is.
    pub(super) fn stop_waiting(&mut self) {
        self.expect = 0;
    }

    fn key(&self) -> Key {
        Key {
            build: self.build,
            entries: self.entries.clone(),
        }
    }

    /// Whether the file read at the start may still give the index and the stories.
    pub(super) fn has_file(&self) -> bool {
        self.file.is_some()
    }

    /// The kept index, when it was made from exactly the articles known now; its stories
    /// wait for [`Self::stories`]. Once the file is outdated it is let go.
    pub(super) fn index(&mut self) -> Option<Index> {
        let key = self.key();
        let found = kept::from_bytes(self.file.as_deref()?, &key);
        if found.is_some() || !self.waiting(key.covered()) {
            self.file = None;
        }
        let (index, stories) = found?;
        self.ready = Some((key, stories));
        Some(index)
    }

    /// The kept stories, when their index was taken for the articles known now.
    pub(super) fn stories(&mut self) -> Option<Stories> {
        let (key, stories) = self.ready.take()?;
        (key == self.key()).then_some(stories)
    }

    /// These stories were built, with this index, from the articles known now.
    pub(super) fn built(&mut self, index: Arc<Index>, stories: Arc<Stories>) {
        if self.path.is_some() {
            self.unsaved = Some((self.key(), index, stories));
        }
    }

    /// New stories are being built: those last built will not be written.
    pub(super) fn superseded(&mut self) {
        self.unsaved = None;
    }

    pub(super) fn unsaved(&self) -> bool {
        self.unsaved.is_some()
    }

    /// Writes the stories last built, best effort: without the file the next run groups again.
    pub(super) fn save(&mut self) {
        if let (Some((key, index, stories)), Some(path)) = (self.unsaved.take(), &self.path) {
            let bytes = kept::to_bytes(&key, &index, &stories);
            let _ = crate::session::write_atomic(path, &bytes);
        }
    }
}
