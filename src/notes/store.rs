//! The only file I/O for notes: one JSON file per briefing in the data dir, with a schema
//! version. Every save locks the file, merges with what is on disk (by note id and update
//! time, so two briefly processes lose nothing), writes a temp file, fsyncs it, renames it
//! over the old one and fsyncs the folder; the previous version is kept as a backup. A damaged
//! file, or one from a newer briefly, is set aside untouched and never overwritten.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Note, now};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct NoteFile {
    version: u32,
    briefing: String,
    notes: Vec<Note>,
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

    /// Reads the notes. A damaged or newer file is renamed aside (its content untouched) and
    /// the backup, when good, is used instead.
    pub fn load(&self) -> Loaded {
        match read(&self.path) {
            Ok(notes) => Loaded {
                notes,
                problem: None,
            },
            Err(Read::Missing) => Loaded::default(),
            Err(Read::Unreadable(why)) => Loaded {
                notes: Vec::new(),
                problem: Some(format!(
                    "{}: {why}; notes are not saved this session",
                    self.path.display()
                )),
            },
            Err(Read::Bad(why)) => {
                let aside = self.set_aside();
                let (notes, from_backup) = match read(&self.backup()) {
                    Ok(notes) => (notes, true),
                    Err(_) => (Vec::new(), false),
                };
                let restored = if from_backup {
                    "; the backup copy is used"
                } else {
                    ""
                };
                Loaded {
                    notes,
                    problem: Some(format!(
                        "{}: {why}; set aside as {} (untouched){restored}",
                        self.path.display(),
                        aside.map_or_else(|| "?".into(), |p| p.display().to_string())
                    )),
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
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_extension("json.lock"))?;
        lock.lock()?;
        let on_disk = match read(&self.path) {
            Ok(n) => n,
            Err(Read::Missing) => Vec::new(),
            // Never write over a file we cannot read: set it aside first.
            Err(_) => {
                self.set_aside();
                Vec::new()
            }
        };
        let merged = merge(&on_disk, notes);
        let file = NoteFile {
            version: SCHEMA_VERSION,
            briefing: self.briefing.clone(),
            notes: merged.clone(),
        };
        let json = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        if self.path.exists() {
            let tmp = self.backup().with_extension("bak.tmp");
            fs::copy(&self.path, &tmp)?;
            fs::rename(&tmp, self.backup())?;
        }
        crate::session::write_atomic(&self.path, &json)?;
        lock.unlock()?;
        Ok(merged)
    }
}

enum Read {
    Missing,
    Unreadable(String),
    Bad(String),
}

fn read(path: &Path) -> Result<Vec<Note>, Read> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Read::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return Err(Read::Bad("not UTF-8 text".into()));
        }
        Err(e) => return Err(Read::Unreadable(format!("cannot be read ({e})"))),
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Read::Bad(format!("damaged ({e})")))?;
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(SCHEMA_VERSION) {
        return Err(Read::Bad(format!(
            "written by a newer briefly (schema {version})"
        )));
    }
    let file: NoteFile =
        serde_json::from_value(value).map_err(|e| Read::Bad(format!("damaged ({e})")))?;
    Ok(file.notes)
}

/// Both sets, one note per id: the one updated last wins (a deletion is an update too).
pub fn merge(a: &[Note], b: &[Note]) -> Vec<Note> {
    let mut by_id: BTreeMap<&str, &Note> = BTreeMap::new();
    for note in a.iter().chain(b) {
        match by_id.get(note.id.as_str()) {
            Some(old) if old.updated >= note.updated => {}
            _ => {
                by_id.insert(&note.id, note);
            }
        }
    }
    let mut notes: Vec<Note> = by_id.into_values().cloned().collect();
    notes.sort_by(|x, y| x.created.cmp(&y.created).then(x.id.cmp(&y.id)));
    notes
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
