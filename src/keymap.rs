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

use serde::Deserialize;

use crate::app::Command;

pub const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.toml");

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
    /// E was pressed: what to export.
    Export,
    /// An unsaved note from last time is offered back.
    Draft,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Global,
        Mode::List,
        Mode::Reader,
        Mode::Select,
        Mode::Prompt,
        Mode::Editor,
        Mode::Notes,
        Mode::Entities,
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
            Mode::Export => "export",
            Mode::Draft => "draft",
            Mode::Help => "help",
        }
    }
}

/// A key as the keymap names it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// A plain key pressed just before, for two-key bindings such as "] a".
    pub after: Option<KeyCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            after: None,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
            after: None,
        }
    }

    /// Parses `"j"`, `"G"`, `"?"`, `"space"`, `"pagedown"`, `"ctrl-d"`, `"alt-x"`, `"shift-tab"`, `"f1"`.
    pub fn parse(text: &str) -> Result<Key, String> {
        // Two keys, "] a": the second pressed right after the first (a plain key).
        if let Some((first, second)) = text.trim().split_once(' ')
            && !first.is_empty()
            && !second.trim().is_empty()
        {
            let first = Key::parse(first)?;
            if first.ctrl || first.alt || first.after.is_some() {
                return Err(format!(
                    "cannot read the key {text:?}: the first of two keys must be a plain key"
                ));
            }
            let mut key = Key::parse(second.trim())?;
            if key.after.is_some() {
                return Err(format!("cannot read the key {text:?}: at most two keys"));
            }
            key.after = Some(first.code);
            return Ok(key);
        }
        let bad = || format!("cannot read the key {text:?}");
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        let mut shift = false;
        while rest.chars().count() > 1 {
            let Some((modifier, tail)) = rest.split_once('-') else {
                break;
            };
            match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => key.ctrl = true,
                "alt" | "a" | "m" => key.alt = true,
                "shift" | "s" => shift = true,
                _ => return Err(bad()),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if key.ctrl => {
                // A terminal sends the same byte for ctrl-x, ctrl-X and ctrl-shift-x.
                if shift {
                    return Err(format!(
                        "cannot use {text:?}: terminals send it as ctrl-{}",
                        c.to_ascii_lowercase()
                    ));
                }
                KeyCode::Char(c.to_ascii_lowercase())
            }
            (Some(c), None) => KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    code
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse().ok()) {
                    KeyCode::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        if shift && key.code == KeyCode::Tab {
            key.code = KeyCode::BackTab;
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(first) = self.after {
            write!(f, "{} ", Key::plain(first))?;
        }
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED.iter().find(|(_, c)| *c == code).map(|(n, _)| *n);
                f.write_str(name.unwrap_or("?"))
            }
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

/// A keymap file that cannot be used, as one message naming the file, the line and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError(pub String);

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeymapError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModeTable {
    keymap: Vec<toml::Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    on: OneOrMany,
    run: String,
    desc: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn keys(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(k) => vec![k.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_map() -> Keymap {
        Keymap::parse_file("keymaps/default.toml", DEFAULT_KEYMAP, None)
            .expect("the embedded default keymap is valid (tested)")
    }

    /// The default keymap with the user's file (name, text) laid over it.
    pub fn with_user(name: &str, text: &str) -> Result<Keymap, KeymapError> {
        Keymap::parse_file(name, text, Some(Keymap::default_map()))
    }

    /// Parses a keymap file; with `base`, the file overrides it key by key.
    pub fn parse_file(name: &str, text: &str, base: Option<Keymap>) -> Result<Keymap, KeymapError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let tables: BTreeMap<toml::Spanned<String>, ModeTable> =
            toml::from_str(text).map_err(|e| {
                let at = e
                    .span()
                    .map(|s| format!("line {}: ", line_of(s.start)))
                    .unwrap_or_default();
                KeymapError(format!("{name}: {at}{}", e.message().trim()))
            })?;
        let overriding = base.is_some();
        let mut map = base.unwrap_or_default();
        let mut order = map
            .modes
            .values()
            .flat_map(|t| t.values())
            .map(|b| b.order + 1)
            .max()
            .unwrap_or(0);
        for (mode_name, table) in tables {
            let line = line_of(mode_name.span().start);
            let mode_name = mode_name.into_inner();
            let mode = Mode::ALL
                .into_iter()
                .find(|m| m.name() == mode_name)
                .ok_or_else(|| {
                    KeymapError(format!(
                        "{name}: line {line}: [{mode_name}]: unknown mode (expected one of: {})",
                        Mode::ALL.map(Mode::name).join(", ")
                    ))
                })?;
            let mut seen_here: BTreeMap<Key, String> = BTreeMap::new();
            for spanned in table.keymap {
                let line = line_of(spanned.span().start);
                let entry = spanned.into_inner();
                let here = |problem: String| {
                    KeymapError(format!(
                        "{name}: line {line}: [{mode_name}] on = {:?}: {problem}",
                        entry.on.keys()
                    ))
                };
                let command = match entry.run.as_str() {
                    "none" if overriding => None,
                    run => Some(Command::from_name(run).ok_or_else(|| here(unknown_action(run)))?),
                };
                let keys = entry.on.keys();
                if keys.is_empty() {
                    return Err(here("no keys given".into()));
                }
                for key_text in keys {
                    let key = Key::parse(key_text).map_err(&here)?;
                    if let Some(previous) = seen_here.insert(key, entry.run.clone())
                        && previous != entry.run
                    {
                        return Err(here(format!(
                            "{key} is bound twice in [{mode_name}], to {previous:?} and to {:?}",
                            entry.run
                        )));
                    }
                    let table = map.modes.entry(mode).or_default();
                    match command {
                        None => {
                            table.remove(&key);
                        }
                        Some(command) => {
                            let desc = entry
                                .desc
                                .clone()
                                .or_else(|| map_desc(table, command))
                                .unwrap_or_else(|| command.name().replace('_', " "));
                            order += 1;
                            table.insert(
                                key,
                                Binding {
                                    command,
                                    desc,
                                    order,
                                },
                            );
                        }
                    }
                }
            }
        }
        Ok(map)
    }

    /// Whether a key starts a two-key binding in this mode (or in the tables it falls back to).
    pub fn is_prefix(&self, mode: Mode, key: Key) -> bool {
        if key.ctrl || key.alt || key.after.is_some() {
            return false;
        }
        let tables: &[Mode] = match mode {
            Mode::Select => &[Mode::Select, Mode::Reader, Mode::Global],
            Mode::Prompt | Mode::Editor | Mode::Export | Mode::Draft | Mode::Global => &[mode],
            _ => &[mode, Mode::Global],
        };
        tables.iter().any(|m| {
            self.modes
                .get(m)
                .is_some_and(|t| t.keys().any(|k| k.after == Some(key.code)))
        })
    }

    /// The command for a key in a mode, falling back to the global table outside the prompt.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Command> {
        let find = |m: Mode| {
            self.modes
                .get(&m)
                .and_then(|t| t.get(&key))
                .map(|b| b.command)
        };
        let reader = (mode == Mode::Select).then(|| find(Mode::Reader)).flatten();
        find(mode).or(reader).or_else(|| {
            (!matches!(
                mode,
                Mode::Prompt | Mode::Editor | Mode::Export | Mode::Draft | Mode::Global
            ))
            .then(|| find(Mode::Global))
            .flatten()
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

    /// The first key that runs `command` in `mode` (or globally), for hints such as "? help".
    pub fn key_for(&self, mode: Mode, command: Command) -> Option<Key> {
        [mode, Mode::Global].iter().find_map(|m| {
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

/// "unknown action", with the closest action name when one is near, else all of them.
fn unknown_action(run: &str) -> String {
    let names: Vec<String> = Command::ALL.iter().map(|c| c.name()).collect();
    let closest = names
        .iter()
        .map(|n| (edit_distance(run, n), n))
        .min()
        .filter(|(d, _)| *d <= 3);
    match closest {
        Some((_, name)) => format!("unknown action {run:?}; did you mean {name:?}?"),
        None => format!(
            "unknown action {run:?}; the actions are: none, {}",
            names.join(", ")
        ),
    }
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn map_desc(table: &BTreeMap<Key, Binding>, command: Command) -> Option<String> {
    table
        .values()
        .find(|b| b.command == command)
        .map(|b| b.desc.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys() {
        assert_eq!(Key::parse("j").unwrap(), Key::plain(KeyCode::Char('j')));
        assert_eq!(Key::parse("G").unwrap(), Key::plain(KeyCode::Char('G')));
        assert_eq!(
            Key::parse("shift-g").unwrap(),
            Key::plain(KeyCode::Char('G'))
        );
        assert_eq!(Key::parse("ctrl-d").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("Ctrl-D").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("space").unwrap(), Key::plain(KeyCode::Char(' ')));
        assert_eq!(
            Key::parse("pagedown").unwrap(),
            Key::plain(KeyCode::PageDown)
        );
        assert_eq!(
            Key::parse("shift-tab").unwrap(),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("-").unwrap(), Key::plain(KeyCode::Char('-')));
        assert_eq!(Key::parse("f5").unwrap(), Key::plain(KeyCode::F(5)));
        assert!(Key::parse("ctrl-nothing").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert_eq!(Key::parse("ctrl-X").unwrap(), Key::ctrl('x'));
        assert!(Key::parse("ctrl-shift-x").unwrap_err().contains("ctrl-x"));
        for text in ["ctrl-d", "G", "space", "pagedown", "alt-x", "backtab", "?"] {
            assert_eq!(Key::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn user_file_overrides_key_by_key_and_unbinds() {
        let user = r#"
[reader]
keymap = [
  { on = "ctrl-e", run = "scroll_down" },
  { on = "j", run = "none" },
]
"#;
        let map = Keymap::with_user("keymap.toml", user).unwrap();
        let k = |t| Key::parse(t).unwrap();
        assert_eq!(
            map.lookup(Mode::Reader, k("ctrl-e")),
            Some(Command::ScrollDown)
        );
        assert_eq!(map.lookup(Mode::Reader, k("j")), None);
        // Untouched defaults stay.
        assert_eq!(
            map.lookup(Mode::Reader, k("down")),
            Some(Command::ScrollDown)
        );
        assert_eq!(map.lookup(Mode::List, k("j")), Some(Command::NextArticle));
        // The description comes from the default binding of the same command.
        let row = map
            .rows(Mode::Reader)
            .into_iter()
            .find(|r| r.1 == Command::ScrollDown)
            .unwrap();
        assert!(row.0.contains(&k("ctrl-e")) && !row.2.is_empty());
    }

    #[test]
    fn the_same_binding_twice_is_not_a_conflict() {
        let user = "[reader]\nkeymap = [{ on = [\"shift-tab\", \"backtab\"], run = \"top\" }]\n";
        let map = Keymap::with_user("k.toml", user).unwrap();
        assert_eq!(
            map.lookup(Mode::Reader, Key::plain(KeyCode::BackTab)),
            Some(Command::Top)
        );
    }

    #[test]
    fn hints_show_the_first_listed_key() {
        let map = Keymap::default_map();
        assert_eq!(
            map.hint(Mode::List, &[Command::FocusReader]).as_deref(),
            Some("enter")
        );
        assert_eq!(
            map.hint(Mode::Reader, &[Command::FocusList]).as_deref(),
            Some("tab")
        );
        let user = "[reader]\nkeymap = [{ on = \"tab\", run = \"none\" }]\n";
        let map = Keymap::with_user("k.toml", user).unwrap();
        assert_eq!(
            map.hint(Mode::Reader, &[Command::FocusList]).as_deref(),
            Some("esc")
        );
    }

    #[test]
    fn global_keys_apply_unless_the_mode_rebinds_them() {
        let map = Keymap::default_map();
        let q = Key::parse("q").unwrap();
        assert_eq!(map.lookup(Mode::List, q), Some(Command::Quit));
        assert_eq!(map.lookup(Mode::Prompt, q), None, "q is text in the prompt");
    }

    fn err(text: &str) -> String {
        Keymap::with_user("/home/u/.config/briefly/keymap.toml", text)
            .unwrap_err()
            .0
    }

    #[test]
    fn bad_files_name_the_file_line_and_entry() {
        let e = err("[reader]\nkeymap = [\n  { on = \"x\", run = \"scroll_sideways\" },\n]\n");
        assert!(
            e.starts_with("/home/u/.config/briefly/keymap.toml: line 3:"),
            "{e}"
        );
        assert!(e.contains("scroll_sideways") && e.contains("\"x\""), "{e}");
        let e = err("[reader]\nkeymap = [{ on = \"x\", run = \"scrol_down\" }]\n");
        assert!(e.contains("did you mean \"scroll_down\"?"), "{e}");
        let e = err("[reader]\nkeymap = [{ on = \"x\", run = \"rockets\" }]\n");
        assert!(e.contains("the actions are: none, quit,"), "{e}");

        let e = err("[list]\nkeymap = [{ on = \"ctrl-\u{e9}t\u{e9}\", run = \"quit\" }]\n");
        assert!(
            e.contains("line 2") && e.contains("cannot read the key"),
            "{e}"
        );

        let e = err(
            "[list]\nkeymap = [\n { on = \"x\", run = \"quit\" },\n { on = \"x\", run = \"help\" },\n]\n",
        );
        assert!(e.contains("line 4") && e.contains("bound twice"), "{e}");

        let e = err("[sidebar]\nkeymap = []\n");
        assert!(e.contains("line 1") && e.contains("unknown mode"), "{e}");

        let e = err("[list]\nkeymap = [{ on = \"x\", run = \"quit\", colour = 1 }]\n");
        assert!(e.contains("line 2") && e.contains("colour"), "{e}");

        let e = err("[list\nkeymap = 3");
        assert!(e.contains("keymap.toml: line 1"), "{e}");
    }
}
