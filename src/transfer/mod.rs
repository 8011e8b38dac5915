//! Notes in and out of briefly: the file I/O around the pure `notes::export` and
//! `notes::w3c`, for `briefly export`, `briefly import` and the reader's E. Articles are read
//! with `ingest`, notes through `notes::Store` (which merges and writes atomically).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::app::{AppState, Body};
use crate::briefing::Briefing;
use crate::ingest::{self, Article};
use crate::notes::export::{ArticleRef, ExportInput, GroupBy, gather_owned, to_markdown};
use crate::notes::model::{Note, now};
use crate::notes::{Store, w3c};
use crate::output::say;

mod import;
pub mod out;

pub use import::{Imported, import, run_import};

pub const NO_DATA_DIR: &str = "no data folder: notes live there (set BRIEFLY_DATA_DIR)";

/// `briefly export`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The files and folders the briefing was opened with (none: the demo briefing).
    pub paths: Vec<PathBuf>,
    /// md: Markdown with YAML front matter; json: a W3C Web Annotation collection.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Markdown: a section per article (the default) or per tag.
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Only notes with this tag; repeat it for notes with any of several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Write to FILE instead of standard output: a file is replaced atomically (through a
    /// symbolic link, its target); a FIFO, a device or /dev/stdout is written to.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `briefly import`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// W3C Web Annotation JSON: a collection, a page, a list of annotations or one.
    pub file: PathBuf,
    /// The files and folders of the briefing the notes belong to (none: the demo briefing).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Article,
    Tag,
}

/// A failure and the exit code it ends the command with (2: the command cannot be run as
/// given; 1: something went wrong while running it).
pub type Failure = (u8, String);

fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            // File names and annotation ids in the message are the user's, not ours. (An
            // empty message was said already.)
            if !message.is_empty() {
                say(&message);
            }
            ExitCode::from(code)
        }
    }
}

fn open(paths: &[PathBuf]) -> Result<(Briefing, PathBuf), Failure> {
    let briefing = Briefing::open(paths).map_err(|m| (2, m))?;
    // A mistyped path among good ones still names another briefing: say so.
    let link = |p: &PathBuf| crate::web::is_url_path(p);
    for missing in paths.iter().filter(|p| !p.exists() && !link(p)) {
        say(&format!(
            "{}: no such file or folder (the briefing is the paths given, this one included)",
            missing.display()
        ));
    }
    let dir = crate::config::data_dir().ok_or((2, NO_DATA_DIR.to_string()))?;
    Ok((briefing, dir))
}

/// `briefly export`: writes the document to standard output or `--out`.
pub fn run_export(args: &ExportArgs) -> ExitCode {
    finish((|| {
        if args.format == Format::Json && args.by == Some(By::Tag) {
            return Err((
                2,
                "--by tag groups Markdown; JSON lists every annotation".into(),
            ));
        }
        let (briefing, dir) = open(&args.paths)?;
        let tags: Vec<String> = args
            .tags
            .iter()
            .map(|t| crate::app::annotate::normalise_tag(t))
            .collect();
        let by = match args.by {
            Some(By::Tag) => GroupBy::Tag,
            _ => GroupBy::Article,
        };
        let (input, warnings) = briefing_input(&briefing, &dir, &tags, &now());
        for w in warnings {
            say(&w);
        }
        // Markdown is made whole (it is about the size of the notes); JSON is written as it
        // is made, one annotation at a time.
        let markdown = (args.format == Format::Md).then(|| to_markdown(&input, by));
        let write = |w: &mut dyn Write, stream: bool| match &markdown {
            // What a terminal or another program reads is made safe, as on standard output.
            Some(text) if stream => w.write_all(crate::output::safe_output(text).as_bytes()),
            Some(text) => w.write_all(text.as_bytes()),
            None => w3c::write_json(&input, w),
        };
        match &args.out {
            Some(path) => out::write_out(path, write),
            // A reader that stopped early (| head) is not an error.
            None => out::to_stdout(|w| write(w, true)),
        }
    })())
}

