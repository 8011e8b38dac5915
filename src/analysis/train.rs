//! Training: an averaged structured perceptron (Collins 2002) with Viterbi decoding, run twice.
//! The second pass needs first-pass tags on the training set that look like those it will see
//! on new text, so they come from jackknifing: each fold is tagged by a first-pass model
//! trained on the other folds, never by one that saw it.

use std::collections::HashMap;

use super::N_TAGS;
use super::features::{self, DocStats, Features};
use super::gazetteer::Gazetteer;
use super::tagger::{self, KeyMap, Tagger, Weights, emissions, viterbi};
use crate::perceptron::{Averaged, Rng};

/// One training document: sentences of words and their gold tag indices.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub sentences: Vec<(Vec<String>, Vec<u8>)>,
}

/// The words of each document, sentence by sentence, as the tagger takes them.
pub fn words(docs: &[Doc]) -> Vec<Vec<Vec<&str>>> {
    docs.iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|(w, _)| w.iter().map(String::as_str).collect())
                .collect()
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct Options {
    pub epochs: usize,
    pub folds: usize,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
    /// Share of tokens, per epoch, whose word-identity features are hidden in training, so
    /// that the model learns from clusters, shapes, context and lists what it must rely on
    /// for a word it never saw.
    pub dropout: f64,
    /// How many perceptrons, each with its own shuffles and hidden words, are averaged into
    /// each pass.
    pub models: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 10,
            folds: 5,
            seed: 0x5eed_2003,
            prune: 0.05,
            dropout: 0.3,
            models: 4,
        }
    }
}

/// Sentence features with hashes replaced by dense ids (`ids`), for array-indexed training.
struct Dense {
    ids: KeyMap<u32>,
    keys: Vec<u32>,
}

impl Dense {
    /// Per dense id, whether it is a word-identity feature.
    fn lexical(&self) -> Vec<bool> {
        self.keys.iter().map(|&k| features::is_lexical(k)).collect()
    }
}

impl Dense {
    fn new() -> Dense {
        Dense {
            ids: KeyMap::default(),
            keys: Vec::new(),
        }
    }
    fn map(&mut self, f: &Features) -> Features {
        let mut out = f.clone();
        for h in &mut out.hashes {
            let next = self.keys.len() as u32;
            let id = *self.ids.entry(*h).or_insert(next);
            if id == next {
                self.keys.push(*h);
            }
            *h = id;
        }
        out
    }
}

type Trained = (Vec<[f32; N_TAGS]>, [[f32; N_TAGS]; N_TAGS + 1]);

/// Trains one pass on `examples` (dense features, gold tags): the mean of `opts.models`
/// averaged perceptrons, each from its own seed; returns dense rows and transitions.
fn perceptron(examples: &[(&Features, &[u8])], lexical: &[bool], opts: &Options) -> Trained {
    let n = opts.models.max(1);
    let mut sum: Option<Trained> = None;
    for k in 0..n {
        let seed = opts.seed.wrapping_add(k as u64 * 0x9e37_79b9);
        let (w, t) = perceptron_one(examples, lexical, opts, seed);
        match &mut sum {
            None => sum = Some((w, t)),
            Some((sw, st)) => {
                for (a, b) in sw.iter_mut().zip(&w) {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                }
                for (a, b) in st.iter_mut().zip(&t) {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                }
            }
        }
    }
    let (mut w, mut t) = sum.expect("at least one model");
    let scale = 1.0 / n as f32;
    w.iter_mut().flatten().for_each(|x| *x *= scale);
    t.iter_mut().flatten().for_each(|x| *x *= scale);
    (w, t)
}

/// One averaged perceptron from `seed`.
fn perceptron_one(
    examples: &[(&Features, &[u8])],
    lexical: &[bool],
    opts: &Options,
    seed: u64,
) -> Trained {
    let mut model: Averaged<N_TAGS> = Averaged::new(lexical.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed);
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let (feats, gold) = examples[e];
            let hidden;
            let feats = if opts.dropout > 0.0 {
                hidden = hide_words(feats, lexical, opts.dropout, &mut rng);
                &hidden
            } else {
                feats
            };
            let trans: [[f32; N_TAGS]; N_TAGS + 1] =
                model.tw.as_slice().try_into().expect("N_TAGS + 1 rows");
            let em = emissions(feats, |f| Some(&model.w[f as usize]));
            let pred = viterbi(&em, &trans);
            model.learn(gold, &pred, |i| feats.token(i));
        }
    }
    let (w, tw) = model.finish();
    let tw = tw.as_slice().try_into().expect("N_TAGS + 1 rows");
    (w, tw)
}

/// `feats` with the word-identity features of a random `share` of its tokens left out.
fn hide_words(feats: &Features, lexical: &[bool], share: f64, rng: &mut Rng) -> Features {
    let mut out = Features::default();
    for i in 0..feats.len() {
        let hide = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= share;
        out.hashes.extend(
            feats
                .token(i)
                .iter()
                .filter(|&&f| !(hide && lexical[f as usize])),
        );
        out.end_token();
    }
    out
}

