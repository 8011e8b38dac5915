//! `briefly fetch FILE`: every link of a briefing file fetched and kept now.

use std::path::Path;

use super::{Subscription, is_briefing_file, read};

/// `briefly fetch FILE`: fetches every link of a briefing file now, keeping each page for
/// reading offline, one line on standard error per link as it comes (and first one per entry
/// that is not a link, which is skipped). Exit 0 when some link could be read, 1 when none
/// could, 2 when FILE is not a briefing file.
pub fn run_fetch(path: &Path) -> std::process::ExitCode {
    use crate::output::say;
    use std::process::ExitCode;
    let name = crate::sanitize::sanitize_line(&path.display().to_string());
    if crate::web::is_url_path(path) {
        say(&format!(
            "{name}: fetch takes a briefing file (urls, *.opml, briefing.toml); a link opens with `briefly LINK`"
        ));
        return ExitCode::from(2);
    }
    if !path.is_file() {
        say(&format!("{name}: no such file"));
        return ExitCode::from(2);
    }
    if !is_briefing_file(path) {
        say(&format!(
            "{name}: not a briefing file (newsboat's urls, *.opml, briefing.toml)"
        ));
        return ExitCode::from(2);
    }
    let links = match read(path) {
        Ok(listed) => {
            listed.skipped.iter().for_each(|line| say(line));
            listed.links
        }
        Err(problem) => {
            say(&problem);
            return ExitCode::FAILURE;
        }
    };
    if links.is_empty() {
        say(&format!("{name}: lists no http or https link"));
        return ExitCode::FAILURE;
    }
    if crate::config::data_dir().is_none() {
        say("no data folder: the pages are fetched but not kept (set BRIEFLY_DATA_DIR)");
    }
    let total = links.len();
    let mut read_any = false;
    let mut done = 0;
    crate::web::four_at_a_time(&links, Subscription::sources, |i, sources| {
        let sub = &links[i];
        done += 1;
        let url = crate::sanitize::sanitize_line(&sub.url);
        let outcome = match sources.first() {
            Some(crate::ingest::Source::Web { page, .. }) => match page.as_ref() {
                Ok(p) => {
                    read_any = true;
                    let what = match sources.len() {
                        1 if !sub.feed => "a page".to_string(),
                        n => crate::plural::count(n, "entry"),
                    };
                    match &p.notice {
                        Some(n) => format!("{what}; {}", crate::sanitize::sanitize_line(n)),
                        None => what,
                    }
                }
                Err(problem) => crate::sanitize::sanitize_line(problem),
            },
            _ => "nothing read".into(),
        };
        say(&format!("[{done}/{total}] {url}: {outcome}"));
    });
    if read_any {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
