//! The reader when things go wrong: a fatal signal (an abort, a stack overflow, a bad memory
//! access) still gives the terminal back, and a dropped connection with the note editor open
//! keeps what was typed for the next start.

#[path = "support/pty.rs"]
mod support;

use std::os::unix::process::ExitStatusExt;
use support::{Pty, dirs};

const RESTORE: &[u8] = b"\x1b[?1049l";

#[test]
fn a_fatal_signal_restores_the_terminal_and_kills_with_that_signal() {
    for signal in [libc::SIGABRT, libc::SIGSEGV, libc::SIGBUS] {
        let (data, config) = dirs();
        let mut pty = Pty::spawn(&[], data.path(), config.path());
        assert!(pty.wait_for(b"Demo briefing", 10));
        assert!(!pty.cooked(), "raw while the reader runs");
        let before = pty.output.len();
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pty.child.id() as i32, signal) };
        let status = pty.wait_exit(10).expect("the signal ends it");
        assert_eq!(status.signal(), Some(signal), "dies of signal {signal}");
        let after = &pty.output[before..];
        assert!(
            after.windows(RESTORE.len()).any(|w| w == RESTORE)
                && after.windows(6).any(|w| w == b"\x1b[?25h"),
            "signal {signal}: alternate screen left and cursor shown: {:?}",
            String::from_utf8_lossy(after)
        );
        assert!(pty.cooked(), "signal {signal}: terminal modes restored");
    }
}

#[test]
fn a_hangup_with_the_editor_open_keeps_the_draft_and_the_next_start_offers_it() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for(b"Demo briefing", 10));
    pty.send(b"\r");
    pty.send(b"a");
    assert!(pty.wait_for_screen("New note", 5), "{}", pty.screen());
    pty.send(b"Words typed before the line dropped");
    assert!(pty.wait_for_screen("before the line dropped", 5));
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pty.child.id() as i32, libc::SIGHUP) };
    let status = pty.wait_exit(10).expect("exits on SIGHUP");
    assert_eq!(status.code(), Some(128 + libc::SIGHUP));
    assert!(pty.cooked());

    // Next time: offered, restored into the editor, saved as a note; the draft is gone.
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(
        pty.wait_for_screen("Unsaved note", 10),
        "offered: {}",
        pty.screen()
    );
    pty.send(b"y");
    assert!(
        pty.wait_for_screen("before the line dropped", 5),
        "restored: {}",
        pty.screen()
    );
    pty.send(b"!\x13");
    assert!(pty.wait_for_screen("note saved", 5), "{}", pty.screen());
    pty.send(b"q");
    assert!(pty.wait_exit(10).is_some_and(|s| s.success()));
    let notes = std::fs::read_dir(data.path().join("notes"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .unwrap_or_default();
    assert!(
        notes.contains("Words typed before the line dropped!"),
        "{notes}"
    );
    let drafts: Vec<_> = walk(&data.path().join("drafts"));
    assert!(drafts.is_empty(), "draft removed once saved: {drafts:?}");

    // A third start offers nothing.
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for(b"Demo briefing", 10));
    assert!(!pty.wait_for_screen("Unsaved note", 1));
}

#[test]
fn a_discarded_draft_is_not_offered_again_and_a_postponed_one_is() {
    let (data, config) = dirs();
    let mut pty = Pty::spawn(&[], data.path(), config.path());
    assert!(pty.wait_for(b"Demo briefing", 10));
    pty.send(b"\ra");
    assert!(pty.wait_for_screen("New note", 5));
    pty.send(b"Second thoughts");
    assert!(pty.wait_for_screen("Second thoughts", 5));
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pty.child.id() as i32, libc::SIGTERM) };
    assert!(pty.wait_exit(10).is_some());
    for (key, offered_next) in [(&b"\x1b"[..], true), (&b"n"[..], false)] {
        let mut pty = Pty::spawn(&[], data.path(), config.path());
        assert!(pty.wait_for_screen("Unsaved note", 10), "{}", pty.screen());
        pty.send(key);
        std::thread::sleep(std::time::Duration::from_millis(300));
        pty.send(b"q");
        assert!(pty.wait_exit(10).is_some());
        assert_eq!(
            !walk(&data.path().join("drafts")).is_empty(),
            offered_next,
            "after {key:?}"
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; the FIFO is created in a temp folder of ours.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_fifo_in_a_folder_is_listed_with_a_reason_and_never_opened() {
    let (data, config) = dirs();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("ok.txt"),
        "Quay repairs start\n\nText of the only article. Work on the quay starts in June.\n",
    )
    .unwrap();
    mkfifo(&folder.path().join("pipe.txt"));
    let mut pty = Pty::spawn(
        &[folder.path().to_str().unwrap()],
        data.path(),
        config.path(),
    );
    assert!(
        pty.wait_for_screen("Text of the only article", 10),
        "{}",
        pty.screen()
    );
    pty.send(b"j");
    assert!(pty.wait_for_screen("FIFO", 5), "a reason: {}", pty.screen());
    pty.send(b"q");
    assert!(
        pty.wait_exit(5).is_some_and(|s| s.success()),
        "q still quits"
    );
}

#[test]
fn a_fifo_without_a_writer_never_blocks_keys_or_signals() {
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("stream");
    mkfifo(&fifo);
    let ok = folder.path().join("ok.txt");
    std::fs::write(
        &ok,
        "Quay repairs start\n\nText of the other article. Work on the quay starts in June.\n",
    )
    .unwrap();
    for quit in [&b"q"[..], b""] {
        let (data, config) = dirs();
        let mut pty = Pty::spawn(
            &[ok.to_str().unwrap(), fifo.to_str().unwrap()],
            data.path(),
            config.path(),
        );
        assert!(
            pty.wait_for_screen("Text of the other article", 10),
            "{}",
            pty.screen()
        );
        pty.send(b"j");
        assert!(pty.wait_for_screen("stream", 5), "{}", pty.screen());
        if quit.is_empty() {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pty.child.id() as i32, libc::SIGTERM) };
        } else {
            pty.send(quit);
        }
        assert!(
            pty.wait_exit(5).is_some(),
            "ends although the FIFO has no writer"
        );
        assert!(pty.cooked());
    }
}

#[test]
fn notes_that_cannot_be_saved_are_printed_on_quit_for_import() {
    let (good, config) = dirs();
    // A data folder below a regular file: every write fails (ENOTDIR), even as root.
    let blocker = good.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let bad = blocker.join("data");
    let mut pty = Pty::spawn(&[], &bad, config.path());
    assert!(pty.wait_for(b"Demo briefing", 10));
    pty.send(b"\r1");
    assert!(pty.wait_for_screen("not saved", 5), "{}", pty.screen());
    pty.send(b"q");
    let status = pty.wait_exit(10).expect("quits");
    assert_eq!(status.code(), Some(1), "a problem was reported");
    let output = String::from_utf8_lossy(&pty.output).into_owned();
    assert!(output.contains("notes could not be saved"), "{output}");
    let line = output
        .lines()
        .find(|l| l.starts_with("{\"@context\""))
        .expect("the notes as one line of JSON");
    let file = good.path().join("unsaved.json");
    std::fs::write(&file, line).unwrap();
    let out = support::run_plain(
        &["import", file.to_str().unwrap()],
        good.path(),
        config.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 new"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
