//! A source's bytes: regular files; pipes and devices named on the command line (never those
//! found in a folder, which could block or never end); gzip-compressed files, known by their
//! first bytes whatever their name. At most [`MAX_BYTES`] are read, unpacked.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The most of one file that is read (unpacked); the rest is left out with a notice.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// A compressed file is read up to this many bytes (a real one holding [`MAX_BYTES`] is far
/// smaller; this stops a stream of empty blocks that unpacks to nothing).
const MAX_PACKED_BYTES: u64 = 4 * MAX_BYTES;

/// Files up to this size are read at once by the reader, on its main thread.
const INLINE_BYTES: u64 = 1 << 20;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// What was read.
#[derive(Debug, Default)]
pub struct Contents {
    pub bytes: Vec<u8>,
    /// Why only part of the file is there, when it is not all there.
    pub cut: Option<Cut>,
}

/// Why only part of a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// More was there than [`MAX_BYTES`] (unpacked).
    AtLimit,
    /// A gzip file that ends before its data does (a download cut short).
    GzipCutShort,
    /// A gzip file whose data goes bad part of the way through.
    GzipDamaged,
}

impl Cut {
    /// What the reader is told, as the article's notice.
    pub fn notice(self) -> String {
        match self {
            Cut::AtLimit => format!(
                "only the first {} MiB of this file are shown",
                MAX_BYTES / (1024 * 1024)
            ),
            Cut::GzipCutShort => {
                "the gzip file is cut short: only what could be unpacked is shown".into()
            }
            Cut::GzipDamaged => {
                "the gzip file is damaged: only what could be unpacked before the damage is shown"
                    .into()
            }
        }
    }
}

/// Why something in a folder that is not a regular file is not opened, from its metadata
/// alone; `None` for regular files.
pub fn not_regular(meta: &fs::Metadata) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    let what = special_kind(meta);
    Some(format!(
        "is {what}, not a regular file; not opened in a folder"
    ))
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Reads a file. One found in a folder is opened only when it is a regular file; one named on
/// the command line may be a pipe (read until its writer closes it) or a device (read up to the
/// limit).
pub fn read(path: &Path, in_folder: bool) -> Result<Contents, String> {
    let meta = fs::metadata(path).map_err(io_problem)?;
    if meta.is_dir() {
        return Err("is a folder with no files briefly can open".into());
    }
    if in_folder && let Some(problem) = not_regular(&meta) {
        return Err(problem);
    }
    let file = fs::File::open(path).map_err(io_problem)?;
    // The file may have been swapped for a pipe since it was looked at.
    if in_folder && let Some(problem) = file.metadata().ok().and_then(|m| not_regular(&m)) {
        return Err(problem);
    }
    let capacity = if meta.is_file() {
        meta.len().min(MAX_BYTES)
    } else {
        0
    };
    read_stream(file, capacity as usize)
}

/// Reads bytes, unpacking them when they are gzip-compressed.
pub fn read_stream(mut input: impl Read, capacity: usize) -> Result<Contents, String> {
    // The first two bytes say gzip; a pipe may hand them over one at a time.
    let mut head = Vec::with_capacity(2);
    while head.len() < 2 {
        let mut byte = [0u8; 1];
        match input.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => head.push(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_problem(e)),
        }
    }
    let gzip = head == GZIP_MAGIC;
    let input = io::Cursor::new(head).chain(input);
    if gzip {
        return gunzip(input);
    }
    let mut bytes = Vec::with_capacity(capacity);
    input
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    Ok(capped(bytes))
}

fn gunzip(input: impl Read) -> Result<Contents, String> {
    let mut decoder = flate2::read::MultiGzDecoder::new(input.take(MAX_PACKED_BYTES));
    let mut bytes = Vec::new();
    let result = (&mut decoder).take(MAX_BYTES + 1).read_to_end(&mut bytes);
    match result {
        Ok(_) => Ok(capped(bytes)),
        // The packed data went on past what is read of it: what was unpacked is shown.
        Err(_) if decoder.get_ref().limit() == 0 => Ok(Contents {
            bytes,
            cut: Some(Cut::AtLimit),
        }),
        // What was unpacked before the data ended or went bad is shown, and said to be part.
        Err(e) if !bytes.is_empty() => {
            let mut c = capped(bytes);
            if c.cut.is_none() {
                c.cut = Some(if e.kind() == io::ErrorKind::UnexpectedEof {
                    Cut::GzipCutShort
                } else {
                    Cut::GzipDamaged
                });
            }
            Ok(c)
        }
        Err(e) => Err(format!(
            "is a gzip file that cannot be unpacked ({})",
            crate::sanitize::sanitize_line(&e.to_string())
        )),
    }
}

