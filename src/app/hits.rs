//! Searching the whole briefing: `F` asks for a query, finds it in every article the list
//! shows (as `/` does in one), and lists the hits by article; Enter goes to one, and then `n`
//! and `N` walk the hits from article to article. `f` filters the list by title.

use super::action::Command;
use super::annotate::Pos;
use super::find::Query;
use super::search;
use super::state::{AppState, Body, Entry, Focus, Search};
use crate::ingest::ParagraphKind;
use crate::plural;

/// The most hits kept: more than anyone reads, few enough to list at once.
pub const MAX_HITS: usize = 100_000;

/// A match in one article: a byte range of one of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: u32,
    pub para: u32,
    pub start: u32,
    pub end: u32,
}

/// The last briefing-wide search and its hits, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hits {
    pub query: String,
    pub hits: Vec<Hit>,
    /// How many articles were searched, and how many were not (not read yet, or unreadable).
    pub searched: usize,
    pub unsearched: usize,
    /// More than [`MAX_HITS`] were found: only the first are kept.
    pub truncated: bool,
    /// The hit last gone to: `n` and `N` go on from it.
    pub current: Option<usize>,
    /// The hits panel is open, with this hit selected.
    pub panel: Option<usize>,
}

/// One row of the hits panel: an article's heading (with its number of hits), or a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading { article: usize, count: usize },
    Hit(usize),
}

/// Every hit of `query` in the articles of `order` (those not read yet are counted, not
/// searched), in that order. The articles are shared out between the cores; the result is
/// the same whatever their number.
pub fn find(state: &AppState, order: &[usize], query: &str) -> Hits {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    find_on(state, order, query, cores)
}

