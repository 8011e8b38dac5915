//! Where the first opening of a briefing spends its CPU and its memory, stage by stage on one
//! thread (figures printed, never asserted): loading and cleaning every file, analysing each
//! article's entities, the entity index, the stories (on every core), with the CPU time of
//! each and the heap the loaded briefing holds after it; then a digest of all entities and of
//! the stories and index, which a change meant to keep results identical must leave as it was.
//!
//! `cargo bench --bench stages -- DIR [N]` (e.g. `../shared/tools/make_corpus.py /tmp/corpus
//! --articles 10000`; N: only the first N files). Without DIR it uses an invented briefing of
//! 2,000 files (`support/invented.rs`).

#[path = "support/cpu.rs"]
mod cpu;
use cpu::thread_cpu;
use std::hash::{Hash, Hasher};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use briefly::analysis::{aliases, entities};
use briefly::ingest::{self, Article};
use briefly::stories::{self, Input};

#[path = "support/counting.rs"]
mod counting;
use counting::{NOW, PEAK};

fn heap_mb() -> f64 {
    NOW.load(Ordering::Relaxed) as f64 / 1e6
}

/// The heap's peak since the last call (the peak is reset to what is in use now).
fn peak_mb() -> f64 {
    let peak = PEAK.swap(NOW.load(Ordering::Relaxed), Ordering::Relaxed);
    peak as f64 / 1e6
}

fn digest(value: &impl std::fmt::Debug) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    format!("{value:?}").hash(&mut h);
    h.finish()
}

fn main() {
    let args = invented::args();
    let scratch = tempfile::tempdir().expect("a temp folder");
    let dir = invented::briefing(&args, scratch.path(), 2000);
    let limit = args
        .get(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let mut sources = ingest::collect(&[dir]);
    sources.truncate(limit);
    let labels: Vec<String> = sources.iter().map(|s| s.display_name()).collect();

    peak_mb();
    let t = thread_cpu();
    let articles: Vec<Article> = sources
        .iter()
        .map(|s| ingest::load(s).unwrap_or_default())
        .collect();
    let text: usize = articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let mb = text as f64 / 1e6;
    let step = |name: &str, cpu: Duration, before: f64| {
        let now = heap_mb();
        let peak = peak_mb();
        println!(
            "{name}: {:.2} CPU-s; heap {now:.0} MB ({:.2}x the text; +{:.0} MB), {peak:.0} MB at its peak ({:.2}x)",
            cpu.as_secs_f64(),
            now / mb,
            now - before,
            peak / mb
        );
    };
    println!("{} files, {mb:.0} MB of clean text", articles.len());
    step("load and clean", thread_cpu() - t, 0.0);

    let before = heap_mb();
    let t = thread_cpu();
    let found: Vec<entities::ArticleEntities> = articles
        .iter()
        .map(|a| {
            let paragraphs: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
            entities::analyze(&paragraphs)
        })
        .collect();
    // As the reader's workers do once there is nothing left to tag: the words and sentences
    // kept for the tagger, and its model, are let go.
    briefly::analysis::memo::release();
    briefly::analysis::repeats::release();
    briefly::analysis::held::let_go();
    briefly::memory::give_back();
    step("entities", thread_cpu() - t, before);

    let before = heap_mb();
    let t = thread_cpu();
    let refs: Vec<Option<&entities::ArticleEntities>> = found.iter().map(Some).collect();
    let index = aliases::build(&refs);
    step("entity index", thread_cpu() - t, before);

    let before = heap_mb();
    let t = Instant::now();
    let inputs: Vec<Input> = (0..articles.len())
        .map(|i| Input {
            article: &articles[i],
            label: &labels[i],
            entities: Some(&found[i]),
        })
        .collect();
    let built = stories::build(&inputs, Some(&index));
    step("stories (wall time, every core)", t.elapsed(), before);

    let mentions: usize = found.iter().map(|f| f.mentions.len()).sum();
    let sentences: usize = built.articles.iter().map(|a| a.sentences.len()).sum();
    println!(
        "{mentions} mentions, {sentences} sentences, {} statements, {} stories",
        built.statements.len(),
        built.stories.len()
    );
    println!(
        "digests: entities {:016x}, stories and index {:016x}",
        digest(&found),
        digest(&(&built, &index))
    );
}

#[path = "support/invented.rs"]
mod invented;
