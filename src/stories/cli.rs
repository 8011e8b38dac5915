//! `briefly stories` and `briefly compare`: the engine on the command line. The I/O edge:
//! open the briefing, load its articles (naming each that fails), tag them, build the stories
//! and print them through the sanitiser.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Input, analyse_and_build, report};
use crate::briefing::Briefing;
use crate::ingest::Article;
use crate::output::{emit, say};

/// `briefly stories`' arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct StoriesArgs {
    /// Files or folders of articles; with none, the built-in demo briefing.
    pub paths: Vec<PathBuf>,
    /// tsv: one line per article (story, story title, path, outlet, sources, published,
    /// title); json: a list of stories, each with its articles.
    #[arg(long, value_enum, default_value_t = StoriesFormat::Tsv)]
    pub format: StoriesFormat,
}

/// `briefly compare`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Files or folders of articles; with none, the built-in demo briefing.
    pub paths: Vec<PathBuf>,
    /// md: a report per story (shared statements, what only each outlet reports,
    /// conflicts); json: every article with its sentences and the other articles carrying
    /// each.
    #[arg(long, value_enum, default_value_t = CompareFormat::Md)]
    pub format: CompareFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoriesFormat {
    Tsv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Md,
    Json,
}

/// The articles of a briefing with the names the reader gives them. Exit 2 when the paths
/// name nothing to open.
fn load(paths: &[PathBuf]) -> Result<(Vec<String>, Vec<Article>), ExitCode> {
    let briefing = Briefing::open(paths).map_err(|message| {
        say(&message);
        ExitCode::from(2)
    })?;
    let mut names = Vec::new();
    let mut articles = Vec::new();
    for (source, article) in crate::cli::load_saying(&briefing.sources, crate::cli::source_name) {
        if !article.paragraphs.is_empty() {
            names.push(source.display_name());
            articles.push(article);
        }
    }
    Ok((names, articles))
}

/// Loads, tags and groups; `print` makes the output from the inputs and the stories.
fn run(paths: &[PathBuf], print: impl Fn(&[Input], &super::Stories) -> String) -> ExitCode {
    let (names, articles) = match load(paths) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (written, read) = analyse_and_build(&articles, &names, |inputs, stories| {
        (emit(&print(inputs, stories)), !inputs.is_empty())
    });
    // Exit 1 when nothing could be read (the reasons are on standard error) or written.
    if written && read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn pretty(value: &serde_json::Value) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )
}

/// `briefly stories PATH...`.
pub fn run_stories(args: &StoriesArgs) -> ExitCode {
    let format = args.format;
    run(&args.paths, |inputs, stories| match format {
        StoriesFormat::Tsv => report::stories_tsv(inputs, stories),
        StoriesFormat::Json => pretty(&report::stories_json(inputs, stories)),
    })
}

/// `briefly compare PATH...`.
pub fn run_compare(args: &CompareArgs) -> ExitCode {
    let format = args.format;
    run(&args.paths, |inputs, stories| match format {
        CompareFormat::Md => report::compare_md(inputs, stories),
        CompareFormat::Json => pretty(&report::compare_json(inputs, stories)),
    })
}
