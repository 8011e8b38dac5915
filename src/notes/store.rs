//! The only file I/O for notes: one JSON file per briefing in the data dir, with a schema
//! version. Every save locks the file, merges with what is on disk (by note id and update
//! time, so two briefly processes lose nothing), writes a temp file, fsyncs it, renames it
//! over the old one and fsyncs the folder; the previous version is kept as a backup. A save
//! that fails leaves the file and its backup as they were and no temp file behind. A damaged
//! file, or one from a newer briefly, is set aside untouched and never overwritten; what can
//! be read of a damaged one (and of the backup) is still read.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Note, now};
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
struct NoteFileOut<'a> {
    version: u32,
    briefing: &'a str,
    notes: Vec<&'a Note>,
}

/// Where one briefing's notes live.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    briefing: String,
}

/// Notes read from disk, and what the user should be told about the file, if anything.
#[derive(Debug, Default)]
pub struct Loaded {
    pub notes: Vec<Note>,
    pub problem: Option<String>,
}

impl Store {
    pub fn new(data_dir: &Path, briefing_id: &str) -> Store {
        let name = format!(
            "{:016x}.json",
            crate::session::fnv1a(briefing_id.as_bytes())
        );
        Store {
            path: data_dir.join("notes").join(name),
            briefing: briefing_id.to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn backup(&self) -> PathBuf {
        self.path.with_extension("json.bak")
    }

    /// Reads the notes. A damaged or newer file is renamed aside (its content untouched); the
    /// notes that can still be read from a damaged one are kept, with the backup's.
    pub fn load(&self) -> Loaded {
        match read(&self.path) {
            Ok(notes) => Loaded {
                notes,
                problem: None,
            },
            Err(Read::Missing) => Loaded::default(),
            Err(Read::Unreadable(why)) => Loaded {
                notes: Vec::new(),
                problem: Some(crate::sanitize::sanitize_line(&format!(
                    "{}: {why}; notes are not saved this session",
                    self.path.display()
                ))),
            },
            Err(Read::Bad { why, newer }) => {
                let aside = self.set_aside();
                // What is left of the damaged file (not of a newer one: its notes may mean
                // something else), read from where it now is.
                let salvaged = match (&aside, newer) {
                    (Some(at), false) => salvage(at),
                    (None, false) => salvage(&self.path),
                    (_, true) => None,
                };
                let backup = match read(&self.backup()) {
                    Ok(notes) => Some(notes),
                    Err(Read::Bad { newer: false, .. }) => salvage(&self.backup()).map(|r| r.notes),
                    Err(_) => None,
                };
                let mut told = format!(
                    "{}: {why}; set aside as {} (untouched)",
                    self.path.display(),
                    aside.map_or_else(|| "?".into(), |p| p.display().to_string())
                );
                let mut notes = Vec::new();
                if let Some(r) = salvaged {
                    told.push_str(&format!(
                        "; {} recovered from it, {} unreadable",
                        count(r.notes.len(), "note"),
                        r.unreadable
                    ));
                    notes = r.notes;
                }
                if let Some(b) = backup {
                    told.push_str(&format!("; the backup copy has {}", count(b.len(), "note")));
                    notes = merge(b, notes);
                }
                Loaded {
                    notes,
                    problem: Some(crate::sanitize::sanitize_line(&told)),
                }
            }
        }
    }

    fn set_aside(&self) -> Option<PathBuf> {
        let stamp = now().replace([':', '.'], "-");
        let aside = self.path.with_extension(format!("json.set-aside-{stamp}"));
        fs::rename(&self.path, &aside).ok().map(|_| aside)
    }

    /// Saves `notes`, merged with whatever another process wrote meanwhile. Returns the merged
    /// set, which the caller should adopt.
    pub fn save(&self, notes: &[Note]) -> std::io::Result<Vec<Note>> {
        let mut merged = Vec::new();
        self.write_merged(notes, |all| merged = all.into_iter().cloned().collect())?;
        Ok(merged)
    }

    /// Adds `notes` to what is saved (the copy updated last wins), without handing the
    /// merged set back: for `briefly import`, which holds no other copy.
    pub fn merge_in(&self, notes: &[Note]) -> std::io::Result<()> {
        self.write_merged(notes, |_| {})
    }

    /// Locks, merges with the disk, writes the new file and the backup, then gives the
    /// merged notes to `done`.
    fn write_merged(&self, notes: &[Note], done: impl FnOnce(Vec<&Note>)) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_extension("json.lock"))?;
        lock.lock()?;
        self.sweep_temps(dir);
        let on_disk = match read(&self.path) {
            Ok(n) => n,
            Err(Read::Missing) => Vec::new(),
            // Never write over a file we cannot read: set it aside first, keeping what can
            // be read of it.
            Err(e) => {
                let salvaged = match e {
                    Read::Bad { newer: false, .. } => salvage(&self.path),
                    _ => None,
                };
                if self.set_aside().is_none() {
                    return Err(std::io::Error::other(format!(
                        "{} cannot be read and cannot be set aside",
                        self.path.display()
                    )));
                }
                salvaged.map(|r| r.notes).unwrap_or_default()
            }
        };
        let merged = merge_refs(on_disk.iter().chain(notes));
        let file = NoteFileOut {
            version: SCHEMA_VERSION,
            briefing: &self.briefing,
            notes: merged,
        };
        // The new file in full first: if that fails, nothing has changed.
        let staged = crate::session::stage(&self.path, |w| {
            serde_json::to_writer_pretty(w, &file).map_err(std::io::Error::from)
        })?;
        if self.path.exists() {
            let backup = crate::session::stage(&self.backup(), |w| {
                std::io::copy(&mut fs::File::open(&self.path)?, w).map(|_| ())
            })?;
            backup.commit()?;
        }
        staged.commit()?;
        lock.unlock()?;
        done(file.notes);
        Ok(())
    }
}

