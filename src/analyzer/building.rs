//! Building the entity index and the stories as articles come in: while the analysis goes
//! on, only as often as a twentieth of the time allows; once it is done, both at once.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Report, Work};
use crate::analysis::aliases;
use crate::analysis::entities::ArticleEntities;
use crate::ingest::Article;
use crate::stories;

impl<F: FnMut(Report) -> bool> Work<F> {
    /// Whether building the index or the stories again, at a cost foreseen from the `last`
    /// build's (over `over` articles) grown with the articles received since, keeps all the
    /// building within a twentieth of the time since the start: each build costs more as
    /// articles come in, and those made while the analysis goes on are built again at its end.
    pub(super) fn affordable(&self, last: Duration, over: usize) -> bool {
        let foreseen = last.mul_f64(self.received as f64 / over.max(1) as f64);
        (self.spent + foreseen) * 20 <= self.started.elapsed()
    }

    pub(super) fn build_index(&mut self) -> bool {
        let start = Instant::now();
        let index = Arc::new(self.kept.index().unwrap_or_else(|| {
            let refs: Vec<Option<&ArticleEntities>> =
                self.found.iter().map(|f| f.as_deref()).collect();
            aliases::build(&refs)
        }));
        self.cost = start.elapsed();
        self.spent += self.cost;
        self.index_over = self.received;
        self.built = Some(Instant::now());
        self.behind = false;
        self.index = Some(index.clone());
        (self.report)(Report::Indexed(index))
    }

    /// What the stories are built from: every list entry, `empty` for one not received yet (so
    /// that the stories' numbering is the list's).
    fn inputs<'a>(&'a self, empty: &'a Article) -> Vec<stories::Input<'a>> {
        (0..self.labels.len())
            .map(|i| stories::Input {
                article: self.articles[i].as_deref().unwrap_or(empty),
                label: &self.labels[i],
                entities: self.found[i].as_deref(),
            })
            .collect()
    }

    /// The index and the stories over the articles received so far, built together
    /// ([`stories::build_beside`]).
    pub(super) fn build_both(&mut self) -> bool {
        let start = Instant::now();
        self.kept.superseded();
        // Nothing is being tagged: the sentences the tagger kept make room for the stories.
        crate::analysis::repeats::release();
        crate::memory::give_back();
        let covered = self.received;
        let empty = Article::default();
        let inputs = self.inputs(&empty);
        let refs: Vec<Option<&ArticleEntities>> = self.found.iter().map(|f| f.as_deref()).collect();
        let (index, built) = stories::build_beside(&inputs, || Arc::new(aliases::build(&refs)));
        drop(inputs);
        let cost = start.elapsed();
        self.spent += cost;
        (self.cost, self.stories_cost) = (cost, cost);
        (self.index_over, self.stories_over) = (covered, covered);
        self.built = Some(Instant::now());
        self.stories_built = self.built;
        (self.behind, self.stories_behind) = (false, false);
        self.index = Some(index.clone());
        if !(self.report)(Report::Indexed(index.clone())) {
            return false;
        }
        match built {
            Some(built) => {
                let built = Arc::new(built);
                self.kept.built(index, built.clone());
                (self.report)(Report::Stories(built, covered))
            }
            None => true,
        }
    }

    /// Groups the articles received so far into stories (an article not yet received counts
    /// as empty, so that the stories' numbering is the list's).
    pub(super) fn build_stories(&mut self) -> bool {
        let covered = self.received;
        if let Some(kept) = self.kept.stories() {
            self.stories_behind = false;
            self.stories_built = Some(Instant::now());
            return (self.report)(Report::Stories(Arc::new(kept), covered));
        }
        // The stories last built are not written now: let them go before building new ones.
        self.kept.superseded();
        crate::memory::give_back();
        let start = Instant::now();
        let empty = Article::default();
        let inputs = self.inputs(&empty);
        // A bug in grouping costs the session its stories, not the session.
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            stories::build(&inputs, self.index.as_deref())
        }));
        self.stories_cost = start.elapsed();
        self.spent += self.stories_cost;
        self.stories_over = covered;
        self.stories_built = Some(Instant::now());
        self.stories_behind = false;
        match built {
            Ok(built) => {
                let built = Arc::new(built);
                if let Some(index) = &self.index {
                    self.kept.built(index.clone(), built.clone());
                }
                (self.report)(Report::Stories(built, covered))
            }
            Err(_) => true,
        }
    }
}
