//! `briefly stories` and `briefly compare` on invented articles: every article in exactly one
//! story, paths as the reader names them, shared statements listed with the articles carrying
//! them, safe output and the exit codes.

use std::process::Command;

fn briefly(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Two outlets on one ferry story (one with agency copy) and a third on something else, in a
/// folder named `stories`.
fn briefing() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("stories");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a-ferry.txt"),
        "Ferry service to Skarholm suspended\n\n\
         The ferry line between Velmora and Skarholm stopped all crossings on Friday after a storm damaged both piers.\n\n\
         \u{201c}No boat will sail until the piers are safe again,\u{201d} the operator Nordlys Ferries said in a statement.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("b-ferry.txt"),
        "Storm halts Skarholm ferries\n\n\
         The ferry line between Velmora and Skarholm stopped all crossings on Friday, after a storm damaged both piers.\n\n\
         Nordlys Ferries said: \"No boat will sail until the piers are safe again.\"\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("c-\u{1b}[31mchess.txt"),
        "Chess club wins regional cup\n\n\
         The youth chess club of Dunmere won the regional cup for the third year running on Sunday.\n",
    )
    .unwrap();
    dir
}

#[test]
fn stories_groups_the_ferry_articles_and_leaves_the_chess_one_alone() {
    let dir = briefing();
    // A folder named `stories` is a path here, not the command again.
    let out = briefly(&["stories", "stories", "--format", "json"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let stories: serde_json::Value = serde_json::from_str(&text).unwrap();
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 2, "{text}");
    let paths = |s: &serde_json::Value| -> Vec<String> {
        s["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(paths(&stories[0]), vec!["a-ferry.txt", "b-ferry.txt"]);
    assert_eq!(paths(&stories[1]).len(), 1);
    assert!(paths(&stories[1])[0].starts_with("c-"));
    assert_eq!(stories[0]["articles"][0]["outlet"], "a-ferry");

    let tsv = briefly(&["stories", "stories"], dir.path());
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert_eq!(tsv.lines().count(), 4, "{tsv}");
    assert!(tsv.lines().all(|l| l.split('\t').count() == 7), "{tsv}");
}

#[test]
fn compare_lists_each_sentence_with_the_other_articles_carrying_it() {
    let dir = briefing();
    let out = briefly(&["compare", "stories", "--format", "json"], dir.path());
    assert!(out.status.success());
    let articles: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &articles[0];
    assert_eq!(first["path"], "a-ferry.txt");
    let also: Vec<&serde_json::Value> = first["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["also_in"])
        .collect();
    assert_eq!(
        also,
        vec![
            &serde_json::json!(["b-ferry.txt"]),
            &serde_json::json!(["b-ferry.txt"])
        ]
    );
    assert_eq!(
        articles[2]["sentences"][0]["also_in"],
        serde_json::json!([])
    );

    let md = briefly(&["compare", "stories"], dir.path());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Story 1: "), "{md}");
    assert!(md.contains("## Shared statements"), "{md}");
    assert!(
        md.contains("# Story 2: Chess club wins regional cup"),
        "{md}"
    );
}

#[test]
fn bad_paths_say_so_in_one_line_with_the_exit_codes() {
    let dir = briefing();
    let out = briefly(&["stories", "nowhere"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nowhere"), "{err}");

    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = briefly(&["compare", "empty.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("empty.txt: empty"), "{err}");

    let out = briefly(&["stories", "stories", "--format", "xml"], dir.path());
    assert_eq!(out.status.code(), Some(2));

    // An empty folder beside articles is named, not left out silently; alone, nothing to read.
    std::fs::create_dir(dir.path().join("nothing")).unwrap();
    let out = briefly(&["stories", "nothing", "stories"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nothing: is a folder with no files"), "{err}");
    let out = briefly(&["stories", "nothing"], dir.path());
    assert_eq!(out.status.code(), Some(2));

    // A missing argument is named, on the one line.
    let out = briefly(&["extract"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not provided: <FILE>"), "{err}");
}
