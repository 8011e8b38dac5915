//! The background entity analysis, for the shell: the article on screen first, then the rest
//! in the order they loaded, on every core ([`pool`]); the briefing's index rebuilt now and
//! then as articles come in, while the cores go on tagging; what was found kept in the data
//! folder for the next run.
//! Once the entities are known, the stories (who carries which sentence) are built too, and
//! built again as articles come in.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::analysis::aliases::Index;
use crate::analysis::entities::ArticleEntities;
use crate::analysis::stored::{self, Record};
use crate::ingest::Article;
use crate::ingest::cache::store::Store as ArticleStore;
use crate::stories::Stories;

mod building;
mod intake;
mod kept;
mod pool;
use kept::KeptStories;
use pool::Pool;

/// What the analysis tells the shell.
pub enum Report {
    /// Articles' entities, a batch at a time (at most a few per second, so that the status
    /// line's progress does not cost a redraw per article).
    Analyzed(Vec<(usize, Arc<ArticleEntities>)>),
    Indexed(Arc<Index>),
    /// The briefing's stories, over this many articles (those whose text was known).
    Stories(Arc<Stories>, usize),
}

/// The shell's handle on the analysis thread.
pub struct Analyzer {
    /// (entry, its source key, the article).
    pub jobs: Sender<(usize, String, Arc<Article>)>,
    /// The article on screen.
    pub focus: Arc<AtomicUsize>,
    /// Taken (and run) once the first screen is drawn: it starts the analysis thread, so
    /// that start-up has the cores to itself and does not spend its time starting threads.
    go: std::sync::Mutex<Option<Start>>,
    /// The analysis thread, once started; told to stop by `quit` ([`Analyzer::finish`]).
    thread: std::sync::Mutex<Option<thread::JoinHandle<()>>>,
    quit: Arc<AtomicBool>,
    /// Names entries beyond those the analysis was started with (a refresh added them).
    more: Sender<String>,
    named: AtomicUsize,
}

/// How often analysed articles are passed on, and the index rebuilt at the least.
const BATCH: Duration = Duration::from_millis(250);

/// How long no new article has to come before stories are built over fewer articles than the
/// kept ones covered (some files may have gone or fail to load now).
const QUIET: Duration = Duration::from_millis(400);

type Job = (usize, String, Arc<Article>);

/// Starts the analysis thread.
type Start = Box<dyn FnOnce() -> thread::JoinHandle<()> + Send>;

/// How long the workers must have had nothing to do for the index or the stories to be
/// built before they are due.
const SETTLE: Duration = Duration::from_millis(30);

/// How many clean articles are written at a time before the analyzer looks for new work.
const WRITE_BATCH: usize = 1024;

/// How long the analyzer waits for a tagged article before it looks for new ones.
const WAIT: Duration = Duration::from_millis(20);

