//! The tagging workers: one per core, each taking the next article from a shared queue (the
//! one on screen first) and handing back what it found, so that tagging goes on while the
//! analyzer builds the index and the stories.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use super::Job;
use crate::analysis::entities::{self, ArticleEntities};

/// An article tagged: its job, and what was found (None when the tagger failed on it).
pub(super) struct Done {
    pub job: Job,
    pub found: Option<ArticleEntities>,
}

/// How long a worker waits for work before it lets its kept words go.
const IDLE: Duration = Duration::from_millis(200);

pub(super) struct Pool {
    shared: Arc<Shared>,
    done: Receiver<Done>,
    /// Sent to the workers (started on the first job), for each to hand back its results.
    give: Sender<Done>,
    /// How many workers: given, or (None) one per core, counted when they start.
    threads: Option<usize>,
    started: bool,
    /// Jobs given and not yet handed back.
    in_flight: usize,
}

struct Shared {
    pending: Mutex<Pending>,
    wake: Condvar,
    focus: Arc<AtomicUsize>,
}

#[derive(Default)]
struct Pending {
    jobs: VecDeque<Job>,
    closed: bool,
}

impl Pool {
    /// A pool of `threads` workers (one per core when None; started with the first job, so
    /// that counting the cores is not on the way to the first screen) that take the article
    /// `focus` names first.
    pub(super) fn new(threads: Option<usize>, focus: Arc<AtomicUsize>) -> Pool {
        let (give, done) = mpsc::channel();
        Pool {
            shared: Arc::new(Shared {
                pending: Mutex::new(Pending::default()),
                wake: Condvar::new(),
                focus,
            }),
            done,
            give,
            threads,
            started: false,
            in_flight: 0,
        }
    }

    pub(super) fn push(&mut self, job: Job) {
        if !self.started {
            self.started = true;
            let threads = self
                .threads
                .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()));
            for _ in 0..threads.max(1) {
                let (shared, give) = (self.shared.clone(), self.give.clone());
                thread::spawn(move || shared.work(&give));
            }
        }
        if let Ok(mut p) = self.shared.pending.lock() {
            p.jobs.push_back(job);
            self.in_flight += 1;
            self.shared.wake.notify_one();
        }
    }

    /// Whether articles are being tagged or wait for it.
    pub(super) fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// What the workers finished since the last call.
    pub(super) fn finished(&mut self) -> Vec<Done> {
        let out: Vec<Done> = self.done.try_iter().collect();
        self.in_flight -= out.len();
        out
    }

    /// Waits up to `timeout` for the next article tagged.
    pub(super) fn wait(&mut self, timeout: Duration) -> Option<Done> {
        let done = self.done.recv_timeout(timeout).ok()?;
        self.in_flight -= 1;
        Some(done)
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(mut p) = self.shared.pending.lock() {
            p.closed = true;
            p.jobs.clear();
        }
        self.shared.wake.notify_all();
    }
}

impl Shared {
    fn next(&self) -> Option<Job> {
        let mut p = self.pending.lock().ok()?;
        loop {
            let focus = self.focus.load(Ordering::Relaxed);
            if let Some(at) = p.jobs.iter().position(|(i, ..)| *i == focus) {
                return p.jobs.remove(at);
            }
            if let Some(job) = p.jobs.pop_front() {
                return Some(job);
            }
            if p.closed {
                return None;
            }
            // Idle for a while (not merely waiting for the next file to load): the words the
            // tagger kept on this thread are let go until there is work again.
            let (q, waited) = self.wake.wait_timeout(p, IDLE).ok()?;
            p = q;
            if waited.timed_out() && p.jobs.is_empty() && !p.closed {
                crate::analysis::memo::release();
                crate::analysis::repeats::release();
                crate::analysis::held::let_go();
                crate::memory::give_back();
                p = self.wake.wait(p).ok()?;
            }
        }
    }

    fn work(&self, give: &Sender<Done>) {
        while let Some(job) = self.next() {
            let paragraphs: Vec<&str> = job.2.paragraphs.iter().map(|p| p.text.as_str()).collect();
            // A bug in analysis costs this article its highlights (until the next run), not
            // the session.
            let found = std::panic::catch_unwind(|| entities::analyze(&paragraphs)).ok();
            if give.send(Done { job, found }).is_err() {
                return;
            }
        }
    }
}
