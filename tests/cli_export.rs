//! `briefly export` and `briefly import` as a user runs them: no terminal, data dirs of their
//! own. Export as JSON, import into an empty data dir, export again: the same JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefly::briefing::Briefing;
use briefly::notes::Store;
use briefly::notes::model::{Note, Target};

const QUAY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May.\n\n\
The bill is 2.1 million, the treasurer said.\n";
const FERRY: &str = "Ferry times change\n\nFerries leave every 40 minutes from June.\n";

struct World {
    dir: tempfile::TempDir,
    briefing: PathBuf,
}

impl World {
    /// Two articles in a folder, and three notes on them in the data dir "one".
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let briefing = dir.path().join("harbour week");
        std::fs::create_dir(&briefing).unwrap();
        std::fs::write(briefing.join("quay.txt"), QUAY).unwrap();
        std::fs::write(briefing.join("ferry.txt"), FERRY).unwrap();
        let world = World { dir, briefing };
        let b = world.open();
        let mut notes = Vec::new();
        for (i, (passage, tags, text)) in [
            (
                "Work starts in May.",
                vec!["key-fact"],
                "Ask for the *tender*.",
            ),
            ("The bill is 2.1 million", vec!["figure", "quote"], ""),
            (
                "Ferries leave every 40 minutes",
                vec![],
                "Compare with 2025.",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let source = b
                .sources
                .iter()
                .find(|s| {
                    let a = briefly::ingest::load(s).unwrap();
                    a.plain_text().contains(passage)
                })
                .unwrap();
            let plain = briefly::ingest::load(source).unwrap().plain_text();
            let start = plain[..plain.find(passage).unwrap()].chars().count();
            notes.push(Note {
                id: format!("n{i}"),
                created: format!("2026-03-0{}T10:00:00.000Z", i + 1),
                updated: format!("2026-03-0{}T11:00:00.000Z", i + 1),
                tags: tags.into_iter().map(String::from).collect(),
                text: text.into(),
                target: Target::new(&source.key(), &plain, start, start + passage.len()),
                deleted: false,
            });
        }
        Store::new(&world.data("one"), &b.id).save(&notes).unwrap();
        world
    }

    fn open(&self) -> Briefing {
        Briefing::open(std::slice::from_ref(&self.briefing)).unwrap()
    }

