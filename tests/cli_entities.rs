//! `briefly entities --conll FILE`: every line comes back with the predicted tag last.

use std::process::Command;

#[test]
fn conll_lines_come_back_with_a_tag_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = "-DOCSTART- -X- O O\n\nMarta NNP I-NP I-PER\nKovalenko NNP I-NP I-PER\nflew VBD I-VP O\nto TO I-PP O\nLisbon NNP I-NP I-LOC\n. . O O\n\n";
    let path = dir.path().join("mini.conll");
    std::fs::write(&path, input).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["entities", "--conll"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let inputs: Vec<&str> = input.lines().collect();
    assert_eq!(lines.len(), inputs.len(), "{text}");
    for (got, was) in lines.iter().zip(&inputs) {
        if was.is_empty() || was.starts_with("-DOCSTART-") {
            assert_eq!(got.split_whitespace().next(), was.split_whitespace().next());
            continue;
        }
        let tag = got.rsplit(' ').next().unwrap();
        assert!(got.starts_with(was), "{got:?} keeps {was:?}");
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{got}"
        );
    }
    assert!(lines[6].ends_with("LOC"), "Lisbon is a place: {}", lines[6]);
    assert!(lines[2].ends_with("PER"), "{}", lines[2]);
}

/// Two invented articles that name the same people and groups in different ways.
fn briefing() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "Ministers meet in Velmora\n\n\
         Foreign minister Tomas Arkwell met officials of the Northern Grain Council (NGC) in \
         Velmora on Thursday. Arkwell said the council would pledge $40 million.\n\n\
         Fighters of the Islamic State group (IS, formerly ISIS) were not discussed.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("two.txt"),
        "Grain council pledges aid\n\n\
         The NGC confirmed on Friday that Thomas Arkwell had asked for help. Mr Arkwell \
         flew back to Velmora later.\n\n\
         Officials said Daesh had lost ground.\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_briefing_lists_its_entities_with_aliases_mentions_and_articles() {
    let dir = briefing();
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .arg("entities")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["entity", "type", "aliases", "mentions", "articles"]
    );
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no {name} in\n{text}"))
            .clone()
    };
    let arkwell = row("Tomas Arkwell");
    assert_eq!(arkwell[1], "PERSON");
    assert!(arkwell[2].contains("Thomas Arkwell") && arkwell[2].contains("Arkwell"));
    assert_eq!((arkwell[3], arkwell[4]), ("4", "2"), "{text}");
    let council = row("Northern Grain Council");
    assert_eq!((council[1], council[2], council[4]), ("ORG", "NGC", "2"));
    let is = row("Islamic State");
    assert!(is[2].contains("ISIS") && is[2].contains("Daesh"), "{text}");
    assert_eq!(row("$40 million")[1], "MONEY");
    assert_eq!(row("Velmora")[4], "2");
}

#[test]
fn json_names_the_articles_and_a_bad_file_does_not_stop_the_rest() {
    let dir = briefing();
    std::fs::write(
        dir.path().join("three.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2],
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
        .args(["entities", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("three.txt"),
        "the bad file is named: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let velmora = value
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "Velmora")
        .expect("Velmora is listed");
    assert_eq!(velmora["type"], "PLACE");
    assert_eq!(
        velmora["articles"],
        serde_json::json!(["one.txt", "two.txt"])
    );
}
