//! Clean articles kept between runs, so that reopening a large briefing does not read and
//! clean every file again. This part is pure: a record's bytes, and the checks that decide
//! whether a record may stand for a file. [`store`] reads and writes the records.
//!
//! A record is used only when everything it was made from is the same: the file's size, its
//! time of change and a hash of its bytes (so an edit that keeps the size and the time is still
//! caught), and the build of briefly that cleaned it. When the record was written well after the
//! file last changed (2 s, more than any file system's time step), the size and time alone
//! vouch for the file and its bytes are not read, as git trusts a file's stat: an edit since
//! would have moved its time (only a tool that sets the time back to the very nanosecond, with
//! the size unchanged, goes unseen). A record that is damaged in any way
//! (cut short, bytes changed, not UTF-8) is not used: the file is cleaned again.

mod pack;
pub mod store;

use std::time::{SystemTime, UNIX_EPOCH};

use super::{Article, Paragraph, ParagraphKind};

const MAGIC: &[u8; 8] = b"BART\x00\x00\x00\x01";

/// Bumped whenever what a record holds, or how a file is cleaned, changes in a way that the
/// build stamp would not show.
const VERSION: u64 = 1;

/// What a record was made from: the file as it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Time of change, in nanoseconds since 1970 (0 when the system does not say).
    pub mtime: u128,
    /// [`content_hash`] of the bytes read.
    pub hash: u64,
}

impl Stamp {
    pub fn new(size: u64, mtime: Option<SystemTime>, bytes: &[u8]) -> Stamp {
        Stamp {
            size,
            mtime: mtime
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
            hash: content_hash(bytes),
        }
    }
}

/// A 64-bit hash of bytes, eight at a time, the same on every run and platform: what tells an
/// edited file from the one a record was made from. Not built to resist a crafted collision:
/// the file is the user's own, and a collision would have to keep the size and time too.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let mut h = (bytes.len() as u64).wrapping_mul(K) ^ 0x243f_6a88_85a3_08d3;
    let mut words = bytes.chunks_exact(8);
    for w in words.by_ref() {
        h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = mix(h, u64::from_le_bytes(last));
    // Final avalanche (from MurmurHash3's fmix64).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A record's bytes: header (magic, build, stamp, payload length and hash), then the article.
pub fn to_bytes(build: u64, stamp: &Stamp, article: &Article) -> Vec<u8> {
    let mut payload = Vec::with_capacity(
        article
            .paragraphs
            .iter()
            .map(|p| p.text.len() + 5)
            .sum::<usize>()
            + article.title.len()
            + 64,
    );
    put_head(&mut payload, article);
    put_u64(&mut payload, article.paragraphs.len() as u64);
    for p in &article.paragraphs {
        payload.push(match p.kind {
            ParagraphKind::Body => 0,
            ParagraphKind::Heading => 1,
            ParagraphKind::Caption => 2,
            // Never in a clean article; kept as a body line if it were.
            ParagraphKind::Removed => 0,
        });
        put_str(&mut payload, &p.text);
    }
    let mut out = Vec::with_capacity(payload.len() + 72);
    out.extend_from_slice(MAGIC);
    put_u64(&mut out, build ^ VERSION);
    put_u64(&mut out, stamp.size);
    out.extend_from_slice(&stamp.mtime.to_le_bytes());
    put_u64(&mut out, stamp.hash);
    put_u64(&mut out, payload.len() as u64);
    put_u64(&mut out, content_hash(&payload));
    out.extend_from_slice(&payload);
    out
}

/// The article a record holds, when the record is whole, from this build, and made from a
/// file with this stamp; None otherwise.
pub fn from_bytes(bytes: &[u8], build: u64, stamp: &Stamp) -> Option<Article> {
    from_bytes_if(bytes, build, |kept| kept == stamp)
}

/// [`from_bytes`], for a record whose stamp `fits` says will do.
pub fn from_bytes_if(bytes: &[u8], build: u64, fits: impl Fn(&Stamp) -> bool) -> Option<Article> {
    let mut r = Reader(bytes);
    if r.take(8)? != MAGIC || r.u64()? != build ^ VERSION {
        return None;
    }
    let size = r.u64()?;
    let mtime = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
    let hash = r.u64()?;
    if !fits(&Stamp { size, mtime, hash }) {
        return None;
    }
    let len = usize::try_from(r.u64()?).ok()?;
    let sum = r.u64()?;
    let payload = r.take(len)?;
    if !r.0.is_empty() || content_hash(payload) != sum {
        return None;
    }
    let mut r = Reader(payload);
    let title = r.string()?;
    let mut fields: [Option<String>; 5] = Default::default();
    for f in &mut fields {
        *f = match r.byte()? {
            0 => None,
            1 => Some(r.string()?),
            _ => return None,
        };
    }
    let count = usize::try_from(r.u64()?).ok()?;
    // Each paragraph takes at least 5 bytes: a count beyond that is damage, not a reason to
    // reserve memory.
    let mut paragraphs = Vec::with_capacity(count.min(r.0.len() / 5));
    for _ in 0..count {
        let kind = match r.byte()? {
            0 => ParagraphKind::Body,
            1 => ParagraphKind::Heading,
            2 => ParagraphKind::Caption,
            _ => return None,
        };
        paragraphs.push(Paragraph {
            kind,
            text: r.string()?,
        });
    }
    if !r.0.is_empty() {
        return None;
    }
    let [published, byline, site, link, notice] = fields;
    Some(Article {
        title,
        published,
        byline,
        site,
        link,
        paragraphs,
        notice,
    })
}

/// An article's title and optional fields (0 for none, else 1 and the text).
pub(crate) fn put_head(out: &mut Vec<u8>, article: &Article) {
    put_str(out, &article.title);
    for field in [
        &article.published,
        &article.byline,
        &article.site,
        &article.link,
        &article.notice,
    ] {
        match field {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                put_str(out, s);
            }
        }
    }
}

