//! Scale check (ignored, prints its figures): each step of the entity analysis on hostile
//! text at two sizes ten times apart, so that a step that grows faster than its input shows.
//! Peak memory is measured on the release binary instead (`benches/hostile.py`).
//!
//! `cargo test --release --lib analysis::scale -- --ignored --nocapture`

use std::time::Instant;

use super::entities::analyze;
use super::rules::find_values;
use super::{aliases, tag_text, tokens};

/// A pseudo-random stream for the generated text.
struct Stream(u32);

impl Stream {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (self.0 >> 16) as usize % n
    }
}

const LOWER: [&str; 10] = [
    "the", "council", "met", "and", "harbour", "levy", "of", "said", "ferry", "would",
];
const NAMES: [&str; 8] = [
    "Velmora", "Arkwell", "Corvo", "Ostra", "Tomas", "Ines", "Lisbon", "Okafor",
];

/// The hostile texts at `scale` (1 or 10), as paragraphs.
fn inputs(scale: usize) -> Vec<(&'static str, Vec<String>)> {
    let mut s = Stream(11);
    let mut sentence = String::new();
    while sentence.len() < 1_200_000 * scale {
        let w = if s.next(7) == 0 {
            NAMES[s.next(8)]
        } else {
            LOWER[s.next(10)]
        };
        sentence.push_str(w);
        sentence.push(' ');
    }
    let mut joined = String::new();
    while joined.len() < 3_200_000 * scale {
        joined.push_str(if s.next(3) == 0 {
            NAMES[s.next(8)]
        } else {
            LOWER[s.next(10)]
        });
    }
    let syllables = ["ka", "lo", "mi", "ren", "tu", "vos", "sha", "dre"];
    let name = |mut i: usize| {
        let mut w = String::new();
        for _ in 0..4 {
            w.push_str(syllables[i % 8]);
            i /= 8;
        }
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let names: Vec<String> = (0..100_000 * scale)
        .map(|i| format!("{} {} met.", name(i % 4096), name(i / 4096)))
        .collect();
    let mut figures = String::new();
    let currency = ["$", "€", "£", "¥", "US$"];
    let after = ["", " million", "%", ",", " euros"];
    while figures.len() < 3_200_000 * scale {
        let n = s.next(99_999) + 1;
        figures.push_str(&format!("{}{n}{} ", currency[s.next(5)], after[s.next(5)]));
    }
    vec![
        ("one sentence", vec![sentence]),
        ("no spaces", vec![joined]),
        ("distinct names", names),
        ("figures", vec![figures]),
    ]
}

#[test]
#[ignore = "scale check: run with --release --ignored --nocapture"]
fn each_step_of_analysis_grows_with_its_input() {
    for scale in [1, 10] {
        for (name, paragraphs) in inputs(scale) {
            let text = paragraphs.join("\n\n");
            let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let toks = tokens::tokenize(&text);
            let sents = tokens::sentences(&text, &toks);
            let (n_toks, n_sents) = (toks.len(), sents.len());
            drop((toks, sents));
            let tokenize = ms(t);
            let t = Instant::now();
            let tagged = tag_text(&text).len();
            let tag = ms(t);
            let t = Instant::now();
            let values = find_values(&text).len();
            let rules = ms(t);
            drop(text);
            let t = Instant::now();
            let found = analyze(&paragraphs);
            let all = ms(t);
            let t = Instant::now();
            let index = aliases::build(&[Some(&found)]);
            let join = ms(t);
            println!(
                "{scale:>2}x {name:<15} {:>5.1} MB, {n_toks} tokens, {n_sents} sentences: \
                 tokenize {tokenize:.0} ms, tag {tag:.0} ms ({tagged} names), values {rules:.0} ms \
                 ({values}), analyze {all:.0} ms ({} mentions), join {join:.0} ms ({} entities)",
                paragraphs.iter().map(String::len).sum::<usize>() as f64 / 1e6,
                found.mentions.len(),
                index.entities.len(),
            );
        }
    }
}
