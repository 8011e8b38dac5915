//! The AEB metric, as `../shared/eval/aeb_score.py` computes it: precision and recall of
//! word 4-gram shingles, averaged over pages.

use std::collections::HashMap;

/// Words as the AEB metric reads them: runs of letters, digits and `_`.
pub(super) fn word_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

pub(super) fn shingles(text: &str) -> HashMap<[&str; 4], u32> {
    let toks: Vec<&str> = word_runs(text).collect();
    let mut out = HashMap::new();
    if toks.len() < 4 {
        if !toks.is_empty() {
            let mut k = [""; 4];
            k[..toks.len()].copy_from_slice(&toks);
            *out.entry(k).or_default() += 1;
        }
        return out;
    }
    for w in toks.windows(4) {
        *out.entry([w[0], w[1], w[2], w[3]]).or_default() += 1;
    }
    out
}

/// The AEB metric for one page: precision and recall of word 4-gram shingles (counted with
/// multiplicity), each `None` where the page does not count towards its average.
pub fn page_score(truth: &str, pred: &str) -> (Option<f64>, Option<f64>) {
    let (t, p) = (shingles(truth), shingles(pred));
    let mut tp = 0u64;
    for (k, &n) in &p {
        tp += u64::from(n.min(t.get(k).copied().unwrap_or(0)));
    }
    let fp = p.values().map(|&n| u64::from(n)).sum::<u64>() - tp;
    let fn_ = t.values().map(|&n| u64::from(n)).sum::<u64>() - tp;
    if fp == 0 && fn_ == 0 {
        return (Some(1.0).filter(|_| tp > 0), Some(1.0).filter(|_| tp > 0));
    }
    let prec = (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64);
    let rec = (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64);
    (prec, rec)
}

/// Precision and recall averaged over the pages that count, and F1 of the two.
pub fn average(scores: &[(Option<f64>, Option<f64>)]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(scores.iter().filter_map(|s| s.0).collect());
    let r = mean(scores.iter().filter_map(|s| s.1).collect());
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The lowest F1 of one page among those that count (a page missing both figures is
/// skipped, as in `average`).
pub fn lowest(scores: &[(Option<f64>, Option<f64>)]) -> f64 {
    scores
        .iter()
        .filter(|s| s.0.is_some() || s.1.is_some())
        .map(|&(p, r)| {
            let (p, r) = (p.unwrap_or(0.0), r.unwrap_or(0.0));
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        })
        .fold(1.0, f64::min)
}
