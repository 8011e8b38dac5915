//! A headless harness: the real app state and update, driven by key names, drawn into a
//! buffer. Effects that need files (loading an article) are carried out as the shell would.
#![allow(dead_code)]

pub mod dam;
pub mod notes;

use std::sync::Arc;

use briefly::analysis::{aliases, entities};
use briefly::app::{Action, AppState, Effect, action_for_key, update};
use briefly::ingest::{self, Source};
use briefly::keymap::{Key, Keymap};
use briefly::stories;
use briefly::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub struct Harness {
    pub state: AppState,
    pub effects: Vec<Effect>,
    pub theme: Theme,
    pub dir: Option<tempfile::TempDir>,
}

impl Harness {
    /// The built-in demo briefing at a terminal size.
    pub fn demo(w: u16, h: u16) -> Harness {
        let mut h = Harness::with_sources(briefly::demo::sources(), w, h, None);
        h.state.briefing = "Demo briefing".into();
        h
    }

    /// A briefing of files with these names and contents, in a temp folder.
    pub fn files(files: &[(&str, &[u8])], w: u16, h: u16) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let sources = ingest::collect(&[dir.path().to_path_buf()]);
        Harness::with_sources(sources, w, h, Some(dir))
    }

    /// `files` from names and texts the test built.
    pub fn text_files(files: &[(String, String)], w: u16, h: u16) -> Harness {
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_bytes()))
            .collect();
        Harness::files(&refs, w, h)
    }

    pub fn with_sources(
        sources: Vec<Source>,
        w: u16,
        h: u16,
        dir: Option<tempfile::TempDir>,
    ) -> Harness {
        let state = AppState::new(
            "Test briefing".into(),
            sources,
            Keymap::default_map(),
            (w, h),
        );
        let mut harness = Harness {
            state,
            effects: Vec::new(),
            theme: Theme { color: true },
            dir,
        };
        harness.act(Action::Resize(w, h));
        harness
    }

    /// Applies an action and carries out the loads it asks for.
    pub fn act(&mut self, action: Action) {
        let mut pending = update(&mut self.state, action);
        while let Some(effect) = pending.pop() {
            match effect {
                Effect::Load(i) => {
                    let result = ingest::load(&self.state.entries[i].source);
                    pending.extend(update(&mut self.state, Action::Loaded(i, Box::new(result))));
                }
                Effect::LoadRaw(i) => {
                    let result = ingest::load_raw(&self.state.entries[i].source);
                    pending.extend(update(
                        &mut self.state,
                        Action::RawLoaded(i, Box::new(result)),
                    ));
                }
                // The shell's worker, in line.
                Effect::FetchFull(i, url) => {
                    let result = ingest::fetch_article(&url);
                    pending.extend(update(
                        &mut self.state,
                        Action::FullText(i, Box::new(result)),
                    ));
                }
                // The shell's analyzer, in line: the article's entities, then the index.
                Effect::Analyze(i) => {
                    let Some(article) = self.state.entries[i].article().cloned() else {
                        continue;
                    };
                    let paragraphs: Vec<&str> =
                        article.paragraphs.iter().map(|p| p.text.as_str()).collect();
                    let found = Arc::new(entities::analyze(&paragraphs));
                    pending.extend(update(&mut self.state, Action::Analyzed(i, found)));
                    let index = index_now(&self.state);
                    pending.extend(update(&mut self.state, Action::Indexed(index.clone())));
                    // And the stories over the articles read so far, as the analyzer does.
                    let (built, covered) = stories_now(&self.state, &index);
                    pending.extend(update(&mut self.state, Action::Stories(built, covered)));
                }
                other => self.effects.push(other),
            }
        }
    }

    /// Loads every article, as the background loader does.
    pub fn load_all(&mut self) {
        for i in 0..self.state.entries.len() {
            let result = ingest::load(&self.state.entries[i].source);
            self.act(Action::Loaded(i, Box::new(result)));
        }
    }

    /// Presses keys given by name, separated by spaces: "j j enter space ctrl-d".
    pub fn keys(&mut self, names: &str) {
        for name in names.split_whitespace() {
            let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
            for action in action_for_key(&self.state, key) {
                self.act(action);
            }
        }
    }

    /// No key for a while: a waiting first key of a two-key binding acts alone.
    pub fn pause(&mut self) {
        for action in briefly::app::pending_key_alone(&self.state) {
            self.act(action);
        }
    }

    /// Types text into the open prompt, character by character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = Key::plain(briefly::keymap::KeyCode::Char(c));
            let actions = action_for_key(&self.state, key);
            assert!(!actions.is_empty(), "the prompt takes text");
            for action in actions {
                self.act(action);
            }
        }
    }

    pub fn render(&self) -> Buffer {
        let (w, h) = self.state.size;
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ui::render(&self.state, &self.theme, area, &mut buf);
        buf
    }

    /// The screen as text, one string per row.
    pub fn rows(&self) -> Vec<String> {
        rows(&self.render())
    }

    pub fn screen_text(&self) -> String {
        self.rows().join("\n")
    }
}

/// The entity index over what has been found so far, as the analyzer builds it.
pub fn index_now(state: &AppState) -> Arc<aliases::Index> {
    let refs: Vec<_> = state
        .entries
        .iter()
        .map(|e| e.entities.as_deref())
        .collect();
    Arc::new(aliases::build(&refs))
}

/// The stories over the articles read so far (an article not read yet counts as empty, as
/// the analyzer has it), and how many articles they cover.
pub fn stories_now(state: &AppState, index: &aliases::Index) -> (Arc<stories::Stories>, usize) {
    let empty = briefly::ingest::Article::default();
    let inputs: Vec<stories::Input> = state
        .entries
        .iter()
        .map(|e| stories::Input {
            article: e.article().map_or(&empty, |a| a.as_ref()),
            label: &e.name,
            entities: e.entities.as_deref(),
        })
        .collect();
    let built = Arc::new(stories::build(&inputs, Some(index)));
    let covered = state
        .entries
        .iter()
        .filter(|e| e.article().is_some())
        .count();
    (built, covered)
}

pub fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = area.left();
            while x < area.right() {
                let cell = &buf[(x, y)];
                row.push_str(cell.symbol());
                x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            }
            row
        })
        .collect()
}

/// Finds text on screen: (x, y) of its first cell.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut starts = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let sym = buf[(x, y)].symbol();
            for _ in 0..sym.len() {
                starts.push(x);
            }
            line.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        if let Some(i) = line.find(needle) {
            return Some((starts[i], y));
        }
    }
    None
}