/// Hash-keyed weights from dense ones, without rows whose weights are all below `prune`.
fn to_weights(
    dense: &Dense,
    rows: Vec<[f32; N_TAGS]>,
    trans: [[f32; N_TAGS]; N_TAGS + 1],
    prune: f32,
) -> Weights {
    let mut kept = KeyMap::default();
    for (id, mut row) in rows.into_iter().enumerate() {
        row.iter_mut()
            .filter(|x| x.abs() < prune)
            .for_each(|x| *x = 0.0);
        if row.iter().any(|&x| x != 0.0) {
            kept.insert(dense.keys[id], row);
        }
    }
    Weights { rows: kept, trans }
}

/// Trains both passes. `log` receives progress lines.
pub fn train(docs: &[Doc], opts: &Options, mut log: impl FnMut(&str)) -> Tagger {
    let gazetteer = Gazetteer::builtin();
    let words = words(docs);
    // First-pass features of every sentence, grouped by document.
    let base: Vec<Vec<Features>> = words
        .iter()
        .map(|doc| {
            let stats = DocStats::new(doc.iter().map(|s| &s[..]));
            doc.iter()
                .map(|s| {
                    let mut f = Features::default();
                    features::extract(s, &gazetteer, &stats, &mut f);
                    f
                })
                .collect()
        })
        .collect();
    let mut dense = Dense::new();
    let base_ids: Vec<Vec<Features>> = base
        .iter()
        .map(|d| d.iter().map(|f| dense.map(f)).collect())
        .collect();
    log(&format!("first pass: {} features", dense.keys.len()));
    let lexical = dense.lexical();
    let examples = |keep: &dyn Fn(usize) -> bool| -> Vec<(&Features, &[u8])> {
        let mut v = Vec::new();
        for (d, doc) in docs.iter().enumerate().filter(|&(d, _)| keep(d)) {
            for (f, (_, gold)) in base_ids[d].iter().zip(&doc.sentences) {
                v.push((f, &gold[..]));
            }
        }
        v
    };
    // Jackknifed first-pass tags for the training set.
    let mut first: Vec<Vec<Vec<u8>>> = vec![Vec::new(); docs.len()];
    for fold in 0..opts.folds {
        let (rows, trans) = perceptron(&examples(&|d| d % opts.folds != fold), &lexical, opts);
        for d in (0..docs.len()).filter(|d| d % opts.folds == fold) {
            first[d] = base_ids[d]
                .iter()
                .map(|f| viterbi(&emissions(f, |x| Some(&rows[x as usize])), &trans))
                .collect();
        }
        log(&format!("fold {}/{} tagged", fold + 1, opts.folds));
    }
    let (rows, trans) = perceptron(&examples(&|_| true), &lexical, opts);
    let stage1 = to_weights(&dense, rows, trans, opts.prune);
    log(&format!(
        "first pass trained: {} rows kept",
        stage1.rows.len()
    ));
    // Second pass on the first-pass features plus the document votes.
    let mut dense2 = Dense::new();
    let mut second: Vec<(Features, &[u8])> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let votes = tagger::doc_votes(&words[d], &first[d]);
        for (s, (_, gold)) in doc.sentences.iter().enumerate() {
            let f = tagger::stage2_features(&words[d][s], &base[d][s], &first[d][s], &votes);
            second.push((dense2.map(&f), &gold[..]));
        }
    }
    let refs: Vec<(&Features, &[u8])> = second.iter().map(|(f, g)| (f, *g)).collect();
    let (rows, trans) = perceptron(&refs, &dense2.lexical(), opts);
    let stage2 = to_weights(&dense2, rows, trans, opts.prune);
    log(&format!(
        "second pass trained: {} rows kept",
        stage2.rows.len()
    ));
    Tagger::new(&stage1, &stage2)
}

/// Per-type and overall (precision, recall, F1) of predicted against gold spans, exact match.
pub fn score(gold: &[Vec<u8>], pred: &[Vec<u8>]) -> HashMap<String, (f64, f64, f64)> {
    use super::{Tag, spans};
    let mut counts: HashMap<String, [usize; 3]> = HashMap::new();
    for (g, p) in gold.iter().zip(pred) {
        let conv = |t: &Vec<u8>| spans(&t.iter().map(|&x| Tag::from_index(x)).collect::<Vec<_>>());
        let (gs, ps) = (conv(g), conv(p));
        for s in &gs {
            let hit = ps.contains(s) as usize;
            for k in [s.0.conll(), "overall"] {
                let c = counts.entry(k.into()).or_default();
                c[0] += hit;
                c[2] += 1;
            }
        }
        for s in &ps {
            for k in [s.0.conll(), "overall"] {
                counts.entry(k.into()).or_default()[1] += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, [tp, np, ng])| {
            let p = tp as f64 / np.max(1) as f64;
            let r = tp as f64 / ng.max(1) as f64;
            (
                k,
                (
                    p,
                    r,
                    if p + r > 0.0 {
                        2.0 * p * r / (p + r)
                    } else {
                        0.0
                    },
                ),
            )
        })
        .collect()
}
