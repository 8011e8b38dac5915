//! The commands with hostile surroundings: a reader that goes away (`| head`), names and
//! arguments full of escape sequences, files that give nothing. Every message is one line on
//! standard error with nothing raw in it, and the exit code says what happened.

use std::io::Read;
use std::process::{Command, Stdio};

fn briefly(args: &[&str]) -> (i32, String, String) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .env("BRIEFLY_DATA_DIR", data.path())
        .env("BRIEFLY_CONFIG_DIR", data.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn no_controls(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let mut text = String::from("A long article\n\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "Paragraph {i} says the ferry left the quay on time again.\n\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    // More than a pipe's buffer of entities: a few thousand invented names.
    let names = dir.path().join("names.txt");
    let syllables = ["ka", "lo", "mi", "ren", "to", "va", "shi", "dor"];
    let name = |i: usize| {
        let word: String = (0..4).map(|k| syllables[(i >> (3 * k)) % 8]).collect();
        let mut c = word.chars();
        c.next()
            .unwrap()
            .to_uppercase()
            .chain(c)
            .collect::<String>()
    };
    let mut text = String::from("Names\n\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "Minister {} Okafor met {} officials in Lisbon on Monday.\n\n",
            name(i),
            name(i + 3_000)
        ));
    }
    std::fs::write(&names, text).unwrap();
    for args in [
        vec!["extract", path.to_str().unwrap()],
        vec!["extract", "--format", "json", path.to_str().unwrap()],
        vec!["entities", names.to_str().unwrap()],
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .args(&args)
            .env("BRIEFLY_DATA_DIR", data.path())
            .env("BRIEFLY_CONFIG_DIR", data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe is closed here, as `head -c 16` would.
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn escapes_in_file_names_and_arguments_never_reach_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir
        .path()
        .join("x\x1b[2Jy\x1b]52;c;SGVsbG8=\x07\u{9b}31m.txt");
    let name = hostile.to_str().unwrap();
    for args in [
        vec!["extract", name],
        vec!["entities", name],
        vec!["export", name],
        vec!["import", name],
        vec!["--bogus\x1b]0;owned\x07"],
        vec!["extract", "--format", "\x1b[31mred"],
    ] {
        let (code, out, err) = briefly(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(no_controls(&err), "{args:?}: {err:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.starts_with("briefly: "), "{err}");
    }
}

#[test]
fn extract_says_why_nothing_came_out() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (code, out, err) = briefly(&["extract", empty.to_str().unwrap()]);
    assert_eq!(code, 1, "nothing could be read");
    assert_eq!(out, "", "no title printed for an article that is not there");
    assert_eq!(err.trim(), format!("briefly: {}: empty", empty.display()));
    let (code, out, _) = briefly(&["extract", "--format", "json", empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["notice"], "empty");
}

#[test]
fn help_and_version_still_go_to_stdout() {
    let (code, out, err) = briefly(&["--version"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("briefly "), "{out}");
    let (code, out, _) = briefly(&["extract", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--format"), "{out}");
}

#[test]
fn a_folder_with_nothing_to_open_and_an_empty_file_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let empty_dir = dir.path().join("nothing");
    std::fs::create_dir(&empty_dir).unwrap();
    let (code, out, err) = briefly(&["entities", empty_dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("no articles") && err.contains("nothing") && err.lines().count() == 1,
        "{err}"
    );
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (code, _, err) = briefly(&["entities", empty.to_str().unwrap()]);
    assert_eq!(code, 1, "nothing could be read: {err}");
    assert_eq!(err.trim(), format!("briefly: {}: empty", empty.display()));
}

#[test]
fn extract_takes_one_file_and_says_so_for_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Tide tables\n\nThe tide turns at noon.\n",
    )
    .unwrap();
    let (code, out, err) = briefly(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("a folder") && err.contains("one file"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn entities_reads_what_it_can_and_names_what_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "Harbour talks\n\nMaria Lund met the council in Bergen on Monday.\n",
    )
    .unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.path().join("blank.html");
    std::fs::write(
        &blank,
        "<html><body><nav><a href=x>Home</a></nav></body></html>",
    )
    .unwrap();
    let paths = [
        good.to_str().unwrap(),
        empty.to_str().unwrap(),
        blank.to_str().unwrap(),
        "/dev/null",
    ];
    let (code, out, err) = briefly(&[&["entities"][..], &paths[..]].concat());
    assert_eq!(code, 0, "an article was read: {err}");
    assert!(out.contains("Maria Lund"), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "one line for each file that gave nothing: {err}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("empty.txt: empty")),
        "{err}"
    );
    assert!(
        lines.iter().any(|l| l.contains("blank.html: empty")),
        "{err}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("/dev/null: empty")),
        "{err}"
    );
    assert!(!out.contains("Home"), "{out}");
}
