//! Everything that can happen to the app, as plain values. Keymaps name the user-facing ones.

use std::sync::Arc;

use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;
pub use crate::command::Command;

use crate::ingest::{Article, LoadError};
use crate::notes::Note;

/// What a key (or the outside world) asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A user-facing command, bound to keys in the keymap.
    Command(Command),
    /// A character typed into the open prompt.
    PromptInput(char),
    /// The first key of a two-key binding: wait for the second.
    PendingKey(crate::keymap::Key),
    /// The key after it did not complete a binding.
    ClearPendingKey,
    /// A key typed into the note editor.
    EditorInput(crate::keymap::Key),
    /// Text pasted into the terminal (bracketed paste): goes to an open prompt, never run as keys.
    Paste(String),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// An article finished loading in the background.
    Loaded(usize, Box<Result<Article, LoadError>>),
    /// The briefing's notes as read from the data dir, and a problem to tell the user.
    NotesLoaded(Vec<Note>, Option<String>),
    /// The notes after a save merged them with the file (or why saving failed).
    NotesSaved(Result<Vec<Note>, String>),
    /// An article's raw source, for the raw view.
    RawLoaded(usize, Box<Result<String, LoadError>>),
    /// An article's entity mentions, found in the background.
    Analyzed(usize, Arc<ArticleEntities>),
    /// The briefing's entities, joined over the articles analysed so far.
    Indexed(Arc<Index>),
    /// The briefing's stories, built over this many articles' text.
    Stories(Arc<crate::stories::Stories>, usize),
    /// Notes were exported: the file and how many notes it holds (or why not).
    Exported(Result<(std::path::PathBuf, usize), String>),
    /// The full article behind an entry's link (`L`), or why it could not be had.
    FullText(usize, Box<Result<Article, String>>),
    /// One of the briefing's links fetched again (`W`).
    Refreshed(Box<super::refresh::Refreshed>),
    /// Every link is fetched again.
    RefreshDone,
    /// Unsaved notes an earlier session left (its editor was open when it ended).
    DraftsFound(Vec<super::draft::Draft>),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}

/// What the shell must do for the app after an update: the only way the core asks for I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load this article now, ahead of the background loader.
    Load(usize),
    /// Read this article's source as it is, for the raw view.
    LoadRaw(usize),
    /// Find this (newly loaded) article's entities in the background.
    Analyze(usize),
    /// Write the remembered positions to the data dir.
    SaveSession,
    /// Write the notes to the data dir (merged with the file).
    SaveNotes,
    /// Write notes to a Markdown file in the exports folder: one article's, or (None) the
    /// whole briefing's.
    Export(Option<usize>),
    /// Remove this unsaved note's draft from the data dir (the user discarded it).
    ForgetDraft(String),
    /// Stop the process for job control (Ctrl-z), then redraw on return.
    Suspend,
    /// Fetch the page this article links to (its full text), in the background.
    FetchFull(usize, String),
    /// Fetch the briefing's links again, in the background.
    Refresh,
    /// Put this (sanitised) text on the clipboard through the terminal (OSC 52).
    Copy(String),
    Quit,
}
