//! The folder of kept articles (`articles/` in the data folder): one small file per source
//! file, named by a hash of where the file is and how it is listed, in 256 sub-folders. Each
//! is written to a temp file and renamed into place, so that a reader sees a whole record or
//! none; a record cut short by a crash fails its checks and is not used. Records put off and
//! then written many at once go in one file, a pack ([`super::pack`]). The folder is kept
//! under [`LIMIT`] bytes by removing the records written longest ago.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

pub use super::build_id;
use super::pack::{self, Packs};
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
    /// Records put off ([`Store::later`]): per source key, where its record goes, its name
    /// hash and the stamp of the file it was cleaned from.
    put_off: Option<Mutex<HashMap<String, PutOff>>>,
    /// The packs in the folder, read when a record is first looked for.
    packs: OnceLock<Packs>,
    /// Records made and not yet written ([`Store::batched`]): name hash, path, bytes.
    batch: Option<Mutex<Vec<Made>>>,
}

/// A record put off: where it goes, its name hash and the stamp of its file.
type PutOff = (PathBuf, u64, Stamp);

/// A record made and not yet written: its name hash, its path and its bytes.
type Made = (u64, PathBuf, Vec<u8>);

/// Fewest records put off worth a pack: fewer are written one file each.
pub const PACK_MIN: usize = 32;

/// Most records in one pack (some 6 MB of a briefing's articles), made in memory.
pub const PACK_MAX: usize = 1024;

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
            packs: OnceLock::new(),
            batch: None,
        }
    }

    /// This store writes records [`PACK_MAX`] at a time, in a pack, and the rest when it is
    /// dropped: for a command that cleans a whole briefing at once (`briefly search`), where
    /// a file each cost the system more than the cleaning.
    pub fn batched(mut self) -> Store {
        self.batch = Some(Mutex::default());
        self
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
            Some((path, _, stamp)) => {
                self.write(&path, &stamp, article);
                true
            }
            None => false,
        }
    }

    /// Writes the records put off for these (source key, article) pairs: [`PACK_MAX`] to a
    /// pack, and a file each where fewer than [`PACK_MIN`] are left. How many were put off.
    pub fn write_put_off_all(&self, articles: &[(&str, &Article)]) -> usize {
        let Some(put_off) = &self.put_off else {
            return 0;
        };
        let mut count = 0;
        for chunk in articles.chunks(PACK_MAX) {
            if chunk.len() < PACK_MIN {
                count += chunk
                    .iter()
                    .filter(|(key, article)| self.write_put_off(key, article))
                    .count();
                continue;
            }
            let records: Vec<(u64, Stamp, &Article)> = {
                let Ok(mut put_off) = put_off.lock() else {
                    return count;
                };
                chunk
                    .iter()
                    .filter_map(|&(key, article)| {
                        let (_, name, stamp) = put_off.remove(key)?;
                        Some((name, stamp, article))
                    })
                    .collect()
            };
            if records.is_empty() {
                continue;
            }
            let names: Vec<u64> = records.iter().map(|r| r.0).collect();
            let written = pack::write(&self.dir.join("packs"), &names, |i| {
                to_bytes(self.build, &records[i].1, records[i].2)
            });
            if written.is_ok() {
                self.written.fetch_add(records.len(), Ordering::Relaxed);
            }
            count += records.len();
        }
        count
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the store may keep this source's article.
    pub fn keeps(source: &Source) -> bool {
        identity(source).is_some()
    }

    /// The hash a source's record is named by.
    fn name_of(source: &Source) -> Option<u64> {
        Some(fnv1a(identity(source)?.as_bytes()))
    }

    fn packs(&self) -> &Packs {
        self.packs
            .get_or_init(|| Packs::read(&self.dir.join("packs")))
    }

    fn path_for(&self, source: &Source) -> Option<PathBuf> {
        let name = format!("{:016x}", Self::name_of(source)?);
        Some(
            self.dir
                .join(&name[..2])
                .join(format!("{}.bin", &name[2..])),
        )
    }

    /// The article kept for this source, if its record is whole and was made from a file with
    /// this stamp by this build. Anything else (no record, damage, another file) is None.
    pub fn get(&self, source: &Source, stamp: &Stamp) -> Option<Article> {
        let own = fs::read(self.path_for(source)?).ok();
        let article = own
            .and_then(|bytes| from_bytes(&bytes, self.build, stamp))
            .or_else(|| {
                let mut packed = self.packs().records(Self::name_of(source)?);
                packed.find_map(|(bytes, _)| from_bytes(&bytes, self.build, stamp))
            })?;
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
        let nanos = changed
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let vouched = |bytes: &[u8], written: std::time::SystemTime| {
            if written.duration_since(changed).ok()? < SETTLED {
                return None;
            }
            super::from_bytes_if(bytes, self.build, |kept| {
                kept.size == size && kept.mtime == nanos
            })
        };
        let own = fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|written| vouched(&fs::read(&path).ok()?, written));
        let article = own.or_else(|| {
            let mut packed = self.packs().records(Self::name_of(source)?);
            packed.find_map(|(bytes, written)| vouched(&bytes, written))
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
            if let Ok(mut put_off) = put_off.lock()
                && let Some(name) = Self::name_of(source)
            {
                put_off.insert(source.key(), (path, name, *stamp));
            }
            return;
        }
        if let Some(batch) = &self.batch {
            let Some(name) = Self::name_of(source) else {
                return;
            };
            let bytes = to_bytes(self.build, stamp, article);
            let full = batch.lock().ok().and_then(|mut b| {
                b.push((name, path, bytes));
                self.written.fetch_add(1, Ordering::Relaxed);
                (b.len() >= PACK_MAX).then(|| std::mem::take(&mut *b))
            });
            if let Some(full) = full {
                self.write_batch(full);
            }
            return;
        }
        self.write(&path, stamp, article);
    }

    fn write(&self, path: &Path, stamp: &Stamp, article: &Article) {
        if write_bytes(path, &to_bytes(self.build, stamp, article)) {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Records made by [`Self::batched`]'s `put`: in a pack, or a file each when few.
    fn write_batch(&self, mut records: Vec<Made>) {
        if records.len() < PACK_MIN {
            for (_, path, bytes) in &records {
                write_bytes(path, bytes);
            }
            return;
        }
        let names: Vec<u64> = records.iter().map(|r| r.0).collect();
        let _ = pack::write(&self.dir.join("packs"), &names, |i| {
            std::mem::take(&mut records[i].2)
        });
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
        pack::remove_obsolete(&self.dir.join("packs"));
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

/// Writes a record's bytes to a temp file renamed to `path`. Whether it was written.
fn write_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    let tmp = dir.join(format!(
        ".tmp{}-{}",
        std::process::id(),
        TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    let written = fs::create_dir_all(dir)
        .and_then(|()| fs::write(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.is_ok()
}

impl Drop for Store {
    /// Writes what [`Store::batched`] holds, then keeps the folder within its limit.
    fn drop(&mut self) {
        let left = self
            .batch
            .as_ref()
            .and_then(|b| b.lock().ok().map(|mut b| std::mem::take(&mut *b)));
        if let Some(left) = left.filter(|l| !l.is_empty()) {
            self.write_batch(left);
            self.prune(LIMIT);
        }
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
