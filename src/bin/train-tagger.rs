//! Trains the entity tagger and writes the model file that `src/analysis` embeds.
//!
//! ```sh
//! cargo run --release --bin train-tagger -- /work/shared/eval/conll2003/eng.train \
//!     --dev /work/shared/eval/conll2003/eng.testa --out data/ner.model
//! cargo run --release --bin train-tagger -- --predict eng.testa [--model data/ner.model]
//! ```
//!
//! `--cv K` scores K-fold cross-validation over the training documents instead (each fold
//! tagged by a model trained on the other folds) and writes nothing.
//!
//! `--predict FILE` prints CoNLL-layout predictions (the embedded model unless `--model` is
//! given), for `conll_score.py --join GOLD PRED`.

use std::process::ExitCode;
use std::time::Instant;

use briefly::analysis::conll::{self, read_training};
use briefly::analysis::train::{self, Doc, Options};
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
        eprintln!(
            "usage: train-tagger TRAIN [--dev DEV] [--out MODEL] [--epochs N] [--prune X] [--dropout X] [--models N] [--cv K]"
        );
        eprintln!("       train-tagger --predict FILE [--model MODEL]");
        return ExitCode::from(2);
    };
    let mut opts = Options::default();
    if let Some(e) = opt("--epochs") {
        opts.epochs = e.parse().expect("--epochs N");
    }
    if let Some(p) = opt("--dropout") {
        opts.dropout = p.parse().expect("--dropout X");
    }
    if let Some(m) = opt("--models") {
        opts.models = m.parse().expect("--models N");
    }
    if let Some(p) = opt("--prune") {
        opts.prune = p.parse().expect("--prune X");
    }
    let docs = read_training(&read(train_path));
    if let Some(k) = opt("--cv") {
        let k: usize = k.parse().expect("--cv K");
        cross_validate(&docs, k, &opts);
        return ExitCode::SUCCESS;
    }
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
        let t = Instant::now();
        let (gold, pred, tokens) = tag_docs(&tagger, &docs);
        let ms = t.elapsed().as_secs_f64() * 1000.0 * 1000.0 / tokens as f64;
        print_scores("dev", &gold, &pred);
        eprintln!("dev tagging: {ms:.2} ms per 1,000 tokens");
    }
    ExitCode::SUCCESS
}

/// Gold and predicted tag indices of every sentence of `docs`, and the number of tokens.
fn tag_docs(tagger: &Tagger, docs: &[Doc]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>, usize) {
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    let mut tokens = 0;
    for doc in docs {
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
    (gold, pred, tokens)
}

fn print_scores(what: &str, gold: &[Vec<u8>], pred: &[Vec<u8>]) {
    let scores = train::score(gold, pred);
    let mut keys: Vec<&String> = scores.keys().collect();
    keys.sort();
    for k in keys {
        let (p, r, f) = scores[k];
        eprintln!("{what} {k:8} precision={p:.4} recall={r:.4} F1={f:.4}");
    }
}

/// K-fold cross-validation over documents (document `d` is in fold `d % k`): each fold is
/// scored by a model trained on the others, as saved (quantized); the pooled figures are the
/// held-out result.
fn cross_validate(docs: &[Doc], k: usize, opts: &Options) {
    let (mut all_gold, mut all_pred) = (Vec::new(), Vec::new());
    for fold in 0..k {
        let train_docs: Vec<Doc> = docs
            .iter()
            .enumerate()
            .filter(|(d, _)| d % k != fold)
            .map(|(_, d)| d.clone())
            .collect();
        let held: Vec<Doc> = docs
            .iter()
            .enumerate()
            .filter(|(d, _)| d % k == fold)
            .map(|(_, d)| d.clone())
            .collect();
        let tagger = train::train(&train_docs, opts, |_| {});
        let tagger = Tagger::from_bytes(&tagger.to_bytes()).expect("round trip");
        let (gold, pred, _) = tag_docs(&tagger, &held);
        print_scores(&format!("fold {}/{k}", fold + 1), &gold, &pred);
        all_gold.extend(gold);
        all_pred.extend(pred);
    }
    print_scores("held-out (all folds)", &all_gold, &all_pred);
}
