//! The engine on articles this project writes: three outlets on one harbour story (a shared
//! quote, a re-punctuated sentence, a figure one of them gives differently) and an unrelated
//! article that shares only a country with them.

use super::*;
use crate::ingest::{Article, Paragraph};

fn article(title: &str, byline: Option<&str>, published: Option<&str>, paras: &[&str]) -> Article {
    Article {
        title: title.into(),
        byline: byline.map(str::to_string),
        published: published.map(str::to_string),
        paragraphs: paras.iter().map(|p| Paragraph::body(*p)).collect(),
        ..Article::default()
    }
}

pub(crate) fn briefing() -> Vec<Article> {
    vec![
        article(
            "Velmora shuts its northern quay",
            Some("HARBOUR POST with AFP"),
            Some("2031-04-02"),
            &[
                "The port authority of Velmora closed the northern quay on Tuesday after divers found cracks in 14 of its pillars.",
                "\u{201c}We will not reopen a quay that could fall into the sea,\u{201d} harbour master Ilse Brandvik told reporters.",
                "Shipping firms said the closure would divert about forty freighters a week to the southern docks.",
            ],
        ),
        article(
            "Cracked pillars close Velmora quay",
            Some("By Tomas Reel"),
            Some("2031-04-02"),
            &[
                "The port authority of Velmora closed the northern quay on Tuesday, after divers found cracks in 17 of its pillars.",
                "Harbour master Ilse Brandvik said: \"We will not reopen a quay that could fall into the sea.\"",
                "Repairs are expected to cost the city several million crowns.",
            ],
        ),
        article(
            "Velmora's harbour master defends quay closure",
            None,
            Some("2031-04-03"),
            &[
                "Ilse Brandvik, the harbour master of Velmora, defended the closure of the northern quay before the city council on Wednesday.",
                "\u{201c}We will not reopen a quay that could fall into the sea,\u{201d} Brandvik repeated, adding that inspections of the southern docks would follow.",
            ],
        ),
        article(
            "Orchard growers expect a record apple harvest",
            None,
            Some("2031-04-02"),
            &[
                "Growers in the valleys south of Velmora expect the largest apple harvest in a decade after a mild spring.",
                "The growers' cooperative Dalfruk said cold stores were already being cleaned for the autumn.",
            ],
        ),
    ]
}

fn run(articles: &[Article], labels: &[&str]) -> Stories {
    analyse_and_build(articles, labels, |_, stories| stories.clone())
}

const LABELS: [&str; 4] = ["post.txt", "reel/velmora.html", "council.md", "apples.txt"];

#[test]
fn three_outlets_make_one_story_and_the_unrelated_article_its_own() {
    let s = run(&briefing(), &LABELS);
    assert_eq!(s.stories.len(), 2, "{:#?}", s.stories);
    assert_eq!(s.stories[0].articles, vec![0, 1, 2]);
    assert_eq!(s.stories[0].outlets, 3);
    assert_eq!(s.stories[1].articles, vec![3]);
    assert_eq!(s.articles[3].story, 1);
    assert_eq!(s.stories[0].first.as_deref(), Some("2031-04-02"));
    assert_eq!(s.stories[0].last.as_deref(), Some("2031-04-03"));
}

#[test]
fn outlets_come_from_credits_and_file_names_with_agencies_as_sources() {
    let s = run(&briefing(), &LABELS);
    let outlets: Vec<&str> = s.articles.iter().map(|a| a.outlet.as_str()).collect();
    assert_eq!(
        outlets,
        vec!["HARBOUR POST", "velmora", "council", "apples"]
    );
    assert_eq!(s.articles[0].sources, vec!["AFP"]);
}

