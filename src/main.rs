use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use briefly::briefing::Briefing;
use briefly::cli::load_saying;
use briefly::config;
use briefly::extract_cli::ExtractFormat;
use briefly::ingest;
use briefly::output::{emit, finish, say};
use briefly::shell::{self, Launch};

/// Read news briefings in the terminal, from the keyboard.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Files, folders, http(s) links or briefing files (urls, *.opml, briefing.toml) to open
    /// (text, Markdown, HTML, RSS/Atom); with none, the built-in demo briefing opens.
    paths: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the keymap in effect (defaults with your keymap.toml laid over them).
    Keys,
    /// Print the clean article of a file or link (text, Markdown, HTML or a feed); no terminal
    /// needed.
    Extract {
        file: PathBuf,
        /// text: the title, a blank line, then the paragraphs; json: title, published, byline,
        /// captions and body.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
    /// Fetch every feed and page a briefing file lists (newsboat's urls, OPML, briefing.toml)
    /// and keep them for reading offline; one line per link on standard error.
    Fetch { file: PathBuf },
    /// Export a briefing's notes as Markdown or W3C Web Annotation JSON; no terminal needed.
    Export(briefly::transfer::ExportArgs),
    /// Add W3C Web Annotations from a JSON file to a briefing's notes (merged by id).
    Import(briefly::transfer::ImportArgs),
    /// Articles on the same story, grouped: story, outlet and sources of each article.
    Stories(briefly::stories::cli::StoriesArgs),
    /// What the outlets of each story share, what only one reports, and where they differ.
    Compare(briefly::stories::cli::CompareArgs),
    /// Every paragraph holding QUERY, one a line: path, paragraph number, text (tab-separated).
    /// Matched as the reader's `/` (smart case; quotes and dashes fold). Exit 1 with no hit.
    Search(briefly::search_cli::SearchArgs),
    /// The entities of a briefing: name, type, aliases, mentions and articles, most
    /// mentioned first. With --conll FILE: read CoNLL-2003-layout lines (token first) and
    /// print each with the predicted tag (IOB: PER, ORG, LOC, MISC) as the last column.
    Entities {
        /// Files or folders of articles; with none, the built-in demo briefing.
        paths: Vec<PathBuf>,
        /// Tag CoNLL-2003-layout lines from FILE instead (for scoring the tagger).
        #[arg(long, value_name = "FILE", conflicts_with = "paths")]
        conll: Option<PathBuf>,
        /// tsv: entity, type, aliases (separated by "; "), mentions, articles; json: the same
        /// with the articles named.
        #[arg(long, value_enum, default_value_t = EntitiesFormat::Tsv)]
        format: EntitiesFormat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum EntitiesFormat {
    Tsv,
    Json,
}

fn main() -> ExitCode {
    briefly::memory::tune();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    if let Some(Cmd::Extract { file, format }) = &cli.command {
        return briefly::extract_cli::run_extract(file, *format);
    }
    match &cli.command {
        Some(Cmd::Export(args)) => return briefly::transfer::run_export(args),
        Some(Cmd::Import(args)) => return briefly::transfer::run_import(args),
        Some(Cmd::Stories(args)) => return briefly::stories::cli::run_stories(args),
        Some(Cmd::Compare(args)) => return briefly::stories::cli::run_compare(args),
        Some(Cmd::Search(args)) => return briefly::search_cli::run_search(args),
        Some(Cmd::Fetch { file }) => return briefly::subscriptions::run_fetch(file),
        _ => {}
    }
    if let Some(Cmd::Entities {
        paths,
        conll: None,
        format,
    }) = &cli.command
    {
        return entities(paths, *format);
    }
    if let Some(Cmd::Entities {
        conll: Some(conll), ..
    }) = &cli.command
    {
        return match std::fs::read_to_string(conll) {
            Ok(text) => finish(emit(&briefly::analysis::conll::conll_predict(&text)), false),
            // A path mistake (2), or a file that is there but cannot be read as text (1).
            Err(e) => {
                let code = match e.kind() {
                    std::io::ErrorKind::NotFound => 2,
                    _ => 1,
                };
                say(&format!("{}: {}", conll.display(), ingest::io_problem(e)));
                ExitCode::from(code)
            }
        };
    }
    // Links are fetched before the reader opens: say so, since that may take a moment.
    let links = cli
        .paths
        .iter()
        .filter(|p| {
            briefly::web::is_url_path(p)
                || (p.is_file() && briefly::subscriptions::is_briefing_file(p))
        })
        .count();
    // Files only: the briefing is opened now and its first article read on a thread while
    // the rest is set up; its problems are still reported after the keymap's.
    let opened = (cli.command.is_none() && links == 0).then(|| Briefing::open(&cli.paths));
    let early = match &opened {
        Some(Ok(b)) => Some(shell::Early::start(
            &b.sources,
            config::data_dir().as_deref(),
            &b.id,
        )),
        _ => None,
    };
    // Everything that can fail on the user's files fails here, before the terminal goes raw.
    let keymap = match config::load_keymap() {
        Ok(k) => k,
        Err(message) => {
            // One line per mistake in the file, in line order.
            message.lines().for_each(say);
            return ExitCode::from(2);
        }
    };
    for command in keymap.unbound() {
        say(&format!(
            "keymap: no key runs {} any more (bind one in keymap.toml)",
            command.name()
        ));
    }
    let settings = match config::load_settings() {
        Ok(s) => s,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    if let Some(Cmd::Keys) = cli.command {
        let mut keymap = keymap;
        keymap.name_quick_tags(&settings.quick_tags);
        return finish(emit(&keymap.to_toml()), false);
    }
    if links > 0 && std::io::stderr().is_terminal() {
        say("fetching the links (kept in the data folder for reading offline)...");
    }
    let briefing = match opened.unwrap_or_else(|| Briefing::open(&cli.paths)) {
        Ok(b) => b,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    // Every link failed and nothing else was named: nothing to read, so no reader.
    let failed: Vec<String> = briefing
        .sources
        .iter()
        .map_while(|s| match s {
            ingest::Source::Web { url, page, .. } => page.as_ref().as_ref().err().map(|p| {
                let url = briefly::sanitize::sanitize_line(url);
                format!("{url}: {}", briefly::sanitize::sanitize_line(p))
            }),
            _ => None,
        })
        .collect();
    if failed.len() == briefing.sources.len() {
        failed.iter().for_each(|line| say(line));
        return ExitCode::FAILURE;
    }
    let launch = Launch {
        briefing: briefing.name,
        briefing_id: briefing.id,
        sources: briefing.sources,
        keymap,
        data_dir: config::data_dir(),
        settings: settings.clone(),
        links: briefing.links,
        early,
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        say("the reader needs a terminal (standard input and output are not one)");
        return ExitCode::from(2);
    }
    match shell::run(launch) {
        Ok(ended) => {
            for problem in &ended.problems {
                say(problem);
            }
            if let Some(line) = &ended.unsaved {
                // Made safe by `unsaved_json`; printed whole so that import takes it back.
                eprintln!("{line}");
            }
            match ended.signal {
                // The shell's convention: 128 + the signal's number.
                Some(sig) => ExitCode::from(128u8.saturating_add(sig as u8)),
                None if !ended.problems.is_empty() => ExitCode::FAILURE,
                None => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            say(&e.to_string());
            ExitCode::FAILURE
        }
    }
}

/// `briefly entities PATH...`: the briefing's entities, one per line (TSV) or as JSON.
fn entities(paths: &[PathBuf], format: EntitiesFormat) -> ExitCode {
    let briefing = match Briefing::open(paths) {
        Ok(b) => b,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let articles = load_saying(&briefing.sources, briefly::cli::source_name);
    // Exit 1 only when no article at all could be read; the reasons are on standard error.
    let failed = articles.iter().all(|(_, a)| a.paragraphs.is_empty());
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|(_, a)| a.paragraphs.iter().map(|p| p.text.as_str()).collect())
        .collect();
    let analysed = briefly::analysis::entities::analyze_many(&paragraphs);
    let index = briefly::analysis::aliases::build(&analysed.iter().map(Some).collect::<Vec<_>>());
    let mut order: Vec<&briefly::analysis::aliases::Entity> = index.entities.iter().collect();
    order.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    let out = match format {
        EntitiesFormat::Tsv => {
            let mut out = String::from("entity\ttype\taliases\tmentions\tarticles\n");
            for e in order {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    e.name,
                    e.kind.label(),
                    e.aliases.join("; "),
                    e.mentions,
                    e.articles.len()
                ));
            }
            out
        }
        EntitiesFormat::Json => {
            let values: Vec<serde_json::Value> = order
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "entity": e.name,
                        "type": e.kind.label(),
                        "aliases": e.aliases,
                        "mentions": e.mentions,
                        "articles": e.articles.iter()
                            .map(|&a| articles[a as usize].0.display_name())
                            .collect::<Vec<_>>(),
                    })
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&values).unwrap_or_default()
            )
        }
    };
    finish(emit(&out), failed)
}

/// A command line clap could not read: its first line, made safe, and exit code 2. Help and
/// the version go to standard output as clap writes them.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let text = e.render().to_string();
        return finish(emit(&text), false);
    }
    let text = e.render().to_string();
    let mut lines = text.lines();
    let mut first = lines
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    // "the following required arguments were not provided:" lists them on lines of their own.
    if first.ends_with(':') {
        let named: Vec<&str> = lines
            .take_while(|l| l.starts_with("  "))
            .map(str::trim)
            .collect();
        if !named.is_empty() {
            first = format!("{first} {}", named.join(", "));
        }
    }
    say(&format!("{first} (briefly --help shows the usage)"));
    ExitCode::from(2)
}
