//! Loading sources: one at a time, or many with each feed read once for all its entries; and
//! the one place where every article is made safe for a terminal.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::cache::{Stamp, store::Store};
use super::feed_split::{self, Split};
use super::read::Cut;

use super::{
    Article, Format, LoadError, Paragraph, Source, declared_charset, decode, extract_article, feed,
    read,
};
use crate::sanitize::{sanitize_line, sanitize_owned};

/// Reads, decodes and cleans one source. To load many, a [`Loader`] (or [`load_all`]) reads
/// each feed once for all its entries.
pub fn load(source: &Source) -> Result<Article, LoadError> {
    Loader {
        feed: None,
        one_entry: true,
    }
    .load(source)
}

/// Loads every source, in order, each feed read once for all its entries (`briefly extract`,
/// `briefly entities`).
pub fn load_all(sources: &[Source]) -> Vec<Result<Article, LoadError>> {
    let mut loader = Loader::default();
    sources.iter().map(|s| loader.load(s)).collect()
}

/// Loads sources one after another. The entries of the feed last read are kept, converted,
/// until they are asked for (each is handed over once, not copied), so that loading a feed's
/// 5,000 entries parses it once, not 5,000 times.
#[derive(Default)]
pub struct Loader {
    feed: Option<LoadedFeed>,
    /// Only the entry asked for is converted (one `load`).
    one_entry: bool,
}

struct LoadedFeed {
    path: PathBuf,
    cut: Option<Cut>,
    /// The feed's articles, or why it could not be read.
    entries: Result<Vec<Option<Result<Article, String>>>, String>,
}

impl Loader {
    pub fn load(&mut self, source: &Source) -> Result<Article, LoadError> {
        let (article, cut) = match source {
            Source::FeedEntry { path, index, .. } => {
                self.entry(path, *index).map_err(|p| fail(source, p))?
            }
            Source::Web {
                page,
                entry: Some(index),
                ..
            } => match page.as_ref() {
                Ok(p) => (
                    feed::entry(&p.bytes, *index).map_err(|e| fail(source, e))?,
                    None,
                ),
                Err(problem) => return Err(fail(source, problem.clone())),
            },
            _ => {
                let contents = read_source(source).map_err(|p| fail(source, p))?;
                return finish(source, &contents);
            }
        };
        Ok(with_full_text(finished(source, article, cut)))
    }

    /// [`Loader::load`], with the article kept in `store` for the next run, or taken from it
    /// when the file is the one it was made from (same size, time of change and bytes).
    pub fn load_kept(&mut self, source: &Source, store: &Store) -> Result<Article, LoadError> {
        self.load_kept_then(source, store, |_| {})
    }

    /// [`Loader::load_kept`], handing a newly cleaned article to `ready` before it is written
    /// to `store` (the first screen need not wait for the write).
    pub fn load_kept_then(
        &mut self,
        source: &Source,
        store: &Store,
        ready: impl FnOnce(&Article),
    ) -> Result<Article, LoadError> {
        let Source::File { path, .. } = source else {
            return self.load(source);
        };
        // The stamp is taken before the bytes are read: a file changed in between is stored
        // with the older time, and so read again next time.
        let meta = fs::metadata(path).ok().filter(fs::Metadata::is_file);
        let Some(meta) = meta.filter(|_| Store::keeps(source)) else {
            return self.load(source);
        };
        if let Some(article) = store.get_unchanged(source, meta.len(), meta.modified().ok()) {
            return Ok(article);
        }
        let contents = read_source(source).map_err(|p| fail(source, p))?;
        let stamp = Stamp::new(meta.len(), meta.modified().ok(), &contents.bytes);
        if let Some(article) = store.get(source, &stamp) {
            return Ok(article);
        }
        let article = finish(source, &contents)?;
        ready(&article);
        store.put(source, &stamp, &article);
        Ok(article)
    }

