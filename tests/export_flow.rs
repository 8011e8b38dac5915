//! E in the reader: notes made by keys, exported to a Markdown file, the status line naming it.

mod common;

use briefly::app::{Action, Effect};
use briefly::keymap::Mode;
use common::Harness;

const STORY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May. The bill is 2.1 million.\n\n\
Residents asked for a public meeting first. The council said no.\n";

const FERRY: &str = "Ferry times change\n\nFerries leave every 40 minutes from June.\n";

/// Reading the first of two articles, and a folder for exports.
fn reading() -> (Harness, tempfile::TempDir) {
    let mut h = Harness::files(
        &[
            ("a-quay.txt", STORY.as_bytes()),
            ("b-ferry.txt", FERRY.as_bytes()),
        ],
        100,
        30,
    );
    h.load_all();
    h.keys("enter");
    (h, tempfile::tempdir().unwrap())
}

/// Carries out the export effects the way the shell does, into `dir`.
fn run_exports(h: &mut Harness, dir: &std::path::Path) -> Vec<String> {
    let mut written = Vec::new();
    for effect in std::mem::take(&mut h.effects) {
        if let Effect::Export(article) = effect {
            let result = briefly::transfer::export_from_app(&h.state, article, Some(dir));
            if let Ok((path, _)) = &result {
                written.push(std::fs::read_to_string(path).unwrap());
            }
            h.act(Action::Exported(result));
        }
    }
    written
}

#[test]
fn notes_made_by_keys_export_to_markdown_with_e() {
    let (mut h, out) = reading();
    // Tag the first sentence, then write a note on the next one.
    h.keys("1 ) a");
    h.type_text("Ask for the # tender documents.");
    h.keys("ctrl-s");
    assert_eq!(h.state.notes.len(), 2);

    h.keys("E");
    assert_eq!(h.state.mode(), Mode::Export);
    let asked = h.state.message.clone().unwrap();
    assert!(
        asked.contains("a this article") && asked.contains("b whole briefing"),
        "{asked}"
    );
    assert!(
        h.screen_text().contains("a this article"),
        "the status line asks"
    );
    h.keys("a");
    assert_eq!(h.state.mode(), Mode::Reader);
    assert!(h.effects.contains(&Effect::Export(Some(0))));
    let files = run_exports(&mut h, out.path());
    let md = &files[0];
    let message = h.state.message.clone().unwrap();
    assert!(
        message.starts_with("exported 2 notes: ")
            && message.contains("Test-briefing-Quay-repairs-approved-")
            && message.ends_with(".md"),
        "{message}"
    );
    // The message fits the status line: a long folder is cut from the left, the file's name
    // stays whole.
    assert!(
        message.chars().count() < usize::from(h.state.size.0),
        "{message}"
    );
    let status = h.rows().last().unwrap().clone();
    assert!(status.contains("Quay-repairs-approved-"), "{status}");
    assert!(status.trim_end().ends_with(".md"), "{status}");
    assert!(md.contains("articles: 1\nnotes: 2\n"), "{md}");
    assert!(md.contains("\n## Quay repairs approved\n"), "{md}");
    assert!(md.contains(
        "\n> The harbour council voted on Monday to repair the north quay.\n\n#key-fact\n\n^n"
    ));
    assert!(md.contains("\n> Work starts in May.\n\nAsk for the # tender documents.\n\n^n"));
    let exported: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(exported.len(), 1);
    let name = exported[0].as_ref().unwrap().file_name();
    assert!(
        name.to_string_lossy()
            .starts_with("Test-briefing-Quay-repairs-approved-"),
        "{name:?}"
    );
}

#[test]
fn the_whole_briefing_and_the_ways_out() {
    let (mut h, out) = reading();
    h.keys("E");
    assert_eq!(h.state.message.as_deref(), Some("no notes to export"));
    assert_eq!(h.state.mode(), Mode::Reader, "nothing to choose");
    h.keys("2 J 4");
    // Esc, or any key that is not a choice, cancels and does nothing else.
    h.keys("E esc");
    h.keys("E j");
    assert_eq!(h.state.mode(), Mode::Reader);
    assert!(h.effects.iter().all(|e| !matches!(e, Effect::Export(_))));
    assert_eq!(h.state.view.top, 0, "the j that cancelled did not scroll");
    // From the list too: b exports both articles, in the briefing's order.
    h.keys("tab E b");
    assert!(h.effects.contains(&Effect::Export(None)));
    let files = run_exports(&mut h, out.path());
    let md = &files[0];
    let quay = md.find("## Quay repairs approved").unwrap();
    let ferry = md.find("## Ferry times change").unwrap();
    assert!(quay < ferry, "{md}");
    assert!(
        md.contains("tags:\n  - \"figure\"\n  - \"quote\"\n"),
        "{md}"
    );
    // A second export in the same second gets a name of its own.
    h.keys("E b");
    run_exports(&mut h, out.path());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}

#[test]
fn a_tag_filter_applies_to_the_export() {
    let (mut h, out) = reading();
    h.keys("2 ) 4");
    h.keys("#");
    h.type_text("figure");
    h.keys("enter E");
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap()
            .starts_with("Export notes tagged #figure"),
        "{:?}",
        h.state.message
    );
    h.keys("a");
    let md = &run_exports(&mut h, out.path())[0];
    assert!(md.contains("notes: 1\n") && md.contains("#figure") && !md.contains("#quote"));
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap()
            .starts_with("exported 1 note tagged #figure: "),
        "{:?}",
        h.state.message
    );
}

#[test]
fn without_a_data_folder_the_status_line_says_so() {
    let (mut h, _) = reading();
    h.keys("1 E a");
    let result = briefly::transfer::export_from_app(&h.state, Some(0), None);
    h.act(Action::Exported(result));
    assert!(
        h.state
            .message
            .as_deref()
            .unwrap()
            .starts_with("no data folder"),
        "{:?}",
        h.state.message
    );
}
