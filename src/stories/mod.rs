//! Stories across outlets: which articles of a briefing tell the same story, who published
//! each, which of their sentences and quotes other articles carry (even re-punctuated,
//! re-quoted or with some words changed), and where outlets disagree on a figure or on who
//! said something. Pure: from the briefing's clean articles (and their entities, when
//! known) to a value the list, the reader and the commands read cheaply.

mod build;
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
#[cfg(test)]
use build::build_on;
pub use build::{build, build_beside};
pub use conflicts::{Conflict, ConflictKind};

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

/// One sentence of an article's text (captions aside). Small: a briefing holds every
/// sentence, and most have neither quotes that others carry nor conflicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Its paragraph in `Article::paragraphs`.
    pub para: u32,
    /// Its bytes there.
    start: u32,
    end: u32,
    /// The statement it makes plus one, when another article makes it too (a
    /// near-duplicate); 0 when none does.
    statement: u32,
    /// The quotes and conflicts, when it has some.
    more: Option<Box<More>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct More {
    /// The statements of the quotes in it that other articles carry.
    quotes: Vec<u32>,
    conflicts: Vec<Conflict>,
}

impl Sentence {
    /// Bytes `range` of paragraph `para` (a paragraph's bytes fit in 32 bits: see
    /// `ingest::read`'s size limit).
    pub fn new(para: u32, range: Range<usize>) -> Sentence {
        Sentence {
            para,
            start: range.start as u32,
            end: range.end as u32,
            statement: 0,
            more: None,
        }
    }

    /// Its bytes in its paragraph.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The statement it makes, when another article makes it too (a near-duplicate).
    pub fn statement(&self) -> Option<u32> {
        self.statement.checked_sub(1)
    }

    pub fn set_statement(&mut self, id: u32) {
        self.statement = id + 1;
    }

    /// The statements of the quotes in it that other articles carry.
    pub fn quotes(&self) -> &[u32] {
        self.more.as_deref().map_or(&[], |m| &m.quotes)
    }

    /// The conflicts found on it.
    pub fn conflicts(&self) -> &[Conflict] {
        self.more.as_deref().map_or(&[], |m| &m.conflicts)
    }

    /// Adds the statement of a quote in it (once).
    pub fn add_quote(&mut self, id: u32) {
        let quotes = &mut self.more.get_or_insert_default().quotes;
        if !quotes.contains(&id) {
            quotes.push(id);
            quotes.shrink_to_fit();
        }
    }

    /// Adds a conflict (once).
    pub fn add_conflict(&mut self, conflict: Conflict) {
        let conflicts = &mut self.more.get_or_insert_default().conflicts;
        if !conflicts.contains(&conflict) {
            conflicts.push(conflict);
            conflicts.shrink_to_fit();
        }
    }
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
            .statement()
            .iter()
            .chain(s.quotes())
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
            .and_then(|s| s.statement())
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
                    .and_then(|p| p.text.get(s.range()))
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
