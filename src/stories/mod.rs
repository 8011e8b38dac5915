//! Stories across outlets: which articles of a briefing tell the same story, who published
//! each, which of their sentences and quotes other articles carry (even re-punctuated,
//! re-quoted or with some words changed), and where outlets disagree on a figure or on who
//! said something. Pure: from the briefing's clean articles (and their entities, when
//! known) to a value the list, the reader and the commands read cheaply.

pub mod cli;
pub mod conflicts;
pub mod fingerprint;
pub mod group;
pub mod kept;
pub mod near;
pub mod outlet;
mod packed;
pub mod report;
mod sentence;
#[cfg(test)]
pub(crate) mod tests;

use std::ops::Range;

use crate::analysis::aliases;
use crate::analysis::entities::ArticleEntities;
use crate::ingest::Article;
pub use conflicts::{Conflict, ConflictKind};
use near::Unit;

/// One article as the engine sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub article: &'a Article,
    /// The name the reader shows for it (a file's name, a feed entry's label).
    pub label: &'a str,
    /// Its entities, once the tagger has run (grouping works without, on statements and
    /// titles alone).
    pub entities: Option<&'a ArticleEntities>,
}

/// One sentence of an article's text (captions aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Its paragraph in `Article::paragraphs`, and its bytes there.
    pub para: u32,
    pub range: Range<usize>,
    /// The statement it makes, when another article makes it too (a near-duplicate).
    pub statement: Option<u32>,
    /// The statements of the quotes in it that other articles carry. Boxed slices, not
    /// vectors: a briefing holds every sentence, and most have none of either.
    pub quotes: Box<[u32]>,
    pub conflicts: Box<[Conflict]>,
}

/// What the engine knows of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleStory {
    pub outlet: String,
    /// News agencies it credits (AFP, Reuters): sources, not its outlet.
    pub sources: Vec<String>,
    pub story: u32,
    pub sentences: Vec<Sentence>,
}

/// Articles telling one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub title: String,
    /// Its articles, in briefing order.
    pub articles: Vec<u32>,
    /// How many distinct outlets.
    pub outlets: usize,
    /// The first and last publication dates its articles give.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Stories, outlets, statements and conflicts of a briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stories {
    /// Per input article, in input order.
    pub articles: Vec<ArticleStory>,
    pub stories: Vec<Story>,
    /// Per statement, the articles carrying it (two or more), in order.
    pub statements: Vec<Vec<u32>>,
}

impl Stories {
    /// Every other article carrying sentence `sentence` of article `article`, or a quote in
    /// it, whatever its outlet.
    pub fn also_in(&self, article: usize, sentence: usize) -> Vec<u32> {
        let Some(s) = self
            .articles
            .get(article)
            .and_then(|a| a.sentences.get(sentence))
        else {
            return Vec::new();
        };
        let mut out: Vec<u32> = s
            .statement
            .iter()
            .chain(&s.quotes)
            .flat_map(|&id| self.statements[id as usize].iter().copied())
            .filter(|&a| a as usize != article)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The articles where this very sentence (not only a quote in it) appears again: what
    /// the reader has seen before if it read one of them.
    pub fn seen_in(&self, article: usize, sentence: usize) -> &[u32] {
        self.articles
            .get(article)
            .and_then(|a| a.sentences.get(sentence))
            .and_then(|s| s.statement)
            .map_or(&[], |id| self.statements[id as usize].as_slice())
    }

    /// How many outlets other than the article's own carry the sentence or a quote in it.
    pub fn corroboration(&self, article: usize, sentence: usize) -> usize {
        let own = &self.articles[article].outlet;
        let mut outlets: Vec<&str> = self
            .also_in(article, sentence)
            .iter()
            .map(|&a| self.articles[a as usize].outlet.as_str())
            .filter(|o| o != own)
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }

    /// The other outlets (by name, in order) carrying a passage of article `article`: a
    /// sentence the passage holds or lies in, or a quote in it. `text` is the article.
    pub fn outlets_carrying(&self, article: usize, text: &Article, passage: &str) -> Vec<String> {
        let passage = passage.trim();
        let Some(own) = self.articles.get(article) else {
            return Vec::new();
        };
        if passage.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<String> = own
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                text.paragraphs
                    .get(s.para as usize)
                    .and_then(|p| p.text.get(s.range.clone()))
                    .is_some_and(|t| passage.contains(t.trim()) || t.contains(passage))
            })
            .flat_map(|(i, _)| self.also_in(article, i))
            .map(|a| self.articles[a as usize].outlet.clone())
            .filter(|o| *o != own.outlet)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The sentences of an article that no other article of its story carries.
    pub fn only_here(&self, article: usize) -> Vec<usize> {
        let story = self.articles[article].story;
        (0..self.articles[article].sentences.len())
            .filter(|&s| {
                !self
                    .also_in(article, s)
                    .iter()
                    .any(|&o| self.articles[o as usize].story == story)
            })
            .collect()
    }
}

