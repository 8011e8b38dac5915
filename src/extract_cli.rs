//! `briefly extract FILE|URL`: the clean article of one file or link on standard output, as
//! text or JSON (the shapes are `extract.rs`'s), with each problem said on standard error.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::load_saying;
use crate::ingest;
use crate::output::{emit, finish, say};

/// What `briefly extract` prints (`--format`; its help is on the argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Text,
    Json,
}

/// `briefly extract`: the clean article of one file on standard output. A feed prints each
/// entry (JSON: an array of them). Messages name the file as it was given.
pub fn run_extract(file: &Path, format: ExtractFormat) -> ExitCode {
    let given = file.display().to_string();
    // A link is fetched (one line on standard error if it cannot be), then read as a file.
    let sources = match file.to_str().filter(|s| crate::web::is_url(s)) {
        Some(url) => ingest::Source::from_url(url),
        None => match local_sources(file, &given) {
            Ok(sources) => sources,
            Err(code) => return code,
        },
    };
    let name = |source: &ingest::Source| match source {
        ingest::Source::File { .. } | ingest::Source::Web { entry: None, .. } => given.clone(),
        ingest::Source::Web { entry: Some(i), .. } => format!("{given} #{}", i + 1),
        other => format!("{given}: {}", other.display_name()),
    };
    extract_sources(&sources, name, format)
}

/// The sources of the file `extract` was given, or the exit code of a usage mistake (said).
fn local_sources(file: &Path, given: &str) -> Result<Vec<ingest::Source>, ExitCode> {
    if file.is_file() && crate::subscriptions::is_briefing_file(file) {
        say(&format!(
            "{given}: a briefing file (a list of links); read it with `briefly {given}` or `briefly fetch {given}`"
        ));
        return Err(ExitCode::from(2));
    }
    if file.is_dir() {
        say(&format!(
            "{given}: a folder; extract reads one file (the reader and entities take folders)"
        ));
        return Err(ExitCode::from(2));
    }
    if !file.exists() {
        say(&format!("{given}: no such file"));
        return Err(ExitCode::from(2));
    }
    let sources = ingest::collect(&[file.to_path_buf()]);
    if sources.is_empty() {
        say(&format!(
            "{given}: not a file briefly can open (text, Markdown, HTML, feeds)"
        ));
        return Err(ExitCode::from(2));
    }
    Ok(sources)
}

/// `briefly extract`'s output for the sources of one file or link.
fn extract_sources(
    sources: &[ingest::Source],
    name: impl Fn(&ingest::Source) -> String,
    format: ExtractFormat,
) -> ExitCode {
    let articles = load_saying(sources, name);
    let articles: Vec<ingest::Article> = articles.into_iter().map(|(_, a)| a).collect();
    // Nothing could be read: a problem with the content.
    let nothing = articles.iter().all(|a| a.paragraphs.is_empty());
    let out = match format {
        // An article with no text has its reason on standard error, and nothing here.
        ExtractFormat::Text => {
            super::extract::articles_text(articles.iter().filter(|a| !a.paragraphs.is_empty()))
        }
        ExtractFormat::Json => {
            let values: Vec<serde_json::Value> =
                articles.iter().map(super::extract::article_json).collect();
            let value = match values.len() {
                1 => values.into_iter().next().unwrap_or_default(),
                _ => serde_json::Value::Array(values),
            };
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
    };
    finish(emit(&out), nothing)
}
