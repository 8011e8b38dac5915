//! A path that is not there, given to each command: one line on standard error that names the
//! path first and the problem after it (`briefly: PATH: no such file...`), exit code 2, and
//! nothing from the name reaches the terminal as a control.

use std::process::Command;

fn briefly(args: &[&str]) -> (i32, String) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .env("BRIEFLY_DATA_DIR", data.path())
        .env("BRIEFLY_CONFIG_DIR", data.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_command_names_a_missing_path_first_then_the_problem() {
    let missing = "/nonexistent/brief-x.txt";
    for args in [
        vec![missing],
        vec!["extract", missing],
        vec!["entities", missing],
        vec!["entities", "--conll", missing],
        vec!["stories", missing],
        vec!["compare", missing],
        vec!["search", missing, "--", "tide"],
        vec!["export", missing],
        vec!["import", missing],
        vec!["fetch", missing],
    ] {
        let (code, err) = briefly(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("briefly: {missing}: no such file")),
            "{args:?}: {err}"
        );
    }
    // Several missing paths: still one line, the paths first.
    let (code, err) = briefly(&["entities", missing, "/nonexistent/other"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim_end(),
        format!("briefly: {missing}, /nonexistent/other: no such file or folder")
    );
}

#[test]
fn a_missing_name_full_of_escapes_is_said_without_them() {
    let hostile = "/nonexistent/x\x1b[2Jy\x1b]52;c;SGVsbG8=\x07z.txt";
    for args in [
        vec![hostile],
        vec!["stories", hostile],
        vec!["fetch", hostile],
    ] {
        let (code, err) = briefly(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {err:?}"
        );
        assert!(
            err.starts_with("briefly: /nonexistent/xyz.txt: no such file"),
            "{err:?}"
        );
    }
}
