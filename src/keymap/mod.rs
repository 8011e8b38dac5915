//! Keymaps as data: `keymaps/default.toml` (embedded) gives every binding with a description;
//! the user's `keymap.toml` overrides it key by key, and `run = "none"` unbinds a key.
//!
//! File shape, one table per mode:
//! ```toml
//! [reader]
//! keymap = [
//!   { on = ["j", "down"], run = "scroll_down", desc = "Scroll down one line" },
//! ]
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crate::command::Command;

mod key;
mod parse;

pub use key::{Key, KeyCode};

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");

/// Where a key is looked up. `global` bindings apply in `list`, `reader` and `help` unless the
/// mode binds the same key itself; the prompt takes typed text and has no global fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    List,
    Reader,
    /// A selection is being made in the reader; unbound keys fall back to the reader's.
    Select,
    Prompt,
    /// The note editor: keys not bound here are typed into the note.
    Editor,
    /// The notes panel.
    Notes,
    /// The entity panel.
    Entities,
    /// A story panel: the cursor's sentence in other outlets, or the story's differences.
    Story,
    /// The hits of a search of the whole briefing.
    Hits,
    /// E was pressed: what to export.
    Export,
    /// An unsaved note from last time is offered back.
    Draft,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 13] = [
        Mode::Global,
        Mode::List,
        Mode::Reader,
        Mode::Select,
        Mode::Prompt,
        Mode::Editor,
        Mode::Notes,
        Mode::Entities,
        Mode::Story,
        Mode::Hits,
        Mode::Export,
        Mode::Draft,
        Mode::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Reader => "reader",
            Mode::Select => "select",
            Mode::Prompt => "prompt",
            Mode::Editor => "editor",
            Mode::Notes => "notes",
            Mode::Entities => "entities",
            Mode::Story => "story",
            Mode::Hits => "hits",
            Mode::Export => "export",
            Mode::Draft => "draft",
            Mode::Help => "help",
        }
    }
}

/// One row of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpRow {
    pub keys: String,
    pub desc: String,
    pub heading: bool,
}

/// A key's command and what it does, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub command: Command,
    pub desc: String,
    /// Position in the files it came from: hints show a command's first-listed key.
    pub order: usize,
}

/// The effective bindings: mode -> key -> binding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    modes: BTreeMap<Mode, BTreeMap<Key, Binding>>,
}

/// A keymap file that cannot be used: one line per mistake (in line order), each naming the
/// file, the line and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError(pub String);

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeymapError {}

impl Keymap {
    /// Whether a key starts a two-key binding in this mode (or in the tables it falls back to).
    pub fn is_prefix(&self, mode: Mode, key: Key) -> bool {
        if key.ctrl || key.alt || key.after.is_some() {
            return false;
        }
        tables(&mode).iter().any(|m| {
            self.modes
                .get(m)
                .is_some_and(|t| t.keys().any(|k| k.after == Some(key.code)))
        })
    }

