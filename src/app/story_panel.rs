//! The story's panels: the other outlets' versions of the cursor's sentence (with the words
//! that differ marked), and the story's differences (what only each outlet reports, then the
//! figures and speakers they disagree on). Enter goes to the row's sentence.

use std::collections::HashSet;
use std::ops::Range;

use super::annotate::{self, Pos};
use super::state::{AppState, Focus};
use crate::stories::Stories;

/// What the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKind {
    /// Sentence `sentence` of article `article`, and the other articles carrying it.
    Compare { article: usize, sentence: usize },
    /// The story of this article.
    Differences { article: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryPanel {
    pub kind: PanelKind,
    /// The selected row.
    pub selected: usize,
}

/// One row: a heading, or a sentence with marked byte ranges and where Enter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Sentence {
        text: String,
        marks: Vec<Range<usize>>,
        article: usize,
        sentence: usize,
    },
}

/// The sentence of the stories' split under the reader's cursor.
pub fn cursor_sentence(state: &AppState) -> Option<(usize, usize)> {
    let article = state.view.article.filter(|_| !state.view.raw)?;
    let sentences = &state.stories.stories.articles.get(article)?.sentences;
    let c = state.cursor;
    let at = sentences.iter().position(|s| {
        s.para as usize == c.para && s.range().start <= c.byte && c.byte < s.range().end.max(1)
    })?;
    Some((article, at))
}

/// Opens the comparison for the cursor's sentence.
pub(super) fn open_compare(state: &mut AppState) {
    match cursor_sentence(state) {
        Some((article, sentence))
            if !state.stories.stories.also_in(article, sentence).is_empty() =>
        {
            state.story_panel = Some(StoryPanel {
                kind: PanelKind::Compare { article, sentence },
                selected: 0,
            });
        }
        Some(_) => state.message = Some("no other article carries this sentence".into()),
        None => state.message = Some("stories are not known yet".into()),
    }
}

/// Opens the differences of the selected article's story.
pub(super) fn open_differences(state: &mut AppState) {
    if state.stories.stories.articles.len() != state.entries.len() {
        state.message = Some("stories are not known yet".into());
        return;
    }
    state.story_panel = Some(StoryPanel {
        kind: PanelKind::Differences {
            article: state.selected,
        },
        selected: 0,
    });
}

/// The text of sentence `sentence` of `article`, when its article is loaded.
fn text_of(state: &AppState, article: usize, sentence: usize) -> Option<String> {
    let s = state
        .stories
        .stories
        .articles
        .get(article)?
        .sentences
        .get(sentence)?;
    let paragraph = state.entries[article]
        .article()?
        .paragraphs
        .get(s.para as usize)?;
    paragraph.text.get(s.range()).map(str::to_string)
}

/// "Outlet · file" for a heading.
fn source(state: &AppState, article: usize) -> String {
    let outlet = state
        .stories
        .stories
        .articles
        .get(article)
        .map(|a| a.outlet.as_str())
        .unwrap_or_default();
    let name = &state.entries[article].name;
    // An outlet named after the file says nothing the file name does not.
    if outlet.is_empty() || name.starts_with(outlet) {
        return name.clone();
    }
    format!("{outlet} \u{b7} {name}")
}

/// The most articles the differences panel goes through.
const MAX_ARTICLES: usize = 40;

