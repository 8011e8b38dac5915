//! Packs of kept articles: the records of one batch in one file (`articles/packs/`), for a
//! large briefing's first opening, where one file per article cost the system several
//! seconds of creating files (some 400 µs each here) after the articles were read.
//!
//! A pack is written whole to a temp file and renamed into place, so a reader sees all of it
//! or none. It starts with a table, (name hash of the record's source, offset, length) per
//! record, then the records, each checked when read as a file's record is
//! ([`super::from_bytes`]). A pack is read through its table only: the records a briefing
//! asks for are read where they lie. Where several packs hold a record for one source, the
//! newest comes first; a pack whose every record a newer pack also holds is obsolete, and
//! pruning removes it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

const MAGIC: &[u8; 8] = b"BRPACK\x00\x01";

/// One table row: the name hash, the record's offset and its length.
type Row = (u64, u64, u32);

/// A row's size in the file.
const ROW: usize = 8 + 8 + 4;

/// Gives every temp file of this process its own name.
static TEMP: AtomicU64 = AtomicU64::new(0);

/// Writes one pack in `dir` of the records of these name hashes, record `i` made by
/// `record(i)` as it is written (the pack is made in memory, one record at a time).
pub fn write(
    dir: &Path,
    names: &[u64],
    mut record: impl FnMut(usize) -> Vec<u8>,
) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let table = MAGIC.len() + 4 + ROW * names.len();
    let mut out = vec![0u8; table];
    out[..MAGIC.len()].copy_from_slice(MAGIC);
    out[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(names.len() as u32).to_le_bytes());
    for (i, name) in names.iter().enumerate() {
        let at = out.len() as u64;
        out.extend_from_slice(&record(i));
        let len = (out.len() as u64 - at) as u32;
        let row = &mut out[MAGIC.len() + 4 + ROW * i..][..ROW];
        row[..8].copy_from_slice(&name.to_le_bytes());
        row[8..16].copy_from_slice(&at.to_le_bytes());
        row[16..].copy_from_slice(&len.to_le_bytes());
    }
    let n = TEMP.fetch_add(1, Ordering::Relaxed);
    let pid = std::process::id();
    let tmp = dir.join(format!(".tmp{pid}-{n}"));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = dir.join(format!("{nanos:032x}-{pid}-{n}.pack"));
    let written = fs::write(&tmp, &out).and_then(|()| fs::rename(&tmp, &name));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// One pack: the open file (read by one thread at a time) and when it was written.
#[derive(Debug)]
struct Pack {
    file: Mutex<fs::File>,
    written: SystemTime,
}

/// `n` bytes of `file` from `at`.
fn read_at(mut file: &fs::File, at: u64, n: usize) -> Option<Vec<u8>> {
    let mut bytes = vec![0u8; n];
    file.seek(SeekFrom::Start(at)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// The packs of a folder, by the name hash of each record's source.
#[derive(Default, Debug)]
pub struct Packs {
    packs: Vec<Pack>,
    /// Per name hash, (pack, offset, length), the newest pack first.
    at: HashMap<u64, Vec<(u32, u64, u32)>>,
}

/// A pack's table, if the file is one (a table that does not fit the file is not).
fn table(file: &fs::File, len: u64) -> Option<Vec<Row>> {
    let head = read_at(file, 0, 12)?;
    if &head[..8] != MAGIC {
        return None;
    }
    let count = u32::from_le_bytes(head[8..12].try_into().ok()?) as u64;
    let size = 12 + count.checked_mul(ROW as u64)?;
    if size > len {
        return None;
    }
    let rows = read_at(file, 12, (size - 12) as usize)?;
    let rows: Vec<Row> = rows
        .chunks_exact(ROW)
        .map(|r| {
            let u = |a: usize, b: usize| r[a..b].iter().rev().fold(0u64, |x, &b| x << 8 | b as u64);
            (u(0, 8), u(8, 16), u(16, 20) as u32)
        })
        .collect();
    rows.iter()
        .all(|&(_, at, n)| at >= size && at.checked_add(n as u64).is_some_and(|end| end <= len))
        .then_some(rows)
}

/// The packs in `dir` with their tables, the newest first; files that are not whole packs
/// are left out.
fn listed(dir: &Path) -> Vec<(PathBuf, Pack, Vec<Row>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pack"))
        // Only files (opening a FIFO would wait for a writer).
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let file = fs::File::open(e.path()).ok()?;
            let meta = file.metadata().ok().filter(fs::Metadata::is_file)?;
            let rows = table(&file, meta.len())?;
            let written = meta.modified().ok()?;
            let file = Mutex::new(file);
            Some((e.path(), Pack { file, written }, rows))
        })
        .collect();
    found.sort_by(|a, b| (b.1.written, &b.0).cmp(&(a.1.written, &a.0)));
    found
}

