//! Analysed articles as bytes, so that reopening a large briefing does not analyse it again.
//! Pure: the shell reads and writes the file. Each article is stored under its source key with
//! a hash of its text; a record is used only when the text and this build's analysis (the
//! model, the curated names, [`VERSION`]) are the ones it was made with, and every offset
//! still falls on the text's characters.

use std::collections::HashMap;
use std::io::{Read, Write};

use super::entities::{ArticleEntities, Kind};

/// Bumped whenever the analysis changes what it finds.
const VERSION: u32 = 3;
const MAGIC: &[u8; 8] = b"BENT\x00\x00\x00\x01";

/// What this build's analysis depends on, as one number.
pub fn build_id() -> u64 {
    static ID: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        let mut bytes = VERSION.to_le_bytes().to_vec();
        bytes.extend_from_slice(super::tagger::EMBEDDED);
        bytes.extend_from_slice(include_bytes!("../../data/aliases.txt"));
        crate::session::fnv1a(&bytes)
    })
}

/// The hash that says whether an article's text is the one analysed.
pub fn text_hash<S: AsRef<str>>(paragraphs: &[S]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for p in paragraphs {
        for &b in p.as_ref().as_bytes().iter().chain(b"\n\n") {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// One stored article: its text hash, mentions as (paragraph, start, end, kind), aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub text: u64,
    pub mentions: Vec<(u32, u32, u32, u8)>,
    pub aliases: Vec<(u32, String)>,
}

impl Record {
    pub fn of<S: AsRef<str>>(paragraphs: &[S], found: &ArticleEntities) -> Record {
        Record {
            text: text_hash(paragraphs),
            mentions: found
                .mentions
                .iter()
                .map(|m| (m.para, m.start, m.end, m.kind as u8))
                .collect(),
            aliases: found
                .aliases
                .iter()
                .map(|(m, a)| (*m as u32, a.clone()))
                .collect(),
        }
    }

    /// The article's entities again, if this record was made from these paragraphs.
    pub fn reuse<S: AsRef<str>>(&self, paragraphs: &[S]) -> Option<ArticleEntities> {
        if self.text != text_hash(paragraphs) {
            return None;
        }
        let mut found = ArticleEntities::with_capacity(self.mentions.len());
        for &(para, start, end, kind) in &self.mentions {
            let text = paragraphs.get(para as usize)?.as_ref();
            let written = text.get(start as usize..end as usize)?;
            found.push(para, start, end, *Kind::ALL.get(kind as usize)?, written);
        }
        found.aliases = self
            .aliases
            .iter()
            .filter(|(m, _)| (*m as usize) < found.mentions.len())
            .map(|(m, a)| (*m as usize, a.clone()))
            .collect();
        found.shrink_to_fit();
        Some(found)
    }
}

/// The stored articles as compressed bytes.
pub fn to_bytes(records: &HashMap<String, Record>) -> Vec<u8> {
    write(
        records
            .iter()
            .map(|(key, r)| (key.as_str(), Entry::Kept(r)))
            .collect(),
    )
}

/// One article to store: a record, or an article's text hash and entities as found (written
/// as [`Record::of`] would make them, without making the records of a whole briefing first).
pub enum Entry<'a> {
    Kept(&'a Record),
    Found {
        text: u64,
        found: &'a ArticleEntities,
    },
}

/// The stored articles (keys distinct) as compressed bytes, in the order of their keys,
/// compressed as they are encoded.
pub fn write(mut entries: Vec<(&str, Entry)>) -> Vec<u8> {
    entries.sort_unstable_by_key(|e| e.0);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut raw = Vec::new();
    raw.extend_from_slice(MAGIC);
    raw.extend_from_slice(&build_id().to_le_bytes());
    put_u32(&mut raw, entries.len() as u32);
    for (key, entry) in entries {
        put_str(&mut raw, key);
        match entry {
            Entry::Kept(r) => {
                raw.extend_from_slice(&r.text.to_le_bytes());
                put_u32(&mut raw, r.mentions.len() as u32);
                for &(p, s, e, k) in &r.mentions {
                    put_mention(&mut raw, p, s, e, k);
                }
                put_u32(&mut raw, r.aliases.len() as u32);
                for (m, a) in &r.aliases {
                    put_u32(&mut raw, *m);
                    put_str(&mut raw, a);
                }
            }
            Entry::Found { text, found } => {
                raw.extend_from_slice(&text.to_le_bytes());
                put_u32(&mut raw, found.mentions.len() as u32);
                for m in &found.mentions {
                    let (p, s, e) = (m.para, m.start, m.end);
                    put_mention(&mut raw, p, s, e, m.kind as u8);
                }
                put_u32(&mut raw, found.aliases.len() as u32);
                for (m, a) in &found.aliases {
                    put_u32(&mut raw, *m as u32);
                    put_str(&mut raw, a);
                }
            }
        }
        if raw.len() >= 1 << 16 {
            let _ = z.write_all(&raw);
            raw.clear();
        }
    }
    let _ = z.write_all(&raw);
    z.finish().unwrap_or_default()
}

fn put_mention(out: &mut Vec<u8>, p: u32, s: u32, e: u32, k: u8) {
    put_u32(out, p);
    put_u32(out, s);
    put_u32(out, e);
    out.push(k);
}

/// Stored articles from bytes; None when they are damaged or from another build (then the
/// articles are simply analysed again).
pub fn from_bytes(bytes: &[u8]) -> Option<HashMap<String, Record>> {
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .take(1 << 30)
        .read_to_end(&mut raw)
        .ok()?;
    let mut r = Reader { bytes: &raw, at: 0 };
    if r.take(8)? != MAGIC || r.u64()? != build_id() {
        return None;
    }
    let n = r.u32()?;
    let mut out = HashMap::new();
    for _ in 0..n {
        let key = r.string()?;
        let text = r.u64()?;
        let count = r.u32()? as usize;
        let mut mentions = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            mentions.push((r.u32()?, r.u32()?, r.u32()?, r.take(1)?[0]));
        }
        let count = r.u32()? as usize;
        let mut aliases = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            aliases.push((r.u32()?, r.string()?));
        }
        out.insert(
            key,
            Record {
                text,
                mentions,
                aliases,
            },
        );
    }
    Some(out)
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::entities::analyze;
    use super::*;

    const PARAS: [&str; 2] = [
        "Talks in Velmora",
        "Tomas Arkwell met the Northern Grain Council (NGC) in Velmora on Thursday.",
    ];

    #[test]
    fn stored_articles_come_back_as_they_were_analysed() {
        let found = analyze(&PARAS);
        assert!(!found.mentions.is_empty());
        let mut records = HashMap::new();
        records.insert("a.txt".to_string(), Record::of(&PARAS, &found));
        let back = from_bytes(&to_bytes(&records)).expect("reads back");
        assert_eq!(back["a.txt"].reuse(&PARAS), Some(found));
    }

    #[test]
    fn entities_written_as_found_read_back_as_their_records() {
        let found = analyze(&PARAS);
        let other = Record::of(&PARAS[..1], &analyze(&PARAS[..1]));
        let entries = vec![
            ("b.txt", Entry::Kept(&other)),
            (
                "a.txt",
                Entry::Found {
                    text: text_hash(&PARAS),
                    found: &found,
                },
            ),
        ];
        let back = from_bytes(&write(entries)).expect("reads back");
        let mut records = HashMap::new();
        records.insert("a.txt".to_string(), Record::of(&PARAS, &found));
        records.insert("b.txt".to_string(), other);
        assert_eq!(back, records);
        assert_eq!(from_bytes(&to_bytes(&records)), Some(records));
    }

    #[test]
    fn a_changed_text_or_a_damaged_file_is_analysed_again() {
        let found = analyze(&PARAS);
        let record = Record::of(&PARAS, &found);
        let changed = [PARAS[0], "Tomas Arkwell left Velmora on Friday."];
        assert_eq!(record.reuse(&changed), None);
        let mut records = HashMap::new();
        records.insert("a.txt".to_string(), record);
        let mut bytes = to_bytes(&records);
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        assert_eq!(from_bytes(&bytes), None);
        assert_eq!(from_bytes(b"not a file"), None);
        // Offsets that do not fit the text are refused, not trusted.
        let bad = Record {
            text: text_hash(&PARAS),
            mentions: vec![(1, 0, 999, 0)],
            aliases: Vec::new(),
        };
        assert_eq!(bad.reuse(&PARAS), None);
    }
}
