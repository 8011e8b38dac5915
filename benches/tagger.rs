//! Entity tagger figures (printed, not asserted): model load time, milliseconds of CPU per
//! 1,000 tokens on one core (the best of a few runs), and training time.
//!
//! `cargo bench --bench tagger` tags an invented article built by this bench, and, when the
//! CoNLL-2003 files are beside the repository (`../shared/eval/conll2003`, or the folder in
//! BRIEFLY_CONLL_DIR), the dev set and a full training run too. With BRIEFLY_BENCH_DIR set to
//! a folder of articles (`tools/make_corpus.py`), it analyses the whole briefing on every core
//! and builds its entity index, as the reader does in the background.

#[path = "support/cpu.rs"]
mod cpu;
use cpu::thread_cpu;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use briefly::analysis::conll::read_training;
use briefly::analysis::train::{self, Options};
use briefly::analysis::{Tagger, aliases, entities, tag_text, tokens};

fn per_1000(elapsed: Duration, tokens: usize) -> f64 {
    elapsed.as_secs_f64() * 1000.0 * 1000.0 / tokens as f64
}

/// Best of `runs` CPU timings of `f` (BRIEFLY_BENCH_RUNS overrides `runs`, to profile).
fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    let runs = std::env::var("BRIEFLY_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(runs);
    (0..runs)
        .map(|_| {
            let t = thread_cpu();
            f();
            thread_cpu().saturating_sub(t)
        })
        .min()
        .unwrap_or_default()
}

fn invented_article() -> String {
    let paras = [
        "QUELLWATER SHARES JUMP AFTER LISBON DEAL",
        "LISBON 2025-03-14",
        "Quellwater Holdings Inc. said on Friday that chief executive Mira Volant had agreed \
         to buy the Portuguese shipping group Tavora Maritima for 1.2 billion euros, sending \
         its shares up 8.5 percent in Frankfurt.",
        "\"This gives us the Atlantic routes we lacked,\" Volant told reporters in Lisbon. \
         Analysts at Brightfold Securities said the price was fair.",
        "The European Commission must still approve the deal, a spokesman for Competition \
         Commissioner Anders Lindqvist said in Brussels.",
    ];
    let article = paras.join("\n\n");
    vec![article; 40].join("\n\n")
}

fn main() {
    let t = Instant::now();
    let tagger = Tagger::embedded();
    println!("model load: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);

    let text = invented_article();
    let n = tokens::tokenize(&text).len();
    let d = best(5, || {
        std::hint::black_box(tag_text(&text));
    });
    println!(
        "tag_text, invented article ({n} tokens): {:.2} ms per 1,000 tokens",
        per_1000(d, n)
    );

    // The whole analysis the reader runs: names, values, spreading, aliases; and the index.
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let d = best(5, || {
        std::hint::black_box(entities::analyze(&paragraphs));
    });
    println!(
        "analyze (names, values, aliases), invented article: {:.2} ms per 1,000 tokens",
        per_1000(d, n)
    );
    if let Some(dir) = std::env::var_os("BRIEFLY_BENCH_DIR") {
        briefing(&PathBuf::from(dir));
    }

    let dir = std::env::var_os("BRIEFLY_CONLL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/eval/conll2003"));
    let Ok(dev) = std::fs::read_to_string(dir.join("eng.testa")) else {
        println!(
            "(no CoNLL files in {}: dev and training figures skipped)",
            dir.display()
        );
        return;
    };
    let docs = read_training(&dev);
    let words = train::words(&docs);
    let n: usize = words.iter().flatten().map(Vec::len).sum();
    let d = best(3, || {
        for doc in &words {
            std::hint::black_box(tagger.tag_document(doc));
        }
    });
    println!(
        "tag_document, CoNLL dev set ({n} tokens): {:.2} ms per 1,000 tokens",
        per_1000(d, n)
    );

    if let Ok(train_text) = std::fs::read_to_string(dir.join("eng.train")) {
        let docs = read_training(&train_text);
        let t = Instant::now();
        let model = train::train(&docs, &Options::default(), |_| {});
        println!(
            "training on eng.train ({} documents): {:.1} s, model {} bytes",
            docs.len(),
            t.elapsed().as_secs_f64(),
            model.to_bytes().len()
        );
    }
}

/// Every article of a folder analysed on every core, then joined into one index.
fn briefing(dir: &std::path::Path) {
    let sources = briefly::ingest::collect(&[dir.to_path_buf()]);
    let articles: Vec<_> = sources
        .iter()
        .filter_map(|s| briefly::ingest::load(s).ok())
        .collect();
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(|p| p.text.as_str()).collect())
        .collect();
    let words: usize = paragraphs
        .iter()
        .flatten()
        .map(|p| p.split_whitespace().count())
        .sum();
    let t = Instant::now();
    let found = entities::analyze_many(&paragraphs);
    let analysed = t.elapsed();
    let t = Instant::now();
    let index = aliases::build(&found.iter().map(Some).collect::<Vec<_>>());
    let built = t.elapsed();
    println!(
        "{} articles ({words} words): analysed in {:.1} s on every core, index of {} entities \
         built in {:.0} ms",
        articles.len(),
        analysed.as_secs_f64(),
        index.entities.len(),
        built.as_secs_f64() * 1000.0
    );
}
