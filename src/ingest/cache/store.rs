//! The folder of kept articles (`articles/` in the data folder): one small file per source
//! file, named by a hash of where the file is and how it is listed, in 256 sub-folders. Each
//! is written to a temp file and renamed into place, so that a reader sees a whole record or
//! none; a record cut short by a crash fails its checks and is not used. The folder is kept
//! under [`LIMIT`] bytes by removing the records written longest ago.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::{Stamp, from_bytes, to_bytes};
use crate::ingest::{Article, Source};
use crate::session::fnv1a;

/// How long after a file's last change its record must have been written for the file's size
/// and time to vouch for it.
pub const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// The most the folder holds: some 50 briefings of 10,000 articles.
pub const LIMIT: u64 = 512 * 1024 * 1024;

/// Where a file's record is named by: its path, its name in the list and how it was found.
fn identity(source: &Source) -> Option<String> {
    match source {
        Source::File {
            path,
            label,
            in_folder,
        } => Some(format!("{}\0{label}\0{in_folder}", path.to_string_lossy())),
        // A feed is read once for all its entries (see `Loader`); the demo is in the binary;
        // a fetched page is in memory.
        Source::FeedEntry { .. } | Source::Embedded { .. } | Source::Web { .. } => None,
    }
}

/// The kept articles of one build of briefly.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// What the cleaning depends on (see [`build_id`]): records of another build are not used.
    build: u64,
    /// Records written in this run, and records found and used.
    written: AtomicUsize,
    used: AtomicUsize,
    /// Records put off ([`Store::later`]): per source key, where its record goes and the stamp
    /// of the file it was cleaned from.
    put_off: Option<Mutex<HashMap<String, (PathBuf, Stamp)>>>,
}

