//! Entities in the app: highlights on and off (all, or per type), the entity panel of the
//! shown article, walking one entity's mentions across the briefing, and the list filtered to
//! the articles that mention it.

use super::action::Command;
use super::annotate::{self, Pos};
use super::state::{AppState, Focus};
use crate::analysis::aliases::Index;
use crate::analysis::entities::Kind;

/// Rows the help overlay gives the highlight legend, above the keys.
pub const HELP_LEGEND_ROWS: usize = 4;

/// Which entity types the reader highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlights {
    pub on: bool,
    pub hidden: [bool; 8],
}

impl Default for Highlights {
    fn default() -> Self {
        Highlights {
            on: true,
            hidden: [false; 8],
        }
    }
}

impl Highlights {
    pub fn shows(&self, kind: Kind) -> bool {
        self.on && !self.hidden[kind.index()]
    }
}

/// The entity whose mentions n/N walk, and the mention last visited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The entity's name (ids change as the index grows; names and aliases stay).
    pub entity: String,
    pub article: usize,
    pub mention: usize,
}

/// The entity panel: the selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityPanel {
    pub selected: usize,
}

/// One row of the entity panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A type, and how many of its entities the article mentions.
    Heading(Kind, usize),
    Entity {
        id: u32,
        /// Mentions in this article.
        here: usize,
    },
}

/// A plural heading for each type.
pub fn heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Org => "Organisations",
        Kind::Place => "Places",
        Kind::Misc => "Other names",
        Kind::Date => "Dates and times",
        Kind::Money => "Money",
        Kind::Percent => "Percentages",
        Kind::Quantity => "Quantities",
    }
}

/// The entity an index calls `name` (or knows by that alias).
pub fn find(index: &Index, name: &str) -> Option<u32> {
    let by = |f: &dyn Fn(&crate::analysis::aliases::Entity) -> bool| {
        index.entities.iter().position(f).map(|i| i as u32)
    };
    by(&|e| e.name == name).or_else(|| by(&|e| e.aliases.iter().any(|a| a == name)))
}

/// The type a mention is shown as: its entity's, once the index has joined it.
pub fn kind_of(state: &AppState, article: usize, mention: usize) -> Option<Kind> {
    let found = state.entries.get(article)?.entities.as_ref()?;
    let m = found.mentions.get(mention)?;
    Some(
        state
            .index
            .entity_of(article, mention)
            .and_then(|e| state.index.entities.get(e as usize))
            .map_or(m.kind, |e| e.kind),
    )
}

/// `H` (all types) and `H p`, `H o`... (one type).
pub fn toggle(state: &mut AppState, kind: Option<Kind>) {
    let h = &mut state.highlights;
    state.message = Some(match kind {
        // H: every type when some are hidden, else off, else on.
        None if h.on && h.hidden.iter().any(|&x| x) => {
            h.hidden = [false; 8];
            "every entity type highlighted".into()
        }
        None => {
            h.on = !h.on;
            h.hidden = [false; 8];
            if h.on {
                "entity highlights on".into()
            } else {
                "entity highlights off".into()
            }
        }
        // With highlights off, a type's key shows that type alone.
        Some(k) if !h.on => {
            h.on = true;
            h.hidden = [true; 8];
            h.hidden[k.index()] = false;
            format!("only {} highlighted", heading(k).to_lowercase())
        }
        Some(k) => {
            h.hidden[k.index()] = !h.hidden[k.index()];
            let what = heading(k).to_lowercase();
            if h.hidden[k.index()] {
                format!("{what} not highlighted")
            } else {
                format!("{what} highlighted")
            }
        }
    });
}

/// The panel's rows for the shown article: its entities by type, most mentioned first.
pub fn rows(state: &AppState) -> Vec<Row> {
    let Some(ids) = state.index.of.get(state.selected) else {
        return Vec::new();
    };
    let mut here: std::collections::HashMap<u32, usize> = Default::default();
    for &id in ids {
        *here.entry(id).or_default() += 1;
    }
    let mut out = Vec::new();
    // `/` in the panel: only the entities one of whose names holds the text.
    let filter = super::panel_filter::query(state);
    let named = |e: &crate::analysis::aliases::Entity| {
        filter
            .as_ref()
            .is_none_or(|q| q.is_in(&e.name) || e.aliases.iter().any(|a| q.is_in(a)))
    };
    for kind in Kind::ALL {
        let mut of_kind: Vec<(u32, usize)> = here
            .iter()
            .filter(|(id, _)| state.index.entities[**id as usize].kind == kind)
            .filter(|(id, _)| named(&state.index.entities[**id as usize]))
            .map(|(&id, &n)| (id, n))
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                let name = |id: u32| &state.index.entities[id as usize].name;
                name(a.0).cmp(name(b.0))
            })
        });
        out.push(Row::Heading(kind, of_kind.len()));
        out.extend(
            of_kind
                .into_iter()
                .map(|(id, here)| Row::Entity { id, here }),
        );
    }
    out
}