fn capped(mut bytes: Vec<u8>) -> Contents {
    let over = bytes.len() as u64 > MAX_BYTES;
    if over {
        bytes.truncate(MAX_BYTES as usize);
    }
    Contents {
        bytes,
        cut: over.then_some(Cut::AtLimit),
    }
}

/// The size of a file as its metadata gives it (0 when unknown); the file is not opened.
pub fn size(path: &Path) -> u64 {
    fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// True only for a regular file small enough to read at once without keeping anyone waiting:
/// not a pipe or a device (reading those may block or never end), not a compressed file
/// (which may unpack to the limit).
pub fn inline_ok(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        // Nothing to wait for: the error comes at once.
        return true;
    };
    if !meta.is_file() || meta.len() > INLINE_BYTES {
        return false;
    }
    // A regular file opens without waiting; its first bytes say whether it is compressed.
    let mut head = [0u8; 2];
    match fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)) {
        Ok(()) => head != GZIP_MAGIC,
        Err(_) => true,
    }
}

pub fn io_problem(e: io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!(
            "cannot be read ({})",
            crate::sanitize::sanitize_line(&e.to_string())
        ),
    }
}

/// The name a compressed file's contents would have: `page.html.gz` holds `page.html`.
pub fn inner_name(name: &str) -> &str {
    if name.to_ascii_lowercase().ends_with(".gz") {
        &name[..name.len() - 3]
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_is_unpacked_by_its_first_bytes() {
        let c = read_stream(&gz(b"<p>Packed page.</p>")[..], 0).unwrap();
        assert_eq!(c.bytes, b"<p>Packed page.</p>");
        assert_eq!(c.cut, None);
        let c = read_stream(&b"plain"[..], 0).unwrap();
        assert_eq!(c.bytes, b"plain");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        let zeros = vec![b'a'; (MAX_BYTES + 4096) as usize];
        let c = read_stream(&gz(&zeros)[..], 0).unwrap();
        assert_eq!(c.bytes.len() as u64, MAX_BYTES);
        assert_eq!(c.cut, Some(Cut::AtLimit));
    }

    #[test]
    fn corrupt_gzip_says_so_in_one_line() {
        let mut bad = gz(b"some text that is long enough to be compressed into blocks");
        let n = bad.len();
        for b in &mut bad[10..n - 8] {
            *b ^= 0x5a;
        }
        let err = read_stream(&bad[..], 0).unwrap_err();
        assert!(
            err.starts_with("is a gzip file that cannot be unpacked"),
            "{err}"
        );
        assert!(!err.contains('\n'));
    }

    /// Text that does not compress to nothing: numbered sentences.
    fn long_text() -> Vec<u8> {
        (0..4000)
            .map(|i| {
                format!(
                    "Line {i} of the ferry timetable, {} minutes late. ",
                    i * 7 % 61
                )
            })
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn a_gzip_file_cut_short_gives_what_it_holds_and_says_so() {
        let text = long_text();
        let packed = gz(&text);
        // Cut in the data, in the trailer, and just before it.
        for n in [packed.len() / 3, packed.len() - 8, packed.len() - 3] {
            let c = read_stream(&packed[..n], 0).unwrap();
            assert_eq!(c.cut, Some(Cut::GzipCutShort), "cut at {n}");
            assert!(
                !c.bytes.is_empty() && text.starts_with(&c.bytes),
                "cut at {n}"
            );
        }
        // Cut inside the header: nothing to show, and said so.
        assert!(read_stream(&packed[..6], 0).is_err());
    }

    #[test]
    fn a_gzip_file_damaged_part_way_gives_what_came_before() {
        let text = long_text();
        let mut packed = gz(&text);
        let n = packed.len();
        for b in &mut packed[n / 2..n - 8] {
            *b ^= 0x5a;
        }
        let c = read_stream(&packed[..], 0).unwrap();
        assert_eq!(c.cut, Some(Cut::GzipDamaged));
        assert!(!c.bytes.is_empty());
        assert!(c.cut.unwrap().notice().contains("damaged"));
    }

    #[test]
    fn inner_names_drop_the_gz_ending() {
        assert_eq!(inner_name("page.html.gz"), "page.html");
        assert_eq!(inner_name("FEED.RSS.GZ"), "FEED.RSS");
        assert_eq!(inner_name("page.html"), "page.html");
    }
}
