//! What briefly remembers about a briefing between runs: the selected article, where the reader
//! was in each article and which were read. One small JSON file per briefing in the data dir,
//! written atomically (temp file, fsync, rename).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::{Anchor, AppState};

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    /// Key of the selected article.
    pub selected: Option<String>,
    pub articles: BTreeMap<String, ArticleMemory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleMemory {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub anchor: Anchor,
    /// What was on screen: what counts as read in the other articles of its story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<crate::app::stories::Seen>,
    /// In which order it was first read: what was read in it was read before what was read
    /// in articles opened later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<u64>,
}

impl Session {
    /// What to remember of the state: only articles that were read or scrolled.
    pub fn capture(state: &AppState) -> Session {
        let articles = state
            .entries
            .iter()
            .filter(|e| e.read || e.anchor != Anchor::default() || !e.seen.is_empty())
            .map(|e| {
                (
                    e.key.clone(),
                    ArticleMemory {
                        read: e.read,
                        anchor: e.anchor,
                        seen: e.seen.clone(),
                        opened: e.opened,
                    },
                )
            })
            .collect();
        Session {
            version: VERSION,
            selected: state.entries.get(state.selected).map(|e| e.key.clone()),
            articles,
        }
    }

    /// Puts remembered positions back into a freshly built state.
    pub fn restore(&self, state: &mut AppState) {
        for (i, entry) in state.entries.iter_mut().enumerate() {
            if let Some(m) = self.articles.get(&entry.key) {
                entry.read = m.read;
                entry.anchor = m.anchor;
                entry.seen = m.seen.clone();
                entry.opened = m.opened;
            }
            if self.selected.as_deref() == Some(entry.key.as_str()) {
                state.selected = i;
            }
        }
    }
}

/// The session file for a briefing, named by a stable hash of what was opened.
pub fn path_for(data_dir: &Path, briefing_id: &str) -> PathBuf {
    data_dir
        .join("sessions")
        .join(format!("{:016x}.json", fnv1a(briefing_id.as_bytes())))
}

/// Reads a session; a missing file is a fresh start, a damaged one is reported and ignored
/// (it is rewritten on quit: it holds positions, nothing the user wrote).
pub fn load(path: &Path) -> Result<Option<Session>, String> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: cannot be read ({e})", path.display())),
    };
    let session: Session = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: saved positions are damaged ({e}); starting fresh",
            path.display()
        )
    })?;
    if session.version > VERSION {
        return Err(format!(
            "{}: saved by a newer briefly (version {}); positions not restored",
            path.display(),
            session.version
        ));
    }
    Ok(Some(session))
}

pub fn save(path: &Path, session: &Session) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(session).map_err(std::io::Error::other)?;
    write_atomic(path, &json)
}

/// Writes a file so that a crash leaves either the old or the new contents, never a mix: a
/// temp file in the same folder, fsync, rename over, fsync the folder. When any step fails
/// the temp file is removed and the file is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, |w| w.write_all(bytes))?.commit()
}

/// The new contents of a file, written by `write` to a temp file beside it and fsynced, not
/// yet in place: `commit` renames it over the file. Dropped without a commit (or when the
/// commit fails), the temp file is removed, so that a failed save (a full disk, a folder
/// that cannot be written) leaves nothing behind. A symbolic link is followed: the temp file
/// is made in its target's folder and replaces the target, and the link stays a link. The
/// new file keeps the old one's permissions.
pub fn stage(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<Staged> {
    let path = resolve_links(path)?;
    // Only a regular file is replaced: a rename over a device, a FIFO or a socket (a link to
    // /dev/null) would put a file in its place, for every program on the machine.
    if let Ok(m) = fs::symlink_metadata(&path)
        && !m.is_file()
    {
        return Err(std::io::Error::other(format!(
            "{}: not a regular file",
            path.display()
        )));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    ensure_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let file = fs::File::create(&tmp)?;
    // From here on the temp file exists: dropping `staged` on any error removes it.
    let staged = Staged {
        tmp,
        path: path.clone(),
        committed: false,
    };
    if let Ok(old) = fs::metadata(&path) {
        file.set_permissions(old.permissions())?;
    }
    let mut w = std::io::BufWriter::new(file);
    write(&mut w)?;
    let file = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    file.sync_all()?;
    Ok(staged)
}

/// Where a write to `path` lands: its symbolic links followed (a relative one from its own
/// folder), at most 40 of them, as the system does.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Makes a folder and those above it. When one of them is there but is not a folder, says
/// which one plainly ("notes.md: not a folder") rather than "File exists".
pub fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    let Err(e) = fs::create_dir_all(dir) else {
        return Ok(());
    };
    for above in dir.ancestors().filter(|a| !a.as_os_str().is_empty()) {
        match fs::metadata(above) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    format!("{}: not a folder", above.display()),
                ));
            }
            // A link to nothing.
            Err(_) if fs::symlink_metadata(above).is_ok() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "{}: a link to a folder that does not exist",
                        above.display()
                    ),
                ));
            }
            Err(_) => {}
        }
    }
    Err(e)
}

