//! Fuzzing `briefly import` and the notes store on stable Rust: a few hundred seeded cases
//! per run, each a valid export flipped, cut, spliced, nested or changed value by value, or
//! random bytes, or very deep nesting. Import must never panic nor hang; a refused file gets
//! one line naming the file (and the annotation, when one is at fault) and leaves the store
//! as it was; an accepted one exports again. A damaged notes file never panics the store and
//! is set aside byte for byte. Set BRIEFLY_FUZZ_CASES for more cases, BRIEFLY_FUZZ_SEED for
//! another seed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use briefly::briefing::Briefing;
use briefly::ingest::Article;
use briefly::notes::export::{ArticleRef, GroupBy, gather, to_markdown};
use briefly::notes::model::{Note, Target};
use briefly::notes::{Store, to_json, w3c};
use serde_json::Value;

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::Rng;

fn cases() -> usize {
    fuzz::cases(300)
}

fn seed() -> u64 {
    fuzz::seed(0x5eed_1dea_f00d_cafe)
}

struct World {
    dir: tempfile::TempDir,
    briefing: Briefing,
    articles: Vec<Option<Article>>,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("briefing");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(
            folder.join("quay.txt"),
            "Quay repairs\n\nThe council voted to repair the quay. Work starts in May.\n",
        )
        .unwrap();
        std::fs::write(
            folder.join("ferry.txt"),
            "Ferry times\n\nFerries leave every 40 minutes from June, the operator said.\n",
        )
        .unwrap();
        let briefing = Briefing::open(&[folder]).unwrap();
        let articles = briefing
            .sources
            .iter()
            .map(|s| briefly::ingest::load(s).ok())
            .collect();
        World {
            dir,
            briefing,
            articles,
        }
    }

    fn notes(&self, prefix: &str, count: usize) -> Vec<Note> {
        (0..count)
            .map(|i| {
                let at = i % self.briefing.sources.len();
                let plain = self.articles[at].as_ref().unwrap().plain_text();
                Note {
                    id: format!("{prefix}{i}"),
                    created: format!("2026-03-01T10:00:{:02}.000Z", i),
                    updated: format!("2026-03-01T11:00:{:02}.000Z", i),
                    tags: vec!["figure".into(), format!("t{i}")],
                    text: format!("Note {i} with `code`, a [link](https://e.org) and\nlines."),
                    target: Target::new(&self.briefing.sources[at].key(), &plain, 4, 12 + i),
                    deleted: false,
                }
            })
            .collect()
    }

    /// Exports the notes to Markdown and JSON as `briefly export` does (must not panic).
    fn export(&self, notes: &[Note]) -> usize {
        let keys: Vec<String> = self.briefing.sources.iter().map(|s| s.key()).collect();
        let refs: Vec<ArticleRef> = keys
            .iter()
            .zip(&self.articles)
            .map(|(k, a)| ArticleRef {
                key: k,
                name: k,
                article: a.as_ref(),
            })
            .collect();
        let input = gather("fuzz", "2026-01-01T00:00:00.000Z", &refs, notes, &[]);
        to_markdown(&input, GroupBy::Tag).len() + to_json(&input).to_string().len()
    }
}

/// Every file of a folder with its bytes (lock files aside: they hold nothing).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap_or_default())
        })
        .filter(|(name, _)| !name.ends_with(".lock"))
        .collect()
}

fn restore(dir: &Path, snapshot: &BTreeMap<String, Vec<u8>>) {
    for (name, _) in files(dir) {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    for (name, bytes) in snapshot {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Values that stand in for others.
fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(u64::MAX),
        4 => serde_json::json!(1e308),
        5 => serde_json::json!(""),
        6 => serde_json::json!("x\u{1b}[2J\u{9b}\u{202e}\n".repeat(rng.below(50))),
        7 => serde_json::json!([]),
        8 => serde_json::json!({}),
        9 => {
            // Nested as deep as a parser may go, and then some.
            let depth = 100 + rng.below(60);
            serde_json::from_str(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)))
                .unwrap_or(Value::Null)
        }
        10 => serde_json::json!({"type": "Annotation"}),
        _ => serde_json::json!("file:///../../etc/passwd"),
    }
}

