//! Trains the block model of text cleaning and writes the model file `src/ingest/text`
//! embeds. First it cross-validates: the pages are split into folds (by page, fixed seed),
//! and each fold is cleaned by a model trained on the others, through the whole cleaner
//! (what `briefly extract` prints as the body), and scored with the AEB metric.
//!
//! ```sh
//! python3 benches/make_scrapes.py /tmp/scrapes
//! cargo run --release --bin train-blocks -- /tmp/scrapes --folds 5 --out data/blocks.model
//! ```
//!
//! `--predictions FILE` writes the held-out bodies as `{id: {"articleBody": ...}}`, for
//! `aeb_score.py DATA --predictions FILE`. `--epochs N`, `--no-clean-copies` tune training;
//! `--models N` averages N perceptrons per pass; `--one-pass` leaves out the second pass (which reads the first pass's decisions);
//! `--seed N` shuffles the folds and the training order with another seed.
//! `--test DIR` also cleans the pages of another folder (same layout, never trained on) with
//! the model trained on all of DIR and scores them; `--test-predictions FILE` writes those.

use std::process::ExitCode;
use std::time::Instant;

use briefly::ingest::text_blocks::train::{self, Options};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let number = |name: &str, default: usize| -> Result<usize, String> {
        opt(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("{name} wants a number, not {v:?}"))
        })
    };
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!(
            "usage: train-blocks DIR [--folds K] [--epochs N] [--out MODEL] [--predictions JSON] [--test DIR [--test-predictions JSON]] [--no-clean-copies] [--one-pass] [--models N] [--seed N]"
        );
        return ExitCode::from(2);
    };
    let mut opts = Options::default();
    let parsed =
        number("--folds", opts.folds).and_then(|f| Ok((f, number("--epochs", opts.epochs)?)));
    match parsed {
        Ok((folds, epochs)) => (opts.folds, opts.epochs) = (folds, epochs),
        Err(e) => {
            eprintln!("train-blocks: {e}");
            return ExitCode::from(2);
        }
    }
    opts.clean_copies = !args.iter().any(|a| a == "--no-clean-copies");
    match number("--models", opts.models) {
        Ok(m) => opts.models = m,
        Err(e) => {
            eprintln!("train-blocks: {e}");
            return ExitCode::from(2);
        }
    }
    match opt("--seed").map(|v| v.parse::<u64>()) {
        None => {}
        Some(Ok(seed)) => opts.seed = seed,
        Some(Err(_)) => {
            eprintln!("train-blocks: --seed wants a number");
            return ExitCode::from(2);
        }
    }
    if args.iter().any(|a| a == "--one-pass") {
        opts.passes = 1;
    }
    let pages = match train::read_pages(std::path::Path::new(dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("train-blocks: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(id) = opt("--explain") {
        let Some(page) = pages.iter().find(|p| p.id.starts_with(id.as_str())) else {
            eprintln!("train-blocks: no page {id}");
            return ExitCode::from(2);
        };
        let rest: Vec<&train::Page> = pages.iter().filter(|p| p.id != page.id).collect();
        print!("{}", train::explain(page, &train::train(&rest, &opts)));
        return ExitCode::SUCCESS;
    }
    let t = Instant::now();
    if opts.folds >= 2 {
        let report = train::cross_validate(&pages, &opts, |m| println!("{m}"));
        let (p, r, f) = report.overall;
        println!(
            "held-out ({} folds, {} pages): F1={f:.3} precision={p:.3} recall={r:.3} lowest page F1={:.3}",
            opts.folds,
            pages.len(),
            report.lowest
        );
        if let Some(path) = opt("--predictions")
            && let Err(e) = write_predictions(path, report.predictions)
        {
            eprintln!("train-blocks: {e}");
            return ExitCode::FAILURE;
        }
    }
    let all: Vec<&train::Page> = pages.iter().collect();
    let model = train::train(&all, &opts);
    let scores: Vec<_> = pages
        .iter()
        .map(|p| train::page_score(&p.truth, &train::body(&p.text, &model)))
        .collect();
    let (p, r, f) = train::average(&scores);
    println!("all data (training pages, not a result): F1={f:.3} precision={p:.3} recall={r:.3}");
    if let Some(test_dir) = opt("--test") {
        let test = match train::read_pages(std::path::Path::new(test_dir)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("train-blocks: {e}");
                return ExitCode::from(2);
            }
        };
        let report = train::score(&test, &model);
        let (p, r, f) = report.overall;
        println!(
            "test pages ({}, never trained on): F1={f:.3} precision={p:.3} recall={r:.3} lowest page F1={:.3}",
            test.len(),
            report.lowest
        );
        let mut n = [[[0u64; 2]; 2]; 2];
        for page in &test {
            let b = train::breakdown(page, &model);
            for (x, y) in n
                .iter_mut()
                .flatten()
                .flatten()
                .zip(b.iter().flatten().flatten())
            {
                *x += y;
            }
        }
        println!(
            "test words: body kept {} | body the model drops {} (rules keep {}) | body the rules drop {} | furniture the model keeps {} (rules drop {}) | furniture rules keep {}",
            n[0][0][1], n[0][1][0], n[0][1][1], n[0][0][0], n[1][0][1], n[1][0][0], n[1][1][1]
        );
        if let Some(path) = opt("--test-predictions")
            && let Err(e) = write_predictions(path, report.predictions)
        {
            eprintln!("train-blocks: {e}");
            return ExitCode::FAILURE;
        }
    }
    let bytes = model.to_bytes();
    if let Some(out) = opt("--out") {
        if let Err(e) = std::fs::write(out, &bytes) {
            eprintln!("train-blocks: {out}: {e}");
            return ExitCode::FAILURE;
        }
        println!(
            "wrote {out}: {} features, {} bytes",
            model.rows.len(),
            bytes.len()
        );
    }
    eprintln!("time: {:.1} s", t.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}

/// The bodies as `{id: {"articleBody": ...}}`, what `aeb_score.py --predictions` reads.
fn write_predictions(path: &str, predictions: Vec<(String, String)>) -> Result<(), String> {
    let json: serde_json::Map<String, serde_json::Value> = predictions
        .into_iter()
        .map(|(id, body)| (id, serde_json::json!({ "articleBody": body })))
        .collect();
    std::fs::write(path, serde_json::Value::Object(json).to_string())
        .map_err(|e| format!("{path}: {e}"))
}
