//! A notes file that is damaged or gone: what can be read of it (and of its backup) is
//! written back as the notes file at once, so that the next start finds the same notes; the
//! damaged file stays set aside untouched; a file that is gone comes back from its backup.

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefly::notes::Store;
use briefly::notes::model::{Note, Target};

const QUAY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May.\n";

struct World {
    dir: tempfile::TempDir,
    folder: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("art");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("quay.txt"), QUAY).unwrap();
        World { dir, folder }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn store(&self) -> Store {
        let b = briefly::briefing::Briefing::open(std::slice::from_ref(&self.folder)).unwrap();
        Store::new(&self.data(), &b.id)
    }

    /// `count` notes on the article, in creation order.
    fn notes(&self, count: usize) -> Vec<Note> {
        let b = briefly::briefing::Briefing::open(std::slice::from_ref(&self.folder)).unwrap();
        let plain = briefly::ingest::load(&b.sources[0]).unwrap().plain_text();
        (0..count)
            .map(|i| Note {
                id: format!("n{i}"),
                created: format!("2026-03-01T10:00:{i:02}.000Z"),
                updated: format!("2026-03-01T11:00:{i:02}.000Z"),
                tags: vec!["key-fact".into()],
                text: format!("Recovered note number {i}."),
                target: Target::new(&b.sources[0].key(), &plain, 22, 43),
                deleted: false,
            })
            .collect()
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .args(args)
            .env("BRIEFLY_DATA_DIR", self.data())
            .env("BRIEFLY_CONFIG_DIR", self.dir.path().join("config"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(!text(&out.stderr).contains("panicked"), "{out:?}");
        out
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The set-aside files beside the notes file, with their bytes.
fn set_aside(store: &Store) -> Vec<Vec<u8>> {
    std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("set-aside"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

/// Cuts a file to two thirds of its length, as the reviewer did.
fn cut(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    bytes.truncate(bytes.len() * 2 / 3);
    std::fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
fn recovered_notes_are_still_there_at_the_next_start() {
    let w = World::new();
    let store = w.store();
    let notes = w.notes(4);
    store.merge_in(&notes).unwrap();
    let damaged = cut(store.path());
    let first = store.load();
    let problem = first.problem.unwrap();
    assert!(
        problem.contains("2 notes recovered from it") && problem.contains("2 notes saved again"),
        "{problem}"
    );
    assert_eq!(first.notes, notes[..2]);
    let second = store.load();
    assert_eq!(second.notes, notes[..2], "the next start finds them");
    assert_eq!(second.problem, None);
    assert_eq!(set_aside(&store), [damaged], "set aside untouched, once");
}

#[test]
fn recovered_notes_are_merged_with_the_backup_and_kept() {
    let w = World::new();
    let store = w.store();
    let notes = w.notes(6);
    // The backup has n4 and n5 (and nothing else); the file has all six.
    store.save(&notes[4..]).unwrap();
    store.save(&notes).unwrap();
    let damaged = cut(store.path());
    let first = store.load();
    let problem = first.problem.unwrap();
    assert!(problem.contains("the backup copy has 2 notes"), "{problem}");
    let recovered = first.notes.len();
    assert!(recovered > 2 && recovered < 6, "{recovered}");
    assert!(first.notes.contains(&notes[4]) && first.notes.contains(&notes[5]));
    assert_eq!(store.load().notes, first.notes, "the next start finds them");
    assert_eq!(set_aside(&store), [damaged]);
}

#[test]
fn a_notes_file_that_is_gone_comes_back_from_its_backup() {
    let w = World::new();
    let store = w.store();
    let notes = w.notes(3);
    store.save(&notes[..2]).unwrap();
    store.save(&notes).unwrap();
    std::fs::remove_file(store.path()).unwrap();
    let first = store.load();
    let problem = first.problem.unwrap();
    assert!(
        problem.contains("missing; its backup copy")
            && problem.contains("has 2 notes; 2 notes saved again"),
        "{problem}"
    );
    assert_eq!(first.notes, notes[..2]);
    let second = store.load();
    assert_eq!((second.notes, second.problem), (notes[..2].to_vec(), None));

    // A damaged backup and no file: what can be read of the backup.
    std::fs::remove_file(store.path()).unwrap();
    let bak = store.path().with_extension("json.bak");
    store.save(&notes).unwrap();
    std::fs::rename(store.path(), &bak).unwrap();
    cut(&bak);
    let third = store.load();
    assert!(third.problem.unwrap().contains("missing"));
    assert!(!third.notes.is_empty() && third.notes.len() < 3);
    assert_eq!(store.load().notes, third.notes);

    // No file and a backup with no notes: an empty start, said nowhere.
    std::fs::remove_file(store.path()).unwrap();
    std::fs::write(&bak, "{\"version\": 1, \"briefing\": \"b\", \"notes\": []}").unwrap();
    let empty = store.load();
    assert!(empty.notes.is_empty() && empty.problem.is_none());
}

#[test]
fn export_after_a_damaged_notes_file_keeps_showing_the_recovered_notes() {
    let w = World::new();
    let file = w.dir.path().join("four.json");
    let store = w.store();
    let annotations: Vec<serde_json::Value> = w
        .notes(4)
        .iter()
        .map(|n| {
            serde_json::json!({
                "id": n.id, "type": "Annotation", "created": n.created, "modified": n.updated,
                "bodyValue": n.text,
                "target": {"source": n.target.source, "selector": n.target.selector},
            })
        })
        .collect();
    std::fs::write(&file, serde_json::to_string(&annotations).unwrap()).unwrap();
    let folder = w.folder.to_str().unwrap();
    let out = w.run(&["import", file.to_str().unwrap(), folder]);
    assert!(text(&out.stdout).contains("4 new"), "{out:?}");
    cut(store.path());
    let first = w.run(&["export", folder]);
    assert!(
        text(&first.stderr).contains("2 notes recovered"),
        "{first:?}"
    );
    assert!(text(&first.stdout).contains("notes: 2\n"), "{first:?}");
    let second = w.run(&["export", folder]);
    assert_eq!(text(&second.stderr), "", "nothing to tell the second time");
    assert!(text(&second.stdout).contains("notes: 2\n"), "{second:?}");
    let undated = |out: &Output| {
        text(&out.stdout)
            .lines()
            .filter(|l| !l.starts_with("exported: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(undated(&second), undated(&first));
}

#[test]
fn a_notes_file_that_is_a_fifo_is_not_waited_on() {
    let w = World::new();
    let store = w.store();
    std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
    let made = Command::new("mkfifo").arg(store.path()).status().unwrap();
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let loading = store.clone();
    std::thread::spawn(move || tx.send(loading.load()).unwrap());
    let loaded = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("load returns, not waiting for a writer");
    assert!(loaded.notes.is_empty());
    let problem = loaded.problem.unwrap();
    assert!(
        problem.contains("not a regular file; it is set aside"),
        "{problem}"
    );
    // A save sets it aside and writes the notes file.
    let notes = w.notes(1);
    store.save(&notes).unwrap();
    assert_eq!(store.load().notes, notes);
    let aside = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains("set-aside"))
        .expect("set aside");
    assert!(aside.file_type().unwrap().is_fifo());
}
