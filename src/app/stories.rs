//! Stories in the app: the list grouped by story (a header per story of two or more articles,
//! folded or open), and what the user has already read in another article of the story. Pure,
//! like the rest of `update`.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::action::Command;
pub use super::rows_memo::RowsMemo;
use super::state::{AppState, Focus};
use super::sync::refresh_shown;
use crate::stories::Stories;

/// A stretch of an article that was on screen, from (paragraph, byte) to (paragraph, byte):
/// what counts as read.
pub type Seen = ((u32, u32), (u32, u32));

/// What the app knows and shows of the briefing's stories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryState {
    pub stories: Arc<Stories>,
    /// How many articles' text the stories were built over.
    pub covered: usize,
    /// Bumped when new stories arrive.
    pub generation: u64,
    /// The list is flat (one row per article), not grouped by story.
    pub flat: bool,
    /// Stories whose articles the list hides under their header.
    pub folded: BTreeSet<u32>,
    /// The list's cursor is on this story's header (its first article is in the reader).
    pub header: Option<u32>,
    /// Read before, for the article shown.
    pub before: Before,
    /// `Z`: paragraphs read in another outlet fold to one line.
    pub fold_read: bool,
    /// Bumped whenever the list's rows may change (shown articles, folded stories, grouping).
    pub list: u64,
    pub rows: RowsMemo,
}

/// For one article, per sentence of the stories' split: the other article of its story where
/// the user has already read it. Computed when the article is opened, so that reading it now
/// does not change what was read before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Before {
    /// (article, stories generation) this was computed for.
    pub of: Option<(usize, u64)>,
    pub read_in: Vec<Option<u32>>,
    /// The paragraphs all of whose sentences were read before (sorted).
    pub folded: Vec<usize>,
}

impl Before {
    /// How many sentences were read before, and how many there are.
    pub fn counts(&self) -> (usize, usize) {
        let seen = self.read_in.iter().filter(|r| r.is_some()).count();
        (seen, self.read_in.len())
    }
}

/// One row of the list (two screen rows each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A story of two or more (shown) articles.
    Header(u32),
    /// An article; `in_story` when it sits under a header.
    Article { index: usize, in_story: bool },
}

/// Whether the list is grouped by story now (stories known for every article, not turned off).
pub fn grouped(state: &AppState) -> bool {
    let s = &state.stories;
    !s.flat && !s.stories.stories.is_empty() && s.stories.articles.len() == state.entries.len()
}

/// The story of an article, when the stories know it.
pub fn story_of(state: &AppState, article: usize) -> Option<u32> {
    state.stories.stories.articles.get(article).map(|a| a.story)
}

/// Orders the shown articles by story (stories in the order of their first article), when
/// the list is grouped.
pub(super) fn order(state: &AppState, shown: &mut [usize]) {
    if grouped(state) {
        shown.sort_by_key(|&i| story_of(state, i).unwrap_or(u32::MAX));
    }
}

/// The list's rows: the shown articles, with a header over each story of two or more.
///
/// Kept until the list changes ([`RowsMemo`]): every update asks for the cursor's row, and a
/// briefing may have tens of thousands of articles.
pub fn rows(state: &AppState) -> Arc<[Row]> {
    let key = (
        state.stories.list,
        state.stories.generation,
        state.entries.len(),
    );
    let mut memo = state
        .stories
        .rows
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    match &*memo {
        Some((k, rows)) if *k == key => rows.clone(),
        _ => {
            let rows: Arc<[Row]> = make_rows(state).into();
            *memo = Some((key, rows.clone()));
            rows
        }
    }
}

