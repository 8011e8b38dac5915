//! The app's state: plain values, changed only by `update`, read by the UI.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::annotate::{DEFAULT_QUICK_TAGS, Mark, Pos, Selection};
use super::editor::Editor;
use super::entities::{EntityPanel, Highlights, Walk};
use super::panel::Panel;
use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;
use crate::ingest::{Article, Source};
use crate::keymap::{Keymap, Mode};
use crate::layout::{Panes, panes};
use crate::notes::Note;
use crate::wrap::VisualLine;

pub use super::search::{Match, Search};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
}

/// An article's body, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Pending,
    Ready(Arc<Article>),
    Failed(String),
}

/// A place in an article that survives re-wrapping: a paragraph and a byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Anchor {
    pub para: usize,
    pub offset: usize,
    /// The place is the blank line just before `para`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gap: bool,
}

/// One article of the briefing as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub source: Source,
    /// File name shown under the title.
    pub name: String,
    /// Identifies the source across runs.
    pub key: String,
    pub title: String,
    pub body: Body,
    pub read: bool,
    /// Where the reader was in this article.
    pub anchor: Anchor,
    /// The source as it is, one paragraph per line, once the raw view asked for it.
    pub raw: Option<Arc<Article>>,
    /// The clean article's entity mentions, once analysed.
    pub entities: Option<Arc<ArticleEntities>>,
    /// The publication the article names (site, link, byline), once read: shown by the list.
    pub outlet: Option<String>,
    /// What of it was on screen in the reader (what counts as read), in order.
    pub seen: Vec<super::stories::Seen>,
    /// In which order it was first read (1 for the first article read in this briefing).
    pub opened: Option<u64>,
}

impl Entry {
    pub fn new(source: Source) -> Entry {
        let name = source.display_name();
        Entry {
            key: source.key(),
            title: name.clone(),
            name,
            source,
            body: Body::Pending,
            read: false,
            anchor: Anchor::default(),
            raw: None,
            entities: None,
            outlet: None,
            seen: Vec::new(),
            opened: None,
        }
    }

    pub fn article(&self) -> Option<&Arc<Article>> {
        match &self.body {
            Body::Ready(a) => Some(a),
            _ => None,
        }
    }
}

