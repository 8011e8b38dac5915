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
//! `aeb_score.py DATA --predictions FILE`. `--epochs N`, `--no-clean-copies` tune training.

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
            "usage: train-blocks DIR [--folds K] [--epochs N] [--out MODEL] [--predictions JSON] [--no-clean-copies]"
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
            "held-out ({} folds, {} pages): F1={f:.3} precision={p:.3} recall={r:.3}",
            opts.folds,
            pages.len()
        );
        if let Some(path) = opt("--predictions") {
            let json: serde_json::Map<String, serde_json::Value> = report
                .predictions
                .into_iter()
                .map(|(id, body)| (id, serde_json::json!({ "articleBody": body })))
                .collect();
            if let Err(e) = std::fs::write(path, serde_json::Value::Object(json).to_string()) {
                eprintln!("train-blocks: {path}: {e}");
                return ExitCode::FAILURE;
            }
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
