//! Loading a briefing on several threads: the sources are taken in a given order (the article
//! on screen first), a unit at a time by whichever thread is free, each thread with its own
//! [`Loader`]. A unit is one file, or all the entries of one feed in a row, so that a feed is
//! read once. With a store, clean articles are kept for the next run and taken from it when
//! their file is unchanged; the last thread to finish keeps the store within its limit.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};

use super::cache::store::{self, Store};
use super::{Article, LoadError, Loader, Source};

/// Starts `threads` threads that load every source of `order` once and pass each result to
/// `loaded` as it is ready (in about that order); a thread stops when `loaded` says false.
pub fn load_on_threads<F>(
    sources: Vec<Source>,
    order: Vec<usize>,
    store: Option<Arc<Store>>,
    threads: usize,
    loaded: F,
) -> Vec<JoinHandle<()>>
where
    F: Fn(usize, Result<Article, LoadError>) -> bool + Send + Sync + 'static,
{
    let units = units(&sources, &order);
    let threads = threads.clamp(1, units.len().max(1));
    let shared = Arc::new(Loading {
        sources,
        order,
        units,
        next: AtomicUsize::new(0),
        running: AtomicUsize::new(threads),
        store,
        loaded,
    });
    (0..threads)
        .map(|_| {
            let shared = shared.clone();
            thread::spawn(move || shared.work())
        })
        .collect()
}

struct Loading<F> {
    sources: Vec<Source>,
    order: Vec<usize>,
    /// Ranges of `order`, taken one at a time.
    units: Vec<Range<usize>>,
    next: AtomicUsize,
    /// Threads still loading.
    running: AtomicUsize,
    store: Option<Arc<Store>>,
    loaded: F,
}

impl<F: Fn(usize, Result<Article, LoadError>) -> bool> Loading<F> {
    fn work(&self) {
        let mut loader = Loader::default();
        loop {
            let u = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(unit) = self.units.get(u) else { break };
            for &i in &self.order[unit.clone()] {
                let source = &self.sources[i];
                let result = match &self.store {
                    Some(store) => loader.load_kept(source, store),
                    None => loader.load(source),
                };
                if !(self.loaded)(i, result) {
                    return;
                }
            }
        }
        if self.running.fetch_sub(1, Ordering::AcqRel) == 1
            && let Some(store) = &self.store
            && store.counts().1 > 0
            && !store.has_put_off()
        {
            store.prune(store::LIMIT);
        }
    }
}

/// `order` cut into units of work: each source alone, except the entries of one feed in a
/// row, which stay together.
fn units(sources: &[Source], order: &[usize]) -> Vec<Range<usize>> {
    let feed = |i: usize| match &sources[i] {
        Source::FeedEntry { path, .. } => Some(path),
        _ => None,
    };
    let mut units: Vec<Range<usize>> = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        match units.last_mut() {
            Some(last) if feed(i).is_some() && feed(order[last.start]) == feed(i) => {
                last.end = at + 1;
            }
            _ => units.push(at..at + 1),
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_feed_in_a_row_is_one_unit_and_files_are_alone() {
        let file = |n: &str| Source::file(n);
        let entry = |p: &str, index| Source::FeedEntry {
            path: p.into(),
            index,
            label: p.into(),
        };
        let sources = vec![
            file("a.txt"),
            entry("f.xml", 0),
            entry("f.xml", 1),
            entry("f.xml", 2),
            entry("g.xml", 0),
            file("b.txt"),
        ];
        // The article on screen (the feed's second entry) first, then the rest in turn.
        let order = vec![2, 3, 4, 5, 0, 1];
        assert_eq!(units(&sources, &order), [0..2, 2..3, 3..4, 4..5, 5..6]);
        assert!(units(&sources, &[]).is_empty());
    }

    fn briefing(dir: &std::path::Path, n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| {
                let path = dir.join(format!("{i}.txt"));
                std::fs::write(&path, format!("Note {i}\n\nThe ferry left at {i} o'clock."))
                    .unwrap();
                Source::file(path)
            })
            .collect()
    }

    /// Loads on three threads; what each source gave, by index.
    fn load(sources: &[Source], store: Option<Arc<Store>>) -> Vec<Vec<Article>> {
        let got = Arc::new(Mutex::new(vec![Vec::new(); sources.len()]));
        let into = got.clone();
        let order = (0..sources.len()).rev().collect();
        for t in load_on_threads(sources.to_vec(), order, store, 3, move |i, r| {
            into.lock().unwrap()[i].push(r.expect("loads"));
            true
        }) {
            t.join().unwrap();
        }
        Arc::try_unwrap(got).unwrap().into_inner().unwrap()
    }

    #[test]
    fn every_source_is_loaded_once() {
        let dir = tempfile::tempdir().unwrap();
        let sources = briefing(dir.path(), 40);
        for (i, articles) in load(&sources, None).iter().enumerate() {
            assert_eq!(articles.len(), 1);
            assert!(
                articles[0].paragraphs[0]
                    .text
                    .contains(&format!("at {i} o"))
            );
        }
    }

    #[test]
    fn the_second_load_takes_the_kept_articles_and_sees_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let sources = briefing(dir.path(), 12);
        let store = Arc::new(Store::new(data.path(), 1));
        let first = load(&sources, Some(store.clone()));
        assert_eq!(store.counts(), (0, 12));
        // An edit that keeps the size and the time of change.
        let path = dir.path().join("5.txt");
        let meta = std::fs::metadata(&path).unwrap();
        std::fs::write(&path, "Note 5\n\nThe train left at 5 o'clock.").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(meta.modified().unwrap()).unwrap();
        let store = Arc::new(Store::new(data.path(), 1));
        let second = load(&sources, Some(store.clone()));
        assert_eq!(
            store.counts(),
            (11, 1),
            "11 kept articles used, the edited one cleaned"
        );
        for i in 0..12 {
            let text = &second[i][0].paragraphs[0].text;
            if i == 5 {
                assert!(text.contains("train"), "the edit is seen: {text}");
            } else {
                assert_eq!(second[i], first[i]);
            }
        }
        // Another build of briefly cleans everything again.
        let other = Arc::new(Store::new(data.path(), 2));
        load(&sources, Some(other.clone()));
        assert_eq!(other.counts(), (0, 12));
    }
}
