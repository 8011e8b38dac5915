//! Stories kept between runs, so that reopening a large briefing does not group it again.
//! Pure: the bytes of a briefing's entity index and stories under a key, and both back from
//! bytes when the key is the same. The key says what the stories were made from (see [`Key`]); a file
//! made from anything else, or damaged in any way, gives nothing and the stories are built.

use std::io::Read;

use super::packed::{Packed, chunked_hash};
use super::{ArticleStory, Conflict, ConflictKind, Sentence, Stories, Story};
use crate::analysis::aliases::{Entity, Index};
use crate::analysis::entities::Kind;
use crate::ingest::cache::{Reader, content_hash, put_head, put_str, put_u64};

const MAGIC: &[u8; 8] = b"BSTO\x00\x00\x00\x02";

/// Bumped whenever the grouping or what a file holds changes in a way the build stamp would
/// not show.
const VERSION: u64 = 1;

/// What a briefing's stories are made from, one number per list entry: what [`digest`] says
/// of its article and entities (0 while it is not known), with its label, under this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub build: u64,
    pub entries: Vec<u64>,
}

impl Key {
    /// The key as one number, which the file starts with.
    pub fn hash(&self) -> u64 {
        let mut bytes = Vec::with_capacity(16 + 8 * self.entries.len());
        bytes.extend_from_slice(&(self.build ^ VERSION).to_le_bytes());
        for e in &self.entries {
            bytes.extend_from_slice(&e.to_le_bytes());
        }
        content_hash(&bytes)
    }

    /// How many entries were known when the stories were built.
    pub fn covered(&self) -> usize {
        self.entries.iter().filter(|&&e| e != 0).count()
    }
}

/// One list entry as the stories see it: its label, its article's every field and its
/// entities, as a number that is never 0.
pub fn digest(
    label: &str,
    article: &crate::ingest::Article,
    entities: &crate::analysis::entities::ArticleEntities,
) -> u64 {
    let mut bytes = Vec::with_capacity(256 + 16 * entities.mentions.len());
    put_str(&mut bytes, label);
    put_head(&mut bytes, article);
    for p in &article.paragraphs {
        bytes.push(p.kind as u8);
        put_u64(&mut bytes, content_hash(p.text.as_bytes()));
    }
    for m in &entities.mentions {
        for n in [m.para, m.start, m.end, m.kind as u32] {
            put_u64(&mut bytes, n as u64);
        }
    }
    for (m, alias) in &entities.aliases {
        put_u64(&mut bytes, *m as u64);
        put_str(&mut bytes, alias);
    }
    content_hash(&bytes).max(1)
}

