//! Everything that can happen to the app, as plain values. Keymaps name the user-facing ones.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;

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
    /// Unsaved notes an earlier session left (its editor was open when it ended).
    DraftsFound(Vec<super::draft::Draft>),
}

/// The commands a key can be bound to. The names are the keymap's `run` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    Suspend,
    Help,
    CloseOverlay,
    FocusReader,
    FocusList,
    ToggleFocus,
    ToggleZoom,
    ToggleRaw,
    ToggleCaptions,
    NextArticle,
    PrevArticle,
    NextUnread,
    ListPageDown,
    ListPageUp,
    FirstArticle,
    LastArticle,
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Search,
    SearchNext,
    SearchPrev,
    ClearSearch,
    PromptConfirm,
    PromptCancel,
    PromptBackspace,
    PromptClear,
    CursorNext,
    CursorPrev,
    Select,
    SelectParagraph,
    SelectSentenceForward,
    SelectSentenceBack,
    SelectWordForward,
    SelectWordBack,
    SelectParagraphForward,
    SelectParagraphBack,
    SelectSwap,
    SelectCancel,
    Tag,
    QuickTag1,
    QuickTag2,
    QuickTag3,
    QuickTag4,
    QuickTag5,
    QuickTag6,
    QuickTag7,
    QuickTag8,
    QuickTag9,
    StickyTag,
    Stamp,
    DeleteNote,
    Undo,
    Redo,
    PromptComplete,
    AddNote,
    EditNote,
    EditorSave,
    EditorClose,
    NotesPanel,
    NotesScope,
    NotesDown,
    NotesUp,
    NotesJump,
    NotesClose,
    NextNote,
    PrevNote,
    FilterTag,
    ToggleHighlights,
    TogglePerson,
    ToggleOrg,
    TogglePlace,
    ToggleMisc,
    ToggleDate,
    ToggleMoney,
    TogglePercent,
    ToggleQuantity,
    EntitiesPanel,
    EntitiesDown,
    EntitiesUp,
    EntitiesJump,
    EntitiesFilter,
    EntitiesClearFilter,
    EntitiesClose,
    NextMention,
    PrevMention,
    ExportNotes,
    ExportArticle,
    ExportBriefing,
    ExportCancel,
    DraftRestore,
    DraftDiscard,
    DraftLater,
    ToggleStories,
    ToggleStory,
    CompareSentence,
    StoryDifferences,
    StoryDown,
    StoryUp,
    StoryJump,
    StoryClose,
    /// Copy the selection (or the cursor's sentence, or the notes panel's note) to the
    /// clipboard through the terminal (OSC 52).
    Copy,
    /// Copy it as a Markdown quote with its outlet, title and link.
    CopyQuote,
    /// Mark the article under the cursor unread (or read again).
    ToggleRead,
    /// Mark every article the list shows read.
    MarkAllRead,
    /// Show only unread articles in the list, or all again.
    FilterUnread,
    /// Walk the next entity of the cursor's sentence (after the one being walked).
    NextEntityHere,
    /// Search every article the list shows, and list the hits.
    SearchBriefing,
    /// Show only the articles whose title holds some text.
    FilterTitle,
    HitsDown,
    HitsUp,
    HitsPageDown,
    HitsPageUp,
    HitsJump,
    HitsClose,
    /// Show only the open panel's (notes, entities, help) rows holding some text.
    FilterPanel,
}

