//! `W`: the briefing's links (feeds and pages) fetched again in the background, several at a
//! time. Each link's articles arrive as it is done: an entry found again (by its feed id, or
//! its link) takes the new text when it changed, a new one joins the end of the list, and a
//! link that cannot be fetched leaves what was kept. The status line counts the links done.

use std::collections::HashMap;
use std::sync::Arc;

use super::action::Effect;
use super::state::{AppState, Body, Entry};
use crate::ingest::{Article, LoadError, Source};

/// Where a refresh stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refresh {
    /// How many links the briefing was made from (none: nothing to refresh).
    pub links: usize,
    /// While a refresh runs: how many links are done.
    pub running: Option<usize>,
    /// What this refresh found so far: new articles, changed ones, links that failed.
    new: usize,
    changed: usize,
    failed: Vec<String>,
}

/// One link fetched again: the problem when it could not be had fresh, and the sources it
/// gives now, each with its article as loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refreshed {
    pub url: String,
    pub problem: Option<String>,
    pub sources: Vec<(Source, Result<Article, LoadError>)>,
}

/// The key asks for a refresh.
pub(super) fn request(state: &mut AppState, effects: &mut Vec<Effect>) {
    let r = &mut state.refresh;
    if r.links == 0 {
        state.message =
            Some("nothing to refresh: this briefing has no links (feeds or pages)".into());
    } else if let Some(done) = r.running {
        state.message = Some(format!("already fetching the links ({done}/{})", r.links));
    } else {
        *r = Refresh {
            links: r.links,
            running: Some(0),
            ..Refresh::default()
        };
        state.message = Some(format!("fetching {}\u{2026}", links(r.links)));
        effects.push(Effect::Refresh);
    }
}

/// One link is done.
pub(super) fn arrived(state: &mut AppState, link: Refreshed, effects: &mut Vec<Effect>) {
    if let Some(done) = state.refresh.running.as_mut() {
        *done += 1;
    }
    if let Some(problem) = &link.problem {
        state
            .refresh
            .failed
            .push(format!("{}: {problem}", link.url));
    }
    let fetched = link.sources.iter().any(|(s, _)| match s {
        Source::Web { page, .. } => page.is_ok(),
        _ => true,
    });
    if !fetched {
        // Nothing came: what was kept stays as it is.
        return;
    }
    let mut at: HashMap<String, usize> = HashMap::new();
    for (i, e) in state.entries.iter().enumerate() {
        at.entry(e.key.clone()).or_insert(i);
    }
    let before = state.entries.len();
    for (source, result) in link.sources {
        match at.get(&source.key()).copied() {
            Some(i) => {
                let entry = &mut state.entries[i];
                entry.source = source;
                if let Ok(article) = result
                    && !same(entry.article().map(|a| &**a), &article)
                {
                    state.refresh.changed += usize::from(entry.article().is_some());
                    put(state, i, article, effects);
                }
            }
            None => {
                state.entries.push(Entry::new(source));
                let i = state.entries.len() - 1;
                match result {
                    Ok(article) => put(state, i, article, effects),
                    Err(e) => state.entries[i].body = Body::Failed(e.problem),
                }
            }
        }
    }
    state.refresh.new += state.entries.len() - before;
    if state.entries.len() > before {
        super::sync::refresh_shown(state);
    }
}

/// Every link is done: what the refresh found, in one line.
pub(super) fn finished(state: &mut AppState) {
    let r = &mut state.refresh;
    r.running = None;
    let links = links(r.links);
    let mut said = match (r.new, r.changed) {
        (0, 0) => format!("fetched {links}: nothing new"),
        (new, changed) => format!("fetched {links}: {new} new, {changed} changed"),
    };
    match r.failed.as_slice() {
        [] => {}
        [one] => said.push_str(&format!("; {one}")),
        [first, rest @ ..] => said.push_str(&format!("; {} failed, first {first}", rest.len() + 1)),
    }
    state.message = Some(said);
}

/// "1 link", "3 links".
fn links(n: usize) -> String {
    crate::plural::count(n, "link")
}

/// Whether the article a refresh brought is the one shown already.
fn same(old: Option<&Article>, new: &Article) -> bool {
    old.is_some_and(|old| {
        old.title == new.title
            && old.paragraphs.len() == new.paragraphs.len()
            && old
                .paragraphs
                .iter()
                .zip(&new.paragraphs)
                .all(|(a, b)| a.text == b.text)
    })
}

/// Entry `i` now reads `article`: analysed again, and wrapped again (from the saved place,
/// as for another article) if it is on screen.
pub(super) fn put(state: &mut AppState, i: usize, article: Article, effects: &mut Vec<Effect>) {
    let entry = &mut state.entries[i];
    entry.title = article.title.clone();
    entry.outlet = crate::stories::outlet::named(&article);
    entry.body = Body::Ready(Arc::new(article));
    entry.raw = None;
    entry.entities = None;
    effects.push(Effect::Analyze(i));
    if state.view.article == Some(i) {
        state.view.article = None;
        // The notes are found again in the new text.
        state.marks_for = None;
    }
}
