//! A notes file as it is on disk: `{"version": 1, "briefing": …, "notes": [ … ]}`, read whole
//! or, when damaged, note by note (`recover`); and the merge of two sets of notes by id and
//! update time. No writing here: `store` does it.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::Note;
use super::recover::{self, recover};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Deserialize)]
struct NoteFile {
    version: u32,
    #[allow(dead_code)]
    briefing: String,
    notes: Vec<Note>,
}

/// The same file, written from borrowed notes.
#[derive(Serialize)]
pub(super) struct NoteFileOut<'a> {
    pub version: u32,
    pub briefing: &'a str,
    pub notes: Vec<&'a Note>,
}

/// Why a notes file gave no notes.
pub(super) enum Read {
    Missing,
    /// There, but it cannot be read (permissions, not a regular file).
    Unreadable(String),
    /// Damaged, or from a newer briefly.
    Bad {
        why: String,
        newer: bool,
    },
}

pub(super) fn read(path: &Path) -> Result<Vec<Note>, Read> {
    // Only a regular file is read: a FIFO would never end, a device may never either.
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Read::Missing),
        Ok(m) if !m.is_file() => return Err(Read::Unreadable("not a regular file".into())),
        _ => {}
    }
    // Read whole, then parsed: parsing as it is read holds less (the notes, not the text as
    // well) but takes twice as long, and a start with many notes waits for it.
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Read::Missing),
        Err(e) => return Err(Read::Unreadable(format!("cannot be read ({e})"))),
    };
    let bad = |why: String| Read::Bad { why, newer: false };
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text".into()))?;
    let newer = |version: u64| Read::Bad {
        why: format!("written by a newer briefly (schema {version})"),
        newer: true,
    };
    match serde_json::from_str::<NoteFile>(&text) {
        Ok(file) if file.version > SCHEMA_VERSION => Err(newer(file.version.into())),
        Ok(file) => Ok(file.notes),
        Err(e) => match recover::version(text.as_bytes()) {
            Some(v) if v > u64::from(SCHEMA_VERSION) => Err(newer(v)),
            _ => Err(bad(format!("damaged ({})", damage(&e)))),
        },
    }
}

/// The notes of a file, whole or what can be read of it when it is damaged (not when it is
/// from a newer briefly: its notes may mean something else); None when it gives none.
pub(super) fn read_what_can_be(path: &Path) -> Option<Vec<Note>> {
    match read(path) {
        Ok(notes) => Some(notes),
        Err(Read::Bad { newer: false, .. }) => salvage(path).map(|r| r.notes),
        Err(_) => None,
    }
}

/// Where and how a notes file is damaged, without the file's own text (which serde_json may
/// quote, and which could be long or hold controls).
fn damage(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {} column {}", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("cut short at {at}"),
        Category::Syntax => format!("not valid JSON at {at}"),
        Category::Data => format!("a value that is not what a notes file holds at {at}"),
        Category::Io => "cannot be read".into(),
    }
}

/// What can be read of a damaged notes file (bytes that are not UTF-8 become U+FFFD).
pub(super) fn salvage(path: &Path) -> Option<recover::Recovered> {
    let bytes = fs::read(path).ok()?;
    Some(recover(&String::from_utf8_lossy(&bytes)))
}

/// Both sets, one note per id: the one updated last wins (a deletion is an update too; of
/// two updated at the same time, the first given). Sorted by creation time.
pub fn merge(a: Vec<Note>, b: Vec<Note>) -> Vec<Note> {
    let mut all: Vec<(usize, Note)> = a.into_iter().chain(b).enumerate().collect();
    all.sort_by(|(i, x), (j, y)| {
        x.id.cmp(&y.id)
            .then(y.updated.cmp(&x.updated))
            .then(i.cmp(j))
    });
    all.dedup_by(|later, first| later.1.id == first.1.id);
    let mut notes: Vec<Note> = all.into_iter().map(|(_, n)| n).collect();
    notes.sort_by(|x, y| x.created.cmp(&y.created).then(x.id.cmp(&y.id)));
    notes
}

/// `merge` of borrowed notes, in the order given.
pub(super) fn merge_refs<'a>(notes: impl Iterator<Item = &'a Note>) -> Vec<&'a Note> {
    let mut by_id: HashMap<&str, &Note> = HashMap::new();
    for note in notes {
        match by_id.get(note.id.as_str()) {
            Some(old) if old.updated >= note.updated => {}
            _ => {
                by_id.insert(&note.id, note);
            }
        }
    }
    let mut merged: Vec<&Note> = by_id.into_values().collect();
    merged.sort_by(|x, y| x.created.cmp(&y.created).then(x.id.cmp(&y.id)));
    merged
}