fn entity_rows(state: &AppState) -> Vec<usize> {
    rows(state)
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Entity { .. }))
        .map(|(i, _)| i)
        .collect()
}

pub fn open(state: &mut AppState) {
    if state.entity_panel.take().is_some() {
        return;
    }
    state.panel = None;
    state.panel_filter = None;
    reselect(state);
}

/// The panel's selection on its first entity (after opening or filtering).
pub(super) fn reselect(state: &mut AppState) {
    state.entity_panel = Some(EntityPanel {
        selected: entity_rows(state).first().copied().unwrap_or(0),
    });
}

pub fn step(state: &mut AppState, forward: bool) {
    let Some(p) = state.entity_panel else { return };
    if let Some(selected) = super::panel::next_row(&entity_rows(state), p.selected, forward) {
        state.entity_panel = Some(EntityPanel { selected });
    }
}

/// The commands that hide or show one type, and the type.
pub const TYPE_TOGGLES: [(Command, Kind); 8] = [
    (Command::TogglePerson, Kind::Person),
    (Command::ToggleOrg, Kind::Org),
    (Command::TogglePlace, Kind::Place),
    (Command::ToggleMisc, Kind::Misc),
    (Command::ToggleDate, Kind::Date),
    (Command::ToggleMoney, Kind::Money),
    (Command::TogglePercent, Kind::Percent),
    (Command::ToggleQuantity, Kind::Quantity),
];

/// The type a toggle command is for.
pub fn toggled(command: Command) -> Option<Kind> {
    TYPE_TOGGLES
        .iter()
        .find(|(c, _)| *c == command)
        .map(|(_, k)| *k)
}

/// The entity on the panel's selected row.
fn chosen(state: &AppState) -> Option<u32> {
    let p = state.entity_panel?;
    match rows(state).get(p.selected) {
        Some(Row::Entity { id, .. }) => Some(*id),
        _ => None,
    }
}

/// Enter: the reader at the entity's first mention in the article; n/N go on from there.
pub fn jump(state: &mut AppState) {
    let Some(id) = chosen(state) else { return };
    state.entity_panel = None;
    let name = state.index.entities[id as usize].name.clone();
    let first = mentions_in(state, state.selected, id).first().copied();
    if let Some(m) = first {
        state.search = None;
        visit(state, name, state.selected, m);
    }
}

/// `f`: only the articles that mention the chosen entity; again (or `F`) shows all.
pub fn filter(state: &mut AppState) {
    let Some(id) = chosen(state) else { return };
    let e = &state.index.entities[id as usize];
    if state.entity_filter.as_deref() == Some(e.name.as_str()) {
        clear_filter(state);
        return;
    }
    state.message = Some(format!(
        "articles that mention {} ({}) \u{2014} i then F shows all",
        e.name,
        e.articles.len()
    ));
    state.entity_filter = Some(e.name.clone());
    state.entity_panel = None;
    state.focus = Focus::List;
}

pub fn clear_filter(state: &mut AppState) {
    if state.entity_filter.take().is_some() {
        state.message = Some("all articles".into());
    }
    state.entity_panel = None;
}

/// The articles the entity filter lets through (all when there is none).
pub fn filter_allows(state: &AppState) -> Option<Vec<u32>> {
    let name = state.entity_filter.as_ref()?;
    Some(
        find(&state.index, name)
            .map(|id| state.index.entities[id as usize].articles.clone())
            .unwrap_or_default(),
    )
}

/// The mentions of entity `id` in article `article`, in reading order.
fn mentions_in(state: &AppState, article: usize, id: u32) -> Vec<usize> {
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
        para: m.para,
        byte: m.start,
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
        m.para == para && m.start >= range.start && m.start < range.end
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

/// Analysis progress: (articles analysed and joined into the index, articles there are to
/// analyse).
pub fn progress(state: &AppState) -> (usize, usize) {
    let total = state
        .entries
        .iter()
        .filter(|e| !matches!(e.body, super::state::Body::Failed(_)))
        .count();
    (state.index.analysed.min(total), total)
}
