//! Pages kept in the data folder (`web/`), one file per link: a line of JSON (the link, where
//! it led, when it was fetched, the server's validators and media type), then the body as it
//! came. The next fetch asks the server whether the page changed (ETag, Last-Modified); when
//! it did not, or when the network fails, the kept copy is read, so a briefing reads offline.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What is kept beside a page's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub url: String,
    pub final_url: String,
    /// Seconds since 1970.
    pub fetched: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub mime: Option<String>,
    pub charset: Option<String>,
}

/// A kept page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub header: Header,
    pub body: Vec<u8>,
}

/// The file that keeps `url`'s page under the data folder `dir`.
pub fn path_for(dir: &Path, url: &str) -> PathBuf {
    let hash = crate::session::fnv1a(url.as_bytes());
    dir.join("web").join(format!("{hash:016x}.page"))
}

/// The kept page of `url`, if there is a sound one (a damaged file is not used).
pub fn read(dir: &Path, url: &str) -> Option<Kept> {
    let bytes = std::fs::read(path_for(dir, url)).ok()?;
    let end = bytes.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
    (header.url == url).then(|| Kept {
        header,
        body: bytes[end + 1..].to_vec(),
    })
}

/// Keeps a page (written whole, then renamed, so a crash leaves the old copy or the new).
pub fn write(dir: &Path, kept: &Kept) -> std::io::Result<()> {
    let path = path_for(dir, &kept.header.url);
    let folder = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(folder)?;
    let mut bytes = serde_json::to_vec(&kept.header).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(&kept.body);
    let tmp = folder.join(format!(".tmp{}", std::process::id()));
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, &path)
}

/// Seconds since 1970, now.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "2026-12-06 04:20 UTC" for a time in seconds since 1970.
pub fn when(secs: u64) -> String {
    let stamp = crate::notes::model::rfc3339(secs as i64, 0);
    format!("{} {} UTC", &stamp[..10], &stamp[11..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_pages_read_back_and_damage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let kept = Kept {
            header: Header {
                url: "https://example.org/a".into(),
                final_url: "https://example.org/b".into(),
                fetched: 1_700_000_000,
                etag: Some("\"x1\"".into()),
                last_modified: None,
                mime: Some("text/html".into()),
                charset: None,
            },
            body: b"<p>one\ntwo</p>".to_vec(),
        };
        write(dir.path(), &kept).unwrap();
        assert_eq!(
            read(dir.path(), "https://example.org/a"),
            Some(kept.clone())
        );
        assert_eq!(read(dir.path(), "https://example.org/c"), None);
        std::fs::write(path_for(dir.path(), "https://example.org/a"), b"{broken\nx").unwrap();
        assert_eq!(read(dir.path(), "https://example.org/a"), None);
    }

    #[test]
    fn times_read_as_dates() {
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
        assert_eq!(when(1_700_000_000), "2023-11-14 22:13 UTC");
    }
}
