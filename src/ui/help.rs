//! The help overlay: every binding in effect, by mode, with its description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Theme, put};
use crate::app::{AppState, Command};
use crate::keymap::Mode;

pub fn render(state: &AppState, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let x = area.x + (area.width - width) / 2;
    let outer = Rect::new(x, area.y + 1, width, height);
    Clear.render(outer, buf);
    let close = state
        .keymap
        .hint(Mode::Help, &[Command::CloseOverlay])
        .unwrap_or_default();
    let scroll_keys = state
        .keymap
        .hint(Mode::Help, &[Command::ScrollDown, Command::ScrollUp]);
    let title = match scroll_keys {
        Some(keys) => format!(" Keys \u{2014} {close} closes, {keys} scroll "),
        None => format!(" Keys \u{2014} {close} closes "),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);

    let rows = state.keymap.help_rows();
    let key_w = 20u16.min(inner.width / 2);
    let max_scroll = rows.len().saturating_sub(inner.height.into());
    let scroll = scroll.min(max_scroll);
    for (i, row) in rows
        .iter()
        .skip(scroll)
        .take(inner.height.into())
        .enumerate()
    {
        let y = inner.y + i as u16;
        if row.heading {
            put(
                buf,
                inner.x + 1,
                y,
                &row.keys,
                inner.width.saturating_sub(1),
                theme.title(),
            );
        } else {
            put(buf, inner.x + 2, y, &row.keys, key_w, theme.key());
            let desc_w = inner.width.saturating_sub(key_w + 3);
            put(
                buf,
                inner.x + 3 + key_w,
                y,
                &row.desc,
                desc_w,
                Theme::plain(),
            );
        }
    }
    // Say where in the list we are when it does not fit.
    if max_scroll > 0 && outer.width > 20 {
        let shown = (scroll + usize::from(inner.height)).min(rows.len());
        let more = if shown < rows.len() {
            "\u{2193} more"
        } else {
            "end"
        };
        let text = format!(" {}-{shown} of {} {more} ", scroll + 1, rows.len());
        let x = outer
            .right()
            .saturating_sub(text.chars().count() as u16 + 2);
        put(
            buf,
            x,
            outer.bottom() - 1,
            &text,
            outer.width / 2,
            theme.dim(),
        );
    }
}
