//! The notes panel overlay: the article's (or briefing's) notes, with tags and first lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, put};
use crate::app::AppState;
use crate::app::panel::{self, Panel, Row};

pub fn render(state: &AppState, p: Panel, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(outer) = super::panel_area(area, buf) else {
        return;
    };
    let rows = panel::rows(state, p.briefing);
    let count = rows
        .iter()
        .filter(|r| matches!(r, Row::Note { .. }))
        .count();
    let scope = if p.briefing {
        "the briefing"
    } else {
        "this article"
    };
    let title = format!(
        " Notes in {scope}{} ({count}) \u{2014} Enter goes there, Tab switches, Esc closes ",
        super::filter_note(state)
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);
    if rows.is_empty() {
        put(
            buf,
            inner.x + 1,
            inner.y,
            "No notes yet: select with v, then t to tag or a to write.",
            inner.width.saturating_sub(1),
            theme.dim(),
        );
        return;
    }
    // Keep the selected row in view.
    let visible = usize::from(inner.height);
    let first = p.selected.saturating_sub(visible.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + (i - first) as u16;
        match row {
            Row::Heading(title) => {
                put(
                    buf,
                    inner.x + 1,
                    y,
                    title,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
            }
            Row::Note { line, .. } => {
                let style = if i == p.selected {
                    theme.selected(true)
                } else {
                    Theme::plain()
                };
                if i == p.selected {
                    buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
                }
                put(
                    buf,
                    inner.x + 2,
                    y,
                    line,
                    inner.width.saturating_sub(3),
                    style,
                );
            }
        }
    }
}
