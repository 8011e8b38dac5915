//! `briefly search` as a whole process against `grep -ril` on the same files (figures printed,
//! never asserted). For each query: one cold run (an empty data folder, so the clean-text
//! cache is built), then warm runs alternated with grep, each side's median and the ratio.
//! The target: warm at most 3x grep.
//!
//! `cargo bench --bench search -- DIR [QUERY]...` (e.g. `../shared/tools/make_corpus.py
//! /tmp/corpus10k --articles 10000`); without DIR it writes an invented briefing of 2,000
//! files; without QUERY it tries a few (a word, a phrase with an apostrophe, a capital, none).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/invented.rs"]
mod invented;

const RUNS: usize = 5;

/// One run of `program args`, its output thrown away: the time and the number of lines.
fn run(program: &str, args: &[&str], data: &Path) -> (Duration, usize) {
    let start = Instant::now();
    let out = Command::new(program)
        .args(args)
        .env("BRIEFLY_DATA_DIR", data)
        .stderr(Stdio::null())
        .output()
        .expect("the program runs");
    let took = start.elapsed();
    (took, out.stdout.iter().filter(|&&b| b == b'\n').count())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let args = invented::args();
    let scratch = tempfile::tempdir().expect("a temp folder");
    let dir = invented::briefing(&args, scratch.path(), 2000);
    let mut queries: Vec<String> = args.iter().skip(1).cloned().collect();
    if queries.is_empty() {
        queries = ["minister", "isn't", "Harbour Master", "zqxjv"]
            .map(String::from)
            .to_vec();
    }
    let briefly = env!("CARGO_BIN_EXE_briefly");
    let dir_arg = dir.display().to_string();
    println!("{dir_arg}: briefly search vs grep -ril, {RUNS} warm runs each, alternated (medians)");
    for (i, query) in queries.iter().enumerate() {
        // A data folder of its own for each query: the first run is cold.
        let data = scratch.path().join(format!("data-{i}"));
        let _ = std::fs::remove_dir_all(&data);
        let search = ["search", dir_arg.as_str(), "--", query.as_str()];
        let grep = ["-ril", "--", query.as_str(), dir_arg.as_str()];
        let (cold, hits) = run(briefly, &search, &data);
        let mut warm = Vec::new();
        let mut greps = Vec::new();
        let mut files = 0;
        for _ in 0..RUNS {
            warm.push(run(briefly, &search, &data).0);
            let (took, n) = run("grep", &grep, &data);
            greps.push(took);
            files = n;
        }
        let (warm, grep) = (median(warm), median(greps));
        println!(
            "{query:?}: briefly search cold {:.0} ms, warm {:.0} ms ({hits} paragraphs); \
             grep -ril {:.0} ms ({files} files); warm/grep {:.2}x, cold/grep {:.1}x",
            ms(cold),
            ms(warm),
            ms(grep),
            warm.as_secs_f64() / grep.as_secs_f64(),
            cold.as_secs_f64() / grep.as_secs_f64(),
        );
    }
}
