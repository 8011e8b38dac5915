//! The threads the shell listens to: the background loader, the worker that reads what may
//! block or take time, terminal input, and signals (which first have the open editor's text
//! written, and end the process themselves if the main loop does not answer in time).

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use super::Event;
use crate::ingest::cache::store::Store;
use crate::ingest::{self, Source};
use crate::keeper::Keeper;
use crate::subscriptions::Subscription;

/// Work for the worker thread.
pub(super) enum Job {
    /// An article, taken from the kept clean articles when its file is unchanged.
    Load(usize, Source, Option<Arc<Store>>),
    LoadRaw(usize, Source),
    /// The page an article links to, as an article.
    FullText(usize, String),
}

impl Job {
    /// Reads the file; what it gives, as the event the worker would send.
    pub(super) fn run(self) -> Event {
        match self {
            Job::Load(i, source, None) => Event::Loaded(i, ingest::load(&source)),
            Job::Load(i, source, Some(kept)) => {
                Event::Loaded(i, ingest::Loader::default().load_kept(&source, &kept))
            }
            Job::LoadRaw(i, source) => Event::RawLoaded(i, ingest::load_raw(&source)),
            Job::FullText(i, url) => Event::FullText(i, ingest::fetch_article(&url)),
        }
    }
}

/// The first article shown, read (or cleaned) on another core while the terminal is set up.
pub(super) struct Prefetch {
    index: usize,
    rx: Receiver<Event>,
}

impl Prefetch {
    /// Starts reading the article at `index` when it may be read before the first screen
    /// (a large file goes to the worker as usual).
    pub(super) fn start(index: usize, source: &Source, kept: Option<Arc<Store>>) -> Option<Self> {
        if !ingest::read_inline_ok(source) {
            return None;
        }
        let (tx, rx) = mpsc::channel();
        let source = source.clone();
        let read = move || {
            let Some(store) = kept else {
                let _ = tx.send(Event::Loaded(index, ingest::load(&source)));
                return;
            };
            // A newly cleaned article is sent before its kept copy is written.
            let mut sent = false;
            let result = ingest::Loader::default().load_kept_then(&source, &store, |article| {
                sent = tx.send(Event::Loaded(index, Ok(article.clone()))).is_ok();
            });
            if !sent {
                let _ = tx.send(Event::Loaded(index, result));
            }
        };
        thread::Builder::new()
            .name("first-article".into())
            .spawn(read)
            .ok()?;
        Some(Prefetch { index, rx })
    }

    /// What was read for `index`, once it is there; `None` for another article, or when the
    /// thread ended without an answer (the caller then reads it itself).
    pub(super) fn take(self, index: usize) -> Option<Event> {
        (self.index == index).then(|| self.rx.recv().ok()).flatten()
    }
}

/// Loads every source in the background on every core, the article on screen first (see
/// `ingest::load_on_threads`), keeping clean articles in `store` for the next run.
pub(super) fn spawn_loader(
    sources: Vec<Source>,
    order: Vec<usize>,
    tx: Sender<Event>,
    store: Option<Arc<Store>>,
) {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    ingest::load_on_threads(sources, order, store, threads, move |i, result| {
        tx.send(Event::Loaded(i, result)).is_ok()
    });
}

/// Fetches the briefing's links again, four at a time, on a thread of its own (a slow server
/// must not hold up the worker), each link's articles loaded there and sent as they come.
pub(super) fn spawn_refresh(links: Arc<Vec<Subscription>>, tx: Sender<Event>) {
    thread::spawn(move || {
        crate::web::four_at_a_time(&links, Subscription::refetch, |_, link| {
            let _ = tx.send(Event::Refreshed(Box::new(link)));
        });
        let _ = tx.send(Event::RefreshDone);
    });
}

/// Where jobs for the worker go, and what starts the worker (jobs sent before wait for it).
pub(super) fn worker(tx: Sender<Event>) -> (Sender<Job>, Later) {
    let (jobs, rx) = mpsc::channel::<Job>();
    let start = move || {
        thread::spawn(move || {
            for job in rx {
                if tx.send(job.run()).is_err() {
                    return;
                }
            }
        });
    };
    (jobs, Box::new(start))
}

/// What is started once the first screen is out: starting a thread takes a tenth of a
/// millisecond, and nothing these threads do is needed for that screen.
pub(super) type Later = Box<dyn FnOnce()>;

pub(super) fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut buf = [0u8; 4096];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Event::Stop(None));
                    return;
                }
                Ok(n) => {
                    if tx.send(Event::Input(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    let _ = tx.send(Event::Stop(None));
                    return;
                }
            }
        }
    });
}

/// How long a signal waits for the editor's text to reach the disk.
pub(super) const FLUSH_WAIT: Duration = Duration::from_secs(1);

/// How long the main loop has to end after a signal before the signal thread restores the
/// terminal and ends the process itself (the loop may be stuck in a read or a computation).
const STOP_GRACE: Duration = Duration::from_secs(4);

/// Catches the signals from now on; the thread that acts on them starts with the returned
/// closure (a signal caught before waits for it).
pub(super) fn signals(tx: Sender<Event>, keeper: Option<Keeper>) -> io::Result<Later> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
    let signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH])?;
    Ok(Box::new(move || spawn_signals(signals, tx, keeper)))
}

fn spawn_signals(
    mut signals: signal_hook::iterator::Signals,
    tx: Sender<Event>,
    keeper: Option<Keeper>,
) {
    use signal_hook::consts::SIGWINCH;
    thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGWINCH {
                if tx.send(Event::Resize).is_err() {
                    return;
                }
                continue;
            }
            // The draft first: after a hangup, writes to the terminal fail or block.
            if let Some(keeper) = &keeper {
                let _ = keeper.flush(FLUSH_WAIT);
            }
            let _ = tx.send(Event::Stop(Some(sig)));
            thread::spawn(move || {
                thread::sleep(STOP_GRACE);
                crate::crash::restore_terminal();
                std::process::exit(128 + sig);
            });
        }
    });
}