/// A briefing's saved notes placed in its articles as they read now, and what the user
/// should know (a damaged notes file, an article that cannot be read, no notes at all).
pub fn briefing_input(
    briefing: &Briefing,
    data_dir: &Path,
    tags: &[String],
    exported: &str,
) -> (ExportInput, Vec<String>) {
    let loaded = Store::new(data_dir, &briefing.id).load();
    let mut warnings: Vec<String> = loaded.problem.into_iter().collect();
    if loaded.notes.iter().all(|n| n.deleted) {
        warnings.push(format!(
            "no notes are saved for {} (a briefing's notes belong to the paths it was \
             opened with: give the same ones)",
            briefing.name
        ));
    }
    // Every article is read when there are notes: the stories say which other outlets carry
    // each passage. The clean articles kept in the data folder spare cleaning them again.
    let wanted: HashSet<String> = live(&loaded.notes)
        .map(|n| n.target.source.clone())
        .collect();
    let keys: Vec<String> = briefing.sources.iter().map(|s| s.key()).collect();
    let names: Vec<String> = briefing.sources.iter().map(|s| s.display_name()).collect();
    let kept =
        ingest::cache::store::build_id().map(|b| ingest::cache::store::Store::new(data_dir, b));
    let mut loader = ingest::Loader::default();
    let articles: Vec<Option<Article>> = briefing
        .sources
        .iter()
        .zip(&keys)
        .map(|(source, key)| {
            if wanted.is_empty() {
                return None;
            }
            let loaded = match &kept {
                Some(store) => loader.load_kept(source, store),
                None => loader.load(source),
            };
            match loaded {
                Ok(a) => Some(a),
                Err(e) if wanted.contains(key) => {
                    warnings.push(format!("{e}; its notes are listed as not found"));
                    None
                }
                Err(_) => None,
            }
        })
        .collect();
    let refs: Vec<ArticleRef> = (0..keys.len())
        .map(|i| ArticleRef {
            key: &keys[i],
            name: &names[i],
            article: articles[i].as_ref(),
        })
        .collect();
    let mut input = gather_owned(&briefing.name, exported, &refs, loaded.notes, tags);
    if !wanted.is_empty() {
        let empty = Article::default();
        let stories = crate::stories::build(
            &(0..keys.len())
                .map(|i| crate::stories::Input {
                    article: articles[i].as_ref().unwrap_or(&empty),
                    label: &names[i],
                    entities: None,
                })
                .collect::<Vec<_>>(),
            None,
        );
        fill_also_in(&mut input, |key, passage| {
            let i = keys.iter().position(|k| k == key)?;
            Some(stories.outlets_carrying(i, articles[i].as_ref()?, passage))
        });
    }
    (input, warnings)
}

/// Sets each placed note's other outlets: `carrying(article key, passage)`.
fn fill_also_in(input: &mut ExportInput, carrying: impl Fn(&str, &str) -> Option<Vec<String>>) {
    for a in &mut input.articles {
        for p in &mut a.notes {
            p.also_in = carrying(&a.key, &p.passage).unwrap_or_default();
        }
    }
}

fn live(notes: &[Note]) -> impl Iterator<Item = &Note> {
    notes.iter().filter(|n| !n.deleted)
}

