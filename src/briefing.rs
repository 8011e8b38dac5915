//! What the command line names: the demo briefing, or the articles under some paths, with the
//! name the user sees and the id that finds the briefing's positions and notes again. The
//! reader, `briefly export` and `briefly import` all open briefings here, so the same paths
//! always reach the same notes.

use std::path::{Path, PathBuf};

use crate::ingest::{self, Source};
use crate::subscriptions::Subscription;

#[derive(Debug, Clone)]
pub struct Briefing {
    /// What the user calls it: a folder's or a file's name, "N sources", "Demo briefing".
    pub name: String,
    /// Names the briefing across runs (for its session and notes files).
    pub id: String,
    pub sources: Vec<Source>,
    /// The links it was made from (named, or listed in a briefing file): what a refresh
    /// fetches again.
    pub links: Vec<Subscription>,
}

impl Briefing {
    /// The built-in demo briefing.
    pub fn demo() -> Briefing {
        Briefing {
            name: "Demo briefing".into(),
            id: "demo".into(),
            sources: crate::demo::sources(),
            links: Vec::new(),
        }
    }

    /// The briefing the paths name; with none, the demo. A path that does not exist is an
    /// error only when no path does. An error is one line naming the paths first, as every
    /// command's messages do ("notes/: no such file or folder").
    pub fn open(paths: &[PathBuf]) -> Result<Briefing, String> {
        if paths.is_empty() {
            return Ok(Briefing::demo());
        }
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| !is_link(p) && !p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if missing.len() == paths.len() {
            return Err(format!("{}: no such file or folder", missing.join(", ")));
        }
        let (sources, links) = sources(paths);
        // Only folders with nothing to open (each named so that it can say so).
        let empty_folder = |s: &Source| matches!(s, Source::File { path, .. } if path.is_dir());
        if sources.iter().all(empty_folder) {
            return Err(format!(
                "{}: no articles (no text, Markdown, HTML or feed files)",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok(Briefing {
            name: name(paths),
            id: id(paths),
            sources,
            links,
        })
    }
}

fn is_link(path: &Path) -> bool {
    crate::web::is_url_path(path)
}

/// What the command line names, in order: files and folders, or links (a briefing file's
/// among them, each marked when it is listed as a feed).
enum Named {
    Files(Vec<PathBuf>),
    Link(Subscription),
    Failed(String, String),
}

/// The sources of files, folders, links and briefing files, in the order given. Links are
/// fetched now, four at a time; one that cannot be fetched is a source that says why when it
/// is loaded, as is a briefing file that cannot be read. The links come back too.
fn sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<Subscription>) {
    let mut named: Vec<Named> = Vec::new();
    for path in paths {
        let link = path.to_str().filter(|p| crate::web::is_url(p));
        if let Some(url) = link {
            named.push(Named::Link(Subscription::link(url)));
        } else if path.is_file() && crate::subscriptions::is_briefing_file(path) {
            let label = path.display().to_string();
            match crate::subscriptions::read(path) {
                // An entry that is not a link is listed with why, as a failed source.
                Ok(listed) => {
                    let skipped = listed.skipped.into_iter();
                    named.extend(skipped.map(|problem| Named::Failed(label.clone(), problem)));
                    named.extend(listed.links.into_iter().map(Named::Link));
                }
                Err(problem) => named.push(Named::Failed(label, problem)),
            }
        } else if let Some(Named::Files(files)) = named.last_mut() {
            files.push(path.clone());
        } else {
            named.push(Named::Files(vec![path.clone()]));
        }
    }
    let links: Vec<&Subscription> = named
        .iter()
        .filter_map(|n| match n {
            Named::Link(sub) => Some(sub),
            _ => None,
        })
        .collect();
    let mut fetched = vec![Vec::new(); links.len()];
    crate::web::four_at_a_time(&links, |sub| sub.sources(), |i, s| fetched[i] = s);
    let mut fetched = fetched.into_iter();
    let mut out = Vec::new();
    for n in &named {
        match n {
            Named::Files(files) => out.extend(ingest::collect(files)),
            Named::Link(_) => out.extend(fetched.next().unwrap_or_default()),
            Named::Failed(label, problem) => {
                // The message names the file already.
                let problem = problem
                    .strip_prefix(&format!("{label}: "))
                    .unwrap_or(problem);
                out.push(Source::failed(label, problem.to_string()));
            }
        }
    }
    let links = named
        .into_iter()
        .filter_map(|n| match n {
            Named::Link(sub) => Some(sub),
            _ => None,
        })
        .collect();
    (out, links)
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The absolute paths, one a line, in the order given.
fn id(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| match is_link(p) {
            true => p.display().to_string(),
            false => canonical(p).display().to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A folder's name, a file's name, or how many paths were given.
fn name(paths: &[PathBuf]) -> String {
    match paths {
        [one] if is_link(one) => {
            crate::sanitize::sanitize_line(&crate::web::host(&one.display().to_string()))
        }
        [one] => {
            let abs = canonical(one);
            crate::sanitize::sanitize_line(
                &abs.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| abs.display().to_string()),
            )
        }
        many => format!("{} sources", many.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_paths_make_the_same_id_wherever_they_are_given_from() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("talks");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.txt"), "Title\n\nText.\n").unwrap();
        let b = Briefing::open(std::slice::from_ref(&folder)).unwrap();
        assert_eq!(b.name, "talks");
        assert_eq!(b.id, canonical(&folder).display().to_string());
        let dotted = folder.join("..").join("talks");
        assert_eq!(Briefing::open(&[dotted]).unwrap().id, b.id);
        assert_eq!(Briefing::open(&[]).unwrap().id, "demo");
        let nowhere = dir.path().join("nowhere");
        let e = Briefing::open(std::slice::from_ref(&nowhere)).unwrap_err();
        assert_eq!(e, format!("{}: no such file or folder", nowhere.display()));
    }
}
