//! The one place that owns the terminal, the clock and the threads: it turns terminal input,
//! signals and background loads into actions, runs `update`, carries out the effects and draws.

use std::io::{self, BufWriter, Stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::analyzer::{Analyzer, Report};
use crate::app::{Action, AppState, Body, Effect, action_for_key, update};

use crate::input::{Input, InputParser};
use crate::keeper::Keeper;
use crate::notes::Store;
use crate::session;
use crate::term::Screen;
use crate::ui::{self, Theme};

mod effects;
mod event;
mod keep;
mod launch;
mod threads;
mod tty;

use crate::ingest::cache::store as kept_articles;
use event::Event;
pub use launch::{Early, Ended, Launch};
use threads::{FLUSH_WAIT, Job, Later, Prefetch, signals, spawn_input, spawn_loader, worker};
use tty::{enter, install_panic_hook, leave};

/// How long a lone ESC waits for the rest of an escape sequence before it counts as Esc.
/// (50 ms: a sequence split over a slow link still arrives within it; vim uses 100.)
const ESC_WAIT: Duration = Duration::from_millis(50);

/// How long the first key of a two-key binding ("] a") waits for the second (vim: 1 s).
const SECOND_KEY_WAIT: Duration = Duration::from_millis(600);

/// How often the screen is drawn at most while only background work arrives.
const FRAME: Duration = Duration::from_millis(50);

/// DECRQM for DECLRMM: does the terminal have left/right margins?
const ASK_MARGINS: &[u8] = b"\x1b[?69$p";

/// What was last drawn of the reader, to tell a scroll from any other change.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ReaderShown {
    article: Option<usize>,
    width: u16,
    top: usize,
    size: (u16, u16),
}

