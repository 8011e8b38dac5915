//! The note store under stress: a writer killed with SIGKILL in the middle of saving, again and
//! again, and two processes writing at once. The test binary runs itself as the writer.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefly::notes::model::{Note, Target, new_id, now};
use briefly::notes::store::Store;

const DIR_VAR: &str = "BRIEFLY_TEST_WRITER_DIR";

fn note(label: &str) -> Note {
    let t = now();
    Note {
        id: new_id(),
        created: t.clone(),
        updated: t,
        tags: vec![label.to_string()],
        text: format!("{label}: a note long enough to make the file take a moment to write. ")
            .repeat(20),
        target: Target::new("/b/a.txt", "The quay will be repaired in May.", 4, 8),
        deleted: false,
    }
}

/// Not a test on its own: when the variable is set, this is the writer process. It adds a
/// note, saves, and prints the id once the save has returned (committed).
#[test]
fn writer_process() {
    let Ok(dir) = std::env::var(DIR_VAR) else {
        return;
    };
    let label = std::env::var("BRIEFLY_TEST_WRITER_LABEL").unwrap_or_default();
    let count: usize = std::env::var("BRIEFLY_TEST_WRITER_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(usize::MAX);
    let store = Store::new(std::path::Path::new(&dir), "stress");
    let mut notes = store.load().notes;
    for _ in 0..count {
        let n = note(&label);
        let id = n.id.clone();
        notes.push(n);
        notes = store.save(&notes).expect("save");
        println!("committed {id}");
    }
}

fn writer(dir: &std::path::Path, label: &str, count: Option<usize>) -> std::process::Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "writer_process",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(DIR_VAR, dir)
    .env("BRIEFLY_TEST_WRITER_LABEL", label)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if let Some(c) = count {
        cmd.env("BRIEFLY_TEST_WRITER_COUNT", c.to_string());
    }
    cmd.spawn().unwrap()
}

#[test]
fn kill_9_in_the_middle_of_saving_loses_no_committed_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut committed: Vec<String> = Vec::new();
    for round in 0..25u64 {
        let mut child = writer(dir.path(), "k", None);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("committed ") {
                    let _ = tx.send(id.to_string());
                }
            }
        });
        // Let it commit a few notes (one to four: counted, not timed, so a slow machine
        // changes nothing), then kill it a varying moment later, most often mid-save.
        let want = 1 + (round % 4) as usize;
        let mut seen = 0;
        let give_up = Instant::now() + Duration::from_secs(60);
        while seen < want && Instant::now() < give_up {
            if let Ok(id) = rx.recv_timeout(Duration::from_millis(20)) {
                committed.push(id);
                seen += 1;
            }
        }
        std::thread::sleep(Duration::from_micros((round * 397) % 3000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        committed.extend(rx.try_iter());
        let loaded = Store::new(dir.path(), "stress").load();
        assert!(
            loaded.problem.is_none(),
            "round {round}: {:?}",
            loaded.problem
        );
        let ids: std::collections::HashSet<&str> =
            loaded.notes.iter().map(|n| n.id.as_str()).collect();
        for id in &committed {
            assert!(
                ids.contains(id.as_str()),
                "round {round}: committed note {id} lost"
            );
        }
    }
    assert!(
        committed.len() > 25,
        "the writer did commit notes ({})",
        committed.len()
    );
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = writer(dir.path(), "a", Some(30));
    let b = writer(dir.path(), "b", Some(30));
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
    }
    let notes = Store::new(dir.path(), "stress").load().notes;
    let count = |label: &str| notes.iter().filter(|n| n.tags == [label]).count();
    assert_eq!((count("a"), count("b")), (30, 30));
}
