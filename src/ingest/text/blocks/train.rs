//! Training the block model from scrapes and their true article bodies (written by
//! `benches/make_scrapes.py`), and scoring the whole cleaner on pages held out of training.
//!
//! Each block is labelled body when most of its words, read as word 4-grams across the
//! file (so a short subheading inside the article counts, a menu label does not), are
//! found in the true body. The model is an averaged structured perceptron (Collins 2002)
//! with Viterbi decoding over the blocks of a file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use super::score::{average, lowest, page_score};
use super::score::{shingles, word_runs};
use super::{
    AFTER, BODY, BlockModel, Features, INSIDE, OTHER, Row, STATES, emissions, extract, viterbi,
};
use crate::ingest::text::{body_with, items_of};
use crate::perceptron::{Averaged, Rng};

/// One training page: its scrape and the article body it should give.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub text: String,
    pub truth: String,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub epochs: usize,
    pub folds: usize,
    pub seed: u64,
    /// Also train on each page's true body alone, all of it body: a clean text must come
    /// out whole.
    pub clean_copies: bool,
    /// 1 for the first pass alone, 2 for a second pass over its decisions.
    pub passes: usize,
    /// How many perceptrons each pass averages.
    pub models: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 15,
            folds: 5,
            seed: 0xb10c_2026,
            clean_copies: true,
            passes: 2,
            models: 1,
        }
    }
}

