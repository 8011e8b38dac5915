//! Building the stories: every article read (on every core) into the near-duplicate index,
//! then the statements, the grouping, the conflicts and each story's summary.

use std::sync::Arc;

use super::near::{self, Unit};
use super::{ArticleStory, Input, Sentence, Stories, Story, fingerprint, group, outlet, sentence};
use crate::analysis::aliases;

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
    let (articles, statements) = read_all(inputs, cores);
    finish(inputs, index, articles, statements)
}

/// [`build`] with the entity index made by `index` on another thread meanwhile (reading the
/// articles does not need it): the index, and the stories unless building them panicked (a
/// bug in grouping costs the stories, not the index).
pub fn build_beside(
    inputs: &[Input],
    index: impl FnOnce() -> Arc<aliases::Index> + Send,
) -> (Arc<aliases::Index>, Option<Stories>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let making = scope.spawn(index);
        let read =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_all(inputs, cores)));
        let index = making
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let stories = read.ok().and_then(|(articles, statements)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                finish(inputs, Some(&index), articles, statements)
            }))
            .ok()
        });
        (index, stories)
    })
}

/// Every article read (on `cores` threads), and the statements they share.
fn read_all(inputs: &[Input], cores: usize) -> (Vec<ArticleStory>, near::Statements) {
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
            s.set_statement(id);
        } else if s.statement() != Some(id) {
            s.add_quote(id);
        }
    }
    (articles, statements)
}

/// The stories of the articles read ([`read_all`]).
fn finish(
    inputs: &[Input],
    index: Option<&aliases::Index>,
    mut articles: Vec<ArticleStory>,
    statements: near::Statements,
) -> Stories {
    // What one step lets go stays in the allocator's arena of the thread that held it, where
    // the next step's threads may not reuse it: given back after reading the articles (the
    // near-duplicate index, each chunk's words, the entity index's work) and after the
    // grouping, the build's peak (a first opening's peak) is 4 to 8 MB lower on 10,000
    // articles.
    crate::memory::give_back();
    let features: Vec<group::Features> = inputs
        .iter()
        .enumerate()
        .map(|(a, input)| group::Features {
            sentences: articles[a].sentences.len() as u32,
            ..sentence::features(a, input, index)
        })
        .collect();
    let story_of = group::group(&features, &statements);
    drop(features);
    crate::memory::give_back();
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
        let text = &input.article.paragraphs[sentence.para as usize].text[sentence.range()];
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
pub(super) const CHUNK: usize = 64;

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
                            articles[a as usize].sentences[s].statement().is_some()
                                || !articles[a as usize].sentences[s].quotes().is_empty()
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