impl Store {
    /// Removes temp files a process killed while saving left behind. Only a process that
    /// holds the lock writes them, and this one does: any there now are stale.
    fn sweep_temps(&self, dir: &Path) {
        let Some(name) = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return;
        };
        let stale = |file: &str| {
            [format!(".{name}.tmp"), format!(".{name}.bak.tmp")]
                .iter()
                .any(|prefix| {
                    file.strip_prefix(prefix.as_str())
                        .is_some_and(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
                })
                // The name an earlier briefly gave the backup's temp file.
                || file == format!("{name}.bak.tmp")
        };
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            if stale(&entry.file_name().to_string_lossy()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

enum Read {
    Missing,
    Unreadable(String),
    /// Damaged, or from a newer briefly.
    Bad {
        why: String,
        newer: bool,
    },
}

fn read(path: &Path) -> Result<Vec<Note>, Read> {
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
fn salvage(path: &Path) -> Option<recover::Recovered> {
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
fn merge_refs<'a>(notes: impl Iterator<Item = &'a Note>) -> Vec<&'a Note> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Target, new_id};

    fn note(text: &str) -> Note {
        let t = now();
        Note {
            id: new_id(),
            created: t.clone(),
            updated: t,
            tags: vec!["quote".into()],
            text: text.into(),
            target: Target::new("/b/a.txt", "The quay will be repaired in May.", 4, 8),
            deleted: false,
        }
    }

    #[test]
    fn round_trip_and_backup() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "briefing");
        assert!(store.load().notes.is_empty());
        let a = note("first");
        store.save(std::slice::from_ref(&a)).unwrap();
        let b = note("second");
        store.save(&[a.clone(), b.clone()]).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.notes, vec![a.clone(), b]);
        assert!(loaded.problem.is_none());
        assert_eq!(
            read(&store.backup()).ok().unwrap(),
            vec![a],
            "the previous version is kept"
        );
    }

    #[test]
    fn two_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let one = Store::new(dir.path(), "b");
        let two = Store::new(dir.path(), "b");
        let a = note("from one");
        let b = note("from two");
        one.save(std::slice::from_ref(&a)).unwrap();
        // The second process never saw a, and saves only its own note.
        let merged = two.save(std::slice::from_ref(&b)).unwrap();
        assert_eq!(merged.len(), 2);
        // An edit and a delete from different processes: the later update wins.
        let mut a2 = a.clone();
        a2.text = "edited".into();
        a2.updated = "9999-01-01T00:00:00.000Z".into();
        one.save(std::slice::from_ref(&a2)).unwrap();
        let mut gone = b.clone();
        gone.deleted = true;
        gone.updated = "9999-01-01T00:00:00.000Z".into();
        two.save(&[a.clone(), gone]).unwrap();
        let notes = one.load().notes;
        assert_eq!(notes.iter().find(|n| n.id == a.id).unwrap().text, "edited");
        assert!(notes.iter().find(|n| n.id == b.id).unwrap().deleted);
    }

    #[test]
    fn a_damaged_file_is_set_aside_untouched_and_the_backup_used() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "b");
        let a = note("kept in the backup");
        store.save(std::slice::from_ref(&a)).unwrap();
        store.save(std::slice::from_ref(&a)).unwrap();
        fs::write(store.path(), b"{\"version\": 1, \"notes\": [tru").unwrap();
        let loaded = store.load();
        assert_eq!(loaded.notes, vec![a]);
        let problem = loaded.problem.unwrap();
        assert!(
            problem.contains("damaged") && problem.contains("set aside"),
            "{problem}"
        );
        let aside: Vec<PathBuf> = fs::read_dir(dir.path().join("notes"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains("set-aside"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read(&aside[0]).unwrap(),
            b"{\"version\": 1, \"notes\": [tru",
            "untouched"
        );
    }

    #[test]
    fn the_problem_is_one_line_without_the_files_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "b");
        fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        // serde_json quotes an unknown variant in its message: here lines and an escape.
        let odd = "\\u001b[2J\\n".repeat(500);
        let text = format!(
            "{{\"version\": 1, \"briefing\": \"b\", \"notes\": [{{\"id\": \"a\", \
             \"created\": \"t\", \"updated\": \"t\", \"target\": {{\"source\": \"s\", \
             \"fingerprint\": \"f\", \"selector\": [{{\"type\": \"{odd}\"}}]}}}}]}}"
        );
        fs::write(store.path(), text).unwrap();
        let problem = store.load().problem.unwrap();
        assert!(
            problem.contains("damaged (a value that is not what"),
            "{problem}"
        );
        assert!(
            problem.contains("0 notes recovered from it, 1 unreadable"),
            "{problem}"
        );
        assert!(problem.len() < 400, "{problem}");
        assert!(
            !problem.chars().any(crate::sanitize::is_unsafe),
            "{problem}"
        );
    }

    #[test]
    fn a_newer_schema_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "b");
        fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let future = b"{\"version\": 7, \"briefing\": \"b\", \"notes\": [], \"shiny\": true}";
        fs::write(store.path(), future).unwrap();
        let loaded = store.load();
        assert!(loaded.problem.unwrap().contains("newer briefly"));
        store.save(&[note("new")]).unwrap();
        let kept = fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .flatten()
            .any(|e| fs::read(e.path()).ok().as_deref() == Some(&future[..]));
        assert!(kept, "the newer file still exists, byte for byte");
    }
}
