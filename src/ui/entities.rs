//! The entity panel overlay: the shown article's entities by type, each with its mentions here
//! and the number of articles in the briefing that mention it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, put};
use crate::app::AppState;
use crate::app::entities::{self, EntityPanel, Row};

pub fn render(state: &AppState, p: EntityPanel, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(outer) = super::panel_area(area, buf) else {
        return;
    };
    let rows = entities::rows(state);
    let count = rows
        .iter()
        .filter(|r| matches!(r, Row::Entity { .. }))
        .count();
    let (analysed, articles) = entities::progress(state);
    let so_far = if analysed < articles {
        let noun = crate::plural::for_count(articles, "article");
        format!(", counts from {analysed}/{articles} {noun}")
    } else {
        String::new()
    };
    let clear = if state.entity_filter.is_some() {
        " F all,"
    } else {
        ""
    };
    let long = format!(
        " Entities here{} ({count}{so_far}) \u{2014} Enter go, n/N next, f filter,{clear} Esc ",
        super::filter_note(state)
    );
    let title = if long.chars().count() + 2 <= usize::from(outer.width) {
        long
    } else {
        let so_far = if analysed < articles { ", so far" } else { "" };
        format!(" Entities ({count}{so_far}) Enter f{clear} Esc ")
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);
    if rows.is_empty() {
        let analysed = state
            .entries
            .get(state.selected)
            .is_some_and(|e| e.entities.is_some());
        let text = if analysed && state.index.of.get(state.selected).is_some() {
            "This article names no people, places, organisations, dates or figures."
        } else {
            "Finding this article's entities\u{2026}"
        };
        put(
            buf,
            inner.x + 1,
            inner.y,
            text,
            inner.width.saturating_sub(1),
            theme.dim(),
        );
        return;
    }
    let visible = usize::from(inner.height);
    let first = p.selected.saturating_sub(visible.saturating_sub(1));
    let counts_w: u16 = 24;
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + (i - first) as u16;
        match row {
            Row::Heading(kind, n) => {
                let text = format!("{} ({n})", entities::heading(*kind));
                let used = put(
                    buf,
                    inner.x + 1,
                    y,
                    &text,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
                // The type's highlight style, as a legend.
                let sample = format!(" {} ", kind.label());
                if inner.width > used + sample.len() as u16 + 3 {
                    put(
                        buf,
                        inner.x + used + 2,
                        y,
                        &sample,
                        sample.len() as u16,
                        theme.entity(*kind),
                    );
                }
            }
            Row::Entity { id, here } => {
                let e = &state.index.entities[*id as usize];
                let selected = i == p.selected;
                let style = if selected {
                    theme.selected(true)
                } else {
                    Theme::plain()
                };
                if selected {
                    buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
                }
                let filtered = state.entity_filter.as_deref() == Some(e.name.as_str());
                let mut name = e.name.clone();
                if !e.aliases.is_empty() {
                    name.push_str(&format!(" ({})", e.aliases.join(", ")));
                }
                if filtered {
                    name.insert_str(0, "[filter] ");
                }
                let articles = e.articles.len();
                let counts = format!(
                    "{here}\u{d7} here, {}",
                    crate::plural::count(articles, "article")
                );
                let name_w = inner.width.saturating_sub(counts_w + 4);
                put(buf, inner.x + 2, y, &name, name_w, style);
                if inner.width > counts_w + 4 {
                    let cw = counts.chars().count() as u16;
                    put(
                        buf,
                        inner.right().saturating_sub(cw + 1),
                        y,
                        &counts,
                        cw,
                        if selected { style } else { theme.dim() },
                    );
                }
            }
        }
    }
}