fn make_rows(state: &AppState) -> Vec<Row> {
    if !grouped(state) {
        return state
            .shown
            .iter()
            .map(|&index| Row::Article {
                index,
                in_story: false,
            })
            .collect();
    }
    let mut out = Vec::with_capacity(state.shown.len());
    let mut at = 0;
    while at < state.shown.len() {
        let story = story_of(state, state.shown[at]);
        let end = at
            + state.shown[at..]
                .iter()
                .take_while(|&&i| story_of(state, i) == story)
                .count();
        let in_story = end - at >= 2;
        if let (true, Some(s)) = (in_story, story) {
            out.push(Row::Header(s));
            if state.stories.folded.contains(&s) {
                at = end;
                continue;
            }
        }
        out.extend(
            state.shown[at..end]
                .iter()
                .map(|&index| Row::Article { index, in_story }),
        );
        at = end;
    }
    out
}

/// The row the list's cursor is on: the header it is on, the selected article, or the header
/// of the folded story that holds it.
pub fn cursor_row(state: &AppState) -> usize {
    cursor_in(state, &rows(state))
}

fn cursor_in(state: &AppState, rows: &[Row]) -> usize {
    let story = story_of(state, state.selected);
    let on = |r: &Row| match *r {
        Row::Header(s) => state.stories.header == Some(s),
        Row::Article { index, .. } => state.stories.header.is_none() && index == state.selected,
    };
    rows.iter()
        .position(on)
        .or_else(|| {
            rows.iter()
                .position(|r| *r == Row::Header(story.unwrap_or(u32::MAX)))
        })
        .unwrap_or(0)
}

/// Puts the list's cursor on a row: a header selects its story's first article.
fn move_to(state: &mut AppState, rows: &[Row], row: usize) {
    match rows.get(row.min(rows.len().saturating_sub(1))) {
        Some(&Row::Header(s)) => {
            state.stories.header = Some(s);
            if let Some(&first) = state.shown.iter().find(|&&i| story_of(state, i) == Some(s)) {
                state.selected = first;
            }
        }
        Some(&Row::Article { index, .. }) => {
            state.stories.header = None;
            state.selected = index;
        }
        None => {}
    }
}

/// The story commands, and the list's moves while it is grouped. False when the command is
/// not one of these (or acts as in the flat list).
pub(super) fn command(state: &mut AppState, command: Command) -> bool {
    use Command::*;
    match command {
        ToggleStories => {
            state.stories.flat = !state.stories.flat;
            state.stories.header = None;
            state.message = Some(
                if grouped(state) {
                    "articles grouped by story"
                } else if state.stories.flat {
                    "every article, in briefing order"
                } else {
                    "stories are not known yet"
                }
                .into(),
            );
            refresh_shown(state);
            true
        }
        ToggleStory if grouped(state) => {
            let Some(story) = story_of(state, state.selected) else {
                return true;
            };
            let rows = rows(state);
            if !rows.contains(&Row::Header(story)) {
                state.message = Some("this article is a story of its own".into());
            } else if !state.stories.folded.remove(&story) {
                state.stories.folded.insert(story);
                state.stories.header = Some(story);
            }
            state.stories.list += 1;
            true
        }
        ToggleStory => true,
        CompareSentence => {
            super::story_panel::open_compare(state);
            true
        }
        StoryDifferences => {
            super::story_panel::open_differences(state);
            true
        }
        StoryDown | StoryUp => {
            super::story_panel::step(state, command == StoryDown);
            true
        }
        StoryJump => {
            super::story_panel::jump(state);
            true
        }
        StoryClose => {
            state.story_panel = None;
            true
        }
        NextArticle | PrevArticle | FirstArticle | LastArticle | ListPageDown | ListPageUp
            if state.focus == Focus::List && grouped(state) =>
        {
            let rows = rows(state);
            let at = cursor_in(state, &rows);
            let page = state.list_capacity();
            let to = match command {
                NextArticle => at + 1,
                PrevArticle => at.saturating_sub(1),
                FirstArticle => 0,
                LastArticle => rows.len().saturating_sub(1),
                ListPageDown => at + page,
                _ => at.saturating_sub(page),
            };
            move_to(state, &rows, to);
            true
        }
        // Other ways of choosing an article leave the header.
        NextUnread => {
            state.stories.header = None;
            false
        }
        _ => false,
    }
}