#[test]
fn a_repunctuated_sentence_is_seen_before_and_the_quote_is_corroborated_by_all() {
    let s = run(&briefing(), &LABELS);
    // The first sentences differ by a comma and a figure: one statement.
    assert_eq!(s.seen_in(1, 0), &[0, 1]);
    assert_eq!(s.also_in(0, 0), vec![1]);
    // The quote, re-quoted in three ways, is in every article of the story.
    assert_eq!(s.also_in(0, 1), vec![1, 2]);
    assert_eq!(s.also_in(2, 1), vec![0, 1]);
    assert_eq!(s.corroboration(0, 1), 2);
    // Sentences nobody else carries.
    assert!(s.also_in(0, 2).is_empty());
    assert_eq!(s.only_here(1), vec![2]);
    assert!(s.also_in(3, 0).is_empty());
}

#[test]
fn the_differing_count_of_pillars_is_a_conflict_on_both_sides() {
    let s = run(&briefing(), &LABELS);
    let here = &s.articles[0].sentences[0].conflicts();
    assert_eq!(here.len(), 1, "{here:?}");
    assert_eq!(here[0].kind, ConflictKind::Figure);
    assert_eq!(
        (here[0].here.as_str(), here[0].there.as_str()),
        ("14", "17")
    );
    assert_eq!((here[0].article, here[0].sentence), (1, 0));
    let there = &s.articles[1].sentences[0].conflicts();
    assert_eq!(
        (there[0].here.as_str(), there[0].there.as_str()),
        ("17", "14")
    );
    // The quote is Brandvik's everywhere: no conflict of speakers.
    assert!(
        s.articles
            .iter()
            .flat_map(|a| &a.sentences)
            .flat_map(|x| x.conflicts())
            .all(|c| c.kind == ConflictKind::Figure)
    );
}

#[test]
fn a_quote_given_to_another_person_is_a_conflict() {
    let mut articles = briefing();
    articles[2].paragraphs[1] = Paragraph::body(
        "\u{201c}We will not reopen a quay that could fall into the sea,\u{201d} mayor Oskar Lindqvist said, adding that inspections of the southern docks would follow.",
    );
    let s = run(&articles, &LABELS);
    let speakers: Vec<&Conflict> = s.articles[2].sentences[1]
        .conflicts()
        .iter()
        .filter(|c| c.kind == ConflictKind::Speaker)
        .collect();
    assert!(!speakers.is_empty(), "{:?}", s.articles[2].sentences[1]);
    assert!(speakers[0].here.contains("Lindqvist"), "{speakers:?}");
    assert!(speakers[0].there.contains("Brandvik"), "{speakers:?}");
}

#[test]
fn every_article_is_in_exactly_one_story_even_without_entities() {
    let articles = briefing();
    let inputs: Vec<Input> = articles
        .iter()
        .zip(LABELS)
        .map(|(article, label)| Input {
            article,
            label,
            entities: None,
        })
        .collect();
    let s = build(&inputs, None);
    let mut seen: Vec<u32> = s.stories.iter().flat_map(|x| x.articles.clone()).collect();
    seen.sort_unstable();
    assert_eq!(seen, vec![0, 1, 2, 3]);
    // The shared statements alone still join the two wire-like articles.
    assert_eq!(s.articles[0].story, s.articles[1].story);
    assert_ne!(s.articles[3].story, s.articles[0].story);
    assert!(build(&[], None).stories.is_empty());
}

#[test]
fn articles_read_on_several_threads_make_the_same_stories() {
    // The briefing many times over, so that reading crosses chunks and threads.
    let articles: Vec<Article> = (0..3 * super::build::CHUNK / 4 + 5)
        .flat_map(|_| briefing())
        .collect();
    let labels: Vec<String> = (0..articles.len()).map(|i| format!("{i}.txt")).collect();
    let analysed: Vec<_> = briefing()
        .iter()
        .map(|a| {
            let paras: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
            crate::analysis::entities::analyze(&paras)
        })
        .collect();
    let inputs: Vec<Input> = articles
        .iter()
        .enumerate()
        .map(|(i, article)| Input {
            article,
            label: &labels[i],
            entities: Some(&analysed[i % analysed.len()]),
        })
        .collect();
    let one = build_on(&inputs, None, 1);
    assert_eq!(build_on(&inputs, None, 3), one);
    assert_eq!(one.articles.len(), articles.len());
    assert!(!one.statements.is_empty());
}
