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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleMemory {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub anchor: Anchor,
}

impl Session {
    /// What to remember of the state: only articles that were read or scrolled.
    pub fn capture(state: &AppState) -> Session {
        let articles = state
            .entries
            .iter()
            .filter(|e| e.read || e.anchor != Anchor::default())
            .map(|e| {
                (
                    e.key.clone(),
                    ArticleMemory {
                        read: e.read,
                        anchor: e.anchor,
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
/// temp file in the same folder, fsync, rename over, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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
            },
        );
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), Some(s));
        fs::write(&path, "{not json").unwrap();
        let e = load(&path).unwrap_err();
        assert!(e.contains("damaged") && e.contains(".json"), "{e}");
    }
}