/// What article `a` brings to the grouping (for figures and benches; `build` uses it).
pub fn sentence_features(
    a: usize,
    input: &Input,
    index: Option<&aliases::Index>,
) -> group::Features {
    sentence::features(a, input, index)
}

/// Tags a briefing's clean articles (names, values, and the aliases that join them across
/// articles), then groups them: what the commands and the checks run. `then` gets the
/// inputs, labelled by `labels`, and the stories.
pub fn analyse_and_build<R>(
    articles: &[Article],
    labels: &[impl AsRef<str>],
    then: impl FnOnce(&[Input], &Stories) -> R,
) -> R {
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(|p| p.text.as_str()).collect())
        .collect();
    let analysed = crate::analysis::entities::analyze_many(&paragraphs);
    let index = aliases::build(&analysed.iter().map(Some).collect::<Vec<_>>());
    let inputs: Vec<Input> = articles
        .iter()
        .zip(labels)
        .zip(&analysed)
        .map(|((article, label), entities)| Input {
            article,
            label: label.as_ref(),
            entities: Some(entities),
        })
        .collect();
    let stories = build(&inputs, Some(&index));
    then(&inputs, &stories)
}

/// Reads the briefing once: sentences and quotes into the near-duplicate index, outlets from
/// the credits, stories from the statements, names, titles and dates, then the conflicts.
/// `index` is the briefing's entity index (`aliases::build`), which joins "Hammond" and
/// "Philip Hammond"; without it names match by their written form.
pub fn build(inputs: &[Input], index: Option<&aliases::Index>) -> Stories {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    build_on(inputs, index, cores)
}

/// [`build`] with each article read on `cores` threads at once (the result is the same).
pub(crate) fn build_on(inputs: &[Input], index: Option<&aliases::Index>, cores: usize) -> Stories {
    let mut near = near::Index::default();
    let mut articles: Vec<ArticleStory> = Vec::with_capacity(inputs.len());
    // Each article is read on its own, on every core; the index takes them in order.
    on_cores(inputs, cores, read, |a, read| {
        for (s, part, words) in read.units {
            let unit = Unit {
                article: a as u32,
                sentence: s,
                part,
            };
            near.add_words(unit, &words);
        }
        articles.push(ArticleStory {
            outlet: read.credit.outlet,
            sources: read.credit.sources,
            story: 0,
            sentences: read.sentences,
        });
    });
    let statements = near.finish();
    for (u, id) in statements.of_unit() {
        let s = &mut articles[u.article as usize].sentences[u.sentence as usize];
        if u.part == 0 {
            s.statement = Some(id);
        } else if !s.quotes.contains(&id) && s.statement != Some(id) {
            let mut quotes = std::mem::take(&mut s.quotes).into_vec();
            quotes.push(id);
            s.quotes = quotes.into_boxed_slice();
        }
    }
    let features: Vec<group::Features> = inputs
        .iter()
        .enumerate()
        .map(|(a, input)| group::Features {
            sentences: articles[a].sentences.len() as u32,
            ..sentence::features(a, input, index)
        })
        .collect();
    let story_of = group::group(&features, &statements);
    for (a, story) in articles.iter_mut().zip(&story_of) {
        a.story = *story;
    }
    sentence::find_conflicts(inputs, index, &statements, &mut articles);
    let stories = summarise(inputs, &articles);
    Stories {
        articles,
        stories,
        statements: statements.articles,
    }
}

