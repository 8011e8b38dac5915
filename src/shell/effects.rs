//! Carrying out what `update` asks for (the effects): loading, saving, exporting, suspending,
//! copying. Each effect may lead to actions, whose effects are carried out in turn.

use std::io::{self, BufWriter, Stdout};

use crossterm::terminal;
use ratatui::layout::Rect;

use super::threads::Job;
use super::tty::{enter, leave};
use super::{Event, ReaderShown, Shell};
use crate::app::{Action, AppState, Effect, update};
use crate::ingest;
use crate::term::Screen;

impl Shell {
    /// Carries out effects, and the effects of the actions they lead to. True means quit.
    pub(super) fn carry_out(
        &self,
        screen: &mut Screen<BufWriter<Stdout>>,
        state: &mut AppState,
        effects: Vec<Effect>,
        shown: &mut Option<ReaderShown>,
    ) -> io::Result<bool> {
        let mut pending = effects;
        while !pending.is_empty() {
            for effect in std::mem::take(&mut pending) {
                match effect {
                    Effect::Load(i) | Effect::LoadRaw(i) => {
                        let source = state.entries[i].source.clone();
                        let inline = ingest::read_inline_ok(&source);
                        let job = match effect {
                            Effect::Load(_) => Job::Load(i, source, self.kept.clone()),
                            _ => Job::LoadRaw(i, source),
                        };
                        let early = match (&job, self.prefetch.take()) {
                            (Job::Load(..), Some(p)) => p.take(i),
                            _ => None,
                        };
                        if !inline && early.is_none() {
                            let _ = self.worker.send(job);
                        } else if let Some(action) = match early.unwrap_or_else(|| job.run()) {
                            Event::Loaded(i, result) => Some(Action::Loaded(i, Box::new(result))),
                            Event::RawLoaded(i, r) => Some(Action::RawLoaded(i, Box::new(r))),
                            _ => None,
                        } {
                            pending.extend(update(state, action));
                        }
                    }
                    Effect::Analyze(i) => {
                        let entry = &state.entries[i];
                        if let Some(article) = entry.article() {
                            self.analyzer
                                .name_up_to(i, |n| state.entries[n].name.clone());
                            let _ =
                                self.analyzer
                                    .jobs
                                    .send((i, entry.key.clone(), article.clone()));
                        }
                    }
                    Effect::SaveNotes => {
                        let result = match &self.notes {
                            Some(store) => store.save(&state.notes).map_err(|e| {
                                // The cause first: a long path must not push it off the line.
                                format!(
                                    "notes not saved ({e}); kept in this session, tried again \
                                     on each change: {}",
                                    store.path().display()
                                )
                            }),
                            None => Err(
                                "no data folder: notes cannot be saved (set BRIEFLY_DATA_DIR)"
                                    .into(),
                            ),
                        };
                        pending.extend(update(state, Action::NotesSaved(result)));
                    }
                    Effect::Export(article) => {
                        let result = crate::transfer::export_from_app(
                            state,
                            article,
                            self.exports.as_deref(),
                        );
                        pending.extend(update(state, Action::Exported(result)));
                    }
                    Effect::SaveSession => {
                        if let Some(problem) = self.save(state) {
                            state.message = Some(problem);
                        }
                    }
                    Effect::Suspend => {
                        leave(screen.margins());
                        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                        // Back after `fg`: the screen is someone else's now; draw it all.
                        enter()?;
                        if screen.margins() {
                            screen.enable_margins()?;
                        }
                        let (w, h) = terminal::size().unwrap_or(state.size);
                        screen.reset(Rect::new(0, 0, w, h))?;
                        pending.extend(update(state, Action::Resize(w, h)));
                        *shown = None;
                    }
                    Effect::ForgetDraft(id) => {
                        if let Some(keeper) = &self.keeper {
                            keeper.forget(id);
                        }
                    }
                    Effect::Refresh => {
                        super::threads::spawn_refresh(self.links.clone(), self.events.clone())
                    }
                    Effect::FetchFull(i, url) => {
                        let _ = self.worker.send(Job::FullText(i, url));
                    }
                    Effect::Copy(text) => screen.send(&crate::app::copy::osc52(&text))?,
                    Effect::Quit => return Ok(true),
                }
            }
        }
        Ok(false)
    }
}
