//! Once the background analysis has tagged a briefing and its workers are idle, the tagger's
//! model and word clusters are let go, so that the stories are built without them; the next
//! article to tag unpacks them again. (A process of its own: no other test tags meanwhile.)

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use briefly::analysis::held;
use briefly::analyzer::{Analyzer, Report};
use briefly::ingest::{Article, Paragraph};

fn article(text: &str) -> Arc<Article> {
    Arc::new(Article {
        title: "t".into(),
        paragraphs: vec![Paragraph::body(text.to_string())],
        ..Article::default()
    })
}

/// Waits until the analysis has reported stories over `n` articles.
fn stories_over(rx: &mpsc::Receiver<Report>, n: usize) {
    loop {
        match rx.recv_timeout(Duration::from_secs(60)).expect("reports") {
            Report::Stories(_, covered) if covered == n => return,
            _ => {}
        }
    }
}

fn let_go_within(limit: Duration) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if !held::any_held() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn the_model_is_let_go_when_the_taggers_idle_and_comes_back_for_new_work() {
    let (tx, rx) = mpsc::channel();
    let labels = vec!["a0".to_string(), "a1".to_string(), "a2".to_string()];
    let analyzer = Analyzer::spawn(labels, None, None, move |r| tx.send(r).is_ok());
    analyzer.start();
    let texts = [
        "Tomas Arkwell flew to Velmora on Monday.",
        "Arkwell met Ines Corvo in Velmora on Tuesday.",
        "The harbour council of Ostra voted to repair the north quay.",
    ];
    for (i, text) in texts.iter().enumerate().take(2) {
        let job = (i, format!("a{i}"), article(text));
        analyzer.jobs.send(job).unwrap();
    }
    stories_over(&rx, 2);
    assert!(
        let_go_within(Duration::from_secs(10)),
        "model and clusters let go once the workers idle"
    );
    // A new article (a refresh): tagged as well as before, with the tables unpacked again.
    let job = (2, "a2".to_string(), article(texts[2]));
    analyzer.jobs.send(job).unwrap();
    let found = loop {
        if let Report::Analyzed(batch) = rx.recv_timeout(Duration::from_secs(60)).expect("reports")
            && let Some((_, found)) = batch.into_iter().find(|(i, _)| *i == 2)
        {
            break found;
        }
    };
    let fresh = briefly::analysis::entities::analyze(&[texts[2]]);
    assert_eq!(*found, fresh);
    assert!(!found.mentions.is_empty(), "{found:?}");
    analyzer.finish(Duration::from_secs(5));
}
