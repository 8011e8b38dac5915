//! Trains the entity tagger and writes the model file that `src/analysis` embeds.
//!
//! ```sh
//! cargo run --release --bin train-tagger -- /work/shared/eval/conll2003/eng.train \
//!     --dev /work/shared/eval/conll2003/eng.testa --out data/ner.model
//! cargo run --release --bin train-tagger -- --predict eng.testa [--model data/ner.model]
//! ```
//!
//! `--predict FILE` prints CoNLL-layout predictions (the embedded model unless `--model` is
//! given), for `conll_score.py --join GOLD PRED`.

use std::process::ExitCode;
use std::time::Instant;

use briefly::analysis::conll::{self, read_training};
use briefly::analysis::train::{self, Options};
use briefly::analysis::{Tag, Tagger};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let read = |path: &String| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("train-tagger: {path}: {e}");
            std::process::exit(2)
        })
    };
    let model = opt("--model")
        .map(|p| Tagger::from_bytes(&std::fs::read(p).expect("model file")).expect("valid model"));
    if let Some(path) = opt("--predict") {
        let text = read(path);
        let out = match &model {
            Some(m) => conll::predict_with(m, &text),
            None => conll::conll_predict(&text),
        };
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    let Some(train_path) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: train-tagger TRAIN [--dev DEV] [--out MODEL] [--epochs N]");
        eprintln!("       train-tagger --predict FILE [--model MODEL]");
        return ExitCode::from(2);
    };
    let mut opts = Options::default();
    if let Some(e) = opt("--epochs") {
        opts.epochs = e.parse().expect("--epochs N");
    }
    let docs = read_training(&read(train_path));
    let t = Instant::now();
    let tagger = train::train(&docs, &opts, |m| {
        eprintln!("[{:6.1}s] {m}", t.elapsed().as_secs_f64())
    });
    eprintln!("training time: {:.1} s", t.elapsed().as_secs_f64());
    let bytes = tagger.to_bytes();
    if let Some(out) = opt("--out") {
        std::fs::write(out, &bytes).expect("writing the model");
        eprintln!("wrote {out}: {} bytes", bytes.len());
    }
    if let Some(dev) = opt("--dev") {
        // Score the model as saved (quantized), as the app will use it.
        let tagger = Tagger::from_bytes(&bytes).expect("round trip");
        let docs = read_training(&read(dev));
        let (mut gold, mut pred) = (Vec::new(), Vec::new());
        let t = Instant::now();
        let mut tokens = 0;
        for doc in &docs {
            let words: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|(w, _)| w.iter().map(String::as_str).collect())
                .collect();
            tokens += words.iter().map(Vec::len).sum::<usize>();
            for (tags, (_, g)) in tagger.tag_document(&words).into_iter().zip(&doc.sentences) {
                pred.push(tags.into_iter().map(Tag::index).collect());
                gold.push(g.clone());
            }
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0 * 1000.0 / tokens as f64;
        let scores = train::score(&gold, &pred);
        let mut keys: Vec<&String> = scores.keys().collect();
        keys.sort();
        for k in keys {
            let (p, r, f) = scores[k];
            eprintln!("dev {k:8} precision={p:.4} recall={r:.4} F1={f:.4}");
        }
        eprintln!("dev tagging: {ms:.2} ms per 1,000 tokens");
    }
    ExitCode::SUCCESS
}
