//! The only file I/O for notes: one JSON file per briefing in the data dir, with a schema
//! version (its format: `file`). Every save locks the file, merges with what is on disk (by
//! note id and update time, so two briefly processes lose nothing), writes a temp file, fsyncs
//! it, renames it over the old one and fsyncs the folder; the previous version is kept as a
//! backup. A save that fails leaves the file and its backup as they were and no temp file
//! behind. A damaged file, or one from a newer briefly, is set aside untouched and never
//! overwritten; what can be read of a damaged one and of the backup is written back as the
//! notes file at once, and a file that is gone is brought back from its backup.

use std::fs;
use std::path::{Path, PathBuf};

use super::file::{NoteFileOut, Read, merge_refs, read, read_what_can_be, salvage};
pub use super::file::{SCHEMA_VERSION, merge};
use super::model::{Note, now};
use crate::plural::count;

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

    fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Reads the notes. A damaged or newer file is set aside (its content untouched) and the
    /// notes that can still be read from a damaged one, with the backup's, are written back as
    /// the notes file; when the file is gone but its backup is not, the backup's notes are.
    pub fn load(&self) -> Loaded {
        match read(&self.path) {
            Ok(notes) => Loaded {
                notes,
                problem: None,
            },
            Err(Read::Missing) if !self.backup().exists() => Loaded::default(),
            Err(Read::Unreadable(why)) => self.unreadable(&why),
            Err(_) => self.repair(),
        }
    }

    fn unreadable(&self, why: &str) -> Loaded {
        Loaded {
            notes: Vec::new(),
            problem: Some(crate::sanitize::sanitize_line(&format!(
                "{}: {why}; it is set aside, untouched, when notes are next saved",
                self.path.display()
            ))),
        }
    }

    /// `load` of a file that is damaged, newer, or gone with its backup left, under the lock
    /// (another process may be starting too).
    fn repair(&self) -> Loaded {
        let lock = self.lock();
        let (mut told, notes) = match read(&self.path) {
            // Another process repaired it meanwhile.
            Ok(notes) => {
                return Loaded {
                    notes,
                    problem: None,
                };
            }
            Err(Read::Unreadable(why)) => return self.unreadable(&why),
            Err(Read::Missing) => {
                let Some(notes) = read_what_can_be(&self.backup()).filter(|n| !n.is_empty()) else {
                    return Loaded::default();
                };
                let told = format!(
                    "{}: missing; its backup copy {} has {}",
                    self.path.display(),
                    self.backup().display(),
                    count(notes.len(), "note")
                );
                (told, notes)
            }
            Err(Read::Bad { why, newer }) => self.set_aside_and_salvage(&why, newer),
        };
        if notes.is_empty() {
            return Loaded {
                notes,
                problem: Some(crate::sanitize::sanitize_line(&told)),
            };
        }
        // Written back at once, so that the next start finds them (and a damaged file that
        // could not be set aside is never written over: `write_locked` refuses).
        let written = lock.and_then(|_lock| {
            self.write_locked(&notes, |all| all.into_iter().cloned().collect::<Vec<_>>())
        });
        let notes = match written {
            Ok(merged) => {
                told.push_str(&format!("; {} saved again", count(merged.len(), "note")));
                merged
            }
            Err(e) => {
                told.push_str(&format!("; they could not be saved again ({e})"));
                notes
            }
        };
        Loaded {
            notes,
            problem: Some(crate::sanitize::sanitize_line(&told)),
        }
    }

    /// Sets a bad notes file aside; what can be read of it (when it is damaged, not newer)
    /// and of the backup, and what to tell the user.
    fn set_aside_and_salvage(&self, why: &str, newer: bool) -> (String, Vec<Note>) {
        let aside = self.set_aside();
        // What is left of the damaged file, read from where it now is.
        let salvaged = match (&aside, newer) {
            (Some(at), false) => salvage(at),
            (None, false) => salvage(&self.path),
            (_, true) => None,
        };
        let backup = read_what_can_be(&self.backup());
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
        (told, notes)
    }

    fn set_aside(&self) -> Option<PathBuf> {
        let stamp = now().replace([':', '.'], "-");
        let aside = self.path.with_extension(format!("json.set-aside-{stamp}"));
        fs::rename(&self.path, &aside).ok().map(|_| aside)
    }

    /// Saves `notes`, merged with whatever another process wrote meanwhile. Returns the merged
    /// set, which the caller should adopt.
    pub fn save(&self, notes: &[Note]) -> std::io::Result<Vec<Note>> {
        let _lock = self.lock()?;
        self.write_locked(notes, |all| all.into_iter().cloned().collect())
    }

    /// Adds `notes` to what is saved (the copy updated last wins), without handing the
    /// merged set back: for `briefly import`, which holds no other copy.
    pub fn merge_in(&self, notes: &[Note]) -> std::io::Result<()> {
        let _lock = self.lock()?;
        self.write_locked(notes, |_| ())
    }

    /// Takes the lock every writer takes; it is let go when the file is dropped.
    fn lock(&self) -> std::io::Result<fs::File> {
        crate::session::ensure_dir(self.dir())?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_extension("json.lock"))?;
        lock.lock()?;
        Ok(lock)
    }

    /// With the lock held: merges with the disk, writes the new file and the backup, then
    /// gives the merged notes to `done`.
    fn write_locked<T>(
        &self,
        notes: &[Note],
        done: impl FnOnce(Vec<&Note>) -> T,
    ) -> std::io::Result<T> {
        self.sweep_temps(self.dir());
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
        Ok(done(file.notes))
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
