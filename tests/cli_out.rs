//! `briefly export --out` where the name is not a plain file: a symbolic link is followed
//! (its target replaced atomically, the link kept), a FIFO, a device, a socket or one of the
//! process's descriptors is written to as it is, a folder is refused, and a folder above the
//! file that is a file says so. The reader's E writes through a linked exports folder.
//! (No test names a device of the machine such as /dev/null, even through a link: a briefly
//! that replaced what it writes to would replace it for every program. Devices are made in a
//! temp dir, and descriptors are named under /proc and /dev/fd, where nothing can be made.)

mod common;

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use briefly::app::{Action, Effect};
use briefly::notes::Store;
use briefly::notes::model::{Note, Target};

const QUAY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May.\n";

struct World {
    dir: tempfile::TempDir,
    folder: PathBuf,
}

impl World {
    /// An article with one note on it.
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("art");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("quay.txt"), QUAY).unwrap();
        let b = briefly::briefing::Briefing::open(std::slice::from_ref(&folder)).unwrap();
        let plain = briefly::ingest::load(&b.sources[0]).unwrap().plain_text();
        let note = Note {
            id: "n0".into(),
            created: "2026-03-01T10:00:00.000Z".into(),
            updated: "2026-03-01T10:00:00.000Z".into(),
            tags: vec!["key-fact".into()],
            text: "Ask for the tender.".into(),
            target: Target::new(&b.sources[0].key(), &plain, 22, 43),
            deleted: false,
        };
        Store::new(&dir.path().join("data"), &b.id)
            .save(&[note])
            .unwrap();
        World { dir, folder }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, out: &Path, extra: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_briefly"));
        c.arg("export")
            .arg(&self.folder)
            .arg("--out")
            .arg(out)
            .args(extra)
            .env("BRIEFLY_DATA_DIR", self.path("data"))
            .env("BRIEFLY_CONFIG_DIR", self.path("config"))
            .stdin(Stdio::null());
        c
    }

    fn export(&self, out: &Path, extra: &[&str]) -> Output {
        self.command(out, extra).output().unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_symbolic_link_is_followed_and_stays_a_link() {
    let w = World::new();
    let elsewhere = w.path("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("target.md"), "old").unwrap();
    std::fs::set_permissions(
        elsewhere.join("target.md"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    // A link to a link, relative, into another folder.
    symlink("elsewhere/target.md", w.path("link.md")).unwrap();
    symlink("link.md", w.path("link2.md")).unwrap();
    let out = w.export(&w.path("link2.md"), &[]);
    assert!(out.status.success(), "{out:?}");
    for link in ["link.md", "link2.md"] {
        let kind = std::fs::symlink_metadata(w.path(link)).unwrap().file_type();
        assert!(kind.is_symlink(), "{link} is still a link");
    }
    let written = std::fs::read_to_string(elsewhere.join("target.md")).unwrap();
    assert!(written.contains("Ask for the tender."), "{written}");
    assert_eq!(names(&elsewhere), ["target.md"], "no temp file left");
    let mode = std::fs::metadata(elsewhere.join("target.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the file keeps its permissions");

    // A link to a file not there yet: the file is made where the link leads.
    symlink("elsewhere/new.json", w.path("dangling.json")).unwrap();
    let out = w.export(&w.path("dangling.json"), &["--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(elsewhere.join("new.json")).unwrap())
            .unwrap();
    assert_eq!(json["total"], 1);
}

#[test]
fn a_fifo_is_written_to_not_replaced() {
    let w = World::new();
    let fifo = w.path("f");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut got = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut got)
                .unwrap();
            got
        })
    };
    let out = w.export(&fifo, &[]);
    assert!(out.status.success(), "{out:?}");
    // (Before waiting for the reader, which waits forever for a FIFO that is gone.)
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "still a FIFO");
    let got = reader.join().unwrap();
    assert!(got.starts_with("---\nbriefing: \"art\"\n"), "{got}");
    assert_eq!(names(w.dir.path()), ["art", "data", "f"], "no temp file");
}

#[test]
fn a_socket_is_connected_to() {
    let w = World::new();
    let path = w.path("sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let reader = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut got = String::new();
        stream.read_to_string(&mut got).unwrap();
        got
    });
    let out = w.export(&path, &["--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_socket()
    );
    let got: serde_json::Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert_eq!(got["total"], 1);
}

#[test]
fn a_device_or_a_descriptor_is_written_to_not_replaced() {
    let w = World::new();
    // A null device of our own (mknod needs root: skipped without), and a link to it.
    let made = Command::new("mknod")
        .arg(w.path("null"))
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status();
    if made.is_ok_and(|s| s.success()) {
        symlink("null", w.path("to-null")).unwrap();
        for name in ["null", "to-null"] {
            let out = w.export(&w.path(name), &[]);
            assert!(out.status.success(), "{out:?}");
        }
        let link = std::fs::symlink_metadata(w.path("to-null")).unwrap();
        assert!(link.file_type().is_symlink());
        let kind = std::fs::symlink_metadata(w.path("null"))
            .unwrap()
            .file_type();
        assert!(kind.is_char_device(), "still a device");
    }

    // Standard output by its descriptor's names, and by a link like /dev/stdout.
    symlink("/proc/self/fd/1", w.path("stdout")).unwrap();
    for name in [
        "/dev/fd/1".into(),
        "/proc/self/fd/1".into(),
        w.path("stdout"),
    ] {
        let out = w.export(&name, &[]);
        assert!(out.status.success(), "{name:?}: {out:?}");
        assert!(
            text(&out.stdout).starts_with("---\nbriefing:"),
            "{name:?}: {out:?}"
        );
        // Standard output that is a file the shell opened to append (`>> notes.md`): added
        // to, not replaced.
        let file = w.path("appended.md");
        std::fs::write(&file, "kept\n").unwrap();
        let appending = std::fs::OpenOptions::new()
            .append(true)
            .open(&file)
            .unwrap();
        let out = w.command(&name, &[]).stdout(appending).output().unwrap();
        assert!(out.status.success(), "{name:?}: {out:?}");
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(
            written.starts_with("kept\n---\nbriefing:"),
            "{name:?}: {written}"
        );
    }
    assert!(
        std::fs::symlink_metadata(w.path("stdout"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_folder_is_refused_and_a_file_above_is_named() {
    let w = World::new();
    symlink(w.path("art"), w.path("art-link")).unwrap();
    for folder in [w.path("art"), w.path("art-link")] {
        let out = w.export(&folder, &[]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("a folder, not a file") && err.lines().count() == 1,
            "{err}"
        );
    }
    std::fs::write(w.path("notadir"), "x").unwrap();
    let out = w.export(&w.path("notadir/x.md"), &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("{}: not a folder", w.path("notadir").display()))
            && !err.contains("os error"),
        "{err}"
    );
    assert_eq!(std::fs::read(w.path("notadir")).unwrap(), b"x");
}

#[test]
fn e_in_the_reader_writes_through_a_linked_exports_folder() {
    let mut h = common::Harness::files(&[("a-quay.txt", QUAY.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter 1");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    symlink("real", dir.path().join("exports")).unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    h.keys("E a");
    let export = |h: &common::Harness, to: &Path| {
        h.effects
            .iter()
            .find_map(|e| match e {
                Effect::Export(article) => Some(*article),
                _ => None,
            })
            .map(|article| briefly::transfer::export_from_app(&h.state, article, Some(to)))
            .expect("an export was asked for")
    };
    let (path, count) = export(&h, &dir.path().join("exports")).unwrap();
    assert_eq!(count, 1);
    assert!(path.starts_with(dir.path().join("exports")));
    assert_eq!(names(&dir.path().join("real")).len(), 1);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("# Notes on")
    );
    let e = export(&h, &dir.path().join("a-file")).unwrap_err();
    assert!(
        e.contains(&format!(
            "{}: not a folder",
            dir.path().join("a-file").display()
        )),
        "{e}"
    );
    h.act(Action::Exported(Err(e)));
}