/// [`find`] on `cores` threads.
pub fn find_on(state: &AppState, order: &[usize], query: &str, cores: usize) -> Hits {
    let q = Query::new(query, state.fold_accents);
    let chunk = order.len().div_ceil(cores).max(1);
    let parts: Vec<Hits> = std::thread::scope(|scope| {
        let (q, entries, captions) = (&q, &state.entries[..], state.captions);
        let handles: Vec<_> = order
            .chunks(chunk)
            .map(|part| scope.spawn(move || find_in(entries, captions, part, q)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut out = Hits {
        query: query.to_string(),
        ..Hits::default()
    };
    for part in parts {
        out.searched += part.searched;
        out.unsearched += part.unsearched;
        out.truncated |= part.truncated;
        let room = MAX_HITS - out.hits.len();
        out.truncated |= part.hits.len() > room;
        out.hits.extend(part.hits.into_iter().take(room));
    }
    out
}

/// The hits in some of the articles (at most [`MAX_HITS`]).
fn find_in(entries: &[Entry], captions: bool, order: &[usize], q: &Query) -> Hits {
    let mut out = Hits::default();
    for &a in order {
        let Body::Ready(article) = &entries[a].body else {
            out.unsearched += 1;
            continue;
        };
        out.searched += 1;
        for (para, p) in article.paragraphs.iter().enumerate() {
            // Hidden captions are not searched: a hit there could not be shown.
            if p.kind == ParagraphKind::Caption && !captions {
                continue;
            }
            for (start, end) in q.find(&p.text) {
                if out.hits.len() == MAX_HITS {
                    out.truncated = true;
                    return out;
                }
                out.hits.push(Hit {
                    article: a as u32,
                    para: para as u32,
                    start: start as u32,
                    end: end as u32,
                });
            }
        }
    }
    out
}

/// The commands of the briefing-wide search and the title filter; false for any other.
pub(super) fn command(state: &mut AppState, command: Command) -> bool {
    use Command::*;
    let across = state.search.as_ref().is_some_and(|s| s.across) && state.hits.is_some();
    match command {
        SearchNext | SearchPrev if across && state.walk.is_none() => {
            step(state, command == SearchNext)
        }
        HitsDown | HitsUp => move_selection(state, if command == HitsDown { 1 } else { -1 }),
        HitsPageDown | HitsPageUp => {
            let page = panel_page(state) as isize;
            move_selection(state, if command == HitsPageDown { page } else { -page });
        }
        HitsJump => {
            if let Some(i) = state.hits.as_ref().and_then(|h| h.panel) {
                go(state, i);
            }
        }
        HitsClose => {
            if let Some(h) = state.hits.as_mut() {
                h.panel = None;
            }
        }
        _ => return false,
    }
    true
}

/// Runs a new briefing-wide search (an empty query opens the last one's hits again).
pub(super) fn start(state: &mut AppState, query: String) {
    if query.is_empty() {
        match state.hits.as_mut() {
            Some(h) if !h.hits.is_empty() => h.panel = Some(h.current.unwrap_or(0)),
            _ => state.message = Some("no search yet: type what to look for".into()),
        }
        return;
    }
    let order = state.shown.clone();
    let mut hits = find(state, &order, &query);
    let articles = count_articles(&hits.hits);
    let waiting = match hits.unsearched {
        0 => String::new(),
        n => format!(" ({n} not read yet)"),
    };
    if hits.hits.is_empty() {
        state.message = Some(format!(
            "no match for \u{201c}{query}\u{201d} in {}{waiting}",
            plural::count(hits.searched, "article")
        ));
        return;
    }
    // The first hit in or after the selected article.
    let at = state.shown_position();
    let rank = |a: u32| order.iter().position(|&i| i == a as usize).unwrap_or(0);
    let first = hits
        .hits
        .iter()
        .position(|h| rank(h.article) >= at)
        .unwrap_or(0);
    hits.panel = Some(first);
    let more = if hits.truncated { " (the first)" } else { "" };
    state.message = Some(format!(
        "{}{more} in {articles} of {}{waiting}: Enter goes there, then n/N",
        plural::count(hits.hits.len(), "match"),
        plural::count(hits.searched, "article")
    ));
    state.hits = Some(hits);
}

/// How many articles the hits are in (each article's hits are together).
fn count_articles(hits: &[Hit]) -> usize {
    if hits.is_empty() {
        return 0;
    }
    1 + hits
        .windows(2)
        .filter(|w| w[0].article != w[1].article)
        .count()
}

/// The panel's rows: each article's heading, then its hits.
pub fn rows(hits: &Hits) -> Vec<Row> {
    let mut out = Vec::with_capacity(hits.hits.len() + 16);
    let mut i = 0;
    while i < hits.hits.len() {
        let article = hits.hits[i].article;
        let count = hits.hits[i..]
            .iter()
            .take_while(|h| h.article == article)
            .count();
        out.push(Row::Heading {
            article: article as usize,
            count,
        });
        out.extend((i..i + count).map(Row::Hit));
        i += count;
    }
    out
}

/// Rows of hits the panel shows at once.
fn panel_page(state: &AppState) -> usize {
    usize::from(state.size.1.saturating_sub(6)).max(1)
}

fn move_selection(state: &mut AppState, delta: isize) {
    if let Some(h) = state.hits.as_mut()
        && let Some(at) = h.panel
    {
        let last = h.hits.len().saturating_sub(1) as isize;
        h.panel = Some((at as isize + delta).clamp(0, last) as usize);
    }
}

/// `n`/`N` after going to a hit: the next (or previous) hit, wrapping round the briefing.
fn step(state: &mut AppState, forward: bool) {
    let Some(h) = state.hits.as_ref() else { return };
    let n = h.hits.len();
    if n == 0 {
        return;
    }
    let (next, wrapped) = match h.current {
        Some(c) if forward => ((c + 1) % n, c + 1 == n),
        Some(c) => ((c + n - 1) % n, c == 0),
        None => (0, false),
    };
    go(state, next);
    if wrapped && let Some(m) = state.message.as_mut() {
        m.push_str(" (wrapped)");
    }
}

/// Goes to hit `i`: its article in the reader, the cursor and the current match on it.
fn go(state: &mut AppState, i: usize) {
    let Some(h) = state.hits.as_mut() else { return };
    let Some(&hit) = h.hits.get(i) else { return };
    h.current = Some(i);
    h.panel = None;
    let query = h.query.clone();
    let articles = count_articles(&h.hits);
    let article_no = count_articles(&h.hits[..=i]);
    state.message = Some(format!(
        "\u{201c}{query}\u{201d}: match {} of {} (article {article_no} of {articles})",
        i + 1,
        h.hits.len()
    ));
    state.raw = false;
    state.selected = hit.article as usize;
    state.focus = Focus::Reader;
    if !state
        .search
        .as_ref()
        .is_some_and(|s| s.across && s.query == query)
    {
        state.search = Some(Search {
            query,
            matches: Vec::new(),
            current: None,
            across: true,
        });
    }
    state.walk = None;
    state.pending_hit = Some(Pos {
        para: hit.para as usize,
        byte: hit.start as usize,
    });
}

/// Once the hit's article is in the reader: its matches found, and the hit made current.
pub(super) fn after_sync(state: &mut AppState) {
    let Some(pos) = state.pending_hit else { return };
    if state.view.article != Some(state.selected) || state.view.raw {
        return;
    }
    state.pending_hit = None;
    let message = state.message.take();
    search::refresh(state);
    let found = state.search.as_ref().and_then(|s| {
        s.matches
            .iter()
            .position(|m| m.para == pos.para && m.start == pos.byte)
    });
    if let Some(idx) = found {
        search::show(state, idx);
    }
    state.message = message;
}

/// `f`: only the articles whose title holds `text` are listed (matched as a search is);
/// nothing typed lists them all again.
pub(super) fn filter_titles(state: &mut AppState, text: String) {
    if text.trim().is_empty() {
        state.title_filter = None;
        state.message = Some("all articles".into());
        super::sync::refresh_shown(state);
        return;
    }
    let q = Query::new(&text, state.fold_accents);
    let n = state.entries.iter().filter(|e| q.is_in(&e.title)).count();
    if n == 0 {
        state.message = Some(format!("no title holds \u{201c}{text}\u{201d}"));
        return;
    }
    state.message = Some(format!(
        "{} {} \u{201c}{text}\u{201d} (f then Enter lists all)",
        plural::count(n, "title"),
        plural::verb(n, "holds", "hold")
    ));
    state.title_filter = Some(text);
    super::sync::refresh_shown(state);
}
