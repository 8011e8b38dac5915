//! The reader's search of the whole briefing (F): how long it takes from Enter to the hits,
//! and how long a frame of the hits panel takes to draw, over every article of a briefing
//! (figures printed, never asserted). The target: under 100 ms on 10,000 articles.
//!
//! `cargo bench --bench reader_search -- DIR [QUERY]...` (e.g. `../shared/tools/make_corpus.py
//! /tmp/corpus10k --articles 10000`); without DIR, 10,000 invented articles. The articles are
//! loaded (and kept clean in a scratch data folder) first; that is not timed.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use briefly::app::{Action, AppState, Command, PromptKind, update};
use briefly::ingest::{self, cache::store::Store};
use briefly::keymap::Keymap;
use briefly::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[path = "support/invented.rs"]
mod invented;

const RUNS: usize = 7;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args = invented::args();
    let scratch = tempfile::tempdir().expect("a temp folder");
    let dir = invented::briefing(&args, scratch.path(), 10_000);
    let queries: Vec<String> = match args.get(1..) {
        Some(q) if !q.is_empty() => q.to_vec(),
        _ => ["minister", "isn't", "Harbour Master", "zyxwvut"]
            .map(String::from)
            .to_vec(),
    };
    let sources = ingest::collect(std::slice::from_ref(&dir));
    let n = sources.len();
    let mut state = AppState::new(
        "bench".into(),
        sources.clone(),
        Keymap::default_map(),
        (100, 30),
    );
    update(&mut state, Action::Resize(100, 30));
    let (tx, rx) = mpsc::channel();
    let store = Arc::new(Store::new(&scratch.path().join("data"), 1));
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let t = Instant::now();
    let handles = ingest::load_on_threads(
        sources,
        (0..n).collect(),
        Some(store),
        cores,
        move |i, r| tx.send((i, r)).is_ok(),
    );
    for (i, r) in rx {
        update(&mut state, Action::Loaded(i, Box::new(r)));
    }
    for h in handles {
        let _ = h.join();
    }
    let bytes: usize = state
        .entries
        .iter()
        .filter_map(|e| e.article())
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.len()))
        .sum();
    println!(
        "{n} articles loaded in {:.1} s ({:.1} MB of clean text); searching {} queries, median of {RUNS}",
        t.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        queries.len()
    );
    let theme = Theme { color: true };
    let area = Rect::new(0, 0, 100, 30);
    for query in &queries {
        let mut times = Vec::new();
        let mut frames = Vec::new();
        let mut found = 0;
        for _ in 0..RUNS {
            state.hits = None;
            state.prompt = Some(query.clone());
            state.prompt_kind = PromptKind::Briefing;
            let t = Instant::now();
            update(&mut state, Action::Command(Command::PromptConfirm));
            times.push(t.elapsed());
            found = state.hits.as_ref().map_or(0, |h| h.hits.len());
            let mut buf = Buffer::empty(area);
            let t = Instant::now();
            ui::render(&state, &theme, area, &mut buf);
            frames.push(t.elapsed());
        }
        println!(
            "{query:>16}: {found:>6} hits  search {:>7.1} ms  hits panel frame {:>5.2} ms",
            ms(median(times)),
            ms(median(frames))
        );
    }
}