/// What one article brings before the briefing is read as a whole: its sentences, the words
/// ([`fingerprint::words`]) of each and of each quote in them, as (sentence, part, words),
/// and its outlet.
struct Read {
    sentences: Vec<Sentence>,
    units: Vec<(u32, u32, Vec<u64>)>,
    credit: outlet::Credit,
}

fn read(input: &Input) -> Read {
    let sentences = sentence::split_article(input.article);
    let mut units = Vec::new();
    for (s, sentence) in sentences.iter().enumerate() {
        let text = &input.article.paragraphs[sentence.para as usize].text[sentence.range.clone()];
        units.push((s as u32, 0, fingerprint::words(text)));
        for (q, range) in sentence::quotes(text).into_iter().enumerate() {
            units.push((s as u32, q as u32 + 1, fingerprint::words(&text[range])));
        }
    }
    let first = input.article.body().next().map(|p| p.text.as_str());
    let credit = outlet::credit(
        input.article.site.as_deref(),
        input.article.link.as_deref(),
        input.article.byline.as_deref(),
        first,
        input.label,
    );
    Read {
        sentences,
        units,
        credit,
    }
}

/// How many articles are read at a time: what they bring is held until the index takes it.
const CHUNK: usize = 64;

/// `f` of each item, on `cores` threads, handed to `then` in order with the item's index, a
/// chunk at a time (so that what waits for `then` stays small).
fn on_cores<T: Sync, R: Send>(
    items: &[T],
    cores: usize,
    f: impl Fn(&T) -> R + Sync,
    mut then: impl FnMut(usize, R),
) {
    for (c, chunk) in items.chunks(CHUNK).enumerate() {
        let done: Vec<R> = if cores < 2 || chunk.len() < 2 {
            chunk.iter().map(&f).collect()
        } else {
            let f = &f;
            std::thread::scope(|scope| {
                let part = chunk.len().div_ceil(cores);
                let workers: Vec<_> = chunk
                    .chunks(part)
                    .map(|items| scope.spawn(move || items.iter().map(f).collect::<Vec<R>>()))
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for (k, r) in done.into_iter().enumerate() {
            then(c * CHUNK + k, r);
        }
    }
}

/// Per story: its articles, title, outlets and dates.
fn summarise(inputs: &[Input], articles: &[ArticleStory]) -> Vec<Story> {
    let count = articles.iter().map(|a| a.story + 1).max().unwrap_or(0) as usize;
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); count];
    for (i, a) in articles.iter().enumerate() {
        members[a.story as usize].push(i as u32);
    }
    members
        .into_iter()
        .map(|list| {
            let mut outlets: Vec<&str> = list
                .iter()
                .map(|&a| articles[a as usize].outlet.as_str())
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            let mut dates: Vec<&str> = list
                .iter()
                .filter_map(|&a| inputs[a as usize].article.published.as_deref())
                .collect();
            dates.sort_unstable();
            // The title of the article that shares most with the others, else the first.
            let title = list
                .iter()
                .max_by_key(|&&a| {
                    let shared = (0..articles[a as usize].sentences.len())
                        .filter(|&s| {
                            articles[a as usize].sentences[s].statement.is_some()
                                || !articles[a as usize].sentences[s].quotes.is_empty()
                        })
                        .count();
                    (shared, std::cmp::Reverse(a))
                })
                .map(|&a| inputs[a as usize].article.title.clone())
                .unwrap_or_default();
            Story {
                title,
                outlets: outlets.len(),
                first: dates.first().map(|d| d.to_string()),
                last: dates.last().map(|d| d.to_string()),
                articles: list,
            }
        })
        .collect()
}
