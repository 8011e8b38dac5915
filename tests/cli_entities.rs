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
