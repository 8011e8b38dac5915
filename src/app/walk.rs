//! Walking one entity's mentions across the briefing: `] e` / `[ e` from the cursor's
//! sentence, `n` / `N` after the entity panel's Enter, on through the articles as the list
//! shows them.

use super::annotate::{self, Pos};
use super::entities::{find, progress};
use super::state::{AppState, Focus};

/// The entity whose mentions n/N walk, and the mention last visited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The entity's name (ids change as the index grows; names and aliases stay).
    pub entity: String,
    pub article: usize,
    pub mention: usize,
}

/// The mentions of entity `id` in article `article`, in reading order.
pub(super) fn mentions_in(state: &AppState, article: usize, id: u32) -> Vec<usize> {
    state
        .index
        .of
        .get(article)
        .map(|ids| {
            ids.iter()
                .enumerate()
                .filter(|(_, e)| **e == id)
                .map(|(m, _)| m)
                .collect()
        })
        .unwrap_or_default()
}

/// Puts the reader on a mention and makes it the walk's current one.
pub(super) fn visit(state: &mut AppState, entity: String, article: usize, mention: usize) {
    let Some(found) = state.entries[article].entities.clone() else {
        return;
    };
    let m = &found.mentions[mention];
    let pos = Pos {
        para: (m.para as usize),
        byte: (m.start as usize),
    };
    state.selected = article;
    state.focus = Focus::Reader;
    state.raw = false;
    if state.view.article == Some(article) && !state.view.raw {
        annotate::jump_to(state, pos);
    } else {
        state.pending_pos = Some(pos);
    }
    // Where this mention is among all of the entity's, in list order.
    if let Some(id) = find(&state.index, &entity) {
        let mut before = 0;
        let mut total = 0;
        for &a in &state.shown {
            let ms = mentions_in(state, a, id);
            if a == article {
                before = total + ms.iter().take_while(|&&x| x < mention).count();
            }
            total += ms.len();
        }
        // While articles are still being analysed the count can only grow.
        let (analysed, articles) = progress(state);
        let so_far = if analysed < articles { " so far" } else { "" };
        state.message = Some(format!(
            "{entity}: mention {} of {total}{so_far} \u{2014} n/N next/previous",
            before + 1
        ));
    }
    state.walk = Some(Walk {
        entity,
        article,
        mention,
    });
}

/// n/N while walking, `] e` / `[ e` from the cursor: the entity's next (previous) mention,
/// on into the next (previous) article that mentions it.
pub fn step_mention(state: &mut AppState, forward: bool, from_cursor: bool) {
    let start = if from_cursor {
        under_cursor(state)
    } else {
        state.walk.clone()
    };
    let Some(walk) = start else {
        state.message = Some("no entity in the cursor's sentence".into());
        return;
    };
    let Some(id) = find(&state.index, &walk.entity) else {
        state.walk = None;
        return;
    };
    let here = mentions_in(state, walk.article, id);
    let within = if forward {
        here.iter().find(|&&m| m > walk.mention)
    } else {
        here.iter().rev().find(|&&m| m < walk.mention)
    };
    if let Some(&m) = within {
        visit(state, walk.entity, walk.article, m);
        return;
    }
    // On through the list as shown, wrapping round to this article.
    let n = state.shown.len();
    let at = state
        .shown
        .iter()
        .position(|&a| a == walk.article)
        .unwrap_or(0);
    for d in 1..=n {
        let a = if forward {
            state.shown[(at + d) % n]
        } else {
            state.shown[(at + n - d) % n]
        };
        let ms = mentions_in(state, a, id);
        let pick = if forward { ms.first() } else { ms.last() };
        if let Some(&m) = pick {
            visit(state, walk.entity, a, m);
            return;
        }
    }
}

/// The entity under the cursor: the walked mention when it is in the cursor's sentence, else
/// the first mention there.
fn under_cursor(state: &AppState) -> Option<Walk> {
    let article = state.selected;
    let shown = state.shown_article()?;
    let (_, range) = annotate::sentence_at(shown, state.cursor)?;
    let para = state.cursor.para;
    let inside = |m: &crate::analysis::entities::Found| {
        (m.para as usize) == para
            && (m.start as usize) >= range.start
            && (m.start as usize) < range.end
    };
    let found = state.entries.get(article)?.entities.as_ref()?;
    if let Some(w) = &state.walk
        && w.article == article
        && found.mentions.get(w.mention).is_some_and(inside)
    {
        return Some(w.clone());
    }
    let mention = found.mentions.iter().position(inside)?;
    let id = state.index.entity_of(article, mention)?;
    Some(Walk {
        entity: state.index.entities[id as usize].name.clone(),
        article,
        mention,
    })
}
