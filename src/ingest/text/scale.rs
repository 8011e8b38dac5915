//! Scale check (ignored, prints its figures): each stage of text cleaning on hostile files
//! at two sizes ten times apart, so that a stage that grows faster than its input shows.
//!
//! `cargo test --release --lib ingest::text::scale -- --ignored --nocapture`

use std::time::Instant;

use super::parse_text_in_stages;

/// Made-up words, a few with capitals, and now and then a full stop.
fn words(n: usize) -> String {
    const WORDS: [&str; 12] = [
        "the", "harbour", "Velmora", "board", "met", "on", "Monday", "levy", "ferry", "naïve",
        "quay", "repairs",
    ];
    let mut out = String::with_capacity(n * 7);
    let mut x = 7u32;
    for i in 0..n {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        out.push_str(WORDS[(x >> 16) as usize % WORDS.len()]);
        out.push_str(if i % 23 == 22 { ". " } else { " " });
    }
    out
}

/// The hostile files, at `scale` (1 or 10): one long line, one word repeated, many short
/// lines, many blank lines.
fn inputs(scale: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "one line",
            format!("One line\n{}\n", words(310_000 * scale)),
        ),
        (
            "one word repeated",
            format!("Repeated\n{}\n", "naïve ".repeat(480_000 * scale)),
        ),
        (
            "short lines",
            format!(
                "Short lines\n\n{}",
                "levy\nRepairs\n".repeat(50_000 * scale)
            ),
        ),
        (
            "blank lines",
            format!(
                "Blank lines\n{}The board met.\n",
                "\n".repeat(100_000 * scale)
            ),
        ),
    ]
}

#[test]
#[ignore = "scale check: run with --release --ignored --nocapture"]
fn each_stage_of_cleaning_grows_with_its_input() {
    for scale in [1, 10] {
        for (name, text) in inputs(scale) {
            let mut stages: Vec<(String, f64)> = Vec::new();
            let mut last = Instant::now();
            let start = last;
            let out =
                parse_text_in_stages(&text, false, super::BlockModel::embedded(), &mut |stage| {
                    stages.push((stage.to_string(), last.elapsed().as_secs_f64() * 1e3));
                    last = Instant::now();
                });
            let total = start.elapsed().as_secs_f64() * 1e3;
            let kept: usize = out.paragraphs.iter().map(|p| p.text.len()).sum();
            println!(
                "{scale:>2}x {name:<18} {:>6.1} MB in, {:>6.1} MB kept, {total:>8.1} ms: {}",
                text.len() as f64 / 1e6,
                kept as f64 / 1e6,
                stages
                    .iter()
                    .map(|(s, ms)| format!("{s} {ms:.1}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            assert!(kept > 0, "{name}: the text is kept");
        }
    }
}
