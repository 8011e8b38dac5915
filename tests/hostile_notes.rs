//! Notes against odd paths, damaged files and failing disks: an import whose paths take a
//! detour, a notes file cut short or spoiled in one note, saves on a disk that fills up or a
//! data dir that cannot exist, and the notes the reader could not save, printed as JSON that
//! `briefly import` takes back. Write failures are real: a data dir below a regular file
//! (ENOTDIR), a file size limit (EFBIG, as a full disk does it) in a child process, /dev/full.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use briefly::briefing::Briefing;
use briefly::notes::model::{Note, Target};
use briefly::notes::{Store, w3c};

const QUAY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May.\n";
const FERRY: &str = "Ferry times change\n\nFerries leave every 40 minutes from June.\n";

/// A briefing folder of two articles, in a temp dir that also holds the data dirs.
struct World {
    dir: tempfile::TempDir,
    folder: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("harbour week");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("quay.txt"), QUAY).unwrap();
        std::fs::write(folder.join("ferry.txt"), FERRY).unwrap();
        World { dir, folder }
    }

    fn briefing(&self) -> Briefing {
        Briefing::open(std::slice::from_ref(&self.folder)).unwrap()
    }

    fn data(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn store(&self, data: &str) -> Store {
        Store::new(&self.data(data), &self.briefing().id)
    }

    /// `count` notes on the articles, in creation order.
    fn notes(&self, count: usize) -> Vec<Note> {
        let b = self.briefing();
        (0..count)
            .map(|i| {
                let source = &b.sources[i % b.sources.len()];
                let plain = briefly::ingest::load(source).unwrap().plain_text();
                Note {
                    id: format!("n{i}"),
                    created: format!("2026-03-01T10:00:{:02}.000Z", i),
                    updated: format!("2026-03-01T11:00:{:02}.000Z", i),
                    tags: vec!["key-fact".into()],
                    text: format!("Note {i}: ask for the *tender*.\n\nSecond paragraph."),
                    target: Target::new(&source.key(), &plain, 0, 5),
                    deleted: false,
                }
            })
            .collect()
    }

    fn import(&self, data: &str, file: &Path) -> Result<briefly::transfer::Imported, String> {
        briefly::transfer::import(
            file,
            &self.briefing(),
            &self.data(data),
            "2026-05-05T00:00:00.000Z",
        )
        .map_err(|(_, message)| message)
    }
}

/// Every file in a folder, by name, with its bytes (the lock file aside: it has none).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap_or_default(),
                    )
                })
                .filter(|(name, _)| !name.ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default()
}

fn notes_dir(store: &Store) -> PathBuf {
    store.path().parent().unwrap().to_path_buf()
}

#[test]
fn import_reads_paths_with_dot_steps_as_the_article_itself() {
    let w = World::new();
    let b = w.briefing();
    let mut notes = w.notes(2);
    let folder = w.folder.to_string_lossy().into_owned();
    let name = w.folder.file_name().unwrap().to_string_lossy().into_owned();
    // As another tool (or a hand) may write them: through `..`, `.` and a doubled slash.
    for (note, detour) in notes
        .iter_mut()
        .zip([format!("{folder}/../{name}/"), format!("{folder}/.//")])
    {
        let file = Path::new(&note.target.source)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        note.target.source = format!("{detour}{file}");
    }
    let json = w3c::unsaved_json(&b.name, &notes, true);
    assert!(json.contains("/../") && json.contains("/./"), "{json}");
    let file = w.data("detour.json");
    std::fs::write(&file, json).unwrap();
    let done = w.import("two", &file).unwrap();
    assert_eq!((done.added, done.elsewhere), (2, 0));
    let keys: Vec<String> = b.sources.iter().map(|s| s.key()).collect();
    for n in w.store("two").load().notes {
        assert!(keys.contains(&n.target.source), "{}", n.target.source);
    }
}

#[test]
fn unsaved_notes_printed_as_json_import_back_exactly() {
    let w = World::new();
    let b = w.briefing();
    let mut notes = w.notes(3);
    // Text a terminal must not get raw: C1 CSI, a bidi override, DEL; and a deleted note,
    // which an import cannot bring back as deleted, so it is left out.
    notes[1].text = "odd \u{9b}2J \u{202e}txt\u{7f} end".into();
    notes[2].deleted = true;
    for pretty in [false, true] {
        let json = w3c::unsaved_json(&b.name, &notes, pretty);
        assert_eq!(json.lines().count() == 1, !pretty);
        assert!(
            !json
                .chars()
                .any(|c| briefly::sanitize::is_unsafe(c) && c != '\n'),
            "{json:?}"
        );
        let data = format!("fresh-{pretty}");
        let file = w.data(&format!("unsaved-{pretty}.json"));
        std::fs::write(&file, &json).unwrap();
        let done = w.import(&data, &file).unwrap();
        assert_eq!(done.added, 2);
        assert_eq!(w.store(&data).load().notes, notes[..2], "pretty: {pretty}");
    }
}