/// The shown article wrapped for the reader's width, and the first visible line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderView {
    /// Index of the article these lines belong to (None before any is ready).
    pub article: Option<usize>,
    pub width: u16,
    pub lines: Vec<VisualLine>,
    pub top: usize,
    /// The lines show the raw source, not the clean article.
    pub raw: bool,
    /// Captions are among the lines.
    pub captions: bool,
    /// The paragraphs folded to one line per run (`Z`).
    pub folded: Vec<usize>,
    /// The place the lines were last laid out to show at the top, and the top that gave.
    /// While the reader stays there, the next layout (captions shown again, a fold opened,
    /// another width) starts from that place rather than from the first line then visible,
    /// which may be past it: hiding and showing captions comes back to the same text.
    pub placed: Option<(Anchor, usize)>,
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub briefing: String,
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub focus: Focus,
    /// The reader takes the whole width while it has the focus.
    pub zoom: bool,
    /// The reader shows the source as it is, so the user can see what cleaning removed.
    pub raw: bool,
    /// Photo captions are shown (dimmed) among the text.
    pub captions: bool,
    /// The help overlay, when open, and how far it is scrolled.
    pub help: Option<usize>,
    /// Text being typed in the status line (a search, tags).
    pub prompt: Option<String>,
    /// What the prompt's text is for.
    pub prompt_kind: PromptKind,
    pub search: Option<Search>,
    /// The last briefing-wide search, its hits and its panel.
    pub hits: Option<super::hits::Hits>,
    /// A hit to make the current match once its article is shown.
    pub pending_hit: Option<Pos>,
    /// Only articles whose title holds this text are listed.
    pub title_filter: Option<String>,
    /// The open panel (notes, entities, help) shows only rows holding this text.
    pub panel_filter: Option<String>,
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    pub view: ReaderView,
    /// The first article shown in the list (kept so that the selection stays visible).
    pub list_top: usize,
    /// One line for the status bar (an error, a search result); cleared by the next key.
    pub message: Option<String>,
    pub keymap: Keymap,
    /// `y`/`Y` copy through the terminal (OSC 52); off with `copy = false` in config.toml.
    pub copy_enabled: bool,
    /// Searches ignore accents ("zoe" finds "Zoë"): `fold_accents = true` in config.toml.
    pub fold_accents: bool,
    /// The list shows only unread articles (and the one selected).
    pub unread_only: bool,
    /// The reader's sentence cursor.
    pub cursor: Pos,
    pub selection: Option<Selection>,
    /// Every note of the briefing, deleted ones as tombstones.
    pub notes: Vec<Note>,
    /// Bumped on every change to `notes`.
    pub notes_version: u64,
    /// Where the shown article's notes are, and which of them found no place.
    pub marks: Vec<Mark>,
    pub orphans: Vec<usize>,
    /// (article shown, notes version, raw) the marks were computed for.
    pub marks_for: Option<(Option<usize>, u64, bool)>,
    pub undo: Vec<Vec<Note>>,
    pub redo: Vec<Vec<Note>>,
    /// Tags for the keys 1-9.
    pub quick_tags: Vec<String>,
    /// The tag `s` applies, passage after passage.
    pub sticky: Option<String>,
    /// The note editor, when open.
    pub editor: Option<Editor>,
    /// The notes panel, when open.
    pub panel: Option<Panel>,
    /// A note to put the cursor on once its article is shown.
    pub pending_jump: Option<usize>,
    /// The first key of a two-key binding, waiting for the second.
    pub pending_key: Option<crate::keymap::Key>,
    /// Only articles and notes with this tag are listed.
    pub tag_filter: Option<String>,
    /// The articles the list shows, in order (all of them unless a tag filter is on).
    pub shown: Vec<usize>,
    /// The briefing's entities, joined over the articles analysed so far.
    pub index: Arc<Index>,
    /// Which entity types the reader highlights.
    pub highlights: Highlights,
    /// The entity panel, when open.
    pub entity_panel: Option<EntityPanel>,
    /// The entity whose mentions n/N walk.
    pub walk: Option<Walk>,
    /// Only articles that mention this entity (by name) are listed.
    pub entity_filter: Option<String>,
    /// A place to put the cursor once its article is shown.
    pub pending_pos: Option<Pos>,
    /// E was pressed: the next key says what to export.
    pub choosing_export: bool,
    /// The last save of the notes failed (a read-only or full data folder): the shell tries
    /// again on quit and, failing that, prints them.
    pub notes_unsaved: bool,
    /// Unsaved notes from an earlier session, offered one at a time.
    pub drafts: Vec<super::draft::Draft>,
    /// The briefing's stories, and how the list and the reader show them.
    pub stories: super::stories::StoryState,
    /// A story panel, when open.
    pub story_panel: Option<super::story_panel::StoryPanel>,
    /// The briefing's links, fetched again on request (`W`).
    pub refresh: super::refresh::Refresh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PromptKind {
    #[default]
    Search,
    Tags,
    Sticky,
    /// A tag to filter the list and the notes by.
    Filter,
    /// Text to look for in every article.
    Briefing,
    /// Text the listed articles' titles must hold.
    Title,
    /// Text the open panel's rows must hold.
    Panel,
}