/// The file's bytes: magic, the key's hash and how many entries it covers, the length and a
/// hash of the uncompressed bytes, then the index and the stories, compressed. The bytes are
/// compressed a chunk at a time as they are made: the whole uncompressed file (as large as the
/// briefing's text on a large briefing) is never held at once.
pub fn to_bytes(key: &Key, index: &Index, stories: &Stories) -> Vec<u8> {
    let mut head = MAGIC.to_vec();
    put_u64(&mut head, key.hash());
    put_u64(&mut head, key.covered() as u64);
    head.resize(head.len() + 16, 0);
    let mut packed = Packed::new(head);
    let mut raw = Vec::new();
    put_u64(&mut raw, index.entities.len() as u64);
    for e in &index.entities {
        put_str(&mut raw, &e.name);
        raw.push(e.kind as u8);
        put_u64(&mut raw, e.aliases.len() as u64);
        for a in &e.aliases {
            put_str(&mut raw, a);
        }
        put_u64(&mut raw, e.mentions as u64);
        put_list(&mut raw, &e.articles);
        packed.take(&mut raw, false);
    }
    put_u64(&mut raw, index.of.len() as u64);
    for list in &index.of {
        put_list(&mut raw, list);
        packed.take(&mut raw, false);
    }
    put_u64(&mut raw, index.analysed as u64);
    put_u64(&mut raw, stories.articles.len() as u64);
    for a in &stories.articles {
        put_str(&mut raw, &a.outlet);
        put_u64(&mut raw, a.sources.len() as u64);
        for s in &a.sources {
            put_str(&mut raw, s);
        }
        put_u32(&mut raw, a.story);
        put_u64(&mut raw, a.sentences.len() as u64);
        for s in &a.sentences {
            put_u32(&mut raw, s.para);
            put_u32(&mut raw, s.range().start as u32);
            put_u32(&mut raw, s.range().end as u32);
            put_u32(&mut raw, s.statement().map_or(0, |id| id + 1));
            put_u32(&mut raw, s.quotes().len() as u32);
            for &q in s.quotes() {
                put_u32(&mut raw, q);
            }
            put_u32(&mut raw, s.conflicts().len() as u32);
            for c in s.conflicts() {
                raw.push(c.kind as u8);
                put_str(&mut raw, &c.here);
                put_str(&mut raw, &c.there);
                put_u32(&mut raw, c.article);
                put_u32(&mut raw, c.sentence);
            }
        }
        packed.take(&mut raw, false);
    }
    put_u64(&mut raw, stories.stories.len() as u64);
    for s in &stories.stories {
        put_str(&mut raw, &s.title);
        put_list(&mut raw, &s.articles);
        put_u64(&mut raw, s.outlets as u64);
        for date in [&s.first, &s.last] {
            raw.push(u8::from(date.is_some()));
            put_str(&mut raw, date.as_deref().unwrap_or(""));
        }
    }
    put_u64(&mut raw, stories.statements.len() as u64);
    for list in &stories.statements {
        put_list(&mut raw, list);
    }
    packed.take(&mut raw, true);
    // The head's last two numbers, left empty above: the length and the hash.
    packed.finish(24).unwrap_or_default()
}

/// How many entries the stories in these bytes covered, if they are a stories file: read
/// first, to know whether to wait for more articles before building.
pub fn covered(bytes: &[u8]) -> Option<usize> {
    let mut r = Reader(bytes);
    if r.take(8)? != MAGIC {
        return None;
    }
    r.u64()?;
    usize::try_from(r.u64()?).ok()
}

/// The index and stories in these bytes, when they were made under this key and are whole.
pub fn from_bytes(bytes: &[u8], key: &Key) -> Option<(Index, Stories)> {
    let mut r = Reader(bytes);
    if r.take(8)? != MAGIC || r.u64()? != key.hash() || r.u64()? != key.covered() as u64 {
        return None;
    }
    let len = usize::try_from(r.u64()?).ok()?;
    let sum = r.u64()?;
    let mut raw = Vec::with_capacity(len.min(1 << 30));
    flate2::read::ZlibDecoder::new(r.0)
        .take(len as u64 + 1)
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() != len || chunked_hash(&raw) != sum {
        return None;
    }
    let mut r = Reader(&raw);
    let index = read_index(&mut r)?;
    let stories = read_stories(&mut r)?;
    (r.0.is_empty() && stories.articles.len() == key.entries.len()).then_some((index, stories))
}

fn read_index(r: &mut Reader) -> Option<Index> {
    let mut entities = Vec::new();
    for _ in 0..r.count()? {
        entities.push(Entity {
            name: r.string()?,
            kind: *Kind::ALL.get(r.byte()? as usize)?,
            aliases: (0..r.count()?)
                .map(|_| r.string())
                .collect::<Option<Vec<_>>>()?,
            mentions: usize::try_from(r.u64()?).ok()?,
            articles: r.list()?,
        });
    }
    let of = (0..r.count()?)
        .map(|_| r.list())
        .collect::<Option<Vec<_>>>()?;
    let analysed = usize::try_from(r.u64()?).ok()?;
    Some(Index {
        entities,
        of,
        analysed,
    })
}

