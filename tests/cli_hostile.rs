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
    assert_eq!(out, "empty.txt\n\n");
    assert_eq!(err.trim(), "briefly: empty.txt: this file is empty");
    let (code, out, _) = briefly(&["extract", "--format", "json", empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["notice"], "this file is empty");
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
    let (code, out, err) = briefly(&["extract", empty_dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("no files briefly can open") && err.lines().count() == 1,
        "{err}"
    );
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (code, _, err) = briefly(&["entities", empty.to_str().unwrap()]);
    assert_eq!(code, 1, "nothing could be read: {err}");
    assert_eq!(err.trim(), "briefly: empty.txt: this file is empty");
}
