//! What the commands share when they read a briefing for standard output: every source loaded,
//! and each problem or notice said on standard error under the name the user knows it by.

use crate::ingest::{self, Article, Source};
use crate::output::say;

/// The name a command's messages give a source: a file's path as typed (relative to here when it
/// lies below here), a feed entry's label.
pub fn source_name(source: &Source) -> String {
    match source {
        Source::File { path, .. } => {
            let here = std::env::current_dir().unwrap_or_default();
            path.strip_prefix(&here)
                .unwrap_or(path)
                .display()
                .to_string()
        }
        other => other.display_name(),
    }
}

/// Loads every source (each feed read once for all its entries). A source that fails is
/// named (by `name`) and the rest still come; what the reader would show above an article
/// (cut, empty, odd bytes) is said too, so that nothing is dropped without a word.
pub fn load_saying(
    sources: &[Source],
    name: impl Fn(&Source) -> String,
) -> Vec<(&Source, Article)> {
    let mut articles = Vec::new();
    for (source, result) in sources.iter().zip(ingest::load_all(sources)) {
        match result {
            Ok(article) => {
                if let Some(notice) = &article.notice {
                    say(&format!("{}: {notice}", name(source)));
                }
                articles.push((source, article));
            }
            Err(e) => say(&format!("{}: {}", name(source), e.problem)),
        }
    }
    articles
}
