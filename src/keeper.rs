//! Keeps the open note editor's text on disk, so that a dropped SSH connection, a SIGTERM or
//! a crash loses at most a few seconds of typing. A thread of its own writes the drafts (at
//! most one write every `EVERY` while typing goes on, and at once when asked to flush, which
//! the signal thread does before anything touches the terminal), and removes a draft once its
//! note is saved or discarded. The files: `<data dir>/drafts/<briefing>/<draft>.json`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::app::draft::Draft;
use crate::session::{fnv1a, write_atomic};

/// The most typing a draft can be behind by.
const EVERY: Duration = Duration::from_secs(2);

enum Message {
    /// The editor holds this now.
    Set(Draft),
    /// This draft's note was saved or discarded.
    Forget(String),
    /// Write what is pending now, then answer with what could not be written.
    Flush(Sender<Option<Draft>>),
}

/// The handle the shell and the signal thread use.
#[derive(Clone)]
pub struct Keeper {
    tx: Sender<Message>,
}

/// Where one briefing's drafts live.
pub fn folder(data_dir: &Path, briefing_id: &str) -> PathBuf {
    data_dir
        .join("drafts")
        .join(format!("{:016x}", fnv1a(briefing_id.as_bytes())))
}

fn file_for(folder: &Path, id: &str) -> PathBuf {
    folder.join(format!("{:016x}.json", fnv1a(id.as_bytes())))
}

/// The drafts an earlier session left, oldest first, and a line for each file that could not
/// be read (left in place: it may be all that is left of a note).
pub fn load(folder: &Path) -> (Vec<Draft>, Vec<String>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return (Vec::new(), Vec::new());
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        match fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Draft>(&b).map_err(|e| e.to_string()))
        {
            Ok(draft) => found.push((modified, draft)),
            Err(e) => problems.push(format!(
                "{}: an unsaved note cannot be read ({e})",
                path.display()
            )),
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    (found.into_iter().map(|(_, d)| d).collect(), problems)
}

impl Keeper {
    /// Starts the thread that writes into `folder`.
    pub fn spawn(folder: PathBuf) -> Keeper {
        let (keeper, start) = Keeper::unstarted(folder);
        start();
        keeper
    }

    /// The keeper, and what starts its thread: what it is sent before waits for that.
    pub fn unstarted(folder: PathBuf) -> (Keeper, impl FnOnce() + Send) {
        let (tx, rx) = mpsc::channel();
        (Keeper { tx }, move || {
            thread::spawn(move || keep(&folder, &rx));
        })
    }

    /// What the editor holds now (None: nothing unsaved). Called after every change.
    pub fn set(&self, draft: Draft) {
        let _ = self.tx.send(Message::Set(draft));
    }

    pub fn forget(&self, id: String) {
        let _ = self.tx.send(Message::Forget(id));
    }

    /// Writes whatever is pending and waits (at most `wait`) until it is on disk. Gives back
    /// the draft that could not be written (a read-only or full data folder), if any.
    pub fn flush(&self, wait: Duration) -> Option<Draft> {
        let (done, answer) = mpsc::channel();
        self.tx.send(Message::Flush(done)).ok()?;
        answer.recv_timeout(wait).ok().flatten()
    }
}

fn keep(folder: &Path, rx: &Receiver<Message>) {
    // The newest text not yet written, and when it first differed from the file.
    let mut pending: Option<(Draft, Instant)> = None;
    loop {
        let message = match &pending {
            Some((_, since)) => match rx.recv_timeout(EVERY.saturating_sub(since.elapsed())) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    write(folder, &mut pending);
                    return;
                }
            },
            None => match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            },
        };
        match message {
            Some(Message::Set(draft)) => {
                let since = pending.take().map_or_else(Instant::now, |(_, t)| t);
                pending = Some((draft, since));
            }
            Some(Message::Forget(id)) => {
                if pending.as_ref().is_some_and(|(d, _)| d.id == id) {
                    pending = None;
                }
                let _ = fs::remove_file(file_for(folder, &id));
            }
            Some(Message::Flush(done)) => {
                write(folder, &mut pending);
                let _ = done.send(pending.as_ref().map(|(d, _)| d.clone()));
            }
            None => write(folder, &mut pending),
        }
        if pending.as_ref().is_some_and(|(_, t)| t.elapsed() >= EVERY) {
            write(folder, &mut pending);
        }
    }
}

/// Writes the pending draft. A failed write keeps it pending (a full disk may clear), but
/// starts its clock again so that the thread does not spin.
fn write(folder: &Path, pending: &mut Option<(Draft, Instant)>) {
    let Some((draft, _)) = pending.take() else {
        return;
    };
    let Ok(json) = serde_json::to_vec_pretty(&draft) else {
        return;
    };
    if write_atomic(&file_for(folder, &draft.id), &json).is_err() {
        *pending = Some((draft, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str, text: &str) -> Draft {
        Draft {
            id: id.into(),
            article: "demo:a".into(),
            title: "A".into(),
            note: None,
            start: (0, 0),
            end: (0, 3),
            quote: "One".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_flush_writes_at_once_and_forget_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = folder(dir.path(), "briefing");
        let keeper = Keeper::spawn(folder.clone());
        keeper.set(draft("n1", "first words"));
        keeper.set(draft("n1", "first words and more"));
        keeper.flush(Duration::from_secs(5));
        let (found, problems) = load(&folder);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found, vec![draft("n1", "first words and more")]);
        keeper.forget("n1".into());
        keeper.flush(Duration::from_secs(5));
        assert!(load(&folder).0.is_empty());
    }

    #[test]
    fn a_draft_that_cannot_be_written_is_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        // A folder below a regular file: every write fails (ENOTDIR), even as root.
        let keeper = Keeper::spawn(folder(&blocker, "b"));
        keeper.set(draft("n1", "words"));
        assert_eq!(
            keeper.flush(Duration::from_secs(5)),
            Some(draft("n1", "words"))
        );
    }

    #[test]
    fn a_damaged_draft_is_reported_and_left_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let folder = folder(dir.path(), "b");
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("x.json"), "{\"id\": ").unwrap();
        let (found, problems) = load(&folder);
        assert!(found.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("x.json"), "{problems:?}");
        assert!(folder.join("x.json").exists());
    }
}
