//! `briefly search PATH... -- QUERY`: every paragraph of a briefing holding the query, one a
//! line for scripts (path, paragraph number, the paragraph), matched as the reader's `/` does
//! (smart case; quotes, apostrophes and dashes fold). The clean articles are taken from, and
//! kept in, the data folder as the reader keeps them, so a second search does not clean again.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};

use crate::app::Query;
use crate::briefing::Briefing;
use crate::ingest::cache::store::{Store, build_id};
use crate::ingest::{self, Article, Source};
use crate::output::{emit, say};

/// `briefly search`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Files or folders of articles; with none, the built-in demo briefing.
    pub paths: Vec<PathBuf>,
    /// What to look for, after `--` (words after it are joined by spaces). Lower case finds
    /// any case; a capital letter makes the case count.
    #[arg(last = true, num_args = 1..)]
    pub query: Vec<String>,
}

/// One paragraph holding the query: the article's name, the paragraph's number (from 1) and
/// its text on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub name: String,
    pub paragraph: usize,
    pub text: String,
}

/// The paragraphs of `article` (named `name`) holding `query`, in order.
pub fn hits_in(name: &str, article: &Article, query: &Query) -> Vec<Hit> {
    article
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| query.is_in(&p.text))
        .map(|(i, p)| Hit {
            name: name.to_string(),
            paragraph: i + 1,
            text: p.text.clone(),
        })
        .collect()
}

/// The hits as tab-separated lines; a tab or line break inside a field becomes a space.
pub fn hits_tsv(hits: &[Hit]) -> String {
    let field = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    hits.iter()
        .map(|h| format!("{}\t{}\t{}\n", field(&h.name), h.paragraph, field(&h.text)))
        .collect()
}

/// `briefly search PATH... -- QUERY`. Exit 0 with hits, 1 with none (or nothing readable or
/// output that could not be written), 2 when no path names anything to search.
pub fn run_search(args: &SearchArgs) -> ExitCode {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        say("search: no query (briefly search [PATH]... -- QUERY)");
        return ExitCode::from(2);
    }
    // Each missing path is named; the others are still searched.
    let (found, missing): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.exists() || crate::web::is_url_path(p));
    for path in &missing {
        say(&format!("{}: no such file or folder", path.display()));
    }
    if found.is_empty() && !missing.is_empty() {
        return ExitCode::from(2);
    }
    let briefing = match Briefing::open(&found) {
        Ok(b) => b,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let mut read = false;
    let mut hits = Vec::new();
    for (source, result) in search_kept(briefing.sources, &query) {
        match result {
            Ok((readable, found)) => {
                read |= readable;
                hits.extend(found);
            }
            Err(problem) => say(&format!("{}: {problem}", crate::cli::source_name(&source))),
        }
    }
    if !read {
        say("search: no article could be read");
        return ExitCode::FAILURE;
    }
    let written = emit(&hits_tsv(&hits));
    if written && !hits.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// What searching one source gave: whether it had any text, and its hits.
type Searched = Result<(bool, Vec<Hit>), String>;

/// Every source loaded and searched on every core, in the order given, through the data
/// folder's kept articles when there is a data folder. When the first clean article is
/// written there (the files were not searched or opened before) it is said once on standard
/// error.
fn search_kept(sources: Vec<Source>, query: &str) -> Vec<(Source, Searched)> {
    let n = sources.len();
    let store = crate::config::data_dir()
        .and_then(|d| Some(Arc::new(Store::new(&d, build_id()?).batched())));
    let names: Vec<String> = sources.iter().map(Source::display_name).collect();
    // Accent folding as the reader's settings ask; a broken settings file is named, and
    // the search goes on without it.
    let accents = crate::config::load_settings()
        .map_err(|problem| say(&problem))
        .is_ok_and(|s| s.fold_accents);
    let query = Query::new(query, accents);
    let (tx, rx) = mpsc::channel();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let search = move |i: usize, loaded: Result<Article, ingest::LoadError>| {
        let searched = loaded
            .map(|a| (!a.paragraphs.is_empty(), hits_in(&names[i], &a, &query)))
            .map_err(|e| e.problem);
        tx.send((i, searched)).is_ok()
    };
    let handles = ingest::load_on_threads(
        sources.clone(),
        (0..n).collect(),
        store.clone(),
        cores,
        search,
    );
    let mut results: Vec<Option<Searched>> = (0..n).map(|_| None).collect();
    let mut told = false;
    for (i, searched) in rx {
        if !told && store.as_ref().is_some_and(|s| s.counts().1 > 0) {
            say(
                "building the clean-text cache (first search of these files; later ones are faster)...",
            );
            told = true;
        }
        results[i] = Some(searched);
    }
    for handle in handles {
        let _ = handle.join();
    }
    sources
        .into_iter()
        .zip(results)
        .map(|(s, r)| (s, r.unwrap_or_else(|| Err("cannot be read".into()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Paragraph;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            title: "t".into(),
            paragraphs: paragraphs.iter().map(|p| Paragraph::body(*p)).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn hits_are_numbered_from_one_and_fold_quotes() {
        let a = article(&[
            "The mayor said nothing.",
            "It isn\u{2019}t over, she said.",
            "A \u{201c}fair\u{201d} deal.",
        ]);
        let hits_in = |q: &str| hits_in("a.txt", &a, &Query::new(q, false));
        let hits = hits_in("isn't");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].paragraph, 2);
        assert_eq!(hits_in("\"fair\"")[0].paragraph, 3);
        assert!(hits_in("Said").is_empty());
        assert_eq!(hits_in("said").len(), 2);
    }

    #[test]
    fn tsv_keeps_one_line_per_hit() {
        let hits = vec![Hit {
            name: "x\ty.txt".into(),
            paragraph: 4,
            text: "one\ntwo\tthree".into(),
        }];
        assert_eq!(hits_tsv(&hits), "x y.txt\t4\tone two three\n");
    }
}