#[test]
fn a_notes_file_cut_short_gives_back_the_notes_before_the_cut() {
    let w = World::new();
    let store = w.store("one");
    let notes = w.notes(5);
    store.save(&notes[..2]).unwrap();
    store.save(&notes).unwrap();
    // The backup has n0 and n1; the file, cut inside its last note, has n0 to n3 whole.
    let full = std::fs::read_to_string(store.path()).unwrap();
    let cut = &full[..full.find("\"n4\"").unwrap() + 2];
    std::fs::write(store.path(), cut).unwrap();
    let loaded = store.load();
    let ids: Vec<&str> = loaded.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n0", "n1", "n2", "n3"]);
    assert_eq!(loaded.notes, notes[..4]);
    let problem = loaded.problem.unwrap();
    assert!(
        problem.contains("set aside as")
            && problem.contains("4 notes recovered from it, 1 unreadable")
            && problem.contains("the backup copy has 2 notes"),
        "{problem}"
    );
    assert!(!problem.contains('\n'));
    let aside: Vec<(String, Vec<u8>)> = files(&notes_dir(&store))
        .into_iter()
        .filter(|(name, _)| name.contains("set-aside"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].1, cut.as_bytes(), "set aside untouched");
    // The next save keeps what was recovered, and never writes over the set-aside file.
    let mut more = loaded.notes.clone();
    more.push(notes[4].clone());
    assert_eq!(store.save(&more).unwrap(), notes);
    assert_eq!(store.load().notes, notes);
    assert_eq!(
        std::fs::read(notes_dir(&store).join(&aside[0].0)).unwrap(),
        cut.as_bytes()
    );
}

#[test]
fn one_spoiled_note_costs_only_itself() {
    let w = World::new();
    let store = w.store("one");
    let notes = w.notes(4);
    store.save(&notes).unwrap();
    let full = std::fs::read(store.path()).unwrap();
    let at = full.windows(4).position(|x| x == b"\"n2\"").unwrap();
    for damage in [&b"tru"[..], b"\"n2", b"{\"n2\"", b"\"\xff\xfe\""] {
        let mut bad = full.clone();
        bad.splice(at..at + 4, damage.iter().copied());
        std::fs::write(store.path(), &bad).unwrap();
        let loaded = store.load();
        let ids: Vec<&str> = loaded.notes.iter().map(|n| n.id.as_str()).collect();
        let expected: &[&str] = if damage.starts_with(b"\"\xff") {
            // Bytes that are not UTF-8 in an id: the note is read, its id shows U+FFFD.
            &["n0", "n1", "\u{fffd}\u{fffd}", "n3"]
        } else {
            &["n0", "n1", "n3"]
        };
        let mut sorted = ids.clone();
        sorted.sort();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(sorted, expected, "{}", String::from_utf8_lossy(damage));
        assert!(loaded.problem.unwrap().contains("recovered"));
        // Put the good file back for the next damage.
        for (name, _) in files(&notes_dir(&store))
            .into_iter()
            .filter(|(n, _)| n.contains("set-aside"))
        {
            std::fs::remove_file(notes_dir(&store).join(name)).unwrap();
        }
        std::fs::write(store.path(), &full).unwrap();
    }
}

#[test]
fn a_data_dir_below_a_file_saves_nothing_and_leaves_nothing() {
    let w = World::new();
    std::fs::write(w.data("plain-file"), "x").unwrap();
    let store = Store::new(&w.data("plain-file").join("data"), &w.briefing().id);
    let plain = format!("{}: not a folder", w.data("plain-file").display());
    let e = store.save(&w.notes(1)).unwrap_err();
    assert_eq!(e.to_string(), plain);
    let e = store.merge_in(&w.notes(1)).unwrap_err();
    assert_eq!(e.to_string(), plain);
    let made: Vec<String> = files(w.dir.path()).into_keys().collect();
    assert_eq!(made, ["harbour week", "plain-file"]);
}

const CHILD_VAR: &str = "BRIEFLY_TEST_FSIZE_DATA";

