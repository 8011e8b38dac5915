//! `briefly search` on invented articles: one hit per paragraph (path, number, text), quotes
//! folding as in the reader, exit codes, safe output, the clean-text cache and a folder named
//! `search`.

use std::path::Path;
use std::process::{Command, Output};

fn briefly(args: &[&str], dir: &Path, data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(args)
        .current_dir(dir)
        .env("BRIEFLY_DATA_DIR", data)
        .env("BRIEFLY_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Two invented articles in `dir/search`, one with curly quotes and a hostile escape.
fn briefing() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("search");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a-harbour.txt"),
        "Harbour crane repaired\n\n\
         The old crane at Pellwick harbour moved again on Monday.\n\n\
         \u{201c}It isn\u{2019}t pretty, but it lifts,\u{201d} the harbour master said.\n\n\
         Work on the second crane starts in spring.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("b-orchard.txt"),
        "Orchard festival\n\n\
         Pellwick\u{1b}]52;c;aGk=\u{7} orchard opens its gates \u{1b}[2Jon Saturday.\n\n\
         Nobody said the apples isn't ripe.\n",
    )
    .unwrap();
    (dir, tempfile::tempdir().unwrap())
}

#[test]
fn a_straight_apostrophe_finds_the_curly_one_with_path_and_paragraph() {
    let (dir, data) = briefing();
    let out = briefly(
        &["search", "search", "--", "isn't"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<Vec<String>> = text(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0][0], "a-harbour.txt");
    assert_eq!(lines[0][1], "2");
    assert!(lines[0][2].contains("isn\u{2019}t pretty"), "{lines:?}");
    assert_eq!(lines[1][..2], ["b-orchard.txt", "2"]);
    // Curly quotes in the query find straight ones too, and a capital makes case count.
    let out = briefly(
        &["search", "search", "--", "isn\u{2019}t"],
        dir.path(),
        data.path(),
    );
    assert_eq!(text(&out.stdout).lines().count(), 2);
    let out = briefly(
        &["search", "search", "--", "Crane"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let out = briefly(
        &["search", "search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

#[test]
fn no_hit_exits_1_and_a_missing_path_exits_2_naming_it() {
    let (dir, data) = briefing();
    let out = briefly(
        &["search", "search", "--", "zeppelin"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = briefly(
        &["search", "nowhere", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nowhere: no such file"), "{err}");
    // Among others a missing path is named and the rest still searched.
    let out = briefly(
        &["search", "nowhere", "search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("nowhere: no such file"));
    // No query is a usage mistake.
    let out = briefly(&["search", "search"], dir.path(), data.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn escapes_in_an_article_never_reach_standard_output() {
    let (dir, data) = briefing();
    let out = briefly(
        &["search", "search", "--", "orchard"],
        dir.path(),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("orchard opens its gates"), "{stdout:?}");
    assert!(
        !stdout
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{stdout:?}"
    );
    assert!(stdout.lines().all(|l| l.split('\t').count() == 3));
}

#[test]
fn the_first_search_says_it_builds_the_cache_and_the_second_is_quiet() {
    let (dir, data) = briefing();
    let first = briefly(
        &["search", "search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert!(text(&first.stderr).contains("building the clean-text cache"));
    assert!(data.path().join("articles").is_dir());
    let second = briefly(
        &["search", "search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert!(second.stderr.is_empty(), "{}", text(&second.stderr));
    assert_eq!(first.stdout, second.stdout);
    // An edited file is cleaned again, not served from the cache.
    std::fs::write(
        dir.path().join("search/a-harbour.txt"),
        "Harbour crane sold\n\nThe crane was sold for scrap.\n",
    )
    .unwrap();
    let third = briefly(
        &["search", "search", "--", "scrap"],
        dir.path(),
        data.path(),
    );
    assert_eq!(
        text(&third.stdout),
        "a-harbour.txt\t1\tThe crane was sold for scrap.\n"
    );
}

#[test]
fn a_folder_named_search_is_a_path_and_no_path_searches_the_demo() {
    let (dir, data) = briefing();
    // `briefly search -- QUERY` in a folder holding `search/` still searches the demo.
    let demo = briefly(&["search", "--", "the"], dir.path(), data.path());
    assert_eq!(demo.status.code(), Some(0), "{}", text(&demo.stderr));
    assert!(!text(&demo.stdout).contains("a-harbour.txt"));
    let named = briefly(
        &["search", "./search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    let bare = briefly(
        &["search", "search", "--", "crane"],
        dir.path(),
        data.path(),
    );
    assert_eq!(named.stdout, bare.stdout);
    assert!(text(&bare.stdout).starts_with("a-harbour.txt\t"));
}