/// A temp file written in full, waiting to replace its file (see `stage`).
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Staged {
    /// Renames the temp file over the file and fsyncs the folder.
    pub fn commit(mut self) -> std::io::Result<()> {
        fs::rename(&self.tmp, &self.path)?;
        self.committed = true;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// FNV-1a: a hash that stays the same across Rust releases, unlike `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(dir.path(), "demo");
        assert_eq!(load(&path).unwrap(), None);
        let mut s = Session {
            version: VERSION,
            selected: Some("a".into()),
            ..Session::default()
        };
        s.articles.insert(
            "a".into(),
            ArticleMemory {
                read: true,
                anchor: Anchor {
                    para: 3,
                    offset: 10,
                    gap: true,
                },
                seen: vec![((0, 0), (3, 10)), ((5, 2), (7, 0))],
                opened: Some(2),
            },
        );
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), Some(s));
        fs::write(&path, "{not json").unwrap();
        let e = load(&path).unwrap_err();
        assert!(e.contains("damaged") && e.contains(".json"), "{e}");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("positions.json");
        write_atomic(&path, b"old").unwrap();
        // A disk that fills up after a few bytes.
        let full = stage(&path, |w| {
            w.write_all(b"new, half")?;
            Err(std::io::Error::from_raw_os_error(28))
        });
        assert_eq!(full.unwrap_err().raw_os_error(), Some(28));
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["positions.json"]);
        // Staged but never committed: nothing changes either.
        drop(stage(&path, |w| w.write_all(b"new")).unwrap());
        assert_eq!(names(dir.path()), ["positions.json"]);
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("positions.json"), b"old").unwrap();
        fs::set_permissions(
            real.join("positions.json"),
            fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        symlink("real/positions.json", dir.path().join("link.json")).unwrap();
        write_atomic(&dir.path().join("link.json"), b"new").unwrap();
        let link = fs::symlink_metadata(dir.path().join("link.json")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(fs::read(real.join("positions.json")).unwrap(), b"new");
        assert_eq!(
            names(&real),
            ["positions.json"],
            "the temp file was made there"
        );
        let mode = fs::metadata(real.join("positions.json"))
            .unwrap()
            .permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
        // Never a rename over what is not a regular file: a FIFO here stands for a device.
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        symlink("fifo", dir.path().join("to-fifo")).unwrap();
        let e = write_atomic(&dir.path().join("to-fifo"), b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: not a regular file", fifo.display())
        );
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        // Links in a loop: an error, not a hang.
        symlink("b", dir.path().join("a")).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        let e = write_atomic(&dir.path().join("a"), b"x").unwrap_err();
        assert!(
            e.to_string().contains("too many levels of symbolic links"),
            "{e}"
        );
    }

    #[test]
    fn a_rename_that_fails_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        // A folder (not empty) where the file should go: the rename over it fails.
        let path = dir.path().join("taken");
        fs::create_dir_all(path.join("inside")).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
    }

    #[test]
    fn a_data_dir_below_a_file_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("file"), b"x").unwrap();
        let path = path_for(&dir.path().join("file").join("data"), "demo");
        let e = save(&path, &Session::default()).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::NotADirectory, "{e}");
        assert_eq!(
            e.to_string(),
            format!("{}: not a folder", dir.path().join("file").display())
        );
        assert_eq!(names(dir.path()), ["file"]);
    }
}