impl AppState {
    pub fn new(briefing: String, sources: Vec<Source>, keymap: Keymap, size: (u16, u16)) -> Self {
        let shown = (0..sources.len()).collect();
        // A user's keymap that left an action without a key says so at once.
        let unbound: Vec<String> = keymap.unbound().iter().map(|c| c.name()).collect();
        let waiting: std::collections::BTreeSet<String> = keymap
            .waiting_keys()
            .iter()
            .map(|(_, k)| k.to_string())
            .collect();
        let message = if !unbound.is_empty() {
            Some(format!(
                "keymap: no key runs {} any more",
                unbound.join(", ")
            ))
        } else {
            (!waiting.is_empty()).then(|| {
                format!(
                    "keymap: {} also start pairs, so they wait for a second key",
                    Vec::from_iter(waiting).join(" ")
                )
            })
        };
        let mut state = AppState {
            briefing,
            entries: sources.into_iter().map(Entry::new).collect(),
            selected: 0,
            focus: Focus::List,
            zoom: false,
            raw: false,
            captions: true,
            help: None,
            prompt: None,
            search: None,
            hits: None,
            pending_hit: None,
            title_filter: None,
            panel_filter: None,
            size,
            view: ReaderView::default(),
            list_top: 0,
            copy_enabled: true,
            fold_accents: false,
            unread_only: false,
            message,
            keymap,
            prompt_kind: PromptKind::Search,
            cursor: Pos::default(),
            selection: None,
            notes: Vec::new(),
            notes_version: 0,
            marks: Vec::new(),
            orphans: Vec::new(),
            marks_for: None,
            undo: Vec::new(),
            redo: Vec::new(),
            quick_tags: DEFAULT_QUICK_TAGS.iter().map(|t| t.to_string()).collect(),
            sticky: None,
            editor: None,
            panel: None,
            pending_jump: None,
            pending_key: None,
            tag_filter: None,
            shown: Vec::new(),
            index: Arc::default(),
            highlights: Highlights::default(),
            entity_panel: None,
            walk: None,
            entity_filter: None,
            pending_pos: None,
            choosing_export: false,
            drafts: Vec::new(),
            notes_unsaved: false,
            stories: Default::default(),
            story_panel: None,
            refresh: Default::default(),
        };
        state.shown = shown;
        state
    }

    pub fn panes(&self) -> Panes {
        let reading = self.focus == Focus::Reader;
        panes(self.size.0, self.size.1, reading, self.zoom && reading)
    }

    /// Which keymap table applies now.
    pub fn mode(&self) -> Mode {
        if self.editor.is_some() {
            Mode::Editor
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if !self.drafts.is_empty() {
            Mode::Draft
        } else if self.choosing_export {
            Mode::Export
        } else if self.help.is_some() {
            Mode::Help
        } else if self.panel.is_some() {
            Mode::Notes
        } else if self.entity_panel.is_some() {
            Mode::Entities
        } else if self.hits.as_ref().is_some_and(|h| h.panel.is_some()) {
            Mode::Hits
        } else if self.story_panel.is_some() {
            Mode::Story
        } else if self.focus == Focus::Reader && self.selection.is_some() {
            Mode::Select
        } else if self.focus == Focus::Reader {
            Mode::Reader
        } else {
            Mode::List
        }
    }

    /// The tags keys 1-9 apply; the help names them.
    pub fn set_quick_tags(&mut self, tags: Vec<String>) {
        self.keymap.name_quick_tags(&tags);
        self.quick_tags = tags;
    }

    /// Where the selected article is in the list as shown.
    pub fn shown_position(&self) -> usize {
        self.shown
            .iter()
            .position(|&i| i == self.selected)
            .unwrap_or(0)
    }

    /// What the reader shows of the selected article: the clean article, or its raw source.
    pub fn shown_article(&self) -> Option<&Arc<Article>> {
        let entry = self.entries.get(self.selected)?;
        if self.raw {
            entry.raw.as_ref()
        } else {
            entry.article()
        }
    }

    /// Rows of article text the reader shows at once.
    pub fn page_height(&self) -> usize {
        self.reader_body().map_or(0, |b| usize::from(b.height))
    }

    /// The reader's text area when the reader is shown (in a narrow terminal, when focused).
    pub fn reader_body(&self) -> Option<ratatui::layout::Rect> {
        let zoomed = self.zoom && self.focus == Focus::Reader;
        panes(self.size.0, self.size.1, true, zoomed).body
    }

    /// How many articles the list shows at once (each takes two rows under a header row).
    pub fn list_capacity(&self) -> usize {
        panes(self.size.0, self.size.1, false, false)
            .list
            .map_or(1, |l| (usize::from(l.height.saturating_sub(1)) / 2).max(1))
    }

    /// The furthest the reader scrolls: the last line at the bottom of the pane.
    pub fn max_top(&self) -> usize {
        self.view.lines.len().saturating_sub(self.page_height())
    }
}
