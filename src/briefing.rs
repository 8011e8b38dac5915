//! What the command line names: the demo briefing, or the articles under some paths, with the
//! name the user sees and the id that finds the briefing's positions and notes again. The
//! reader, `briefly export` and `briefly import` all open briefings here, so the same paths
//! always reach the same notes.

use std::path::{Path, PathBuf};

use crate::ingest::{self, Source};

#[derive(Debug, Clone)]
pub struct Briefing {
    /// What the user calls it: a folder's or a file's name, "N sources", "Demo briefing".
    pub name: String,
    /// Names the briefing across runs (for its session and notes files).
    pub id: String,
    pub sources: Vec<Source>,
}

impl Briefing {
    /// The built-in demo briefing.
    pub fn demo() -> Briefing {
        Briefing {
            name: "Demo briefing".into(),
            id: "demo".into(),
            sources: crate::demo::sources(),
        }
    }

    /// The briefing the paths name; with none, the demo. A path that does not exist is an
    /// error only when no path does.
    pub fn open(paths: &[PathBuf]) -> Result<Briefing, String> {
        if paths.is_empty() {
            return Ok(Briefing::demo());
        }
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| !p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if missing.len() == paths.len() {
            return Err(format!("no such file or folder: {}", missing.join(", ")));
        }
        let sources = ingest::collect(paths);
        if sources.is_empty() {
            return Err(format!(
                "no articles (text, Markdown, HTML or feed files) in {}",
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
        })
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The absolute paths, one a line, in the order given.
fn id(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| canonical(p).display().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A folder's name, a file's name, or how many paths were given.
fn name(paths: &[PathBuf]) -> String {
    match paths {
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
        let e = Briefing::open(&[dir.path().join("nowhere")]).unwrap_err();
        assert!(e.starts_with("no such file or folder"), "{e}");
    }
}
