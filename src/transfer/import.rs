//! `briefly import`: annotations from a W3C file merged into a briefing's notes, read as they
//! are parsed (memory holds the notes, not the document), their articles found by key, by
//! web address or through symbolic links.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, ImportArgs, finish, open};
use crate::briefing::Briefing;
use crate::ingest;
use crate::notes::model::now;
use crate::notes::{Store, store, w3c};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Notes that were not there before.
    pub added: usize,
    /// Notes that replaced an older copy.
    pub updated: usize,
    /// Notes already there as they are, or newer (kept).
    pub kept: usize,
    /// Notes whose article is not in the briefing.
    pub elsewhere: usize,
}

/// `briefly import FILE [PATH...]`.
pub fn run_import(args: &ImportArgs) -> ExitCode {
    finish((|| {
        let (briefing, dir) = open(&args.paths)?;
        let done = import(&args.file, &briefing, &dir, &now())?;
        let mut line = format!(
            "imported into {}: {} new, {} updated, {} already there",
            briefing.name, done.added, done.updated, done.kept
        );
        if done.elsewhere > 0 {
            line.push_str(&format!(
                "; {} for articles not in this briefing (export lists them as not found)",
                done.elsewhere
            ));
        }
        crate::output::emit(&format!("{line}\n"));
        Ok(())
    })())
}

/// Reads annotations from `file` and merges them into the briefing's notes (by id; the copy
/// updated last wins, so nothing newer is overwritten, and an annotation with no times never
/// replaces a saved copy). A file that cannot be read as annotations changes nothing.
pub fn import(
    file: &Path,
    briefing: &Briefing,
    data_dir: &Path,
    time: &str,
) -> Result<Imported, Failure> {
    let name = file.display();
    if file.is_dir() {
        return Err((2, format!("{name}: a folder, not a file of annotations")));
    }
    let opened = std::fs::File::open(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => (2, format!("{name}: no such file")),
        _ => (1, format!("{name}: cannot be read ({e})")),
    })?;
    // Each annotation becomes a note as it is read: memory holds the notes, not the text.
    let incoming = w3c::read_from(std::io::BufReader::new(opened), time)
        .map_err(|e| (2, format!("{name}: {e}")))?;
    let mut incoming = store::merge(Vec::new(), incoming);
    let keys: HashSet<String> = briefing.sources.iter().map(|s| s.key()).collect();
    if incoming.iter().any(|n| !keys.contains(&n.target.source)) {
        // Other tools name the article by its web address: find the article with that link.
        let by_link: HashMap<String, String> = briefing
            .sources
            .iter()
            .filter_map(|s| Some((ingest::load(s).ok()?.link?, s.key())))
            .collect();
        // A path through a symbolic link names the article by where the link leads.
        let mut real: HashMap<String, Option<String>> = HashMap::new();
        for note in &mut incoming {
            if keys.contains(&note.target.source) {
                continue;
            }
            if let Some(key) = by_link.get(&note.target.source) {
                note.target.source = key.clone();
            } else if note.target.source.starts_with('/') {
                let found = real
                    .entry(note.target.source.clone())
                    .or_insert_with(|| canonical_key(&note.target.source))
                    .as_ref()
                    .filter(|k| keys.contains(*k));
                if let Some(key) = found {
                    note.target.source = key.clone();
                }
            }
        }
    }
    // Annotations none of which is on an article of this briefing were made on another one:
    // putting them here would only list them as lost.
    if !incoming.is_empty() && !incoming.iter().any(|n| keys.contains(&n.target.source)) {
        let which = match incoming.len() {
            1 => "its annotation is not".to_string(),
            n => format!("none of its {n} annotations is"),
        };
        return Err((
            2,
            format!(
                "{name}: {which} on an article of {}; name the files or folder they were made \
                 on (briefly import FILE PATH...)",
                briefing.name
            ),
        ));
    }
    let store = Store::new(data_dir, &briefing.id);
    let loaded = store.load();
    if let Some(problem) = &loaded.problem {
        crate::output::say(problem);
    }
    let mut done = Imported::default();
    {
        let saved: HashMap<&str, &str> = loaded
            .notes
            .iter()
            .map(|n| (n.id.as_str(), n.updated.as_str()))
            .collect();
        for note in &mut incoming {
            match saved.get(note.id.as_str()) {
                None => {
                    done.added += 1;
                    // An undated annotation that is new here: dated by the import.
                    if note.updated.is_empty() {
                        note.updated = note.created.clone();
                    }
                }
                // An undated copy is older than any saved one (its empty time sorts first).
                Some(&old) if old < note.updated.as_str() => done.updated += 1,
                Some(_) => done.kept += 1,
            }
            if !keys.contains(&note.target.source) {
                done.elsewhere += 1;
            }
        }
    }
    // The save merges with what is on disk. Notes `load` recovered from a damaged file (now
    // set aside) are there too, unless they could not be written back: added here then.
    let notes = match loaded.problem {
        Some(_) => store::merge(loaded.notes, incoming),
        None => {
            drop(loaded.notes);
            incoming
        }
    };
    store.merge_in(&notes).map_err(|e| {
        (
            1,
            format!("{}: notes not saved ({e})", store.path().display()),
        )
    })?;
    Ok(done)
}

/// The key of the article at `source` (a path, a feed entry's `path#n`) once symbolic links
/// are followed, when it exists.
fn canonical_key(source: &str) -> Option<String> {
    let (path, entry) = match source.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (p, Some(n)),
        _ => (source, None),
    };
    let real = std::fs::canonicalize(path).ok()?;
    let real = real.to_string_lossy();
    Some(match entry {
        Some(n) => format!("{real}#{n}"),
        None => real.into_owned(),
    })
}
