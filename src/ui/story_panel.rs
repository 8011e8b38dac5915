//! A story panel over the screen: rows of headings and sentences, each sentence wrapped to the
//! panel's width (stacked, one outlet under another, so it works at any width), its marked
//! words reversed and underlined so they show without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, put};
use crate::app::AppState;
use crate::app::story_panel::{self, PanelKind, Row, StoryPanel};

pub fn render(state: &AppState, p: StoryPanel, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(outer) = super::panel_area(area, buf) else {
        return;
    };
    let title = match p.kind {
        PanelKind::Compare { .. } => {
            " This sentence in other outlets \u{2014} Enter goes there, Esc closes "
        }
        PanelKind::Differences { .. } => {
            " The story's differences \u{2014} Enter goes there, Esc closes "
        }
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);
    let rows = story_panel::rows(state, p.kind);
    let selected = story_panel::selected_row(state, p, &rows);
    let width = inner.width.saturating_sub(3).max(1);
    // Each row's screen lines: (row, text range or None for a heading).
    let mut lines: Vec<(usize, Option<std::ops::Range<usize>>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match row {
            Row::Heading(_) => lines.push((i, None)),
            Row::Sentence { text, .. } => lines.extend(
                crate::wrap::wrap(text, width)
                    .into_iter()
                    .map(|r| (i, Some(r))),
            ),
        }
    }
    // Keep the selected sentence in view.
    let visible = usize::from(inner.height);
    let last_of_selected = selected
        .and_then(|s| lines.iter().rposition(|(i, _)| *i == s))
        .unwrap_or(0);
    let first = (last_of_selected + 1).saturating_sub(visible);
    for (n, (i, range)) in lines.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + (n - first) as u16;
        match (&rows[*i], range) {
            (Row::Heading(text), _) => {
                put(
                    buf,
                    inner.x + 1,
                    y,
                    text,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
            }
            (Row::Sentence { text, marks, .. }, Some(range)) => {
                let chosen = selected == Some(*i);
                if chosen {
                    put(buf, inner.x, y, "\u{258c}", 1, Theme::plain());
                }
                let marked = theme
                    .selection()
                    .add_modifier(ratatui::style::Modifier::UNDERLINED);
                let layers: Vec<_> = marks.iter().map(|m| (m.clone(), marked)).collect();
                let spans = super::reader::styled(text, range.clone(), Theme::plain(), &layers);
                buf.set_line(inner.x + 2, y, &Line::from(spans), width);
            }
            _ => {}
        }
    }
}