impl Analyzer {
    /// The analysis (its thread starts at [`Analyzer::start`]) for articles named `labels` (as the list names them). `report`
    /// passes a report on, and says false when nobody listens.
    pub fn spawn(
        labels: Vec<String>,
        stored_at: Option<PathBuf>,
        kept_articles: Option<Arc<ArticleStore>>,
        report: impl FnMut(Report) -> bool + Send + 'static,
    ) -> Analyzer {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (more, named) = mpsc::channel::<String>();
        let focus = Arc::new(AtomicUsize::new(0));
        let count = labels.len();
        let mut work = Work {
            more: named,
            stored: HashMap::new(),
            stored_at,
            kept_articles,
            unwritten: Vec::new(),
            keys: vec![None; labels.len()],
            unsaved: false,
            pool: Pool::new(None, focus.clone()),
            found: vec![None; labels.len()],
            articles: vec![None; labels.len()],
            labels,
            index: None,
            stories_behind: false,
            stories_built: None,
            stories_cost: Duration::ZERO,
            // Opened on the analysis thread: working out the build's stamp takes a moment.
            kept: KeptStories::none(),
            received: 0,
            outbox: Vec::new(),
            sent: Instant::now(),
            built: None,
            cost: Duration::ZERO,
            index_over: 0,
            stories_over: 0,
            started: Instant::now(),
            spent: Duration::ZERO,
            behind: false,
            report,
        };
        let wanted = focus.clone();
        let quit = Arc::new(AtomicBool::new(false));
        let stop = quit.clone();
        let go = move || {
            thread::spawn(move || {
                // The stories kept beside the entities, from the run before.
                let path = work.stored_at.as_ref().map(|p| p.with_extension("stories"));
                work.kept = KeptStories::open(path, work.labels.len());
                // What an earlier run analysed; a damaged or outdated file is simply not used.
                work.stored = work
                    .stored_at
                    .as_ref()
                    .and_then(|p| std::fs::read(p).ok())
                    .and_then(|bytes| stored::from_bytes(&bytes))
                    .unwrap_or_default();
                work.started = Instant::now();
                work.run(&rx, &wanted, &stop);
                // Nobody listens any more (or nothing more comes, or the reader quits): what
                // was found is still kept, and the stories when they are those of it all.
                if work.unsaved {
                    work.save();
                }
                if !work.stories_behind && work.kept.unsaved() {
                    work.kept.save();
                }
                work.write_articles(usize::MAX);
            })
        };
        Analyzer {
            jobs,
            focus,
            go: std::sync::Mutex::new(Some(Box::new(go))),
            thread: std::sync::Mutex::new(None),
            quit,
            more,
            named: AtomicUsize::new(count),
        }
    }

    /// Entry `i` is about to be sent: entries up to it that the analysis has not heard of
    /// (a refresh added them to the list) are named to it first, in order, by `label`.
    pub fn name_up_to(&self, i: usize, label: impl Fn(usize) -> String) {
        let mut n = self.named.load(Ordering::Relaxed);
        while n <= i {
            let _ = self.more.send(label(n));
            n += 1;
        }
        self.named.store(n, Ordering::Relaxed);
    }

    /// The first screen is out: the analysis may start.
    pub fn start(&self) {
        if let Ok(mut go) = self.go.lock()
            && let Some(go) = go.take()
        {
            let handle = go();
            if let Ok(mut thread) = self.thread.lock() {
                *thread = Some(handle);
            }
        }
    }

    /// The reader quits: the analysis stops at the next article, keeps what it found (a save
    /// under way ends first), and is waited for at most `wait`, so that an opening that has
    /// just finished is not analysed again next time.
    pub fn finish(self, wait: Duration) {
        self.quit.store(true, Ordering::Relaxed);
        let Some(handle) = self.thread.lock().ok().and_then(|mut t| t.take()) else {
            return;
        };
        drop(self);
        let until = Instant::now() + wait;
        while !handle.is_finished() && Instant::now() < until {
            thread::sleep(Duration::from_millis(5));
        }
    }
}

struct Work<F> {
    /// Records of the file not (yet) used in this run: a record used is dropped, and made
    /// again from what it gave when the file is written.
    stored: HashMap<String, Record>,
    stored_at: Option<PathBuf>,
    /// Where clean articles are kept, when their records wait for the analysis to be done
    /// ([`ArticleStore::later`]), and the entries received whose records may wait.
    kept_articles: Option<Arc<ArticleStore>>,
    unwritten: Vec<usize>,
    /// Per list entry, the key its entities are kept under (None until known, or when the
    /// tagger failed on it: then the next run tags it again).
    keys: Vec<Option<String>>,
    /// Articles analysed since the file was written.
    unsaved: bool,
    pool: Pool,
    found: Vec<Option<Arc<ArticleEntities>>>,
    /// Analysed, not yet reported.
    outbox: Vec<(usize, Arc<ArticleEntities>)>,
    sent: Instant,
    /// When the index was last built, how long that took, and whether it is behind.
    built: Option<Instant>,
    cost: Duration,
    behind: bool,
    /// How many articles had been received when the index and the stories were last built.
    index_over: usize,
    stories_over: usize,
    /// When the analysis started, and the time spent building the index and the stories
    /// since.
    started: Instant,
    spent: Duration,
    /// The articles received so far and their names, for the stories.
    articles: Vec<Option<Arc<Article>>>,
    labels: Vec<String>,
    index: Option<Arc<Index>>,
    /// Articles were analysed since the stories were last built; when and at what cost.
    stories_behind: bool,
    stories_built: Option<Instant>,
    stories_cost: Duration,
    /// The stories of the last run, and what the ones built now are made from.
    kept: KeptStories,
    /// How many list entries have an article.
    received: usize,
    /// Names of entries added to the list after the start.
    more: Receiver<String>,
    report: F,
}