    fn data(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn notes(&self, data: &str) -> Vec<Note> {
        Store::new(&self.data(data), &self.open().id).load().notes
    }

    /// Runs briefly with a data dir and the given arguments.
    fn run(&self, data: &str, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_briefly"))
            .args(args)
            .env("BRIEFLY_DATA_DIR", self.data(data))
            .env("BRIEFLY_CONFIG_DIR", self.dir.path().join("config"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{out:?}"
        );
        out
    }

    fn export(&self, data: &str, extra: &[&str]) -> String {
        let mut args = vec!["export", self.briefing.to_str().unwrap()];
        args.extend(extra);
        let out = self.run(data, &args);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn import(&self, data: &str, file: &Path) -> Output {
        self.run(
            data,
            &[
                "import",
                file.to_str().unwrap(),
                self.briefing.to_str().unwrap(),
            ],
        )
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn export_import_export_gives_the_same_json() {
    let w = World::new();
    let json = w.export("one", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["label"], "harbour week");
    assert_eq!(value["total"], 3);
    let file = w.data("export.json");
    std::fs::write(&file, &json).unwrap();

    let out = w.import("two", &file);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        "imported into harbour week: 3 new, 0 updated, 0 already there\n"
    );
    assert_eq!(
        w.notes("two"),
        w.notes("one"),
        "the notes come back exactly"
    );
    assert_eq!(w.export("two", &["--format", "json"]), json);

    // The Markdown is the same too, but for the export time.
    let strip = |md: String| {
        md.lines()
            .filter(|l| !l.starts_with("exported: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(w.export("two", &[])), strip(w.export("one", &[])));

    // Importing again adds nothing.
    let again = w.import("two", &file);
    assert_eq!(
        text(&again.stdout),
        "imported into harbour week: 0 new, 0 updated, 3 already there\n"
    );
    assert_eq!(w.notes("two").len(), 3);
}

#[test]
fn import_never_overwrites_a_newer_note_or_loses_one() {
    let w = World::new();
    let file = w.data("export.json");
    std::fs::write(&file, w.export("one", &["--format", "json"])).unwrap();
    // In "two": an edited copy of n0 (edited after the export) and a note of its own.
    let mut notes = w.notes("one");
    notes[0].text = "Edited since.".into();
    notes[0].updated = "2026-04-01T00:00:00.000Z".into();
    let mut own = notes[1].clone();
    own.id = "mine".into();
    Store::new(&w.data("two"), &w.open().id)
        .save(&[notes[0].clone(), own])
        .unwrap();
    let out = w.import("two", &file);
    assert_eq!(
        text(&out.stdout),
        "imported into harbour week: 2 new, 0 updated, 1 already there\n"
    );
    let after = w.notes("two");
    assert_eq!(after.len(), 4);
    assert_eq!(
        after.iter().find(|n| n.id == "n0").unwrap().text,
        "Edited since."
    );
    assert!(after.iter().any(|n| n.id == "mine"));
}

/// One annotation on the quay article, with the times given (none: undated).
fn annotation(w: &World, id: &str, text: &str, times: &[(&str, &str)]) -> String {
    let mut a = serde_json::json!({
        "id": id,
        "type": "Annotation",
        "bodyValue": text,
        "target": {
            "source": w.briefing.join("quay.txt").to_str().unwrap(),
            "selector": {"type": "TextQuoteSelector", "exact": "Work starts in May."},
        },
    });
    for (key, time) in times {
        a[*key] = (*time).into();
    }
    serde_json::json!([a]).to_string()
}

#[test]
fn an_undated_annotation_never_replaces_a_dated_note() {
    let w = World::new();
    let (newer, undated) = (w.data("newer.json"), w.data("undated.json"));
    let modified = [("modified", "2026-12-01T00:00:00.000Z")];
    std::fs::write(&newer, annotation(&w, "x", "NEWER", &modified)).unwrap();
    std::fs::write(&undated, annotation(&w, "x", "older", &[])).unwrap();
    let line = |out: Output| text(&out.stdout);
    let counts = |new, updated, kept| {
        format!("imported into harbour week: {new} new, {updated} updated, {kept} already there\n")
    };
    assert_eq!(line(w.import("two", &newer)), counts(1, 0, 0));
    for _ in 0..2 {
        assert_eq!(line(w.import("two", &undated)), counts(0, 0, 1));
    }
    let md = w.export("two", &[]);
    assert!(md.contains("NEWER") && !md.contains("older"), "{md}");
    // A copy with only `created` is as old as that.
    let created = [("created", "2026-01-01T00:00:00.000Z")];
    std::fs::write(&undated, annotation(&w, "x", "older", &created)).unwrap();
    assert_eq!(line(w.import("two", &undated)), counts(0, 0, 1));

    // A new undated note is dated by the import, and importing it again adds nothing.
    std::fs::write(&undated, annotation(&w, "y", "undated", &[])).unwrap();
    assert_eq!(line(w.import("three", &undated)), counts(1, 0, 0));
    let saved = w.notes("three");
    assert!(saved[0].updated.starts_with("20") && saved[0].updated == saved[0].created);
    assert_eq!(line(w.import("three", &undated)), counts(0, 0, 1));
    assert_eq!(w.notes("three"), saved);
    // Without an id either: the id comes from the content, the same each time.
    std::fs::write(
        &undated,
        annotation(&w, "", "undated", &[]).replace("\"id\":\"\",", ""),
    )
    .unwrap();
    assert_eq!(line(w.import("four", &undated)), counts(1, 0, 0));
    assert_eq!(line(w.import("four", &undated)), counts(0, 0, 1));
}

#[test]
fn a_malformed_file_is_refused_with_one_line_and_changes_nothing() {
    let w = World::new();
    let store = Store::new(&w.data("one"), &w.open().id);
    let before = std::fs::read(store.path()).unwrap();
    let cases: [(&str, &str); 4] = [
        ("{\"type\": \"AnnotationCollection\", ", "not JSON"),
        ("{\"name\": \"something else\"}", "not a W3C annotation"),
        (
            "[{\"type\": \"Annotation\", \"target\": {\"source\": \"x\", \"selector\": \
             {\"type\": \"TextQuoteSelector\", \"exact\": \"a\"}}}, \
             {\"type\": \"Annotation\", \"target\": \"http://e.org/a\"}]",
            "annotation 2: its target is an address with no selector",
        ),
        ("\u{feff}\u{0}\u{1}", "not JSON"),
    ];
    for (i, (content, why)) in cases.iter().enumerate() {
        let file = w.data(&format!("bad{i}.json"));
        std::fs::write(&file, content).unwrap();
        let out = w.import("one", &file);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("briefly: {}: ", file.display())) && err.contains(why),
            "{err}"
        );
        assert_eq!(std::fs::read(store.path()).unwrap(), before, "untouched");
    }
    let out = w.import("one", &w.data("missing.json"));
    assert!(text(&out.stderr).contains("missing.json: no such file"));
}

#[test]
fn options_filter_group_and_write_to_a_file() {
    let w = World::new();
    let md = w.export("one", &["--tag", "#Quote", "--tag", "key-fact"]);
    assert!(md.contains("notes: 2\n") && !md.contains("Ferries"), "{md}");
    let by_tag = w.export("one", &["--by", "tag"]);
    assert!(by_tag.contains("\n## #figure\n") && by_tag.contains("\n## Untagged\n"));
    let out_file = w.data("out/notes.md");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    assert_eq!(w.export("one", &["--out", out_file.to_str().unwrap()]), "");
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        written.starts_with("---\nbriefing: \"harbour week\"\n"),
        "{written}"
    );

    let json_by_tag = w.run("one", &["export", "--format", "json", "--by", "tag"]);
    assert_eq!(json_by_tag.status.code(), Some(2));
    assert!(text(&json_by_tag.stderr).contains("--by tag groups Markdown"));

    // Other paths are another briefing, with no notes: said on standard error.
    let other = w.run(
        "one",
        &["export", w.briefing.join("quay.txt").to_str().unwrap()],
    );
    assert!(other.status.success());
    assert!(text(&other.stderr).contains("no notes are saved for quay.txt"));
    assert!(text(&other.stdout).contains("No notes."));
    let missing = w.run("one", &["export", "/no/such/place"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no such file or folder"));
}

#[test]
fn an_article_that_changed_keeps_its_notes_and_lists_the_lost_ones() {
    let w = World::new();
    std::fs::write(
        w.briefing.join("quay.txt"),
        "Quay repairs approved\n\nA new first paragraph. Work starts in May.\n",
    )
    .unwrap();
    let md = w.export("one", &[]);
    let found = md.find("> Work starts in May.").unwrap();
    let lost = md.find("## Not found in the current text").unwrap();
    assert!(found < lost, "{md}");
    assert!(md[lost..].contains("> The bill is 2.1 million"), "{md}");
    // A file that is gone: its notes are lost ones, under its path.
    std::fs::remove_file(w.briefing.join("ferry.txt")).unwrap();
    let md = w.export("one", &[]);
    assert!(
        md.contains("### ") && md.contains("ferry.txt\n\n> Ferries leave"),
        "{md}"
    );
}

#[test]
fn import_into_a_briefing_none_of_the_notes_belong_to_is_refused() {
    let w = World::new();
    let json = w.export("one", &["--format", "json"]);
    let file = w.data("export.json");
    std::fs::write(&file, &json).unwrap();
    // No path: the demo briefing, which none of these notes are on.
    let out = w.run("two", &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = text(&out.stderr);
    assert!(
        err.contains("export.json") && err.contains("Demo briefing"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        !w.data("two").join("notes").exists()
            || std::fs::read_dir(w.data("two").join("notes"))
                .unwrap()
                .next()
                .is_none(),
        "nothing written"
    );
}

#[test]
fn exports_name_the_other_outlets_carrying_a_passage() {
    let w = World::new();
    // Another outlet running the same copy on the quay.
    std::fs::write(
        w.briefing.join("quay-wire.txt"),
        "Harbour council backs quay repair\n\n\
         The harbour council voted on Monday to repair the north quay. Work starts in May.\n\n\
         The bill is 2.1 million, the treasurer said.\n\n\
         Fishing crews welcomed the news.\n",
    )
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&w.export("one", &["--format", "json"])).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    let also = |id: &str| {
        items
            .iter()
            .find(|a| a["id"].as_str().unwrap().ends_with(id))
            .map(|a| a["briefly:alsoIn"].clone())
            .unwrap()
    };
    let carried = also("n1");
    assert!(
        carried
            .as_array()
            .is_some_and(|o| o.iter().any(|n| n.as_str().unwrap().contains("quay-wire"))),
        "{carried}"
    );
    assert!(
        also("n2").is_null(),
        "the ferry article's passage is nowhere else"
    );
    let md = w.export("one", &[]);
    assert!(md.contains("also in: quay-wire"), "{md}");
}