/// The pages of a folder: `ID.txt` beside `ID.truth.txt`, sorted by id.
pub fn read_pages(dir: &Path) -> Result<Vec<Page>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut pages = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".truth.txt") else {
            continue;
        };
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let truth = read(&e.path())?;
        let text = read(&dir.join(format!("{id}.txt")))?;
        pages.push(Page {
            id: id.to_string(),
            text,
            truth,
        });
    }
    if pages.is_empty() {
        return Err(format!(
            "{}: no ID.txt and ID.truth.txt pairs",
            dir.display()
        ));
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The label of each block of a text: body when at least half its words are covered by a
/// word 4-gram of the file that the true body holds.
pub fn labels(blocks: &[&str], truth: &str) -> Vec<u8> {
    let truth_set: HashSet<[&str; 4]> = shingles(truth).into_keys().collect();
    let mut owner = Vec::new();
    let mut toks = Vec::new();
    for (b, text) in blocks.iter().enumerate() {
        for w in word_runs(text) {
            toks.push(w);
            owner.push(b);
        }
    }
    let mut covered = vec![false; toks.len()];
    for j in 0..toks.len().saturating_sub(3) {
        if truth_set.contains(&[toks[j], toks[j + 1], toks[j + 2], toks[j + 3]]) {
            covered[j..j + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut count = vec![(0usize, 0usize); blocks.len()];
    for (j, &b) in owner.iter().enumerate() {
        count[b].0 += 1;
        count[b].1 += usize::from(covered[j]);
    }
    count
        .iter()
        .map(|&(all, hit)| {
            if all > 0 && hit * 2 >= all {
                BODY
            } else {
                OTHER
            }
        })
        .collect()
}

/// The states to learn from body-or-not labels: furniture before the first body block,
/// between body blocks, and after the last.
pub fn states_of(labels: &[u8]) -> Vec<u8> {
    let first = labels.iter().position(|&l| l == BODY);
    let last = labels.iter().rposition(|&l| l == BODY);
    labels
        .iter()
        .enumerate()
        .map(|(i, &l)| match (first, last) {
            _ if l == BODY => BODY,
            (Some(f), Some(z)) if i > f && i < z => INSIDE,
            (Some(_), Some(z)) if i > z => AFTER,
            _ => OTHER,
        })
        .collect()
}

/// A training sequence: the features of a file's blocks (hashes), and its states.
type Example = (Features, Vec<u8>);

/// The examples of a page: its scrape, and its true body alone if asked.
fn examples_of(page: &Page, opts: &Options) -> Vec<Example> {
    let mut out = Vec::new();
    let items = items_of(&page.text, false);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let gold = states_of(&labels(&texts, &page.truth));
    out.push((extract(&items.iter().collect::<Vec<_>>()), gold));
    if opts.clean_copies && !page.truth.trim().is_empty() {
        let items = items_of(&page.truth, false);
        out.push((
            extract(&items.iter().collect::<Vec<_>>()),
            vec![BODY; items.len()],
        ));
    }
    out
}

/// One pass of the model: the mean of `opts.models` perceptrons, each shown the examples in
/// its own order (less variance than one, on few pages).
fn fit(examples: &[&Example], opts: &Options) -> BlockModel {
    let k = opts.models.max(1);
    let mut mean = BlockModel::default();
    for m in 0..k {
        let seed = opts.seed.wrapping_add(m as u64 * 0x9e37_79b9);
        let one = fit_one(
            examples,
            &Options {
                seed,
                ..opts.clone()
            },
        );
        for (a, b) in mean
            .trans
            .iter_mut()
            .flatten()
            .zip(one.trans.iter().flatten())
        {
            *a += b / k as f32;
        }
        for (key, row) in one.rows {
            let r = mean.rows.entry(key).or_default();
            for (a, b) in r.iter_mut().zip(row) {
                *a += b / k as f32;
            }
        }
    }
    mean
}

/// One perceptron learned from `examples` (averaged perceptron, Viterbi decoding).
fn fit_one(examples: &[&Example], opts: &Options) -> BlockModel {
    // Ids in place of hashes, so the weights are a plain vector while learning.
    let (mut ids, mut keys) = (HashMap::new(), Vec::new());
    let examples: Vec<(Features, &[u8])> = examples
        .iter()
        .map(|(feats, gold)| {
            let mut feats = feats.clone();
            for h in &mut feats.hashes {
                let next = keys.len() as u32;
                let id = *ids.entry(*h).or_insert(next);
                if id == next {
                    keys.push(*h);
                }
                *h = id;
            }
            (feats, gold.as_slice())
        })
        .collect();
    let mut learner: Averaged<STATES> = Averaged::new(keys.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(opts.seed);
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let (feats, gold) = &examples[e];
            let trans: [Row; STATES + 1] =
                learner.tw.as_slice().try_into().expect("STATES + 1 rows");
            let em = emissions(feats, |f| Some(learner.w[f as usize]));
            let pred = viterbi(&em, &trans);
            // A mistake costs the root of the block's words: a paragraph lost weighs more
            // than a label kept, but not as many times more as it has words.
            learner.learn_weighted(
                gold,
                &pred,
                |i| feats.block(i),
                |i| (feats.words[i].max(1) as f32).sqrt(),
            );
        }
    }
    let (w, tw) = learner.finish();
    let tw: [Row; STATES + 1] = tw.as_slice().try_into().expect("STATES + 1 rows");
    let mut model = BlockModel {
        trans: tw,
        ..BlockModel::default()
    };
    for (id, row) in w.into_iter().enumerate() {
        if row.iter().any(|x| x.abs() > 1e-3) {
            model.rows.insert(keys[id], row);
        }
    }
    model
}

/// How many folds give the second pass its training input: each page's first-pass
/// decisions come from a first pass not trained on it, as they will at run time.
const INNER_FOLDS: usize = 4;

/// Trains a model on `pages`: the first pass, and the second pass over its decisions when
/// `opts.passes` is 2.
pub fn train(pages: &[&Page], opts: &Options) -> BlockModel {
    let examples: Vec<Vec<Example>> = pages.iter().map(|p| examples_of(p, opts)).collect();
    let mut model = fit(&examples.iter().flatten().collect::<Vec<_>>(), opts);
    if opts.passes < 2 || pages.len() < INNER_FOLDS {
        return model;
    }
    let mut stacked = Vec::new();
    for fold in 0..INNER_FOLDS {
        let rest: Vec<&Example> = (0..pages.len())
            .filter(|p| p % INNER_FOLDS != fold)
            .flat_map(|p| &examples[p])
            .collect();
        let first = fit(&rest, opts);
        for p in (fold..pages.len()).step_by(INNER_FOLDS) {
            for (feats, gold) in &examples[p] {
                stacked.push((first.stacked(feats), gold.clone()));
            }
        }
    }
    model.next = Some(Box::new(fit(&stacked.iter().collect::<Vec<_>>(), opts)));
    model
}

/// What the cleaner gives as the article's body for a scrape, with `model`: the paragraphs
/// `briefly extract` prints, captions left out, separated by blank lines.
pub fn body(text: &str, model: &BlockModel) -> String {
    body_with(text, model)
}

/// Scores of a cross-validation: per fold, and over all held-out pages.
pub struct Report {
    pub folds: Vec<(f64, f64, f64)>,
    pub overall: (f64, f64, f64),
    /// The lowest F1 of one page.
    pub lowest: f64,
    /// Each page's held-out body, by id.
    pub predictions: Vec<(String, String)>,
}

/// Splits the pages into `opts.folds` folds (shuffled with the seed), trains on all but one
/// and cleans the one held out with that model, for each fold.
pub fn cross_validate(pages: &[Page], opts: &Options, mut log: impl FnMut(&str)) -> Report {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    Rng(opts.seed ^ 0xf01d).shuffle(&mut order);
    let k = opts.folds.max(2);
    let mut all = Vec::new();
    let mut folds = Vec::new();
    let mut predictions = Vec::new();
    for fold in 0..k {
        let held: Vec<usize> = order.iter().copied().skip(fold).step_by(k).collect();
        let train_pages: Vec<&Page> = order
            .iter()
            .filter(|i| !held.contains(i))
            .map(|&i| &pages[i])
            .collect();
        let model = train(&train_pages, opts);
        let mut scores = Vec::new();
        for &i in &held {
            let out = body(&pages[i].text, &model);
            scores.push(page_score(&pages[i].truth, &out));
            predictions.push((pages[i].id.clone(), out));
        }
        let s = average(&scores);
        log(&format!(
            "fold {}: held-out F1={:.3} precision={:.3} recall={:.3} pages={}",
            fold + 1,
            s.2,
            s.0,
            s.1,
            held.len()
        ));
        folds.push(s);
        all.extend(scores);
    }
    predictions.sort();
    Report {
        folds,
        overall: average(&all),
        lowest: lowest(&all),
        predictions,
    }
}

/// Cleans `pages` with a model trained elsewhere and scores them.
pub fn score(pages: &[Page], model: &BlockModel) -> Report {
    let mut scores = Vec::new();
    let mut predictions = Vec::new();
    for page in pages {
        let out = body(&page.text, model);
        scores.push(page_score(&page.truth, &out));
        predictions.push((page.id.clone(), out));
    }
    let overall = average(&scores);
    Report {
        folds: vec![overall],
        overall,
        lowest: lowest(&scores),
        predictions,
    }
}

/// Where a page's words go, by block: `[label][model state][kept by the cleaner]`, in
/// words (label and state 0 body, 1 other; kept 1). Says whether the model or the rules
/// after it lose the text or keep the furniture.
pub fn breakdown(page: &Page, model: &BlockModel) -> [[[u64; 2]; 2]; 2] {
    let items = items_of(&page.text, false);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let gold = labels(&texts, &page.truth);
    let states = model.decode(&extract(&items.iter().collect::<Vec<_>>()));
    let out = body(&page.text, model);
    let kept: HashSet<&str> = out.split("\n\n").collect();
    let mut n = [[[0u64; 2]; 2]; 2];
    for (i, item) in items.iter().enumerate() {
        let k = usize::from(kept.contains(item.text.as_str()));
        n[gold[i] as usize][usize::from(states[i] != BODY)][k] += u64::from(item.words);
    }
    n
}

/// Each block of a page with its label, the model's state and whether the cleaner kept it:
/// `label state kept | text` (B body, o other), for looking at what goes wrong.
pub fn explain(page: &Page, model: &BlockModel) -> String {
    let items = items_of(&page.text, false);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let gold = labels(&texts, &page.truth);
    let feats = extract(&items.iter().collect::<Vec<_>>());
    let states = model.decode(&feats);
    let em = emissions(&feats, |f| model.row(f));
    let out = body(&page.text, model);
    let kept: HashSet<&str> = out.split("\n\n").collect();
    let mark = |s: u8| ['B', 'o', 'i', 'a'][usize::from(s.min(AFTER))];
    let mut s = String::new();
    for (((t, g), st), e) in texts.iter().zip(gold).zip(states).zip(em) {
        let short: String = t.chars().take(90).collect();
        let k = if kept.contains(t) { '+' } else { ' ' };
        let margin = e[0] - e[1..].iter().fold(f32::MIN, |a, &b| a.max(b));
        s.push_str(&format!(
            "{} {} {k} {margin:6.1} | {short}\n",
            mark(g),
            mark(st)
        ));
    }
    s
}
