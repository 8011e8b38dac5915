//! Opening a briefing, as the reader does it in the background, in-process (figures printed,
//! never asserted): every file loaded and cleaned on every core (`ingest::load_on_threads`),
//! each article's entities found by the shell's analyzer (`Analyzer`), the briefing's index,
//! then its stories and corroboration (built by the analyzer too). "Complete" is when all of that is
//! ready. It opens the briefing twice with one data folder: the first time from an empty one,
//! the second with what the first kept (clean articles, entities, stories). It prints the time of each
//! stage and the peak heap of the whole opening against the size of the files and of their
//! clean text.
//!
//! `cargo bench --bench load -- DIR` (e.g. `../shared/tools/make_corpus.py /tmp/corpus
//! --articles 10000`); without DIR it writes an invented briefing of 2,000 files.

#[path = "support/cpu.rs"]
mod cpu;
use cpu::process_cpu;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use briefly::analysis::entities::ArticleEntities;
use briefly::analyzer::{Analyzer, Report};
use briefly::ingest::cache::store::Store;
use briefly::ingest::{self, Article};

#[path = "support/counting.rs"]
mod counting;
use counting::{NOW, PEAK};

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Opens the briefing in `dir` with the data folder `data`, and says how it went.
fn open(label: &str, dir: &Path, data: &Path, file_bytes: usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let sources = ingest::collect(&[dir.to_path_buf()]);
    let labels: Vec<String> = sources.iter().map(|s| s.display_name()).collect();
    let keys: Vec<String> = sources.iter().map(|s| s.key()).collect();
    let n = sources.len();
    // As the reader does: records written once the analysis is done.
    let store = Arc::new(Store::new(data, 1).later());
    let (tx, rx) = mpsc::channel();
    let loading = tx.clone();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    ingest::load_on_threads(sources, (0..n).collect(), Some(store.clone()), cores, {
        move |i, r| loading.send(Ok((i, r))).is_ok()
    });
    let analyzer = Analyzer::spawn(
        labels.clone(),
        Some(data.join("entities.bin")),
        Some(store.clone()),
        move |report| tx.send(Err(report)).is_ok(),
    );
    analyzer.start();
    let mut articles: Vec<Option<Arc<Article>>> = vec![None; n];
    let mut found: Vec<Option<Arc<ArticleEntities>>> = vec![None; n];
    let (mut loaded, mut ok, mut analysed) = (0, 0, 0);
    let (mut indexes, mut builds) = (0, 0);
    let cpu_before = process_cpu();
    let mut loaded_at = Duration::ZERO;
    let mut analysed_at = Duration::ZERO;
    // Complete when the analyzer's stories cover every article read, after its index did.
    let built = loop {
        match rx.recv().expect("the threads report") {
            Ok((i, result)) => {
                loaded += 1;
                if let Ok(article) = result {
                    let article = Arc::new(article);
                    ok += 1;
                    let _ = analyzer.jobs.send((i, keys[i].clone(), article.clone()));
                    articles[i] = Some(article);
                }
                if loaded == n {
                    loaded_at = start.elapsed();
                }
            }
            Err(Report::Analyzed(batch)) => {
                for (i, e) in batch {
                    analysed += usize::from(found[i].replace(e).is_none());
                }
            }
            Err(Report::Indexed(index)) => {
                indexes += 1;
                if loaded == n && analysed == ok && index.analysed == ok {
                    analysed_at = start.elapsed();
                }
            }
            Err(Report::Stories(built, covered))
                if loaded == n && analysed == ok && covered == ok =>
            {
                builds += 1;
                break built;
            }
            Err(Report::Stories(..)) => builds += 1,
        }
    };
    let kept: Vec<&Article> = articles.iter().filter_map(|a| a.as_deref()).collect();
    let complete = start.elapsed();
    let cpu = process_cpu() - cpu_before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let text: usize = kept
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    drop(analyzer);
    // The analyzer keeps what it found (entities, stories, clean articles) once it is idle,
    // then ends, and with it the last sender.
    while rx.recv().is_ok() {}
    let (used, written) = store.counts();
    println!(
        "{label}: {n} files; loaded and clean {:.2} s ({used} kept articles used, {written} \
         kept); entities and index {:.2} s; complete (stories too: {}) {:.2} s; peak heap \
         {:.0} MB = {:.2}x the files ({:.0} MB), {:.2}x their clean text ({:.0} MB); {:.1} CPU-s \
         (index built {indexes} times, stories {builds})",
        loaded_at.as_secs_f64(),
        analysed_at.as_secs_f64(),
        built.stories.len(),
        complete.as_secs_f64(),
        mb(peak),
        peak as f64 / file_bytes.max(1) as f64,
        mb(file_bytes),
        peak as f64 / text.max(1) as f64,
        mb(text),
        cpu.as_secs_f64(),
    );
}

/// An invented briefing of `n` files whose sentences come from a small pool.
fn invented(dir: &Path, n: usize) {
    let mut seed = 11u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let names = [
        "Tomas Arkwell",
        "Ines Corvo",
        "Velmora",
        "the Harbour Board",
        "Lena Ostra",
    ];
    let verbs = ["met", "warned", "thanked", "called on", "left"];
    let pool: Vec<String> = (0..500)
        .map(|i| {
            let a = names[(next() % 5) as usize];
            let b = names[(next() % 5) as usize];
            let v = verbs[(next() % 5) as usize];
            format!("{a} {v} {b} on day {i}, and the ferry timetable was weighed again.")
        })
        .collect();
    for i in 0..n {
        let mut text = format!("Report {i} on the harbour\n\n");
        for _ in 0..8 + next() % 20 {
            text.push_str(&pool[(next() % 500) as usize]);
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("{i:05}.txt")), text).expect("writes the briefing");
    }
}

fn main() {
    // As the program does.
    briefly::memory::tune();
    let dirs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    let scratch = tempfile::tempdir().expect("a temp folder");
    let dir = match dirs.first() {
        Some(d) => d.clone(),
        None => {
            let d = scratch.path().join("briefing");
            std::fs::create_dir_all(&d).expect("a temp folder");
            invented(&d, 2000);
            d
        }
    };
    let file_bytes: usize = std::fs::read_dir(&dir)
        .map(|es| {
            es.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len() as usize)
                .sum()
        })
        .unwrap_or(0);
    let data = scratch.path().join("data");
    println!(
        "{}: {} cores",
        dir.display(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    open("first opening", &dir, &data, file_bytes);
    open("second opening", &dir, &data, file_bytes);
}