pub fn run(launch: Launch) -> io::Result<Ended> {
    let early = launch.early.unwrap_or_else(|| {
        Early::start(
            &launch.sources,
            launch.data_dir.as_deref(),
            &launch.briefing_id,
        )
    });
    let (cols, rows) = terminal::size().unwrap_or((80, 24));
    let mut state = AppState::new(launch.briefing, launch.sources, launch.keymap, (cols, rows));
    state.set_quick_tags(launch.settings.quick_tags.clone());
    state.copy_enabled = launch.settings.copy;
    state.fold_accents = launch.settings.fold_accents;
    state.refresh.links = launch.links.len();
    let session_path = launch
        .data_dir
        .as_ref()
        .map(|d| session::path_for(d, &launch.briefing_id));
    match early.session {
        Some(Ok(Some(s))) => s.restore(&mut state),
        Some(Err(message)) => state.message = Some(message),
        _ => {}
    }
    let (tx, rx) = mpsc::channel();
    // The selected article is read on the main thread for the first screen; the others are
    // read in the background once that screen is up, so that they do not compete with it.
    let order: Vec<usize> = (state.selected + 1..state.entries.len())
        .chain(0..state.selected)
        .collect();
    let (kept, prefetch) = (early.kept, early.prefetch);
    let sources = state.entries.iter().map(|e| e.source.clone()).collect();
    let loading = tx.clone();
    let first_kept = kept.clone();
    let start_loader: Later = Box::new(move || spawn_loader(sources, order, loading, kept));
    let mut later: Vec<Later> = Vec::new();
    // The open editor's text is kept on disk by a thread of its own, flushed by the signal
    // thread before anything touches the terminal (writes to it fail after a hangup).
    let drafts = launch
        .data_dir
        .as_ref()
        .map(|d| crate::keeper::folder(d, &launch.briefing_id));
    let keeper = drafts.clone().map(|d| {
        let (keeper, start) = Keeper::unstarted(d);
        later.push(Box::new(start));
        keeper
    });
    later.push(signals(tx.clone(), keeper.clone())?);

    install_panic_hook();
    crate::crash::install();
    enter()?;
    let out = BufWriter::with_capacity(1 << 16, io::stdout());
    let mut screen = Screen::new(out, Rect::new(0, 0, cols, rows))?;
    let (worker, start_worker) = worker(tx.clone());
    later.push(start_worker);
    // Analysed articles are kept beside the notes, so that reopening does not redo them.
    let stored = launch.data_dir.as_ref().map(|d| {
        d.join("entities").join(format!(
            "{:016x}.bin",
            session::fnv1a(launch.briefing_id.as_bytes())
        ))
    });
    let events = tx.clone();
    let reports = tx.clone();
    let labels = state.entries.iter().map(|e| e.name.clone()).collect();
    let analyzer = Analyzer::spawn(labels, stored, first_kept.clone(), move |report| {
        reports
            .send(match report {
                Report::Analyzed(batch) => Event::Analyzed(batch),
                Report::Indexed(index) => Event::Indexed(index),
                Report::Stories(stories, covered) => Event::Stories(stories, covered),
            })
            .is_ok()
    });
    later.push(Box::new(move || spawn_input(tx)));

    let notes = launch
        .data_dir
        .as_ref()
        .map(|d| Store::new(d, &launch.briefing_id));
    keep::take_back(&mut state, notes.as_ref(), drafts.as_deref());
    later.push(start_loader);
    let shell = Shell {
        later: std::cell::Cell::new(later),
        exports: crate::transfer::exports_dir(&launch.settings, launch.data_dir.as_deref()),
        notes,
        session_path,
        theme: Theme::from_env(),
        worker,
        analyzer,
        keeper,
        links: Arc::new(launch.links),
        events,
        kept: first_kept,
        prefetch: std::cell::Cell::new(prefetch),
    };
    let first = update(&mut state, Action::Resize(cols, rows));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        shell.event_loop(&mut screen, &mut state, &rx, first)
    }));
    // Whatever ended the loop (q, a signal, a panic), the editor's text and the positions
    // are saved first.
    // (Ended before the first frame, the keeper never started and no editor was open.)
    let started = shell.later.take().is_empty();
    let lost_draft = (shell.keeper.as_ref())
        .filter(|_| started)
        .and_then(|k| k.flush(FLUSH_WAIT));
    let save_problem = shell.save(&state);
    let unsaved = shell.last_save(&state);
    leave(screen.margins());
    // The screen is the shell's again; the analysis ends its save (an opening that has just
    // finished is then not analysed again next time).
    shell.analyzer.finish(ANALYSIS_WAIT);
    match outcome {
        Ok(result) => result.map(|signal| {
            let mut problems: Vec<String> = save_problem.into_iter().collect();
            // The editor's text could not be kept on disk: the user sees it here, at least.
            problems.extend(lost_draft.map(|d| {
                format!(
                    "the note being written could not be kept in the data folder; its text: {}",
                    d.text
                )
            }));
            problems.extend(unsaved.as_ref().map(|(problem, _)| problem.clone()));
            Ended {
                signal,
                problems,
                unsaved: unsaved.map(|(_, line)| line),
            }
        }),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// How long quitting waits for the analysis to keep what it found.
const ANALYSIS_WAIT: Duration = Duration::from_secs(5);

struct Shell {
    /// Starts reading every article in the background, and the threads for keys, signals,
    /// the worker and the editor's keeper (once, after the first screen).
    later: std::cell::Cell<Vec<Later>>,
    session_path: Option<PathBuf>,
    /// Where the briefing's notes are kept.
    notes: Option<Store>,
    /// Where E writes exports.
    exports: Option<PathBuf>,
    theme: Theme,
    /// Reads large files off the main thread.
    worker: Sender<Job>,
    analyzer: Analyzer,
    /// Writes the open editor's text to the data dir (none without a data dir).
    keeper: Option<Keeper>,
    /// The briefing's links, for a refresh, and where its results go.
    links: Arc<Vec<crate::subscriptions::Subscription>>,
    events: Sender<Event>,
    /// Clean articles kept from the last run: the first article shown is taken from there
    /// when its file is unchanged (no cleaning before the first screen).
    kept: Option<Arc<kept_articles::Store>>,
    /// The first article shown, being read on another core since the start.
    prefetch: std::cell::Cell<Option<Prefetch>>,
}

impl Shell {
    fn event_loop(
        &self,
        screen: &mut Screen<BufWriter<Stdout>>,
        state: &mut AppState,
        rx: &Receiver<Event>,
        first: Vec<Effect>,
    ) -> io::Result<Option<i32>> {
        let mut parser = InputParser::default();
        let mut shown: Option<ReaderShown> = None;
        let mut asked = false;
        let mut draft = None;
        if self.carry_out(screen, state, first, &mut shown)? {
            return Ok(None);
        }
        // While only background work arrives (articles loaded and analysed), the screen is
        // drawn at most once a [`FRAME`]: drawing after each of ten thousand articles took
        // the cores from the work itself.
        let mut background = false;
        let mut drawn_at = Instant::now();
        loop {
            self.keep_draft(state, &mut draft);
            let throttled = background && drawn_at.elapsed() < FRAME;
            if !throttled {
                shown = Some(self.draw(screen, state, shown)?);
                drawn_at = Instant::now();
            }
            if !asked {
                // Asked after the first frame so that start-up never waits for the answer.
                screen.send(ASK_MARGINS)?;
                asked = true;
                self.later.take().into_iter().for_each(|start| start());
            }
            // Block until something happens: no timers and no redraws while idle. Only a lone
            // ESC waits a moment, to tell the Esc key from the start of a sequence.
            let first = if parser.has_pending() {
                match rx.recv_timeout(ESC_WAIT) {
                    Ok(ev) => ev,
                    Err(RecvTimeoutError::Timeout) => Event::Input(Vec::new()),
                    Err(RecvTimeoutError::Disconnected) => return Ok(None),
                }
            } else if state.pending_key.is_some() {
                // The first of two keys waits a moment for the second, then acts alone.
                match rx.recv_timeout(SECOND_KEY_WAIT) {
                    Ok(ev) => ev,
                    Err(RecvTimeoutError::Timeout) => {
                        for action in crate::app::pending_key_alone(state) {
                            let effects = update(state, action);
                            if self.carry_out(screen, state, effects, &mut shown)? {
                                return Ok(None);
                            }
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(None),
                }
            } else if throttled {
                match rx.recv_timeout(FRAME.saturating_sub(drawn_at.elapsed())) {
                    Ok(ev) => ev,
                    Err(RecvTimeoutError::Timeout) => {
                        background = false;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(None),
                }
            } else {
                match rx.recv() {
                    Ok(ev) => ev,
                    Err(_) => return Ok(None),
                }
            };
            background = true;
            // Everything that has arrived is applied in order, each action with its effects
            // (so that keys typed ahead act on a loaded article), and then drawn once.
            for ev in std::iter::once(first).chain(rx.try_iter()) {
                background &= !matches!(ev, Event::Input(_) | Event::Resize | Event::Stop(_));
                let actions: Vec<Action> = match ev {
                    Event::Stop(signal) => return Ok(signal),
                    Event::Loaded(i, result) if matches!(state.entries[i].body, Body::Pending) => {
                        vec![Action::Loaded(i, Box::new(result))]
                    }
                    Event::Loaded(..) => Vec::new(),
                    Event::RawLoaded(i, result) => vec![Action::RawLoaded(i, Box::new(result))],
                    Event::Analyzed(batch) => batch
                        .into_iter()
                        .map(|(i, found)| Action::Analyzed(i, found))
                        .collect(),
                    Event::Indexed(index) => vec![Action::Indexed(index)],
                    Event::Stories(s, covered) => vec![Action::Stories(s, covered)],
                    Event::FullText(i, r) => vec![Action::FullText(i, Box::new(r))],
                    Event::Refreshed(link) => vec![Action::Refreshed(link)],
                    Event::RefreshDone => vec![Action::RefreshDone],
                    Event::Resize => {
                        let (w, h) = terminal::size().unwrap_or(state.size);
                        vec![Action::Resize(w, h)]
                    }
                    Event::Input(bytes) => {
                        let inputs = if bytes.is_empty() {
                            parser.flush()
                        } else {
                            parser.feed(&bytes)
                        };
                        // Each key is looked up in the mode the keys before it left the app in.
                        // An Esc and the key after it can arrive together (over SSH): they read
                        // as Alt and the key, which then stand for the two keys when no Alt
                        // binding wants them.
                        let mut queue: std::collections::VecDeque<Input> = inputs.into();
                        while let Some(input) = queue.pop_front() {
                            let action = match input {
                                Input::Key(key) => {
                                    let mut keys = crate::app::keys_meant(state, key);
                                    let first = keys.remove(0);
                                    for k in keys.into_iter().rev() {
                                        queue.push_front(Input::Key(k));
                                    }
                                    action_for_key(state, first)
                                }
                                Input::Paste(text) => vec![Action::Paste(text)],
                                Input::ModeReport {
                                    mode: 69,
                                    state: 1 | 2,
                                } if !screen.margins() => {
                                    screen.enable_margins()?;
                                    Vec::new()
                                }
                                Input::ModeReport { .. } => Vec::new(),
                            };
                            for action in action {
                                let effects = update(state, action);
                                if self.carry_out(screen, state, effects, &mut shown)? {
                                    return Ok(None);
                                }
                            }
                        }
                        Vec::new()
                    }
                };
                for action in actions {
                    let effects = update(state, action);
                    if self.carry_out(screen, state, effects, &mut shown)? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Renders the state and sends it. When only the reader moved, the screen may scroll the
    /// reader's rows instead of repainting them.
    fn draw(
        &self,
        screen: &mut Screen<BufWriter<Stdout>>,
        state: &AppState,
        before: Option<ReaderShown>,
    ) -> io::Result<ReaderShown> {
        let area = Rect::new(0, 0, state.size.0, state.size.1);
        // The analyzer takes the article on screen first.
        self.analyzer.focus.store(state.selected, Ordering::Relaxed);
        let mut next = Buffer::empty(area);
        ui::render(state, &self.theme, area, &mut next);
        let now = ReaderShown {
            article: state.view.article,
            width: state.view.width,
            top: state.view.top,
            size: state.size,
        };
        let scroll = match (before, state.panes().body) {
            (Some(b), Some(body))
                if state.help.is_none() && b == ReaderShown { top: b.top, ..now } =>
            {
                Some((body, now.top as i32 - b.top as i32))
            }
            _ => None,
        };
        screen.present(next, scroll)?;
        self.analyzer.start();
        Ok(now)
    }
}
