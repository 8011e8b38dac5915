//! Where `briefly export --out FILE` writes, as a user means it: a regular file (there or
//! not) is replaced atomically, through a symbolic link to its target (the link stays);
//! a FIFO, a terminal or another device is opened and written as it is, a socket connected
//! to (no temp file, no rename: a rename would put a regular file in its place); one of this
//! process's descriptors (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`) is appended to, as
//! the shell opened it (`>>` keeps what is there). A folder is refused.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::Failure;

/// What `--out` names, once its links are followed.
#[derive(Debug, PartialEq, Eq)]
pub enum Destination {
    /// A regular file, or nothing yet: replaced atomically at this path.
    File(PathBuf),
    /// A FIFO or a device: opened for writing.
    Stream(PathBuf),
    /// A Unix socket: connected to.
    Socket(PathBuf),
    /// A descriptor of this process: opened to append.
    Descriptor(PathBuf),
}

impl Destination {
    /// True when what is written goes to a stream another program or a terminal reads.
    pub fn is_stream(&self) -> bool {
        !matches!(self, Destination::File(_))
    }
}

/// Where `path` leads. A folder, or a name that is not one, is refused (exit 2).
pub fn destination(path: &Path) -> Result<Destination, Failure> {
    let name = path.display();
    if path.as_os_str().is_empty() {
        return Err((2, "--out needs a file name".into()));
    }
    if descriptor(path)? {
        return match fs::metadata(path) {
            Ok(m) if m.is_dir() => Err((2, format!("{name}: a folder, not a file"))),
            _ => Ok(Destination::Descriptor(path.to_path_buf())),
        };
    }
    let target = crate::session::resolve_links(path).map_err(|e| (2, format!("{name}: {e}")))?;
    use std::os::unix::fs::FileTypeExt;
    Ok(match fs::metadata(&target) {
        Ok(m) if m.is_dir() => return Err((2, format!("{name}: a folder, not a file"))),
        Ok(m) if m.file_type().is_socket() => Destination::Socket(target),
        Ok(m) if !m.is_file() => Destination::Stream(target),
        // A regular file, or none yet (or a folder above that is not one: said when writing).
        _ => Destination::File(target),
    })
}

/// True when `path`, or a link on the way from it, is one of this process's descriptors.
fn descriptor(path: &Path) -> Result<bool, Failure> {
    let is_fd = |p: &Path| {
        let parts: Vec<Component> = p.components().collect();
        p.starts_with("/dev/fd")
            || (parts.len() >= 4 && parts[1].as_os_str() == "proc" && parts[3].as_os_str() == "fd")
    };
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        if is_fd(&at) {
            return Ok(true);
        }
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at).map_err(|e| (1, format!("{}: {e}", path.display())))?;
                at = at.parent().map_or(to.clone(), |dir| dir.join(&to));
            }
            _ => return Ok(false),
        }
    }
    Ok(false)
}

/// Writes through `write` to where `path` leads; `write` is told whether that is a stream
/// (text for a terminal or another program) or a file.
pub fn write_out(
    path: &Path,
    write: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<(), Failure> {
    let to = destination(path)?;
    let stream = to.is_stream();
    let failed = |e: io::Error| {
        let code = match e.kind() {
            // A folder above the file that is not one: the path cannot be, as given.
            io::ErrorKind::NotADirectory => 2,
            _ => 1,
        };
        (code, format!("{}: cannot be written ({e})", path.display()))
    };
    match to {
        Destination::File(file) => crate::session::stage(&file, |w| write(w, false))
            .and_then(crate::session::Staged::commit)
            .map_err(failed),
        Destination::Stream(at) => {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(at)
                .map_err(failed)?;
            finish(file, |w| write(w, stream)).map_err(failed)
        }
        Destination::Descriptor(at) => {
            let file = fs::OpenOptions::new()
                .append(true)
                .open(at)
                .map_err(failed)?;
            finish(file, |w| write(w, stream)).map_err(failed)
        }
        Destination::Socket(at) => {
            let socket = std::os::unix::net::UnixStream::connect(at).map_err(failed)?;
            finish(&socket, |w| write(w, stream)).map_err(failed)?;
            let _ = socket.shutdown(std::net::Shutdown::Write);
            Ok(())
        }
    }
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    match finish(io::stdout().lock(), write) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err((1, format!("standard output: cannot be written ({e})")))
        }
        _ => Ok(()),
    }
}

fn finish<W: Write>(
    inner: W,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut w = io::BufWriter::new(inner);
    write(&mut w)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("target.md"), "old").unwrap();
        std::os::unix::fs::symlink("target.md", d.join("link.md")).unwrap();
        std::os::unix::fs::symlink("link.md", d.join("link2.md")).unwrap();
        std::os::unix::fs::symlink("nowhere/new.md", d.join("dangling.md")).unwrap();
        std::os::unix::fs::symlink(d, d.join("folder-link")).unwrap();
        assert_eq!(
            destination(&d.join("link2.md")),
            Ok(Destination::File(d.join("target.md")))
        );
        assert_eq!(
            destination(&d.join("dangling.md")),
            Ok(Destination::File(d.join("nowhere/new.md")))
        );
        assert_eq!(
            destination(&d.join("new.md")),
            Ok(Destination::File(d.join("new.md")))
        );
        for folder in [d.to_path_buf(), d.join("folder-link")] {
            let e = destination(&folder).unwrap_err();
            assert_eq!(
                e,
                (2, format!("{}: a folder, not a file", folder.display()))
            );
        }
        assert_eq!(destination(Path::new("")).unwrap_err().0, 2);
        assert_eq!(
            destination(Path::new("/dev/null")),
            Ok(Destination::Stream("/dev/null".into()))
        );
        for fd in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            assert_eq!(
                destination(Path::new(fd)),
                Ok(Destination::Descriptor(fd.into())),
                "{fd}"
            );
        }
    }
}