impl Command {
    /// Every command, for checks that each one has a key.
    pub const ALL: &'static [Command] = &[
        Command::Quit,
        Command::Suspend,
        Command::Help,
        Command::CloseOverlay,
        Command::FocusReader,
        Command::FocusList,
        Command::ToggleFocus,
        Command::ToggleZoom,
        Command::ToggleRaw,
        Command::ToggleCaptions,
        Command::NextArticle,
        Command::PrevArticle,
        Command::NextUnread,
        Command::ListPageDown,
        Command::ListPageUp,
        Command::FirstArticle,
        Command::LastArticle,
        Command::ScrollDown,
        Command::ScrollUp,
        Command::HalfPageDown,
        Command::HalfPageUp,
        Command::PageDown,
        Command::PageUp,
        Command::Top,
        Command::Bottom,
        Command::Search,
        Command::SearchNext,
        Command::SearchPrev,
        Command::ClearSearch,
        Command::PromptConfirm,
        Command::PromptCancel,
        Command::PromptBackspace,
        Command::PromptClear,
        Command::CursorNext,
        Command::CursorPrev,
        Command::Select,
        Command::SelectParagraph,
        Command::SelectSentenceForward,
        Command::SelectSentenceBack,
        Command::SelectWordForward,
        Command::SelectWordBack,
        Command::SelectParagraphForward,
        Command::SelectParagraphBack,
        Command::SelectSwap,
        Command::SelectCancel,
        Command::Tag,
        Command::QuickTag1,
        Command::QuickTag2,
        Command::QuickTag3,
        Command::QuickTag4,
        Command::QuickTag5,
        Command::QuickTag6,
        Command::QuickTag7,
        Command::QuickTag8,
        Command::QuickTag9,
        Command::StickyTag,
        Command::Stamp,
        Command::DeleteNote,
        Command::Undo,
        Command::Redo,
        Command::PromptComplete,
        Command::AddNote,
        Command::EditNote,
        Command::EditorSave,
        Command::EditorClose,
        Command::NotesPanel,
        Command::NotesScope,
        Command::NotesDown,
        Command::NotesUp,
        Command::NotesJump,
        Command::NotesClose,
        Command::NextNote,
        Command::PrevNote,
        Command::FilterTag,
        Command::ToggleHighlights,
        Command::TogglePerson,
        Command::ToggleOrg,
        Command::TogglePlace,
        Command::ToggleMisc,
        Command::ToggleDate,
        Command::ToggleMoney,
        Command::TogglePercent,
        Command::ToggleQuantity,
        Command::EntitiesPanel,
        Command::EntitiesDown,
        Command::EntitiesUp,
        Command::EntitiesJump,
        Command::EntitiesFilter,
        Command::EntitiesClearFilter,
        Command::EntitiesClose,
        Command::NextMention,
        Command::PrevMention,
        Command::ExportNotes,
        Command::ExportArticle,
        Command::ExportBriefing,
        Command::ExportCancel,
        Command::DraftRestore,
        Command::DraftDiscard,
        Command::DraftLater,
        Command::ToggleStories,
        Command::ToggleStory,
        Command::CompareSentence,
        Command::StoryDifferences,
        Command::StoryDown,
        Command::StoryUp,
        Command::StoryJump,
        Command::StoryClose,
        Command::Copy,
        Command::CopyQuote,
        Command::ToggleRead,
        Command::MarkAllRead,
        Command::FilterUnread,
        Command::NextEntityHere,
        Command::SearchBriefing,
        Command::FilterTitle,
        Command::HitsDown,
        Command::HitsUp,
        Command::HitsPageDown,
        Command::HitsPageUp,
        Command::HitsJump,
        Command::HitsClose,
        Command::FilterPanel,
    ];

    /// The commands of keys 1-9, in order.
    pub const QUICK_TAGS: [Command; 9] = [
        Command::QuickTag1,
        Command::QuickTag2,
        Command::QuickTag3,
        Command::QuickTag4,
        Command::QuickTag5,
        Command::QuickTag6,
        Command::QuickTag7,
        Command::QuickTag8,
        Command::QuickTag9,
    ];

    /// The keymap name of this command.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Parses a keymap name.
    pub fn from_name(name: &str) -> Option<Command> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
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
    /// Put this (sanitised) text on the clipboard through the terminal (OSC 52).
    Copy(String),
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &c in Command::ALL {
            assert_eq!(Command::from_name(&c.name()), Some(c));
        }
        assert_eq!(Command::HalfPageDown.name(), "half_page_down");
    }
}
