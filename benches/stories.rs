//! Story engine figures (printed, never asserted): `cargo bench --bench stories -- DIR` loads
//! the articles of DIR (e.g. `../shared/tools/make_corpus.py /tmp/corpus --articles 10000`),
//! tags them, and builds the stories on a tenth of them (1x) and on all (10x), printing the
//! time of each stage and the peak heap the story engine adds over the loaded articles and
//! their entities, next to the size of the text. Without DIR it makes an invented briefing
//! of 1,000 and 10,000 articles whose sentences come from a small pool (full of repeats).

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use briefly::analysis::{aliases, entities};
use briefly::ingest::{self, Article, Paragraph};
use briefly::stories::{self, Input};

#[path = "support/counting.rs"]
mod counting;
use counting::{NOW, PEAK};

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// An invented briefing: sentences of made-up words drawn from a pool of 2,000.
fn invented(n: usize) -> Vec<Article> {
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let syllables = [
        "ka", "lo", "mer", "tan", "vi", "dro", "sel", "pa", "nu", "grim",
    ];
    let word = |r: u64| -> String {
        (0..2 + r % 3)
            .map(|i| syllables[((r >> (i * 4)) % 10) as usize])
            .collect()
    };
    let pool: Vec<String> = (0..2000)
        .map(|_| {
            let n = 8 + next() % 20;
            let mut s: Vec<String> = (0..n).map(|_| word(next())).collect();
            s[0] = s[0][..1].to_uppercase() + &s[0][1..];
            s.join(" ") + "."
        })
        .collect();
    (0..n)
        .map(|_| Article {
            title: pool[(next() % 2000) as usize].clone(),
            paragraphs: (0..6 + next() % 25)
                .map(|_| {
                    let k = 1 + next() % 4;
                    Paragraph::body(
                        (0..k)
                            .map(|_| pool[(next() % 2000) as usize].as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })
                .collect(),
            ..Article::default()
        })
        .collect()
}

fn load(dir: &PathBuf) -> (Vec<String>, Vec<Article>) {
    let sources = ingest::collect(std::slice::from_ref(dir));
    let mut names = Vec::new();
    let mut articles = Vec::new();
    for (s, r) in sources.iter().zip(ingest::load_all(&sources)) {
        if let Ok(a) = r {
            names.push(s.display_name());
            articles.push(a);
        }
    }
    (names, articles)
}

fn measure(what: &str, names: &[String], articles: &[Article]) {
    let text: usize = articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let t = Instant::now();
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(|p| p.text.as_str()).collect())
        .collect();
    let analysed = entities::analyze_many(&paragraphs);
    let index = aliases::build(&analysed.iter().map(Some).collect::<Vec<_>>());
    let tagging = t.elapsed();
    let inputs: Vec<Input> = articles
        .iter()
        .zip(names)
        .zip(&analysed)
        .map(|((article, label), e)| Input {
            article,
            label,
            entities: Some(e),
        })
        .collect();
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let s = stories::build(&inputs, Some(&index));
    let took = t.elapsed();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = NOW.load(Ordering::Relaxed) - before;
    let sentences: usize = s.articles.iter().map(|a| a.sentences.len()).sum();
    let biggest = s
        .stories
        .iter()
        .map(|x| x.articles.len())
        .max()
        .unwrap_or(0);
    println!(
        "{what}: {} articles, {sentences} sentences, text {:.1} MB; entities {:.2} s; \
         stories {:.2} s, peak {:.1} MB over the loaded briefing ({:.2}x the text), kept {:.1} MB; \
         {} stories (largest {biggest}), {} statements",
        articles.len(),
        mb(text),
        tagging.as_secs_f64(),
        took.as_secs_f64(),
        mb(peak),
        peak as f64 / text.max(1) as f64,
        mb(kept),
        s.stories.len(),
        s.statements.len(),
    );
}

fn main() {
    let dirs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        for n in [1000, 10_000] {
            let articles = invented(n);
            let names: Vec<String> = (0..n).map(|i| format!("invented-{i}.txt")).collect();
            measure(&format!("invented, {n}"), &names, &articles);
        }
        return;
    }
    for dir in dirs {
        let t = Instant::now();
        let (names, articles) = load(&dir);
        println!(
            "{}: loading {} articles {:.2} s",
            dir.display(),
            articles.len(),
            t.elapsed().as_secs_f64()
        );
        let tenth = articles.len().div_ceil(10);
        measure("1x (a tenth)", &names[..tenth], &articles[..tenth]);
        measure("10x (all)", &names, &articles);
    }
}
