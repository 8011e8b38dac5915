//! The paths given on the command line, as sources: folders walked, feeds split into their
//! entries. Nothing here opens a file that is not a regular file.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::read::{self, inner_name};
use super::{Format, Source, feed};

/// File endings opened when a folder is given (also inside a `.gz` name: `page.html.gz`). A
/// file named on the command line is opened whatever its ending.
const OPENED_IN_FOLDERS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "rss", "atom", "xml",
];

/// Expands the paths given on the command line into sources, in a stable order: each path in
/// the order given, a folder's files sorted by their path inside it, a feed's entries in the
/// feed's order. Paths are made absolute (so that positions are remembered wherever briefly
/// is started) and each file is listed once. Paths that do not exist are kept, so that the
/// list can say what is wrong with them. Pipes, sockets and devices in a folder are listed
/// (when their names have an ending briefly opens) and say why they are not opened.
pub fn collect(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let path = canonical(path);
        if path.is_dir() {
            let mut files = Vec::new();
            let mut visited = HashSet::new();
            walk(&path, &mut files, &mut visited, 0);
            let mut labelled: Vec<(String, PathBuf)> = files
                .into_iter()
                .map(|f| {
                    let label = f
                        .strip_prefix(&path)
                        .unwrap_or(&f)
                        .to_string_lossy()
                        .into_owned();
                    (label, f)
                })
                .collect();
            // Name order as people read it: "b.txt" before "C.txt".
            labelled.sort_by(|a, b| {
                a.0.to_lowercase()
                    .cmp(&b.0.to_lowercase())
                    .then(a.0.cmp(&b.0))
            });
            // A folder with nothing to open is still named (it fails to open and says why),
            // not silently left out beside the others.
            if labelled.is_empty() && seen.insert(path.clone()) {
                let label = file_label(&path);
                push_file(&mut out, path, label, false);
                continue;
            }
            for (label, f) in labelled {
                if seen.insert(f.clone()) {
                    push_file(&mut out, f, label, true);
                }
            }
        } else if seen.insert(path.clone()) {
            let label = file_label(&path);
            push_file(&mut out, path, label, false);
        }
    }
    out
}

/// Adds a file, or one source per entry when it is a feed. Only regular files whose name says
/// feed (.rss, .atom, .xml, .json, also gzip-compressed) are opened here, so that listing a
/// large folder stays fast and a pipe is never read twice.
fn push_file(out: &mut Vec<Source>, path: PathBuf, label: String, in_folder: bool) {
    let lower = label.to_lowercase();
    let inner = inner_name(&lower);
    if [".rss", ".atom", ".xml", ".json"]
        .iter()
        .any(|e| inner.ends_with(e))
        && fs::metadata(&path).is_ok_and(|m| m.is_file())
        && let Ok(contents) = read::read(&path, in_folder)
        && Format::detect(inner, &contents.bytes) == Format::Feed
        && let Ok(n) = feed::entry_count(&contents.bytes)
        && n > 0
    {
        for index in 0..n {
            out.push(Source::FeedEntry {
                path: path.clone(),
                index,
                label: format!("{label} #{}", index + 1),
            });
        }
        return;
    }
    out.push(Source::File {
        path,
        label,
        in_folder,
    });
}

pub fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Collects the files under `dir` (an absolute, canonical path) that briefly opens, so that
/// the paths it adds are canonical too: only symlinks need resolving, not every file (10,000
/// files cost 10,000 `canonicalize` calls otherwise).
fn walk(dir: &Path, files: &mut Vec<PathBuf>, visited: &mut HashSet<PathBuf>, depth: usize) {
    // Symlinked folders can form loops; a folder is entered once.
    if depth > 16 || !visited.insert(dir.to_path_buf()) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let (path, is_dir) = if kind.is_symlink() {
            let target = canonical(&path);
            let is_dir = target.is_dir();
            (target, is_dir)
        } else {
            (path, kind.is_dir())
        };
        if is_dir {
            walk(&path, files, visited, depth + 1);
        } else if opened_in_folders(&path) {
            files.push(path);
        }
    }
}

fn opened_in_folders(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    let Some(name) = name else {
        return false;
    };
    inner_name(&name)
        .rsplit_once('.')
        .is_some_and(|(_, ext)| OPENED_IN_FOLDERS.contains(&ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_name_order_and_skip_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "C.txt", "c.jpg", ".hidden.txt", "d.html"] {
            fs::write(dir.path().join(name), "Title line\n").unwrap();
        }
        fs::write(dir.path().join("e.html.gz"), "x").unwrap();
        fs::write(dir.path().join("f.tar.gz"), "x").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/0.txt"), "x y\n").unwrap();
        let names: Vec<String> = collect(&[dir.path().to_path_buf()])
            .iter()
            .map(Source::display_name)
            .collect();
        assert_eq!(
            names,
            ["a.md", "b.txt", "C.txt", "d.html", "e.html.gz", "sub/0.txt"]
        );
    }
}