/// Gives every temp file of this process its own name (several threads write at once).
static TEMP: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// The store in `data_dir` for articles cleaned by `build`.
    pub fn new(data_dir: &Path, build: u64) -> Store {
        Store {
            dir: data_dir.join("articles"),
            build,
            written: AtomicUsize::new(0),
            used: AtomicUsize::new(0),
            put_off: None,
        }
    }

    /// This store writes an article's record only when told to ([`Self::write_put_off`]),
    /// not as the article is cleaned: writing ten thousand small files costs the system a
    /// second of CPU time, which is better spent on what the reader waits for. What is put
    /// off is a path and a stamp per article; the article itself is the caller's.
    pub fn later(mut self) -> Store {
        self.put_off = Some(Mutex::default());
        self
    }

    /// Whether records wait for [`Self::write_put_off`].
    pub fn has_put_off(&self) -> bool {
        self.put_off
            .as_ref()
            .and_then(|p| p.lock().ok())
            .is_some_and(|p| !p.is_empty())
    }

    /// Writes the record put off for the source of `key` ([`crate::ingest::Source::key`]),
    /// `article` being what was cleaned from it. Whether one was put off.
    pub fn write_put_off(&self, key: &str, article: &Article) -> bool {
        let put_off = self
            .put_off
            .as_ref()
            .and_then(|p| p.lock().ok()?.remove(key));
        match put_off {
            Some((path, stamp)) => {
                self.write(&path, &stamp, article);
                true
            }
            None => false,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the store may keep this source's article.
    pub fn keeps(source: &Source) -> bool {
        identity(source).is_some()
    }

    fn path_for(&self, source: &Source) -> Option<PathBuf> {
        let name = format!("{:016x}", fnv1a(identity(source)?.as_bytes()));
        Some(
            self.dir
                .join(&name[..2])
                .join(format!("{}.bin", &name[2..])),
        )
    }

    /// The article kept for this source, if its record is whole and was made from a file with
    /// this stamp by this build. Anything else (no record, damage, another file) is None.
    pub fn get(&self, source: &Source, stamp: &Stamp) -> Option<Article> {
        let bytes = fs::read(self.path_for(source)?).ok()?;
        let article = from_bytes(&bytes, self.build, stamp)?;
        self.used.fetch_add(1, Ordering::Relaxed);
        Some(article)
    }

    /// The article kept for this source when the file's size and time of change are those
    /// the record was made from and the record was written at least [`SETTLED`] after that
    /// time: then the file has not changed since, and it need not be read (see the module).
    pub fn get_unchanged(
        &self,
        source: &Source,
        size: u64,
        mtime: Option<std::time::SystemTime>,
    ) -> Option<Article> {
        let path = self.path_for(source)?;
        let changed = mtime?;
        let written = fs::metadata(&path).ok()?.modified().ok()?;
        if written.duration_since(changed).ok()? < SETTLED {
            return None;
        }
        let nanos = changed
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let bytes = fs::read(&path).ok()?;
        let article = super::from_bytes_if(&bytes, self.build, |kept| {
            kept.size == size && kept.mtime == nanos
        })?;
        self.used.fetch_add(1, Ordering::Relaxed);
        Some(article)
    }

    /// Keeps an article for the next run, best effort: when it cannot be written, the file is
    /// cleaned again next time.
    pub fn put(&self, source: &Source, stamp: &Stamp, article: &Article) {
        let Some(path) = self.path_for(source) else {
            return;
        };
        if let Some(put_off) = &self.put_off {
            if let Ok(mut put_off) = put_off.lock() {
                put_off.insert(source.key(), (path, *stamp));
            }
            return;
        }
        self.write(&path, stamp, article);
    }

    fn write(&self, path: &Path, stamp: &Stamp, article: &Article) {
        let Some(dir) = path.parent() else {
            return;
        };
        let tmp = dir.join(format!(
            ".tmp{}-{}",
            std::process::id(),
            TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        let bytes = to_bytes(self.build, stamp, article);
        let written = fs::create_dir_all(dir)
            .and_then(|()| fs::write(&tmp, &bytes))
            .and_then(|()| fs::rename(&tmp, path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        } else {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// (records used, records written) in this run.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.used.load(Ordering::Relaxed),
            self.written.load(Ordering::Relaxed),
        )
    }

    /// Removes the records written longest ago (and temp files left by a crash) until the
    /// folder holds at most `limit` bytes. Returns the bytes it holds after.
    pub fn prune(&self, limit: u64) -> u64 {
        let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = Vec::new();
        let Ok(subdirs) = fs::read_dir(&self.dir) else {
            return 0;
        };
        for sub in subdirs.flatten() {
            let Ok(entries) = fs::read_dir(sub.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(meta) = e.metadata() else { continue };
                let when = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                let stale_temp = e.file_name().to_string_lossy().starts_with(".tmp")
                    && when.elapsed().is_ok_and(|d| d.as_secs() > 3600);
                if stale_temp {
                    let _ = fs::remove_file(e.path());
                } else if meta.is_file() {
                    files.push((when, meta.len(), e.path()));
                }
            }
        }
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        if total <= limit {
            return total;
        }
        files.sort_by_key(|f| f.0);
        for (_, len, path) in files {
            if total <= limit {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
        total
    }
}

/// What the cleaning of this program depends on, as one number: the program file itself (its
/// size and time), so that a rebuilt briefly never serves what an older one cleaned. None when
/// the program cannot be found: then nothing is kept.
pub fn build_id() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut bytes = meta.len().to_le_bytes().to_vec();
    bytes.extend_from_slice(&mtime.as_nanos().to_le_bytes());
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    Some(fnv1a(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Paragraph;

    fn source(dir: &Path, name: &str) -> Source {
        Source::File {
            path: dir.join(name),
            label: name.into(),
            in_folder: true,
        }
    }

    fn article(text: &str) -> Article {
        Article {
            title: "t".into(),
            paragraphs: vec![Paragraph::body(text.to_string())],
            ..Article::default()
        }
    }

    #[test]
    fn a_settled_file_is_vouched_for_by_its_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 1);
        let path = dir.path().join("a.txt");
        fs::write(&path, "0123456789").unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        let a = source(dir.path(), "a.txt");
        let meta = fs::metadata(&path).unwrap();
        let stamp = Stamp::new(meta.len(), meta.modified().ok(), b"0123456789");
        store.put(&a, &stamp, &article("One."));
        let stat = |p: &Path| {
            let m = fs::metadata(p).unwrap();
            (m.len(), m.modified().ok())
        };
        let (size, mtime) = stat(&path);
        assert_eq!(store.get_unchanged(&a, size, mtime), Some(article("One.")));
        assert_eq!(
            store.get_unchanged(&a, size + 1, mtime),
            None,
            "another size"
        );
        // Changed now (the time moves past the record's): the bytes must be read again.
        fs::write(&path, "9876543210").unwrap();
        let (size, mtime) = stat(&path);
        assert_eq!(store.get_unchanged(&a, size, mtime), None);
        // A record written within the time step of the change is not trusted either.
        let meta = fs::metadata(&path).unwrap();
        store.put(
            &a,
            &Stamp::new(meta.len(), meta.modified().ok(), b"9876543210"),
            &article("Two."),
        );
        assert_eq!(
            store.get_unchanged(&a, size, mtime),
            None,
            "racy: read the bytes"
        );
    }

    #[test]
    fn kept_then_found_and_only_for_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 1);
        let a = source(dir.path(), "a.txt");
        let stamp = Stamp::new(10, None, b"0123456789");
        assert_eq!(store.get(&a, &stamp), None);
        store.put(&a, &stamp, &article("One."));
        assert_eq!(store.get(&a, &stamp), Some(article("One.")));
        assert_eq!(store.get(&source(dir.path(), "b.txt"), &stamp), None);
        assert_eq!(store.get(&a, &Stamp::new(10, None, b"0123456788")), None);
        assert_eq!(Store::new(dir.path(), 2).get(&a, &stamp), None, "build");
        assert_eq!(store.counts(), (1, 1));
    }

    #[test]
    fn a_put_off_record_is_written_only_when_told_and_then_found() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 1).later();
        let a = source(dir.path(), "a.txt");
        let stamp = Stamp::new(10, None, b"0123456789");
        store.put(&a, &stamp, &article("One."));
        assert!(store.has_put_off());
        assert_eq!(store.get(&a, &stamp), None, "not written yet");
        assert!(!store.write_put_off("elsewhere", &article("One.")));
        assert!(store.write_put_off(&a.key(), &article("One.")));
        assert!(!store.has_put_off());
        assert_eq!(store.get(&a, &stamp), Some(article("One.")));
        // Written once: a second call has nothing to write.
        assert!(!store.write_put_off(&a.key(), &article("Two.")));
        assert_eq!(store.counts(), (1, 1));
    }

    #[test]
    fn pruning_removes_the_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 1);
        let stamp = Stamp::new(1, None, b"x");
        let names: Vec<String> = (0..6).map(|i| format!("{i}.txt")).collect();
        for (i, name) in names.iter().enumerate() {
            let s = source(dir.path(), name);
            store.put(&s, &stamp, &article(&"word ".repeat(50)));
            // Written an hour apart, the first longest ago.
            let when =
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(3600 * (i as u64 + 1));
            let file = fs::File::options()
                .write(true)
                .open(store.path_for(&s).unwrap())
                .unwrap();
            file.set_modified(when).unwrap();
        }
        let all = store.prune(u64::MAX);
        let one = all / 6;
        let left = store.prune(one * 3);
        assert!(left <= one * 3, "{left} > {}", one * 3);
        let kept: Vec<bool> = names
            .iter()
            .map(|n| store.get(&source(dir.path(), n), &stamp).is_some())
            .collect();
        assert_eq!(kept, [false, false, false, true, true, true]);
    }
}