impl<F: FnMut(Report) -> bool> Work<F> {
    fn run(&mut self, rx: &Receiver<Job>, wanted: &AtomicUsize, quit: &AtomicBool) {
        loop {
            if quit.load(Ordering::Relaxed) {
                return;
            }
            for job in rx.try_iter() {
                self.take(job);
            }
            for done in self.pool.finished() {
                self.record(done);
            }
            let idle = !self.pool.busy();
            let focus = wanted.load(Ordering::Relaxed);
            let shown_is_new = self.outbox.iter().any(|(i, _)| *i == focus);
            if !self.outbox.is_empty() && (idle || shown_is_new || self.sent.elapsed() >= BATCH) {
                if !(self.report)(Report::Analyzed(std::mem::take(&mut self.outbox))) {
                    return;
                }
                self.sent = Instant::now();
            }
            // Building the index costs time that analysis could use: at most a twentieth of
            // it.
            let due = self
                .built
                .is_none_or(|b| b.elapsed() >= (self.cost * 19).max(BATCH))
                && self.affordable(self.cost, self.index_over);
            // Stories wait for the index (names join articles), and cost no more than a
            // twentieth of the time while articles are still coming in.
            let stories_due = self
                .stories_built
                .is_none_or(|b| b.elapsed() >= (self.stories_cost * 19).max(BATCH))
                && self.affordable(self.stories_cost, self.stories_over);
            // While fewer articles are in than the kept index and stories covered, building
            // them would be wasted: the kept ones will most likely do.
            let waiting = self.kept.waiting(self.received);
            if self.behind && !waiting && (idle || shown_is_new || due) {
                if !(shown_is_new || due || self.settled(rx)) {
                    continue;
                }
                // Caught up: the stories read the articles while the index is built.
                if idle && self.stories_behind && !self.kept.has_file() {
                    if !self.build_both() {
                        return;
                    }
                    continue;
                }
                if !self.build_index() {
                    return;
                }
                // The workers go on tagging, so the index is soon behind again: the stories
                // follow the index they are built on, when due.
                if self.stories_behind && !idle && stories_due && !self.build_stories() {
                    return;
                }
            } else if self.stories_behind && !self.behind && !waiting && (idle || stories_due) {
                if !(stories_due || self.settled(rx)) {
                    continue;
                }
                if !self.build_stories() {
                    return;
                }
            } else if idle && self.unsaved {
                // After the stories: they are what the reader waits for.
                self.save();
            } else if idle && !self.stories_behind && self.kept.unsaved() {
                self.kept.save();
            } else if idle && !self.unwritten.is_empty() {
                // Last: the clean articles for the next run.
                self.write_articles(WRITE_BATCH);
            } else if idle && waiting && (self.behind || self.stories_behind) {
                match rx.recv_timeout(QUIET) {
                    Ok(job) => self.take(job),
                    Err(mpsc::RecvTimeoutError::Timeout) => self.kept.stop_waiting(),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            } else if idle {
                match rx.recv() {
                    Ok(job) => self.take(job),
                    Err(_) => return,
                }
            } else if let Some(done) = self.pool.wait(WAIT) {
                self.record(done);
            }
        }
    }

    /// Whether the workers stay idle for [`SETTLE`] (else the article that came meanwhile is
    /// taken): while loading is what keeps them waiting, the next article is a moment away,
    /// and building the index or the stories at each pause would take the cores from loading.
    fn settled(&mut self, rx: &Receiver<Job>) -> bool {
        match rx.recv_timeout(SETTLE) {
            Ok(job) => {
                self.take(job);
                false
            }
            Err(_) => true,
        }
    }
}

#[cfg(test)]
mod tests;
