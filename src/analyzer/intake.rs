//! What comes in to the analysis and what it keeps: articles taken from the file of an earlier
//! run or given to the workers, their results recorded, and the file written.

use std::sync::Arc;

use super::pool::Done;
use super::{Job, Report, Work, stored};
use crate::analysis::entities::ArticleEntities;
use crate::ingest::Article;
use crate::ingest::cache::store as article_store;

impl<F: FnMut(Report) -> bool> Work<F> {
    /// Writes what was found, best effort: without the file the next run analyses again.
    pub(super) fn save(&mut self) {
        self.unsaved = false;
        let Some(path) = &self.stored_at else {
            return;
        };
        // Those of this run are written as found; the others stay as they were.
        let mine: std::collections::HashSet<&String> = self.keys.iter().flatten().collect();
        let mut entries: Vec<(&str, stored::Entry)> = self
            .stored
            .iter()
            .filter(|(key, _)| !mine.contains(key))
            .map(|(key, r)| (key.as_str(), stored::Entry::Kept(r)))
            .collect();
        for ((key, article), found) in self.keys.iter().zip(&self.articles).zip(&self.found) {
            if let (Some(key), Some(article), Some(found)) = (key, article, found) {
                let paragraphs: Vec<&str> =
                    article.paragraphs.iter().map(|p| p.text.as_str()).collect();
                let text = stored::text_hash(&paragraphs);
                entries.push((key, stored::Entry::Found { text, found }));
            }
        }
        let _ = crate::session::write_atomic(path, &stored::write(entries));
        // Those of this run are made again next time from what they gave.
        self.stored.retain(|key, _| !mine.contains(key));
    }

    /// An article to analyse: taken from the file when its text is unchanged, else given
    /// to the workers.
    /// Writes the records put off of up to `most` articles received; once none is left, keeps
    /// the folder of clean articles within its limit.
    pub(super) fn write_articles(&mut self, most: usize) {
        let Some(store) = &self.kept_articles else {
            self.unwritten.clear();
            return;
        };
        let batch = self
            .unwritten
            .split_off(self.unwritten.len().saturating_sub(most));
        let records: Vec<(&str, &Article)> = batch
            .iter()
            .filter_map(|&i| {
                let key = self.keys.get(i)?.as_deref()?;
                let article = self.articles.get(i)?.as_deref()?;
                Some((key, article))
            })
            .collect();
        // Many in one pack: creating a file each cost the system more than writing them.
        let wrote = store.write_put_off_all(&records) > 0;
        if wrote && self.unwritten.is_empty() {
            store.prune(article_store::LIMIT);
        }
    }

    pub(super) fn take(&mut self, job: Job) {
        self.grow();
        let paragraphs: Vec<&str> = job.2.paragraphs.iter().map(|p| p.text.as_str()).collect();
        match self.stored.get(&job.1).and_then(|r| r.reuse(&paragraphs)) {
            Some(found) => {
                self.stored.remove(&job.1);
                self.found(job, Some(found))
            }
            None => self.pool.push(job),
        }
    }

    /// Makes room for the entries added to the list since the start.
    pub(super) fn grow(&mut self) {
        for label in self.more.try_iter() {
            self.labels.push(label);
            self.keys.push(None);
            self.found.push(None);
            self.articles.push(None);
            self.kept.grow();
        }
    }

    /// An article the workers tagged, kept for the next run unless the tagger failed on it.
    pub(super) fn record(&mut self, done: Done) {
        self.unsaved |= done.found.is_some();
        self.found(done.job, done.found);
    }

    /// What entry `i` is found to mention (None: the tagger failed on it).
    pub(super) fn found(&mut self, (i, key, article): Job, result: Option<ArticleEntities>) {
        if let Some(slot) = self.keys.get_mut(i) {
            *slot = result.is_some().then_some(key);
        }
        let result = result.unwrap_or_default();
        if let Some(slot) = self.articles.get_mut(i) {
            self.received += usize::from(slot.is_none());
            if self.kept_articles.is_some() {
                self.unwritten.push(i);
            }
            *slot = Some(article.clone());
        }
        let label = self.labels.get(i).map_or("", String::as_str);
        self.kept.note(i, label, &article, &result);
        let result = Arc::new(result);
        if let Some(slot) = self.found.get_mut(i) {
            *slot = Some(result.clone());
        }
        self.outbox.push((i, result));
        self.behind = true;
        self.stories_behind = true;
    }
}