/// New stories from the background.
pub(super) fn arrived(state: &mut AppState, stories: Arc<Stories>, covered: usize) {
    state.stories.stories = stories;
    state.stories.covered = covered;
    state.stories.generation += 1;
    refresh_shown(state);
}

/// After every update: the header cursor only in the list, what is on screen counted as
/// read, and what was read before worked out for a newly opened article.
pub(super) fn after_update(state: &mut AppState) {
    if state.focus == Focus::Reader
        || state
            .stories
            .header
            .is_some_and(|s| story_of(state, state.selected) != Some(s))
    {
        state.stories.header = None;
    }
    let Some(article) = state.view.article.filter(|_| !state.view.raw) else {
        return;
    };
    let of = Some((article, state.stories.generation));
    if state.stories.before.of != of {
        let read_in = read_before(state, article);
        state.stories.before = Before {
            of,
            folded: super::fold::paragraphs_read(state, article, &read_in),
            read_in,
        };
    }
    if state.focus == Focus::Reader {
        record_seen(state, article);
    }
}

/// Adds what the reader shows now to what was read of the article.
fn record_seen(state: &mut AppState, article: usize) {
    let height = state.page_height();
    let lines = &state.view.lines[state.view.top.min(state.view.lines.len())..];
    let shown = &lines[..height.min(lines.len())];
    let first = shown
        .iter()
        .find_map(|l| l.para.map(|p| (p, l.range.start)));
    let last = shown
        .iter()
        .rev()
        .find_map(|l| l.para.map(|p| (p, l.range.end)));
    let (Some(from), Some(to)) = (first, last) else {
        return;
    };
    let span = ((from.0 as u32, from.1 as u32), (to.0 as u32, to.1 as u32));
    if state.entries[article].opened.is_none() {
        let last = state.entries.iter().filter_map(|e| e.opened).max();
        state.entries[article].opened = Some(last.unwrap_or(0) + 1);
    }
    add_seen(&mut state.entries[article].seen, span);
}

/// Adds a stretch to sorted, disjoint stretches, joining those it overlaps or touches.
pub fn add_seen(seen: &mut Vec<Seen>, span: Seen) {
    let (mut from, mut to) = span;
    let mut kept = Vec::with_capacity(seen.len() + 1);
    for &(a, b) in seen.iter() {
        if b < from || a > to {
            kept.push((a, b));
        } else {
            from = from.min(a);
            to = to.max(b);
        }
    }
    let at = kept.partition_point(|&(a, _)| a < from);
    kept.insert(at, (from, to));
    *seen = kept;
}

/// Whether the bytes `range` of paragraph `para` were all on screen at once.
pub fn was_seen(seen: &[Seen], para: u32, range: &std::ops::Range<usize>) -> bool {
    let (start, end) = ((para, range.start as u32), (para, range.end as u32));
    let at = seen.partition_point(|&(a, _)| a <= start);
    at > 0 && seen[at - 1].1 >= end
}

/// Per sentence of `article`: another article of its story, opened before this one, where the
/// user read the same statement (so whichever of two articles is read second shows it).
fn read_before(state: &AppState, article: usize) -> Vec<Option<u32>> {
    let stories = &state.stories.stories;
    let Some(own) = stories.articles.get(article) else {
        return Vec::new();
    };
    let opened = state.entries[article].opened.unwrap_or(u64::MAX);
    let mut read: HashMap<u32, u32> = HashMap::new();
    if let Some(story) = stories.stories.get(own.story as usize) {
        for &other in story.articles.iter().filter(|&&o| o as usize != article) {
            let (Some(a), Some(entry)) = (
                stories.articles.get(other as usize),
                state
                    .entries
                    .get(other as usize)
                    .filter(|e| e.opened.is_some_and(|o| o < opened)),
            ) else {
                continue;
            };
            for s in &a.sentences {
                if let Some(id) = s.statement()
                    && was_seen(&entry.seen, s.para, &s.range())
                {
                    read.entry(id).or_insert(other);
                }
            }
        }
    }
    own.sentences
        .iter()
        .map(|s| s.statement().and_then(|id| read.get(&id).copied()))
        .collect()
}
