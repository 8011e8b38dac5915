//! Reading a keymap file: its tables, entries and the mistakes a user can make in them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Binding, Key, Keymap, KeymapError, Mode, map_desc};
use crate::command::Command;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModeTable {
    keymap: Vec<toml::Spanned<Entry>>,
}

/// The default keymap's tables as build.rs wrote them, in JSON: no spans needed (the file is
/// tested), and JSON reads in a tenth of the time TOML takes, before the first screen.
#[derive(Deserialize)]
struct PlainTable {
    keymap: Vec<Entry>,
}

const DEFAULT_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/default_keymap.json"));

/// A mode's table: its name and entries, each with the line it is on.
type Tables = Vec<((usize, String), Vec<(usize, Entry)>)>;

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
        let tables: BTreeMap<String, PlainTable> =
            serde_json::from_str(DEFAULT_JSON).expect("build.rs writes the tables as JSON");
        let tables = tables
            .into_iter()
            .map(|(mode, t)| ((0, mode), t.keymap.into_iter().map(|e| (0, e)).collect()))
            .collect();
        Keymap::from_tables("keymaps/default.toml", tables, None)
            .expect("the embedded default keymap is valid (tested)")
    }

    /// The default keymap read from its TOML text, as a user's file is read: what the JSON
    /// that the program reads is checked against.
    #[cfg(test)]
    pub(super) fn default_from_toml() -> Result<Keymap, KeymapError> {
        Keymap::parse_file("keymaps/default.toml", super::DEFAULT_KEYMAP, None)
    }

    /// The default keymap with the user's file (name, text) laid over it.
    pub fn with_user(name: &str, text: &str) -> Result<Keymap, KeymapError> {
        Keymap::parse_file(name, text, Some(Keymap::default_map()))
    }

    /// Parses a keymap file; with `base`, the file overrides it key by key.
    pub fn parse_file(name: &str, text: &str, base: Option<Keymap>) -> Result<Keymap, KeymapError> {
        // Where each line starts, so that an entry's line is a search, not a count from the top.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
        let tables: BTreeMap<toml::Spanned<String>, ModeTable> =
            toml::from_str(text).map_err(|e| {
                let at = e
                    .span()
                    .map(|s| format!("line {}: ", line_of(s.start)))
                    .unwrap_or_default();
                KeymapError(format!("{name}: {at}{}", e.message().trim()))
            })?;
        let tables = tables
            .into_iter()
            .map(|(mode, t)| {
                let entries = t
                    .keymap
                    .into_iter()
                    .map(|e| (line_of(e.span().start), e.into_inner()))
                    .collect();
                ((line_of(mode.span().start), mode.into_inner()), entries)
            })
            .collect();
        Keymap::from_tables(name, tables, base)
    }

    /// The keymap of a file's tables; with `base`, they override it key by key.
    fn from_tables(
        name: &str,
        tables: Tables,
        base: Option<Keymap>,
    ) -> Result<Keymap, KeymapError> {
        let overriding = base.is_some();
        let mut map = base.unwrap_or_default();
        let mut order = map
            .modes
            .values()
            .flat_map(|t| t.values())
            .map(|b| b.order + 1)
            .max()
            .unwrap_or(0);
        // Every mistake is reported, in line order, not only the first one met.
        let mut problems: Vec<(usize, String)> = Vec::new();
        for ((line, mode_name), entries) in tables {
            let Some(mode) = Mode::ALL.into_iter().find(|m| m.name() == mode_name) else {
                problems.push((
                    line,
                    format!(
                        "{name}: line {line}: [{mode_name}]: unknown mode (expected one of: {})",
                        Mode::ALL.map(Mode::name).join(", ")
                    ),
                ));
                continue;
            };
            let mut seen_here: BTreeMap<Key, String> = BTreeMap::new();
            for (line, entry) in entries {
                let mut problem = |text: String| {
                    problems.push((
                        line,
                        format!(
                            "{name}: line {line}: [{mode_name}] on = {:?}: {text}",
                            entry.on.keys()
                        ),
                    ))
                };
                let command = match entry.run.as_str() {
                    "none" if overriding => None,
                    run => match Command::from_name(run) {
                        Some(c) => Some(c),
                        None => {
                            problem(unknown_action(run));
                            continue;
                        }
                    },
                };
                let keys = entry.on.keys();
                if keys.is_empty() {
                    problem("no keys given".into());
                    continue;
                }
                for key_text in keys {
                    let key = match Key::parse(key_text) {
                        Ok(key) => key,
                        Err(e) => {
                            problem(e);
                            continue;
                        }
                    };
                    if let Some(previous) = seen_here.insert(key, entry.run.clone())
                        && previous != entry.run
                    {
                        problem(format!(
                            "{key} is bound twice in [{mode_name}], to {previous:?} and to {:?}",
                            entry.run
                        ));
                        continue;
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
        if !problems.is_empty() {
            problems.sort_by_key(|(line, _)| *line);
            let lines: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
            return Err(KeymapError(lines.join("\n")));
        }
        Ok(map)
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