pub(crate) fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    pub(crate) fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

/// What the cleaning of this program depends on, as one number: the program file itself (its
/// size and time), so that a rebuilt briefly never serves what an older one cleaned. None when
/// the program cannot be found: then nothing is kept.
pub fn build_id() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut bytes = meta.len().to_le_bytes().to_vec();
    bytes.extend_from_slice(&mtime.as_nanos().to_le_bytes());
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    Some(crate::session::fnv1a(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: "Harbour board meets".into(),
            published: Some("2031-04-02".into()),
            byline: None,
            site: Some("The Gazette".into()),
            link: None,
            paragraphs: vec![
                Paragraph::body("The board met on Tuesday.".to_string()),
                Paragraph {
                    kind: ParagraphKind::Caption,
                    text: "The ferry at dawn. Photo: A. Reis".into(),
                },
                Paragraph {
                    kind: ParagraphKind::Heading,
                    text: "What comes next".into(),
                },
            ],
            notice: Some("only part of the file".into()),
        }
    }

    fn stamp() -> Stamp {
        Stamp {
            size: 120,
            mtime: 1_700_000_000_123_456_789,
            hash: content_hash(b"the file's bytes"),
        }
    }

    #[test]
    fn a_record_gives_back_its_article() {
        let bytes = to_bytes(7, &stamp(), &article());
        assert_eq!(from_bytes(&bytes, 7, &stamp()), Some(article()));
    }

    #[test]
    fn another_file_or_build_is_not_served() {
        let bytes = to_bytes(7, &stamp(), &article());
        assert_eq!(from_bytes(&bytes, 8, &stamp()), None, "another build");
        for changed in [
            Stamp {
                size: 121,
                ..stamp()
            },
            Stamp {
                mtime: stamp().mtime + 1,
                ..stamp()
            },
            Stamp {
                hash: content_hash(b"the file's bytez"),
                ..stamp()
            },
        ] {
            assert_eq!(from_bytes(&bytes, 7, &changed), None, "{changed:?}");
        }
    }

    #[test]
    fn damage_anywhere_is_caught() {
        let bytes = to_bytes(7, &stamp(), &article());
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert_eq!(from_bytes(&bad, 7, &stamp()), None, "byte {at} changed");
        }
        for len in 0..bytes.len() {
            assert_eq!(from_bytes(&bytes[..len], 7, &stamp()), None, "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(from_bytes(&longer, 7, &stamp()), None, "a byte too many");
    }

    #[test]
    fn the_hash_sees_every_byte_and_the_length() {
        let base = b"The board met on Tuesday to weigh the timetable.".to_vec();
        let h = content_hash(&base);
        for at in 0..base.len() {
            let mut b = base.clone();
            b[at] ^= 1;
            assert_ne!(content_hash(&b), h, "byte {at}");
        }
        assert_ne!(content_hash(&base[..base.len() - 1]), h);
        assert_ne!(content_hash(b""), content_hash(b"\0"));
    }
}
