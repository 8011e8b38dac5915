//! Entities in the app: highlights on and off (all, or per type), the entity panel of the
//! shown article, walking one entity's mentions across the briefing, and the list filtered to
//! the articles that mention it.

use super::action::Command;
pub use super::walk::{Walk, step_mention};
use super::walk::{mentions_in, visit};

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

/// Analysis progress: (articles analysed and joined into the index, articles there are to
/// analyse).
pub fn progress(state: &AppState) -> (usize, usize) {
    let total = to_analyse(state);
    (state.index.analysed.min(total), total)
}

/// Tagging progress, for the status line: (articles whose entities are known, articles there
/// are to analyse), in one pass over the list. The index joins them later, and less often on
/// a large briefing (its rebuilds are budgeted), so its count would stand still while the
/// tagging goes on.
pub fn tagged(state: &AppState) -> (usize, usize) {
    state
        .entries
        .iter()
        .filter(|e| !matches!(e.body, super::state::Body::Failed(_)))
        .fold((0, 0), |(known, total), e| {
            (known + usize::from(e.entities.is_some()), total + 1)
        })
}

fn to_analyse(state: &AppState) -> usize {
    state
        .entries
        .iter()
        .filter(|e| !matches!(e.body, super::state::Body::Failed(_)))
        .count()
}
