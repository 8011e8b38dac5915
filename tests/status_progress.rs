//! The status line's progress on a first opening: it counts the articles tagged as they come
//! in, even while the index (rebuilt only now and then on a large briefing) lags behind, then
//! says "stories…" until the index and the stories cover every article, then nothing.

mod common;
use std::sync::Arc;

use briefly::analysis::entities;
use briefly::app::{Action, update};
use briefly::ingest;
use common::Harness;

fn three() -> Harness {
    let files: Vec<(String, String)> = ["North", "South", "East"]
        .iter()
        .map(|side| {
            (
                format!("{}.txt", side.to_lowercase()),
                format!(
                    "The {side} quay\n\nThe harbour council of Ostra voted on Tuesday to repair the \
                     {side} quay. Work starts in March.\n"
                ),
            )
        })
        .collect();
    let mut h = Harness::text_files(&files, 100, 30);
    // Loaded as the background loader does; the analysis is driven by hand below.
    for i in 0..h.state.entries.len() {
        let loaded = ingest::load(&h.state.entries[i].source);
        update(&mut h.state, Action::Loaded(i, Box::new(loaded)));
    }
    h
}

fn status(h: &Harness) -> String {
    h.rows().last().cloned().unwrap_or_default()
}

fn tag(h: &mut Harness, i: usize) {
    let article = h.state.entries[i].article().cloned().unwrap();
    let paragraphs: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let found = Arc::new(entities::analyze(&paragraphs));
    update(&mut h.state, Action::Analyzed(i, found));
}

#[test]
fn the_count_follows_the_tagging_not_the_index() {
    // The article on screen is analysed (and indexed) as the harness opens it.
    let mut h = three();
    assert!(status(&h).contains("entities 1/3"), "{}", status(&h));
    assert_eq!(h.state.index.analysed, 1);
    tag(&mut h, 1);
    // The index still covers one article: the count moves all the same.
    assert!(status(&h).contains("entities 2/3"), "{}", status(&h));
    assert_eq!(h.state.index.analysed, 1);
    tag(&mut h, 2);
    let line = status(&h);
    assert!(
        !line.contains("entities") && line.contains("stories\u{2026}"),
        "all tagged, index and stories to come: {line}"
    );
    // The index over all three, then the stories: nothing left to say.
    h.act(Action::Indexed(common::index_now(&h.state)));
    assert!(status(&h).contains("stories\u{2026}"), "{}", status(&h));
    let (built, covered) = common::stories_now(&h.state, &h.state.index);
    assert_eq!(covered, 3);
    h.act(Action::Stories(built, covered));
    let line = status(&h);
    assert!(
        !line.contains("entities") && !line.contains("stories\u{2026}"),
        "{line}"
    );
}