/// E in the reader: one article's notes (or the briefing's) as Markdown in `dir`, under a
/// new name. Articles not loaded yet are read here. Returns the file and how many notes.
pub fn export_from_app(
    state: &AppState,
    article: Option<usize>,
    dir: Option<&Path>,
) -> Result<(PathBuf, usize), String> {
    let dir = dir.ok_or(NO_DATA_DIR)?;
    let indices: Vec<usize> = match article {
        Some(i) => vec![i],
        None => (0..state.entries.len()).collect(),
    };
    let notes: Vec<Note> = match article {
        Some(i) => live(&state.notes)
            .filter(|n| n.target.source == state.entries[i].key)
            .cloned()
            .collect(),
        None => state.notes.clone(),
    };
    let wanted: HashSet<&str> = live(&notes).map(|n| n.target.source.as_str()).collect();
    let articles: Vec<Option<Arc<Article>>> = indices
        .iter()
        .map(|&i| {
            let entry = &state.entries[i];
            match &entry.body {
                Body::Ready(a) => Some(a.clone()),
                Body::Pending if wanted.contains(entry.key.as_str()) => {
                    ingest::load(&entry.source).ok().map(Arc::new)
                }
                _ => None,
            }
        })
        .collect();
    let refs: Vec<ArticleRef> = indices
        .iter()
        .zip(&articles)
        .map(|(&i, a)| ArticleRef {
            key: &state.entries[i].key,
            name: &state.entries[i].name,
            article: a.as_deref(),
        })
        .collect();
    let time = now();
    let tags: Vec<String> = state.tag_filter.iter().cloned().collect();
    let mut input = gather_owned(&state.briefing, &time, &refs, notes, &tags);
    // Each passage's other outlets, when the stories are known.
    fill_also_in(&mut input, |key, passage| {
        let i = state.entries.iter().position(|e| e.key == key)?;
        let article = state.entries[i].article()?;
        Some(state.stories.stories.outlets_carrying(i, article, passage))
    });
    let name = match article {
        Some(i) => format!(
            "{}-{}",
            slug(&state.briefing, 24),
            slug(&state.entries[i].title, 24)
        ),
        None => slug(&state.briefing, 24),
    };
    let path = free_path(dir, &name, &time, "md");
    crate::session::write_atomic(&path, to_markdown(&input, GroupBy::Article).as_bytes())
        .map_err(|e| format!("{}: export not written ({e})", path.display()))?;
    Ok((path, input.notes().count()))
}

/// Where E writes: the configured folder, else `<data dir>/exports`.
pub fn exports_dir(settings: &crate::config::Settings, data_dir: Option<&Path>) -> Option<PathBuf> {
    settings
        .exports_dir
        .clone()
        .or_else(|| data_dir.map(|d| d.join("exports")))
}

/// A name as part of a file name: letters, digits and `_`, the rest as `-`, at most `max`
/// characters (cut between words when it can be).
fn slug(name: &str, max: usize) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.chars().count() > max {
        let cut: String = out.chars().take(max + 1).collect();
        out = match cut.rfind('-') {
            Some(at) if at > 0 => cut[..at].to_string(),
            _ => cut.chars().take(max).collect(),
        };
    }
    match out.trim_matches('-') {
        "" => "notes".into(),
        s => s.to_string(),
    }
}

/// `<name>-<YYYYMMDD-HHMMSS>.<ext>` in `dir` (the time in UTC), with a number added when that
/// name is taken.
pub fn free_path(dir: &Path, name: &str, time: &str, ext: &str) -> PathBuf {
    let stamp: String = time
        .chars()
        .take(19)
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .map(|c| if c == 'T' { '-' } else { c })
        .collect();
    let base = format!("{name}-{stamp}");
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{base}.{ext}")),
            n => dir.join(format!("{base}-{n}.{ext}")),
        })
        // Not even a link to nothing: the write would follow it.
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{base}.{ext}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_file_names() {
        assert_eq!(
            slug("Coalition needs 2 years to kick out IS", 20),
            "Coalition-needs-2"
        );
        assert_eq!(slug("  «Zoë» / ../etc  ", 40), "Zoë-etc");
        assert_eq!(slug("???", 10), "notes");
        assert_eq!(slug("abcdefghijklmnop", 5), "abcde");
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "b", "2026-11-23T10:54:39.123Z", "md");
        assert_eq!(first, dir.path().join("b-20261123-105439.md"));
        std::fs::write(&first, "").unwrap();
        let second = free_path(dir.path(), "b", "2026-11-23T10:54:39.123Z", "md");
        assert_eq!(second, dir.path().join("b-20261123-105439-2.md"));
    }
}