impl Packs {
    /// The packs in `dir` (none when there is no such folder).
    pub fn read(dir: &Path) -> Packs {
        let mut packs = Packs::default();
        for (_, pack, rows) in listed(dir) {
            let p = packs.packs.len() as u32;
            for (name, at, n) in rows {
                packs.at.entry(name).or_default().push((p, at, n));
            }
            packs.packs.push(pack);
        }
        packs
    }

    /// The records kept for the source of name hash `name`, the newest first, with when each
    /// was written (records that cannot be read are left out).
    pub fn records(&self, name: u64) -> impl Iterator<Item = (Vec<u8>, SystemTime)> + '_ {
        self.at
            .get(&name)
            .into_iter()
            .flatten()
            .filter_map(|&(p, at, n)| {
                let pack = &self.packs[p as usize];
                let file = pack.file.lock().ok()?;
                let bytes = read_at(&file, at, n as usize)?;
                Some((bytes, pack.written))
            })
    }
}

/// Removes the packs in `dir` whose every record a newer pack holds too. Returns how many.
pub fn remove_obsolete(dir: &Path) -> usize {
    let mut seen: HashSet<u64> = HashSet::new();
    let mut removed = 0;
    for (path, _, rows) in listed(dir) {
        let mut news = false;
        for (name, _, _) in rows {
            news |= seen.insert(name);
        }
        if !news && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(packs: &Packs, name: u64) -> Vec<Vec<u8>> {
        packs.records(name).map(|(b, _)| b).collect()
    }

    #[test]
    fn records_come_back_the_newest_first_and_bad_packs_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, &[1, 2], |i| [b"one", b"two"][i].to_vec()).unwrap();
        // Written a moment later (the newest is told by the file's time).
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(d, &[1], |i| [b"uno"][i].to_vec()).unwrap();
        let packs = Packs::read(d);
        assert_eq!(all(&packs, 1), [b"uno".to_vec(), b"one".to_vec()]);
        assert_eq!(all(&packs, 2), [b"two".to_vec()]);
        assert!(all(&packs, 3).is_empty());
        // Cut short, not a pack, or a table pointing past the end: not read, the rest is.
        let whole = fs::read(fs::read_dir(d).unwrap().next().unwrap().unwrap().path()).unwrap();
        fs::write(d.join("cut.pack"), &whole[..whole.len() - 1]).unwrap();
        fs::write(d.join("zero.pack"), b"").unwrap();
        let mut lying = MAGIC.to_vec();
        lying.extend_from_slice(&u32::MAX.to_le_bytes());
        fs::write(d.join("lying.pack"), &lying).unwrap();
        fs::create_dir(d.join("folder.pack")).unwrap();
        let packs = Packs::read(d);
        assert_eq!(packs.packs.len(), 2);
        assert_eq!(all(&packs, 2), [b"two".to_vec()]);
        assert!(Packs::read(&d.join("none")).packs.is_empty());
    }

    #[test]
    fn a_pack_whose_records_are_all_newer_elsewhere_is_obsolete() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, &[1, 2], |i| [b"a", b"b"][i].to_vec()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(d, &[1], |i| [b"c"][i].to_vec()).unwrap();
        assert_eq!(remove_obsolete(d), 0, "the first still holds 2");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(d, &[2], |i| [b"d"][i].to_vec()).unwrap();
        assert_eq!(remove_obsolete(d), 1);
        let packs = Packs::read(d);
        assert_eq!(all(&packs, 1), [b"c".to_vec()]);
        assert_eq!(all(&packs, 2), [b"d".to_vec()]);
    }
}