/// The rows the panel shows now.
pub fn rows(state: &AppState, kind: PanelKind) -> Vec<Row> {
    let stories = &state.stories.stories;
    let mut out = Vec::new();
    let sentence_row =
        |article: usize, sentence: usize, marks: &dyn Fn(&str) -> Vec<Range<usize>>| {
            text_of(state, article, sentence).map(|text| Row::Sentence {
                marks: marks(&text),
                text,
                article,
                sentence,
            })
        };
    match kind {
        PanelKind::Compare { article, sentence } => {
            let own = text_of(state, article, sentence).unwrap_or_default();
            out.push(Row::Heading(format!("here: {}", source(state, article))));
            out.extend(sentence_row(article, sentence, &|_| Vec::new()));
            let others = stories.also_in(article, sentence);
            for &other in others.iter().take(MAX_ARTICLES) {
                let other = other as usize;
                out.push(Row::Heading(source(state, other)));
                for s in carrying(stories, article, sentence, other) {
                    out.extend(sentence_row(other, s, &|text| differing(&own, text)));
                }
            }
            if others.len() > MAX_ARTICLES {
                out.push(Row::Heading(more_articles(others.len() - MAX_ARTICLES)));
            }
        }
        PanelKind::Differences { article } => {
            let Some(story) = stories
                .articles
                .get(article)
                .and_then(|a| stories.stories.get(a.story as usize))
            else {
                return out;
            };
            // A story of thousands of articles (a briefing full of repeats) lists its first.
            let members = &story.articles[..story.articles.len().min(MAX_ARTICLES)];
            for &a in members {
                let a = a as usize;
                let only = stories.only_here(a);
                out.push(Row::Heading(format!(
                    "only in {} ({})",
                    source(state, a),
                    only.len()
                )));
                for s in only {
                    out.extend(sentence_row(a, s, &|_| Vec::new()));
                }
            }
            if members.len() < story.articles.len() {
                out.push(Row::Heading(more_articles(
                    story.articles.len() - members.len(),
                )));
            }
            out.push(Row::Heading("outlets disagree".into()));
            let before = out.len();
            for &a in members {
                let a = a as usize;
                for (s, sentence) in stories.articles[a].sentences.iter().enumerate() {
                    for c in sentence.conflicts() {
                        // Each disagreement once, from its first side.
                        if (c.article as usize, c.sentence as usize) < (a, s) {
                            continue;
                        }
                        out.push(Row::Heading(format!(
                            "{}: {} says {:?}, {} says {:?}",
                            c.kind.label(),
                            stories.articles[a].outlet,
                            c.here,
                            stories.articles[c.article as usize].outlet,
                            c.there
                        )));
                        let mark = |text: &str| find_all(text, &c.here);
                        out.extend(sentence_row(a, s, &mark));
                        let there = c.there.clone();
                        out.extend(sentence_row(
                            c.article as usize,
                            c.sentence as usize,
                            &|text: &str| find_all(text, &there),
                        ));
                    }
                }
            }
            if out.len() == before {
                out.push(Row::Heading("(none found)".into()));
            }
        }
    }
    out
}

/// The sentences of `other` carrying the statement, or a quote, of sentence `sentence` of
/// `article`.
fn carrying(stories: &Stories, article: usize, sentence: usize, other: usize) -> Vec<usize> {
    let s = &stories.articles[article].sentences[sentence];
    let ids: HashSet<u32> = s.statement().iter().chain(s.quotes()).copied().collect();
    stories.articles[other]
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.statement()
                .iter()
                .chain(t.quotes())
                .any(|id| ids.contains(id))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The words of `text` that `own` does not have (case and punctuation aside).
pub fn differing(own: &str, text: &str) -> Vec<Range<usize>> {
    let key = |w: &str| w.to_lowercase();
    let known: HashSet<String> = words(own).map(|r| key(&own[r])).collect();
    words(text)
        .filter(|r| !known.contains(&key(&text[r.clone()])))
        .collect()
}

/// Byte ranges of the words (letters and digits) of a text.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| {
            let inside = c.is_alphanumeric();
            match (inside, start) {
                (true, None) => {
                    start = Some(i);
                    None
                }
                (false, Some(s)) => {
                    start = None;
                    Some(s..i)
                }
                _ => None,
            }
        })
}

fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(i, m)| i..i + m.len())
        .collect()
}

/// Moves the panel's selection to the next (or previous) sentence row.
pub(super) fn step(state: &mut AppState, down: bool) {
    let Some(p) = state.story_panel else { return };
    let rows = rows(state, p.kind);
    let is_sentence = |i: &usize| matches!(rows[*i], Row::Sentence { .. });
    let at = selected_row(state, p, &rows).unwrap_or(p.selected);
    let next = if down {
        (at + 1..rows.len()).find(is_sentence)
    } else {
        (0..at).rev().find(is_sentence)
    };
    if let (Some(n), Some(panel)) = (next, state.story_panel.as_mut()) {
        panel.selected = n;
    }
}

/// The first sentence row at or after the selection (the selection starts on a heading).
pub fn selected_row(state: &AppState, p: StoryPanel, rows: &[Row]) -> Option<usize> {
    let _ = state;
    (p.selected..rows.len()).find(|&i| matches!(rows[i], Row::Sentence { .. }))
}

/// Enter: goes to the selected row's sentence in its article.
pub(super) fn jump(state: &mut AppState) {
    let Some(p) = state.story_panel else { return };
    let rows = rows(state, p.kind);
    let Some(Row::Sentence {
        article, sentence, ..
    }) = selected_row(state, p, &rows).map(|i| rows[i].clone())
    else {
        return;
    };
    let s = &state.stories.stories.articles[article].sentences[sentence];
    let pos = Pos {
        para: s.para as usize,
        byte: s.range().start,
    };
    state.story_panel = None;
    state.selected = article;
    state.focus = Focus::Reader;
    if state.view.article == Some(article) {
        annotate::jump_to(state, pos);
    } else {
        state.pending_pos = Some(pos);
    }
}

/// The heading under a list cut at [`MAX_ARTICLES`]: "… and 3 more articles".
fn more_articles(n: usize) -> String {
    format!(
        "\u{2026} and {n} more {}",
        crate::plural::for_count(n, "article")
    )
}