    fn entry(&mut self, path: &Path, index: usize) -> Result<(Article, Option<Cut>), String> {
        if self.one_entry {
            return one_entry(path, index);
        }
        if self.feed.as_ref().is_none_or(|f| f.path != path) {
            // The last feed goes first: two large feeds are never held at once.
            self.feed = None;
            let (entries, cut) = match read::read(path, true) {
                Ok(c) => (feed::articles(&c.bytes), c.cut),
                Err(e) => (Err(e), None),
            };
            self.feed = Some(LoadedFeed {
                path: path.to_path_buf(),
                cut,
                entries: entries.map(|all| all.into_iter().map(Some).collect()),
            });
        }
        let Some(feed) = self.feed.as_mut() else {
            return Err("cannot be read".into());
        };
        let cut = feed.cut;
        match &mut feed.entries {
            Err(e) => Err(e.clone()),
            Ok(entries) => match entries.get_mut(index).map(Option::take) {
                Some(Some(article)) => Ok((article?, cut)),
                // Asked for again: read once more.
                Some(None) => {
                    let c = read::read(path, true)?;
                    Ok((feed::entry(&c.bytes, index)?, c.cut))
                }
                None => Err(format!("the feed has no entry {}", index + 1)),
            },
        }
    }
}

fn fail(source: &Source, problem: String) -> LoadError {
    LoadError {
        name: source.display_name(),
        problem: sanitize_line(&problem),
    }
}

/// The clean article of a file's contents.
fn finish(source: &Source, contents: &read::Contents) -> Result<Article, LoadError> {
    let format = Format::detect(&source.name_for_format(), &contents.bytes);
    let article = extract_article(&contents.bytes, format).map_err(|p| fail(source, p))?;
    Ok(finished(source, article, contents.cut))
}

/// An extracted article made safe for the terminal, with the notice of a file read in part
/// and, when it has none, a title from the source's name.
fn finished(source: &Source, article: Article, cut: Option<Cut>) -> Article {
    let mut article = clean(article);
    // A fetched page's link is where it was found (a feed's entry keeps its own, or has
    // none: the feed is not its page).
    if let Source::Web {
        page, entry: None, ..
    } = source
        && article.link.is_none()
        && let Ok(p) = page.as_ref()
    {
        article.link = Some(sanitize_line(&p.url));
    }
    if let Source::Web { page, .. } = source
        && let Ok(Some(notice)) = page.as_ref().as_ref().map(|p| p.notice.as_ref())
        && article.notice.is_none()
    {
        article.notice = Some(sanitize_line(notice));
    }
    if let Some(cut) = cut {
        article.notice = Some(cut.notice());
    }
    if article.title.is_empty() {
        article.title = source.display_name();
    }
    article
}

/// The article at `url`, fetched now (and kept in the data folder): `L`'s full text.
pub fn fetch_article(url: &str) -> Result<Article, String> {
    let page = crate::web::fetch(url)?;
    load(&Source::from_page(url, page)).map_err(|e| e.problem)
}

/// A feed entry whose link's page the user fetched once (`L` in the reader, kept in the data
/// folder): the full article from that page, its date kept when the page has none.
fn with_full_text(entry: Article) -> Article {
    let Some(link) = entry.link.as_deref().filter(|l| crate::web::is_url(l)) else {
        return entry;
    };
    let Some(page) = crate::web::kept_page(link) else {
        return entry;
    };
    match load(&Source::from_page(link, page)) {
        Ok(mut full) if !full.paragraphs.is_empty() => {
            full.published = full.published.or(entry.published);
            full.link = Some(link.to_string());
            full
        }
        _ => entry,
    }
}

/// The feed file that `load` read last, split into its entries, kept for the next call: one
/// caller after another loads a feed's entries one by one (`briefly extract`, exports), and
/// each would otherwise read and scan the whole file again.
struct LastFeed {
    path: PathBuf,
    /// The file's length and time of change when read: a changed file is read again.
    stamp: (u64, Option<SystemTime>),
    cut: Option<Cut>,
    feed: Result<Split<'static>, Vec<u8>>,
}

static LAST_FEED: Mutex<Option<Arc<LastFeed>>> = Mutex::new(None);