    /// The command for a key in a mode, falling back to the global table outside the prompt.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Command> {
        tables(&mode).iter().find_map(|m| {
            self.modes
                .get(m)
                .and_then(|t| t.get(&key))
                .map(|b| b.command)
        })
    }

    /// Every binding of a mode, grouped by command in key order: (keys, description).
    pub fn rows(&self, mode: Mode) -> Vec<(Vec<Key>, Command, String)> {
        // Keys in the order the files list them, commands in the order they were first bound.
        let mut bindings: Vec<(&Key, &Binding)> =
            self.modes.get(&mode).into_iter().flatten().collect();
        bindings.sort_by_key(|(_, b)| b.order);
        let mut rows: Vec<(Vec<Key>, Command, String)> = Vec::new();
        for (key, b) in bindings {
            match rows.iter_mut().find(|r| r.1 == b.command && r.2 == b.desc) {
                Some(row) => row.0.push(*key),
                None => rows.push((vec![*key], b.command, b.desc.clone())),
            }
        }
        rows
    }

    /// The actions no key runs any more (a user's file rebound their last key): each gets a
    /// warning in `briefly keys` and at start-up.
    pub fn unbound(&self) -> Vec<Command> {
        Command::ALL
            .iter()
            .copied()
            .filter(|&c| {
                !self
                    .modes
                    .values()
                    .flat_map(|t| t.values())
                    .any(|b| b.command == c)
            })
            .collect()
    }

    /// Keys that both run an action alone and start a two-key binding in some mode: such a
    /// key would have to wait to see whether a second key follows, so none should be both.
    pub fn waiting_keys(&self) -> Vec<(Mode, Key)> {
        use std::collections::BTreeSet;
        let singles: BTreeSet<Key> = self
            .modes
            .values()
            .flat_map(|t| t.keys())
            .filter(|k| k.after.is_none() && !k.ctrl && !k.alt)
            .copied()
            .collect();
        // The first keys of each table's two-key bindings, gathered once (this runs at
        // start-up, before the first screen).
        let firsts: BTreeMap<Mode, BTreeSet<KeyCode>> = self
            .modes
            .iter()
            .map(|(m, t)| (*m, t.keys().filter_map(|k| k.after).collect()))
            .collect();
        let starts_pair = |m: Mode, k: Key| {
            tables(&m)
                .iter()
                .any(|t| firsts.get(t).is_some_and(|s| s.contains(&k.code)))
        };
        Mode::ALL
            .into_iter()
            .flat_map(|m| singles.iter().map(move |&k| (m, k)))
            .filter(|&(m, k)| starts_pair(m, k) && self.lookup(m, k).is_some())
            .collect()
    }

    /// Changes what the help says a command does (the quick tags name their tag).
    pub fn set_desc(&mut self, command: Command, desc: &str) {
        for binding in self.modes.values_mut().flat_map(|t| t.values_mut()) {
            if binding.command == command {
                binding.desc = desc.to_string();
            }
        }
    }

    /// Names the quick tags in the descriptions of keys 1-9.
    pub fn name_quick_tags(&mut self, tags: &[String]) {
        let commands = Command::QUICK_TAGS;
        for (i, command) in commands.into_iter().enumerate() {
            let desc = match tags.get(i) {
                Some(tag) => format!("Quick tag #{tag}"),
                None => format!("Quick tag {} (none set in config.toml)", i + 1),
            };
            self.set_desc(command, &desc);
        }
    }

    /// The help overlay's rows: a heading per mode, then each binding's keys and description.
    pub fn help_rows(&self) -> Vec<HelpRow> {
        let mut rows = Vec::new();
        for (mode, heading) in [
            (Mode::List, "Article list"),
            (Mode::Reader, "Reader"),
            (Mode::Select, "Selecting (v)"),
            (Mode::Global, "Everywhere"),
            (Mode::Prompt, "Search and tag prompt"),
            (Mode::Editor, "Note editor"),
            (Mode::Notes, "Notes panel (A)"),
            (Mode::Entities, "Entity panel (i)"),
            (Mode::Story, "Story panels (C, D)"),
            (Mode::Hits, "Matches in every article (F)"),
            (Mode::Export, "Exporting notes (E)"),
            (Mode::Draft, "An unsaved note from last time"),
            (Mode::Help, "This help"),
        ] {
            if !rows.is_empty() {
                rows.push(HelpRow::default());
            }
            rows.push(HelpRow {
                keys: heading.to_string(),
                desc: String::new(),
                heading: true,
            });
            for (keys, _, desc) in self.rows(mode) {
                let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
                rows.push(HelpRow {
                    keys: keys.join(" "),
                    desc,
                    heading: false,
                });
            }
        }
        rows
    }

    /// The keys that run `command` in `mode` (or globally), as the user would type them, for
    /// hints such as "j/k choose". None when the command has no key.
    pub fn hint(&self, mode: Mode, commands: &[Command]) -> Option<String> {
        let keys: Option<Vec<String>> = commands
            .iter()
            .map(|&c| self.key_for(mode, c).map(|k| k.to_string()))
            .collect();
        keys.map(|k| k.join("/"))
    }

    /// The first key that runs `command` in `mode` (or in a table it falls back to), for hints
    /// such as "? help": none in the editor, where `?` is typed into the note.
    pub fn key_for(&self, mode: Mode, command: Command) -> Option<Key> {
        tables(&mode).iter().find_map(|m| {
            self.modes
                .get(m)?
                .iter()
                .filter(|(_, b)| b.command == command)
                .min_by_key(|(_, b)| b.order)
                .map(|(k, _)| *k)
        })
    }

    /// The effective keymap as text, in the file's own shape (what `briefly keys` prints).
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        for mode in Mode::ALL {
            let rows = self.rows(mode);
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!("[{}]\nkeymap = [\n", mode.name()));
            for (keys, command, desc) in rows {
                // TOML's own quoting (Rust's {:?} escapes are not TOML's), so that the
                // output reads back as a keymap whatever a description holds.
                let quote = |s: &str| toml::Value::from(s).to_string();
                let on: Vec<String> = keys.iter().map(|k| quote(&k.to_string())).collect();
                out.push_str(&format!(
                    "  {{ on = [{}], run = {}, desc = {} }},\n",
                    on.join(", "),
                    quote(&command.name()),
                    quote(&desc)
                ));
            }
            out.push_str("]\n\n");
        }
        out
    }
}

pub(super) fn map_desc(table: &BTreeMap<Key, Binding>, command: Command) -> Option<String> {
    table
        .values()
        .find(|b| b.command == command)
        .map(|b| b.desc.clone())
}

#[cfg(test)]
mod tests;

/// The tables a key pressed in `mode` is looked up in, in order (and whose two-key bindings
/// it may start): the mode's own; a selection's falls back to the reader's; every mode but
/// those that take typed text or any key (the prompt, the editor, the export and draft
/// questions) falls back to the global table.
fn tables(mode: &Mode) -> &'static [Mode] {
    use Mode::*;
    match mode {
        Select => &[Select, Reader, Global],
        Prompt => &[Prompt],
        Editor => &[Editor],
        Export => &[Export],
        Draft => &[Draft],
        Global => &[Global],
        List => &[List, Global],
        Reader => &[Reader, Global],
        Notes => &[Notes, Global],
        Entities => &[Entities, Global],
        Story => &[Story, Global],
        Hits => &[Hits, Global],
        Help => &[Help, Global],
    }
}