/// Not a test on its own: when the variable is set, this is a process whose files cannot
/// grow past 16 KB (as on a full disk, a write fails: EFBIG), trying to save a long note.
#[test]
fn limited_saver_process() {
    let Ok(data) = std::env::var(CHILD_VAR) else {
        return;
    };
    limit_file_size(16 * 1024);
    let w = World::new();
    let store = Store::new(
        Path::new(&data),
        &std::env::var("BRIEFLY_TEST_BRIEFING").unwrap(),
    );
    let mut notes = w.notes(3);
    notes[2].text = "A long note. ".repeat(5_000);
    match store.save(&notes) {
        Ok(_) => println!("saved"),
        Err(e) => println!("failed: {}", e.raw_os_error().unwrap_or(0)),
    }
}

/// Files this process writes cannot grow past `bytes`; past it a write fails with EFBIG
/// (the signal that would kill the process is ignored, as the kernel then returns EFBIG).
fn limit_file_size(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: plain system calls on this process, with valid arguments.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
}

#[test]
fn a_save_on_a_full_disk_leaves_the_file_and_its_backup_as_they_were() {
    let w = World::new();
    let store = w.store("one");
    let notes = w.notes(2);
    store.save(&notes[..1]).unwrap();
    store.save(&notes).unwrap();
    let before = files(&notes_dir(&store));
    assert_eq!(
        before.len(),
        2,
        "the file and its backup: {:?}",
        before.keys()
    );
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "limited_saver_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, w.data("one"))
        .env("BRIEFLY_TEST_BRIEFING", w.briefing().id)
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("failed: {}", libc::EFBIG)), "{said}");
    assert_eq!(
        files(&notes_dir(&store)),
        before,
        "no temp file, nothing changed"
    );
    assert_eq!(store.load().notes, notes);
}

/// Runs the release-or-debug binary with a file size limit.
fn briefly_limited(args: &[&str], data: &Path, limit: Option<u64>) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefly"));
    cmd.args(args)
        .env("BRIEFLY_DATA_DIR", data)
        .env("BRIEFLY_CONFIG_DIR", data.join("config"))
        .stdin(Stdio::null());
    if let Some(bytes) = limit {
        // SAFETY: setrlimit and signal are async-signal-safe; nothing else runs here.
        unsafe {
            cmd.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    cmd.output().unwrap()
}

#[test]
fn exports_and_imports_on_a_full_disk_fail_in_one_line_and_leave_no_temp_file() {
    let w = World::new();
    let store = w.store("one");
    let mut notes = w.notes(2);
    notes[1].text = "A long note. ".repeat(2_000);
    store.save(&notes).unwrap();
    let folder = w.folder.to_str().unwrap();

    // `export --out` into a folder of its own, with files limited to 4 KB.
    let out_dir = w.data("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("notes.md");
    let run = briefly_limited(
        &["export", folder, "--out", target.to_str().unwrap()],
        &w.data("one"),
        Some(4096),
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notes.md: cannot be written") && err.lines().count() == 1,
        "{err}"
    );
    assert!(files(&out_dir).is_empty(), "{:?}", files(&out_dir).keys());

    // `export` to a full standard output.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefly"));
    let run = cmd
        .args(["export", folder])
        .env("BRIEFLY_DATA_DIR", w.data("one"))
        .env("BRIEFLY_CONFIG_DIR", w.data("config"))
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("standard output: cannot be written") && err.lines().count() == 1,
        "{err}"
    );

    // `import` whose save cannot be written: the store stays as it was.
    let file = w.data("more.json");
    let mut more = w.notes(4);
    more[3].text = "Another long note. ".repeat(2_000);
    std::fs::write(&file, w3c::unsaved_json("x", &more, true)).unwrap();
    let before = files(&notes_dir(&store));
    let run = briefly_limited(
        &["import", file.to_str().unwrap(), folder],
        &w.data("one"),
        Some(40_000),
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notes not saved") && err.lines().count() == 1,
        "{err}"
    );
    assert_eq!(files(&notes_dir(&store)), before);
}

#[test]
fn temp_files_of_a_killed_save_are_swept_by_the_next() {
    let w = World::new();
    let store = w.store("one");
    store.save(&w.notes(1)).unwrap();
    let dir = notes_dir(&store);
    let name = store
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for stale in [
        format!(".{name}.tmp4242"),
        format!(".{name}.bak.tmp4242"),
        format!("{name}.bak.tmp"),
    ] {
        std::fs::write(dir.join(stale), b"").unwrap();
    }
    // Another store's temp file is not this one's to remove.
    std::fs::write(dir.join(".other.json.tmp4242"), b"").unwrap();
    store.save(&w.notes(2)).unwrap();
    let left: Vec<String> = files(&dir).into_keys().collect();
    assert_eq!(
        left,
        [
            ".other.json.tmp4242".to_string(),
            name.clone(),
            format!("{name}.bak")
        ]
    );
}