fn read_stories(r: &mut Reader) -> Option<Stories> {
    let mut articles = Vec::new();
    for _ in 0..r.count()? {
        let outlet = r.string()?;
        let sources = (0..r.count()?)
            .map(|_| r.string())
            .collect::<Option<Vec<_>>>()?;
        let story = r.u32()?;
        let n = r.count()?;
        let mut sentences = Vec::with_capacity(n.min(r.0.len() / 20));
        for _ in 0..n {
            let para = r.u32()?;
            let range = r.u32()? as usize..r.u32()? as usize;
            let statement = r.u32()?.checked_sub(1);
            let quotes = (0..r.u32()?).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
            let mut conflicts = Vec::new();
            for _ in 0..r.u32()? {
                conflicts.push(Conflict {
                    kind: match r.byte()? {
                        0 => ConflictKind::Figure,
                        1 => ConflictKind::Speaker,
                        _ => return None,
                    },
                    here: r.string()?,
                    there: r.string()?,
                    article: r.u32()?,
                    sentence: r.u32()?,
                });
            }
            let mut sentence = Sentence::new(para, range);
            if let Some(id) = statement {
                sentence.set_statement(id);
            }
            for q in quotes {
                sentence.add_quote(q);
            }
            for c in conflicts {
                sentence.add_conflict(c);
            }
            sentences.push(sentence);
        }
        articles.push(ArticleStory {
            outlet,
            sources,
            story,
            sentences,
        });
    }
    let mut stories = Vec::new();
    for _ in 0..r.count()? {
        let title = r.string()?;
        let list = r.list()?;
        let outlets = r.count()?;
        let mut dates = [None, None];
        for d in &mut dates {
            let known = r.byte()?;
            let text = r.string()?;
            *d = (known == 1).then_some(text);
        }
        let [first, last] = dates;
        stories.push(Story {
            title,
            articles: list,
            outlets,
            first,
            last,
        });
    }
    let statements = (0..r.count()?)
        .map(|_| r.list())
        .collect::<Option<Vec<_>>>()?;
    Some(Stories {
        articles,
        stories,
        statements,
    })
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_list(out: &mut Vec<u8>, list: &[u32]) {
    put_u64(out, list.len() as u64);
    for &x in list {
        put_u32(out, x);
    }
}

impl Reader<'_> {
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    /// A count of things that each take at least one byte: more than the bytes left is damage.
    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?)
            .ok()
            .filter(|&n| n <= self.0.len())
    }
    fn list(&mut self) -> Option<Vec<u32>> {
        let n = self.count()?;
        (0..n).map(|_| self.u32()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index and stories of the project's three-outlet briefing, and their key.
    fn three_outlets() -> ((Index, Stories), Key) {
        let articles = crate::stories::tests::briefing();
        let labels: Vec<String> = (0..articles.len()).map(|i| format!("{i}.txt")).collect();
        crate::stories::analyse_and_build(&articles, &labels, |inputs, stories| {
            let entries = inputs
                .iter()
                .map(|i| digest(i.label, i.article, i.entities.unwrap()))
                .collect();
            let found: Vec<_> = inputs.iter().map(|i| i.entities).collect();
            let index = crate::analysis::aliases::build(&found);
            assert!(!index.entities.is_empty());
            ((index, stories.clone()), Key { build: 7, entries })
        })
    }

    #[test]
    fn kept_stories_come_back_under_their_key_only() {
        let (kept, key) = three_outlets();
        let bytes = to_bytes(&key, &kept.0, &kept.1);
        assert_eq!(covered(&bytes), Some(key.covered()));
        assert_eq!(from_bytes(&bytes, &key), Some(kept.clone()));
        let mut other = key.clone();
        other.entries[1] ^= 1;
        assert_eq!(from_bytes(&bytes, &other), None, "another article");
        let other = Key {
            build: key.build + 1,
            ..key.clone()
        };
        assert_eq!(from_bytes(&bytes, &other), None, "another build");
    }

    #[test]
    fn a_damaged_file_gives_nothing() {
        let (kept, key) = three_outlets();
        let bytes = to_bytes(&key, &kept.0, &kept.1);
        for at in (0..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x41;
            assert_eq!(from_bytes(&bad, &key), None, "byte {at} changed");
        }
        for len in (0..bytes.len()).step_by(5) {
            assert_eq!(from_bytes(&bytes[..len], &key), None, "cut at {len}");
        }
        assert_eq!(from_bytes(b"not stories at all", &key), None);
    }
}