/// Changes one value somewhere in the tree: replaces it, drops a key, doubles an element or
/// wraps it in a list.
fn mutate_value(v: &mut Value, rng: &mut Rng, depth: usize) {
    let descend = depth < 12 && rng.below(4) != 0;
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            if descend {
                return mutate_value(map.get_mut(&key).unwrap(), rng, depth + 1);
            }
            match rng.below(3) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    let inner = map[&key].take();
                    map.insert(key, Value::Array(vec![inner]));
                }
                _ => {
                    map.insert(key, odd_value(rng));
                }
            }
        }
        Value::Array(list) if !list.is_empty() => {
            let at = rng.below(list.len());
            if descend {
                return mutate_value(&mut list[at], rng, depth + 1);
            }
            match rng.below(3) {
                0 => {
                    list.remove(at);
                }
                1 => {
                    let copy = list[at].clone();
                    list.insert(at, copy);
                }
                _ => list[at] = odd_value(rng),
            }
        }
        _ => *v = odd_value(rng),
    }
}

/// One case: a mutation of `base` (bytes), or something made from nothing.
fn mutate(base: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = base.to_vec();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let len = out.len();
        match rng.below(9) {
            // Flip bytes, to anything (not UTF-8 too) or to JSON's own characters.
            0 | 1 => {
                for _ in 0..1 + rng.below(8) {
                    if out.is_empty() {
                        break;
                    }
                    let at = rng.below(out.len());
                    out[at] = match rng.below(2) {
                        0 => rng.next() as u8,
                        _ => *rng.pick(b"{}[]\",:\\0-e. \nnt"),
                    };
                }
            }
            // Cut.
            2 => out.truncate(rng.below(len + 1)),
            // Duplicate a stretch somewhere else.
            3 => {
                let a = rng.below(len + 1);
                let b = (a + rng.below(400)).min(len);
                let at = rng.below(len + 1);
                let piece = out[a..b].to_vec();
                out.splice(at..at, piece);
            }
            // Nest.
            4 => {
                let at = rng.below(len + 1);
                let depth = *rng.pick(&[1, 50, 127, 129, 1_000, 100_000]);
                let units: [&[u8]; 4] = [b"[", b"{\"items\":", b"{\"first\":", b"[{\"a\":"];
                let unit = *rng.pick(&units);
                let nest = unit.repeat(depth);
                out.splice(at..at, nest);
            }
            // Change values, when it is still JSON.
            5..=7 => {
                if let Ok(mut v) = serde_json::from_slice::<Value>(&out) {
                    for _ in 0..1 + rng.below(3) {
                        mutate_value(&mut v, rng, 0);
                    }
                    out = serde_json::to_vec(&v).unwrap();
                }
            }
            // From nothing.
            _ => {
                out = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            }
        }
    }
    out
}