fn one_entry(path: &Path, index: usize) -> Result<(Article, Option<Cut>), String> {
    let meta = fs::metadata(path).map_err(read::io_problem)?;
    let stamp = (meta.len(), meta.modified().ok());
    let last = LAST_FEED.lock().ok().and_then(|l| l.clone());
    let last = match last {
        Some(l) if l.path == path && l.stamp == stamp => l,
        _ => {
            let c = read::read(path, true)?;
            let l = Arc::new(LastFeed {
                path: path.to_path_buf(),
                stamp,
                cut: c.cut,
                feed: feed_split::split_owned(c.bytes),
            });
            if let Ok(mut slot) = LAST_FEED.lock() {
                *slot = Some(l.clone());
            }
            l
        }
    };
    let article = match &last.feed {
        Ok(split) if !split.items.is_empty() => feed::entry_of(split, index)?,
        Ok(_) | Err(_) => {
            let bytes = match &last.feed {
                Ok(split) => split.bytes(),
                Err(bytes) => bytes,
            };
            feed::entry(bytes, index)?
        }
    };
    Ok((article, last.cut))
}

/// Every field of an article made safe for a terminal (escape sequences, control and bidi
/// characters): the one place that every format's article passes through, whatever path
/// loaded it. A paragraph left empty is dropped.
pub(super) fn clean(article: Article) -> Article {
    let had_text = !article.paragraphs.is_empty();
    let mut paragraphs: Vec<Paragraph> = article
        .paragraphs
        .into_iter()
        .map(|p| Paragraph {
            kind: p.kind,
            text: sanitize_owned(p.text),
        })
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    // Collected in place, the list keeps the room the extractor's had: a briefing holds
    // every article, so it gives that back.
    paragraphs.shrink_to_fit();
    let notice = match article.notice {
        None if had_text && paragraphs.is_empty() => Some(super::NO_TEXT.to_string()),
        n => n.map(|n| sanitize_line(&n)),
    };
    Article {
        title: sanitize_line(&article.title),
        published: article.published.map(|p| sanitize_line(&p)),
        byline: article.byline.map(|b| sanitize_line(&b)),
        site: article.site.map(|s| sanitize_line(&s)),
        link: article.link.map(|l| sanitize_line(&l)),
        paragraphs,
        notice,
    }
}

/// The source's text as it is, decoded but not cleaned: what the reader's raw view shows.
pub fn load_raw(source: &Source) -> Result<String, LoadError> {
    let fail = |problem: String| LoadError {
        name: source.display_name(),
        problem: sanitize_line(&problem),
    };
    let contents = read_source(source).map_err(fail)?;
    let decoded = decode(
        &contents.bytes,
        declared_charset(&contents.bytes).as_deref(),
    )
    .map_err(fail)?;
    Ok(decoded.text)
}

fn read_source(source: &Source) -> Result<read::Contents, String> {
    match source {
        Source::Embedded { text, .. } => Ok(read::Contents {
            bytes: text.as_bytes().to_vec(),
            cut: None,
        }),
        Source::File {
            path, in_folder, ..
        } => read::read(path, *in_folder),
        Source::FeedEntry { path, .. } => read::read(path, true),
        Source::Web { page, .. } => match page.as_ref() {
            Ok(p) => Ok(read::Contents {
                bytes: p.bytes.clone(),
                cut: None,
            }),
            Err(problem) => Err(problem.clone()),
        },
    }
}

/// The size of the file behind a source (0 when unknown), from its metadata: the file is not
/// opened.
pub fn size_of(source: &Source) -> u64 {
    match source {
        Source::File { path, .. } | Source::FeedEntry { path, .. } => read::size(path),
        Source::Embedded { text, .. } => text.len() as u64,
        Source::Web { page, .. } => page.as_ref().as_ref().map_or(0, |p| p.bytes.len() as u64),
    }
}

/// Whether the reader may load this source on its main thread: true only for a regular file
/// of at most 1 MiB that is not compressed (and for the demo). Pipes and devices may block or
/// never end, and large or compressed files take time: those belong on a worker thread.
pub fn read_inline_ok(source: &Source) -> bool {
    match source {
        Source::File { path, .. } | Source::FeedEntry { path, .. } => read::inline_ok(path),
        // A fetched page is in memory already.
        Source::Embedded { .. } | Source::Web { .. } => true,
    }
}