/// Imports `file` on another thread; a case that takes more than a minute has hung.
fn import_in_time(
    file: &Path,
    briefing: &Briefing,
    data: &Path,
) -> Result<briefly::transfer::Imported, (u8, String)> {
    let (tx, rx) = mpsc::channel();
    let (file, briefing, data) = (file.to_path_buf(), briefing.clone(), data.to_path_buf());
    std::thread::spawn(move || {
        let _ = tx.send(briefly::transfer::import(
            &file,
            &briefing,
            &data,
            "2026-05-05T00:00:00.000Z",
        ));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("import hung"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("import panicked"),
    }
}

/// The number after "annotation " in a message, when it names one.
fn annotation_number(message: &str) -> Option<Result<usize, String>> {
    let (_, after) = message.split_once("annotation ")?;
    // "W3C annotation, annotation page": not a number, not an annotation at fault.
    if after.starts_with("page") {
        return None;
    }
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    Some(digits.parse().map_err(|_| message.to_string()))
}

#[test]
fn import_never_panics_hangs_or_changes_the_store_on_a_refused_file() {
    let w = World::new();
    let data = w.dir.path().join("data");
    let store = Store::new(&data, &w.briefing.id);
    store.save(&w.notes("saved", 3)).unwrap();
    let notes_dir: PathBuf = store.path().parent().unwrap().to_path_buf();
    let snapshot = files(&notes_dir);
    let base = w3c::unsaved_json(&w.briefing.name, &w.notes("n", 4), true).into_bytes();
    let file = w.dir.path().join("case.json");
    let mut rng = Rng(seed());
    let (mut accepted, mut refused, mut named) = (0, 0, 0);
    let mut fixed: Vec<Vec<u8>> = vec![
        b"[".repeat(100_000),
        [
            &b"{\"type\": \"AnnotationPage\", \"items\": "[..],
            &b"[".repeat(100_000),
        ]
        .concat(),
        b"{\"first\": ".repeat(100_000),
        Vec::new(),
        b"null".to_vec(),
        [&b"\xef\xbb\xbf"[..], &base].concat(),
    ];
    for case in 0..cases() {
        let bytes = fixed.pop().unwrap_or_else(|| mutate(&base, &mut rng));
        std::fs::write(&file, &bytes).unwrap();
        let shown = || String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
        match import_in_time(&file, &w.briefing, &data) {
            Ok(_) => {
                accepted += 1;
                let loaded = store.load();
                assert!(
                    loaded.problem.is_none(),
                    "case {case}: {:?}",
                    loaded.problem
                );
                w.export(&loaded.notes);
                restore(&notes_dir, &snapshot);
            }
            Err((code, message)) => {
                refused += 1;
                assert!(code == 1 || code == 2, "case {case}: {code}");
                assert!(!message.contains('\n'), "case {case}: {message}");
                assert!(message.chars().count() < 400, "case {case}: {message}");
                assert!(
                    message.starts_with(&format!("{}: ", file.display())),
                    "case {case}: {message}"
                );
                if let Some(number) = annotation_number(&message) {
                    let n = number.unwrap_or_else(|m| panic!("case {case}: {m}"));
                    assert!(n >= 1, "case {case}: {message}");
                    named += 1;
                }
                assert_eq!(
                    files(&notes_dir),
                    snapshot,
                    "case {case}: a refused file changed the store: {message}\n{}",
                    shown()
                );
            }
        }
    }
    println!("{accepted} accepted, {refused} refused ({named} naming an annotation)");
    // The cases reach the annotations, and some survive as notes.
    assert!(
        named > 0 && accepted > 0,
        "{accepted} accepted, {named} named"
    );
}

#[test]
fn damaged_notes_files_never_panic_and_are_set_aside_untouched() {
    let w = World::new();
    let data = w.dir.path().join("data");
    let store = Store::new(&data, &w.briefing.id);
    store.save(&w.notes("n", 6)).unwrap();
    let good = std::fs::read(store.path()).unwrap();
    let notes_dir = store.path().parent().unwrap().to_path_buf();
    let mut rng = Rng(seed() ^ 0xdead_beef);
    let mut recovered = 0;
    for case in 0..cases() {
        let bytes = mutate(&good, &mut rng);
        for (name, _) in files(&notes_dir) {
            std::fs::remove_file(notes_dir.join(name)).unwrap();
        }
        std::fs::write(store.path(), &bytes).unwrap();
        let loaded = store.load();
        w.export(&loaded.notes);
        if let Some(problem) = &loaded.problem {
            assert!(!problem.contains('\n'), "case {case}: {problem}");
            assert!(problem.chars().count() < 500, "case {case}: {problem}");
            assert!(
                !problem.chars().any(briefly::sanitize::is_unsafe),
                "case {case}: {problem}"
            );
            let aside: Vec<Vec<u8>> = files(&notes_dir)
                .into_iter()
                .filter(|(name, _)| name.contains("set-aside"))
                .map(|(_, b)| b)
                .collect();
            assert_eq!(
                aside,
                std::slice::from_ref(&bytes),
                "case {case}: set aside untouched"
            );
            recovered += usize::from(!loaded.notes.is_empty());
            // Saving after a damaged load keeps what was recovered.
            let saved = store.save(&loaded.notes).unwrap();
            for n in &loaded.notes {
                assert!(saved.iter().any(|s| s.id == n.id), "case {case}");
            }
        }
    }
    assert!(recovered > 0);
}
